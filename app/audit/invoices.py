"""Invoice data from QuickBooks Online: a CSV of TimeActivities or invoice lines, matched.

**QuickBooks CSV** (``--invoices``): one row per QuickBooks Online TimeActivity or invoice line.
Column names are matched without case, spaces or punctuation; aliases in brackets:

- ``ServiceDate`` (the work date on an invoice line) or ``TxnDate`` [Date]: a TimeActivity's work
  date, or an invoice's own date. One of them is required.
- ``Customer`` [Customer:Job, CustomerRef]: required; matched to a SOW client by name or alias.
- ``Hours`` [Qty, Quantity], plus ``Minutes`` when given: required.
- ``Rate`` [HourlyRate, UnitPrice, Sales Price] and/or ``Amount`` (else hours x rate).
- ``BillableStatus``: ``HasBeenBilled`` is invoiced, ``Billable``/``NotBillable`` are not;
  without the column every row is an invoice line, i.e. invoiced.
- Optional: ``Employee`` [EmployeeRef, Name], ``Description`` [Memo/Description, Memo],
  ``Item`` [Service, Product/Service, ItemRef], ``DocNumber`` [Invoice No, Num], and
  ``Entry ID`` [Time Entry ID, Entry Key]: the tracker entry id, an exact link.

A line links to an entry by ``Entry ID``, else to an unlinked entry of the same client and date
whose person and description agree (when the line has them), the same hours first. A line
without person or description needs the same hours. Lines left over (aggregated invoice lines,
lines without a ServiceDate) count in their client and month's invoiced totals only; the
not-invoiced findings of that client and month then need a decision.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.classify.policy import cents
from app.domain.entries import TimeEntry
from app.domain.rulebook import RuleBook, name_key
from app.sources.exports import (
    Cells,
    ImportProblem,
    detect_date_order,
    detect_decimal_comma,
    parse_date,
    parse_duration,
    parse_number,
)


class InvoiceFormatError(ValueError):
    """The invoice file as a whole cannot be read."""


@dataclass(frozen=True)
class InvoiceLine:
    row: int
    day: date
    client: str  # SOW client id, "internal" or "unknown"
    customer: str
    employee: str
    description: str
    item: str
    doc: str
    hours: Decimal
    rate: Decimal | None
    amount: Decimal
    invoiced: bool
    entry_id: str

    @property
    def month(self) -> str:
        return self.day.strftime("%Y-%m")


@dataclass(frozen=True)
class InvoiceFile:
    path: Path
    lines: list[InvoiceLine]
    problems: list[ImportProblem]


_ALIASES: dict[str, tuple[str, ...]] = {
    "service_date": ("servicedate",),
    "txn_date": ("txndate", "date", "transactiondate"),
    "customer": ("customer", "customerjob", "customerref", "customername", "customerfullname"),
    "hours": ("hours", "qty", "quantity"),
    "minutes": ("minutes",),
    "rate": ("rate", "hourlyrate", "unitprice", "salesprice", "rateprice"),
    "amount": ("amount",),
    "status": ("billablestatus",),
    "employee": ("employee", "employeeref", "employeename", "name"),
    "description": ("description", "memodescription", "memo"),
    "item": ("item", "service", "productservice", "itemref", "serviceitem"),
    "doc": ("docnumber", "invoiceno", "invoicenumber", "num", "no"),
    "entry_id": ("entryid", "timeentryid", "entrykey"),
}
_STATUS = {"hasbeenbilled": True, "billable": False, "notbillable": False}


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _columns(header: Sequence[str]) -> dict[str, str]:
    by_squash = {_squash(h): h for h in header}
    found = {}
    for key, aliases in _ALIASES.items():
        name = next((by_squash[a] for a in aliases if a in by_squash), None)
        if name is not None:
            found[key] = name
    return found


def _check_columns(file: str, columns: dict[str, str]) -> None:
    missing = [
        label
        for label, keys in (
            ("ServiceDate or TxnDate", ("service_date", "txn_date")),
            ("Customer", ("customer",)),
            ("Hours or Qty", ("hours",)),
            ("Rate or Amount", ("rate", "amount")),
        )
        if not any(k in columns for k in keys)
    ]
    if missing:
        raise InvoiceFormatError(
            f"{file}: not a QuickBooks time or invoice-lines CSV: no column {', '.join(missing)}"
        )


def _records(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvoiceFormatError(f"{path.name}: is not UTF-8 text") from exc
    first = text.partition("\n")[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    numbered = [(n, r) for n, r in enumerate(rows, start=1) if any(c.strip() for c in r)]
    if not numbered:
        raise InvoiceFormatError(f"{path.name}: is empty")
    (_, header), *data = numbered
    header = [h.strip() for h in header]
    return header, [(n, dict(zip(header, r, strict=False))) for n, r in data]


class _LineReader:
    def __init__(self, file: str, columns: dict[str, str], records: list[dict[str, str]]) -> None:
        self.file, self.col = file, columns
        dates = [
            r.get(columns.get(k, ""), "") for r in records for k in ("service_date", "txn_date")
        ]
        numbers = [
            r.get(columns.get(k, ""), "") for r in records for k in ("hours", "rate", "amount")
        ]
        self.order = detect_date_order(dates)
        self.comma = detect_decimal_comma(numbers)

    def text(self, cells: Cells, key: str) -> str:
        return cells.text(self.col[key]) if key in self.col else ""

    def number(self, cells: Cells, key: str) -> Decimal | None:
        if not self.text(cells, key):
            return None
        return cells.parse(self.col[key], self._number)

    def _number(self, value: str) -> Decimal:
        return (
            parse_duration(value) if ":" in value else parse_number(value, decimal_comma=self.comma)
        )

    def day(self, cells: Cells) -> date | None:
        key = "service_date" if self.text(cells, "service_date") else "txn_date"
        if key not in self.col:
            cells.fail(None, "no ServiceDate or TxnDate")
            return None
        return cells.parse(self.col[key], lambda v: parse_date(v, self.order))

    def status(self, cells: Cells) -> bool:
        value = self.text(cells, "status")
        if not value:
            return "status" not in self.col
        found = _STATUS.get(_squash(value))
        if found is None:
            cells.fail(
                self.col["status"], f"{value!r} is not HasBeenBilled, Billable or NotBillable"
            )
        return bool(found)

    def line(
        self, number: int, raw: dict[str, str], client: Callable[[str], str]
    ) -> InvoiceLine | None:
        cells = Cells(self.file, number, raw)
        day, hours = self.day(cells), self.number(cells, "hours")
        minutes, rate, amount = (self.number(cells, k) for k in ("minutes", "rate", "amount"))
        invoiced = self.status(cells)
        customer = self.text(cells, "customer")
        if not customer:
            cells.fail(self.col["customer"], "value is missing")
        if hours is None and not cells.problems:
            cells.fail(self.col["hours"], "value is missing")
        hours = (hours or Decimal(0)) + (minutes or Decimal(0)) / 60
        if amount is None and rate is None and not cells.problems:
            cells.fail(None, "neither Rate nor Amount")
        if day is None or cells.problems:
            raise _RowError(cells.problems)
        return InvoiceLine(
            row=number, day=day, client=client(customer), customer=customer,
            employee=self.text(cells, "employee"), description=self.text(cells, "description"),
            item=self.text(cells, "item"), doc=self.text(cells, "doc"), hours=hours, rate=rate,
            amount=amount if amount is not None else cents(hours * (rate or 0)),
            invoiced=invoiced, entry_id=self.text(cells, "entry_id"),
        )  # fmt: skip


class _RowError(Exception):
    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems


def client_of(book: RuleBook, customer: str) -> str:
    """The SOW client a QuickBooks customer ("Acme Corp:Build" included) stands for."""
    found = book.resolve_client(customer, *customer.split(":"))
    if found:
        return found
    return "internal" if book.is_internal(customer.split(":", maxsplit=1)[0]) else "unknown"


def read_invoices(path: Path, book: RuleBook) -> InvoiceFile:
    """Read a QuickBooks CSV; whole-file problems raise ``InvoiceFormatError``."""
    if not path.is_file():
        raise InvoiceFormatError(f"{path}: no such file")
    header, records = _records(path)
    columns = _columns(header)
    _check_columns(path.name, columns)
    reader = _LineReader(path.name, columns, [raw for _, raw in records])
    lines: list[InvoiceLine] = []
    problems: list[ImportProblem] = []
    for number, raw in records:
        try:
            line = reader.line(number, raw, lambda name: client_of(book, name))
        except _RowError as exc:
            problems += exc.problems
            continue
        if line is not None:
            lines.append(line)
    return InvoiceFile(path, lines, problems)


@dataclass
class Matching:
    """Invoice lines per entry index, and the lines no entry matched."""

    by_entry: dict[int, list[InvoiceLine]] = field(default_factory=lambda: defaultdict(list))
    unmatched: list[InvoiceLine] = field(default_factory=list)

    def unmatched_months(self) -> set[tuple[str, str]]:
        """(client, month) pairs with invoiced lines no entry matched."""
        return {(line.client, line.month) for line in self.unmatched if line.invoiced}


def _same_person(line: InvoiceLine, entry: TimeEntry) -> bool:
    if not line.employee:
        return True
    names = {name_key(n) for n in (entry.user_name, entry.user_email, entry.user_ref) if n}
    return name_key(line.employee) in names


def fits(line: InvoiceLine, entry: TimeEntry) -> bool:
    """The line could be this entry: its person and description agree (or it has the hours)."""
    if not line.employee and not line.description and line.hours != entry.hours:
        return False
    same_text = not line.description or name_key(line.description) == name_key(entry.description)
    return same_text and _same_person(line, entry)


def match_lines(
    lines: Iterable[InvoiceLine], entries: Sequence[TimeEntry], clients: Sequence[str]
) -> Matching:
    by_id: dict[str, int] = {}
    by_day: dict[tuple[str, date], list[int]] = defaultdict(list)
    for i, entry in enumerate(entries):
        by_id.setdefault(entry.external_id, i)
        by_id.setdefault(entry.key, i)
        by_day[(clients[i], entry.work_date)].append(i)
    matching, used = Matching(), set[int]()
    for line in lines:
        found = by_id.get(line.entry_id) if line.entry_id else None
        if found is None and not line.entry_id:
            candidates = [
                i
                for i in by_day[(line.client, line.day)]
                if i not in used and fits(line, entries[i])
            ]
            found = min(candidates, key=lambda i: entries[i].hours != line.hours, default=None)
        if found is None:
            matching.unmatched.append(line)
            continue
        used.add(found)
        matching.by_entry[found].append(line)
    return matching
