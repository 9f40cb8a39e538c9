"""An invoice draft for one client and one month: its lines, and what was kept off them.

Money is ``Decimal`` throughout. A line's amount is its quantity times its unit price, rounded
once, to the cent, half up (``ROUND_HALF_UP``); the draft's total is the sum of its lines. No
figure here is computed from entry text or a model's answer: rates, fractions, caps and
retainer terms come from the client's rules, hours from the approved decisions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from app.classify.policy import CENT, next_month

ZERO = Decimal(0)
_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month, written ``YYYY-MM``: the unit an invoice covers."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Period:
        found = _PERIOD.match(text.strip())
        if found is None or not 1 <= int(found[2]) <= 12:
            raise ValueError(f"period {text!r} is not a month written YYYY-MM (e.g. 2026-10)")
        return cls(int(found[1]), int(found[2]))

    @classmethod
    def of(cls, day: date) -> Period:
        return cls(day.year, day.month)

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        return next_month(self.start) - timedelta(days=1)

    @property
    def label(self) -> str:
        return self.start.strftime("%B %Y")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


class LineKind(StrEnum):
    HOURLY = "hourly"  # billable hours x the SOW rate
    RETAINER_FEE = "retainer_fee"  # the month's fee, quantity 1
    RETAINER_OVERAGE = "retainer_overage"  # hours beyond the retainer's, at the code's rate
    UNIT_FEE = "unit_fee"  # a per_unit code's fee x the units (days, person-days, entries, 1 month)


@dataclass(frozen=True)
class InvoiceLine:
    """One invoice line. ``qty`` is billable hours (hours worked x fraction), 1 for a retainer's
    fee, or the units of a per-unit fee (days, person-days, entries);
    ``amount`` is ``cents(qty x rate)``."""

    code: str
    kind: LineKind
    description: str
    qty: Decimal
    rate: Decimal
    amount: Decimal
    hours_worked: Decimal = ZERO
    roles: tuple[str, ...] = ()
    entry_keys: tuple[str, ...] = ()
    time_activity_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class WriteDown:
    """Approved billable time past a cap: not invoiced, proposed as a write-down (or a change
    order candidate). ``value`` is what it would have billed: billable hours x rate, rounded."""

    code: str
    rate: Decimal
    hours_worked: Decimal
    billable_hours: Decimal
    value: Decimal
    reason: str
    entry_keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Proposal:
    """A line the draft does not bill: retainer overage waiting for the client's approval."""

    line: InvoiceLine
    reason: str
    needs_client_approval: bool = True


@dataclass(frozen=True)
class Excluded:
    """Entries of the client and month kept off the invoice, for one reason."""

    entries: int = 0
    hours: Decimal = ZERO
    value: Decimal = ZERO  # the decisions' amounts: what they would bill once approved
    by_code: tuple[tuple[str, int, Decimal, Decimal], ...] = ()  # code, entries, hours, value


@dataclass(frozen=True)
class InvoiceDraft:
    client_id: str
    client_name: str
    sow_id: str
    currency: str
    period: Period
    txn_date: date
    due_date: date | None = None
    lines: tuple[InvoiceLine, ...] = ()
    write_downs: tuple[WriteDown, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    awaiting_review: Excluded = field(default_factory=Excluded)
    non_billable: Excluded = field(default_factory=Excluded)
    notes: tuple[str, ...] = ()
    per_entry_total: Decimal = ZERO  # the billed hourly pieces rounded one by one

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def hourly_total(self) -> Decimal:
        fees = (LineKind.RETAINER_FEE, LineKind.UNIT_FEE)
        return sum((ln.amount for ln in self.lines if ln.kind not in fees), ZERO)

    @property
    def rounding_difference(self) -> Decimal:
        """Per-line minus per-entry rounding, over the hourly lines (cents at most per line)."""
        return self.hourly_total - self.per_entry_total

    @property
    def written_down(self) -> Decimal:
        return sum((w.value for w in self.write_downs), ZERO)

    @property
    def proposed(self) -> Decimal:
        return sum((p.line.amount for p in self.proposals), ZERO)


def fmt_hours(value: Decimal) -> str:
    """Hours with two decimals, or every decimal they have beyond (0.125, 0.9999), never
    rounded: a line's quantity reads as the ``Qty`` QuickBooks gets."""
    return f"{value:.2f}" if value == value.quantize(CENT) else format(value.normalize(), "f")


def fmt_money(value: Decimal) -> str:
    return f"{value:,.2f}"
