"""Retainer use per month against its allowance with rollover: an alert, never a flag.

The allowance of a month is ``retainer_hours`` plus last month's unused hours (from the same
batch), at most ``rollover_hours``; a batch without last month carries nothing over. Hours past
it are overage, billed at the overage rate on the invoice draft (where the entry crossing the
line is split); here they raise an alert so a PM sees it coming.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

from app.domain.decisions import Decision
from app.domain.entries import TimeEntry
from app.domain.rulebook import RuleBook
from app.domain.rules import Basis, BillingCode

Month = str  # YYYY-MM
Used = dict[tuple[str, str], dict[Month, Decimal]]  # (client, code) -> month -> hours


def retainer_use(
    book: RuleBook, entries: Sequence[TimeEntry], decisions: Sequence[Decision]
) -> list[tuple[str, str, Month, Decimal, Decimal]]:
    """(client, code, month, used, allowance) for retainer codes with a rollover."""
    rolling = rolling_codes(book)
    used: Used = defaultdict(lambda: defaultdict(Decimal))
    for entry, d in zip(entries, decisions, strict=True):
        if (d.client_id, d.code) in rolling:
            used[(d.client_id or "", d.code or "")][_month(entry.work_date)] += entry.hours
    return [
        (key[0], key[1], month, hours, allowance)
        for key, months in used.items()
        for month, hours, allowance in month_allowances(rolling[key], months)
    ]


def month_allowances(
    code: BillingCode, months: Mapping[Month, Decimal]
) -> list[tuple[Month, Decimal, Decimal]]:
    """(month, hours used, allowance) in month order, for one retainer code's months."""
    return [
        (month, hours, month_allowance(code, months.get(previous_month(month))))
        for month, hours in sorted(months.items())
    ]


def month_allowance(code: BillingCode, before: Decimal | None) -> Decimal:
    """A retainer's hours for a month: ``retainer_hours`` plus the hours of it left unused the
    month before (``before`` hours used; None when that month is not known), at most
    ``rollover_hours``."""
    included = code.retainer_hours or Decimal(0)
    if before is None or code.rollover_hours is None:
        return included
    return included + min(code.rollover_hours, max(included - before, Decimal(0)))


def rolling_codes(book: RuleBook) -> dict[tuple[str | None, str | None], BillingCode]:
    return {
        (cid, code.code): code
        for cid, client in book.clients.items()
        for code in client.codes
        if code.resolved_basis is Basis.RETAINER and code.rollover_hours is not None
    }


def _month(day: date) -> Month:
    return day.strftime("%Y-%m")


def previous_month(month: Month) -> Month:
    first = date.fromisoformat(f"{month}-01")
    return _month(first - timedelta(days=1))
