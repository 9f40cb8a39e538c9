"""What was logged and what was billed for each entry, and on what evidence.

The export's own billing columns are found by header name, whichever vendor: the Billable tick is
already ``TimeEntry.billable_flag``; ``Billable Rate*`` (Clockify ``Billable Rate (USD)``, Harvest
``Billable Rate``), ``Billable Amount*`` (or Toggl's ``Amount (...)``) and ``Invoiced`` /
``Invoiced?`` are read here. An unreadable cell is reported and read as unknown.

What was billed comes from, in this order: a QuickBooks file (``invoices.py``) when one is given,
the export's ``Invoiced`` column, the Billable tick (a stand-in: "billed as logged"), else unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from app.audit.invoices import InvoiceLine
from app.classify.policy import cents
from app.domain.entries import TimeEntry
from app.sources.exports import (
    Cells,
    ExportStream,
    ImportProblem,
    ImportResult,
    detect_decimal_comma,
    parse_number,
)

_HOURS = ("Duration (decimal)", "Hours")


@dataclass(frozen=True)
class Logged:
    """The entry as the employee logged it. ``amount`` is the billable amount (0 if unticked)."""

    flag: bool | None
    rate: Decimal | None
    amount: Decimal | None


class BilledBasis(StrEnum):
    INVOICE_FILE = "invoice_file"
    EXPORT_INVOICED = "export_invoiced"
    LOGGED_FLAG = "logged_flag"  # no invoice data: the Billable tick stands in
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Billed:
    """What was billed for one entry, and on what evidence."""

    basis: BilledBasis
    billed: bool | None
    hours: Decimal = Decimal(0)
    amount: Decimal | None = None
    unit_rate: Decimal | None = None  # the rate shown on the line or the export, if any

    @property
    def from_invoices(self) -> bool:
        return self.basis in (BilledBasis.INVOICE_FILE, BilledBasis.EXPORT_INVOICED)

    @property
    def rate(self) -> Decimal | None:
        """The hourly rate billed: the one shown, else amount / hours; None when unknown."""
        if not self.billed:
            return None
        if self.unit_rate is not None:
            return self.unit_rate
        if self.amount is None or self.hours <= 0:
            return None
        return self.amount / self.hours


def _column(header: Sequence[str], *prefixes: str) -> str | None:
    return next((h for h in header for p in prefixes if h.startswith(p)), None)


class Row(Protocol):
    """An export row's number and cells (``ImportedRow``, or a stream's second pass)."""

    @property
    def line(self) -> int: ...
    @property
    def raw(self) -> dict[str, str]: ...


def _raws(source: ImportResult | ExportStream) -> Iterable[dict[str, str]]:
    if isinstance(source, ImportResult):
        return (row.raw for row in source.rows)
    return (raw for _, raw in source.raw_rows())  # one more read of a streamed file


class ExportBilling:
    """Reads one export's billing columns; collects problems instead of raising."""

    def __init__(self, source: ImportResult | ExportStream) -> None:
        header = source.header
        self.rate_col = _column(header, "Billable Rate")
        self.amount_col = _column(header, "Billable Amount", "Amount (")
        self.invoiced_col = _column(header, "Invoiced")
        # The money columns, and the hours the vendor module read with the same locale.
        numeric = [c for c in (self.rate_col, self.amount_col, *_HOURS) if c in header]
        values = (raw.get(c, "") for raw in _raws(source) for c in numeric) if numeric else ()
        self.decimal_comma = detect_decimal_comma(values)
        self.file = source.path.name
        self.problems: list[ImportProblem] = []

    def logged(self, row: Row, entry: TimeEntry) -> Logged:
        cells = Cells(self.file, row.line, row.raw)
        rate = self._number(cells, self.rate_col)
        amount = self._number(cells, self.amount_col)
        if amount is None and rate is not None and entry.billable_flag:
            amount = cents(entry.hours * rate)
        return Logged(entry.billable_flag, rate, amount)

    def invoiced(self, row: Row) -> bool | None:
        cells = Cells(self.file, row.line, row.raw)
        value = cells.flag(self.invoiced_col) if self.invoiced_col else None
        self.problems += cells.problems
        return value

    def _number(self, cells: Cells, column: str | None) -> Decimal | None:
        if column is None or not cells.text(column):
            return None
        value = cells.parse(column, lambda v: parse_number(v, decimal_comma=self.decimal_comma))
        self.problems += cells.problems
        cells.problems.clear()
        return value


def from_invoice_file(lines: Sequence[InvoiceLine]) -> Billed:
    """The invoiced lines matched to one entry (none: not invoiced)."""
    invoiced = [line for line in lines if line.invoiced]
    rates = {line.rate for line in invoiced}
    return Billed(
        BilledBasis.INVOICE_FILE,
        bool(invoiced),
        sum((line.hours for line in invoiced), Decimal(0)),
        sum((line.amount for line in invoiced), Decimal(0)),
        rates.pop() if len(rates) == 1 else None,
    )


def from_export(entry: TimeEntry, logged: Logged, invoiced: bool | None) -> Billed:
    """The export's Invoiced column, else the Billable tick, else unknown."""
    if invoiced is not None:
        return _billed(BilledBasis.EXPORT_INVOICED, invoiced, entry, logged)
    if logged.flag is not None:
        return _billed(BilledBasis.LOGGED_FLAG, logged.flag, entry, logged)
    return Billed(BilledBasis.UNKNOWN, None)


def _billed(basis: BilledBasis, billed: bool, entry: TimeEntry, logged: Logged) -> Billed:
    if not billed:
        return Billed(basis, False, Decimal(0), Decimal(0))
    return Billed(basis, True, entry.hours, logged.amount, logged.rate)
