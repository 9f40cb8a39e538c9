"""Effort tracked on non-billable codes that ``counts_toward`` a fixed fee: shown, never billed."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from app.domain.decisions import Decision
from app.domain.entries import TimeEntry
from app.domain.rules import ClientRules
from app.invoices.model import ZERO, fmt_hours, fmt_money


def tracked_notes(
    rules: ClientRules, unbillable: Sequence[tuple[TimeEntry, Decision]]
) -> tuple[str, ...]:
    """One note per fixed-fee code with tracked effort this month."""
    by_id = {c.code: c for c in rules.codes}
    hours: dict[str, Decimal] = {}
    for entry, d in unbillable:
        code = by_id.get(d.code or "")
        if code is not None and code.counts_toward:
            hours[code.counts_toward] = hours.get(code.counts_toward, ZERO) + entry.hours
    notes = []
    for target, worked in sorted(hours.items()):
        fee = by_id[target].fixed_fee if target in by_id else None
        of_fee = f" ({fmt_money(fee)})" if fee is not None else ""
        notes.append(
            f"{fmt_hours(worked)} h of effort tracked against the fixed fee {target}{of_fee}"
            " on non-billable codes this month: counted, not billed."
        )
    return tuple(notes)
