"""A retainer's monthly allowance with rollover, and its overage rate. No I/O.

The month's allowance is ``retainer_hours`` plus the hours left unused last month, at most
``rollover_hours``. Last month's use is ``PriorBilling.retainer_used`` when given, else the
approved entries of last month among the pairs the draft was given; with neither, nothing rolls
over and the draft says so. Hours past the allowance, in entry order (the entry crossing the line
split), are overage at ``overage_rate`` (else the code's rate).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal

from app.domain.decisions import Decision
from app.domain.entries import TimeEntry
from app.domain.rules import BillingCode
from app.invoices.caps import Piece, PriorBilling
from app.invoices.model import ZERO, Period, fmt_hours


@dataclass(frozen=True)
class Allowance:
    hours: Decimal
    carried: Decimal = ZERO
    note: str = ""


def allowance(
    code: BillingCode,
    pairs: Sequence[tuple[TimeEntry, Decision]],
    period: Period,
    prior: PriorBilling,
) -> Allowance:
    included = code.retainer_hours or ZERO
    if code.rollover_hours is None:
        return Allowance(included)
    used = prior.retainer_used.get(code.code)
    if used is None:
        used = _used_last_month(code, pairs, period)
    if used is None:
        note = (
            f"{code.code}: last month's use was not given, so no unused hours roll over "
            f"(up to {fmt_hours(code.rollover_hours)} h would)."
        )
        return Allowance(included, ZERO, note)
    carried = min(code.rollover_hours, max(included - used, ZERO))
    note = (
        f"{code.code}: {fmt_hours(carried)} h unused last month roll over "
        f"({fmt_hours(used)} h used of {fmt_hours(included)} h, at most "
        f"{fmt_hours(code.rollover_hours)} h carried): "
        f"{fmt_hours(included + carried)} h this month."
    )
    return Allowance(included + carried, carried, note)


def at_overage_rate(code: BillingCode, pieces: list[Piece]) -> list[Piece]:
    """Overage pieces priced at the code's ``overage_rate`` when it has one."""
    if code.overage_rate is None:
        return pieces
    rate = code.overage_rate
    return [replace(p, decision=p.decision.model_copy(update={"rate": rate})) for p in pieces]


def _used_last_month(
    code: BillingCode, pairs: Sequence[tuple[TimeEntry, Decision]], period: Period
) -> Decimal | None:
    last = Period.of(period.start - timedelta(days=1))
    hours = [
        e.hours
        for e, d in pairs
        if d.code == code.code and e.work_date in last and not d.needs_review
    ]
    return sum(hours, ZERO) if hours else None
