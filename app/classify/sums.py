"""Checks across entries: caps, not-to-exceed amounts, hours per request and per person-day.

They raise alerts and flag the entries past the line; they never change a code. An
``alert_only`` cap (a budget, an estimate) raises its alert and flags nothing.
Entries are taken in date order, so the entry that crosses a cap is the first one flagged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.classify.cap_scope import caps_for, request_of
from app.classify.retainer_sums import retainer_use
from app.domain.decisions import Decision, ReviewReason
from app.domain.entries import TimeEntry
from app.domain.rule_terms import HoursLimit, RequestLimit
from app.domain.rulebook import RuleBook
from app.domain.rules import Cap


@dataclass(frozen=True)
class Alert:
    client_id: str
    code: str
    period: str
    used: Decimal
    limit: Decimal
    unit: str  # "h" or the currency
    kind: str = "cap"  # "budget" for an alert-only estimate, "request" for hours per request

    def __str__(self) -> str:
        share = self.used / self.limit if self.limit else Decimal(0)
        what = "" if self.kind in ("cap", self.period) else f" {self.kind}"
        return (
            f"{self.client_id} {self.code} {self.period}{what}: {self.used:.2f} of"
            f" {self.limit:.2f} {self.unit} ({share:.0%})"
        )


def period_key(cap: Cap, code: str, day: date) -> tuple[str, str]:
    if cap.period == "month":
        return (code, day.strftime("%Y-%m"))
    if cap.period == "phase":
        return (code, "phase")
    return (code, "sow")  # "*": a not-to-exceed over all of the client's billable work


Flags = dict[int, list[tuple[ReviewReason, str]]]
LedgerKey = tuple[str, str, str, str]  # client, unit, code ("A+B", "*", a request), period


@dataclass
class _Ledger:
    """Running totals per cap, in date order."""

    flagged: Flags
    used: dict[LedgerKey, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    limits: dict[LedgerKey, tuple[Decimal, Decimal, str]] = field(default_factory=dict)

    def count(
        self, cap: Cap, label: str, client_id: str, d: Decision, at: tuple[date, int]
    ) -> None:
        code, period = period_key(cap, label, at[0])
        kind = "budget" if cap.alert_only else "cap"
        for limit, value, unit in ((cap.hours, d.hours, "h"), (cap.amount, d.amount, "USD")):
            if limit is None:
                continue
            key = (client_id, unit, code, period)
            self.limits[key] = (limit, Decimal(str(cap.alert_at)), kind)
            self.used[key] += value
            if self.used[key] > limit and not cap.alert_only:
                note = f"over cap {code} {period}: {self.used[key]:.2f} > {limit:.2f} {unit}"
                self.flagged[at[1]].append((ReviewReason.OVER_CAP, note))

    def request(
        self, limit: RequestLimit, client_id: str, request: str, hours: Decimal, i: int
    ) -> None:
        key = (client_id, "h", request, "request")
        self.limits[key] = (limit.hours, Decimal(str(limit.alert_at)), "request")
        self.used[key] += hours
        if self.used[key] > limit.hours:
            note = f"request {request}: {self.used[key]:.2f} h > {limit.hours:.2f} h: change order?"
            self.flagged[i].append((ReviewReason.OVER_REQUEST_HOURS, note))

    def alerts(self) -> list[Alert]:
        """Caps whose use reached their alert share (80% unless the rules say otherwise)."""
        return [
            Alert(key[0], key[2], key[3], self.used[key], limit, key[1], kind)
            for key, (limit, alert_at, kind) in self.limits.items()
            if self.used[key] >= limit * alert_at
        ]


def apply_sums(
    book: RuleBook, entries: Sequence[TimeEntry], decisions: list[Decision]
) -> tuple[list[Decision], list[Alert]]:
    """Flag entries over caps and over the person-day limit; return the alerts raised."""
    flagged: Flags = defaultdict(list)
    ledger = _Ledger(flagged)
    for i in sorted(range(len(entries)), key=lambda i: (entries[i].work_date, i)):
        _count_caps(book, ledger, decisions[i], entries[i].work_date, i)
        _count_request(book, ledger, entries[i], decisions[i], i)
    _day_hours(book, entries, decisions, flagged)
    out = list(decisions)
    for i, extra in flagged.items():
        out[i] = with_flags(out[i], extra)
    retainers = [
        Alert(client, code, month, used, limit, "h", "retainer")
        for client, code, month, used, limit in retainer_use(book, entries, out)
        if used >= limit * Decimal("0.8")
    ]
    return out, ledger.alerts() + retainers


def _count_caps(book: RuleBook, ledger: _Ledger, d: Decision, day: date, i: int) -> None:
    client = book.clients.get(d.client_id or "")
    if client is None or d.code is None:
        return
    for cap, label in caps_for(client, d):
        ledger.count(cap, label, client.client.id, d, (day, i))


def _count_request(book: RuleBook, ledger: _Ledger, e: TimeEntry, d: Decision, i: int) -> None:
    client = book.clients.get(d.client_id or "")
    limit = client.requests if client else None
    if client is None or limit is None or d.code is None:
        return
    if request := request_of(limit, e, d.code):
        ledger.request(limit, client.client.id, request, d.hours, i)


def _day_hours(
    book: RuleBook,
    entries: Sequence[TimeEntry],
    decisions: list[Decision],
    flagged: Flags,
) -> None:
    per_day: dict[tuple[str, date], list[int]] = defaultdict(list)
    for i, entry in enumerate(entries):
        per_day[(entry.user_ref or entry.user_name, entry.work_date)].append(i)
    for (_, day), idx in per_day.items():
        limit = day_limit(book, decisions[idx[0]].client_id)
        counted = [i for i in idx if decisions[i].code not in limit.exempt_codes]
        total = sum((entries[i].hours for i in counted), Decimal(0))
        if total > limit.hours:
            for i in idx:
                flagged[i].append((ReviewReason.OVER_DAY_HOURS, f"{total} h logged on {day}"))


def day_limit(book: RuleBook, client_id: str | None) -> HoursLimit:
    client = book.clients.get(client_id or "")
    return client.review.max_day_hours if client else book.firm.review.max_day_hours


def with_flags(d: Decision, extra: list[tuple[ReviewReason, str]]) -> Decision:
    reasons = tuple(dict.fromkeys((*d.review_reasons, *(r for r, _ in extra))))
    notes = "; ".join(n for _, n in extra)
    return d.model_copy(
        update={"review_reasons": reasons, "needs_review": True, "reason": f"{d.reason}; {notes}"}
    )
