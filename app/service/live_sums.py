"""The checks across entries, live: caps, hours per request, hours per person-day.

``timebill classify`` totals a whole export at once (``app.classify.sums``); the worker decides
one entry at a time, so it keeps the totals in the store (``Store.tally``): what each entry adds
to each total, keyed by the entry, replaced at each decision (an edit, a retry, a resend: the
entry still counts once), set to nothing when the entry is deleted at the source, and set again
from the parts a reviewer wrote. An entry whose decision takes a total past its limit goes to a
person with the reason and the note ``classify`` gives (``over_cap``, ``over_request_hours``,
``over_day_hours``). An ``alert_only`` cap (a budget) flags nothing, here as there.

What a stream cannot do as a whole file does:

* totals are taken in arrival order, not date order: the entry that arrives past the line is
  the one flagged (and every later one of that total);
* a person-day past its limit flags the entry that crosses it and the later ones; the day's
  earlier entries were decided already;
* totals start with the first entry the service decides for the tenant: a month, a phase or
  a not-to-exceed under way on that day counts from then (RUNBOOK.md, "Running totals").

People are named in a total's key by a digest, never by name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from app.classify.cap_scope import request_of
from app.classify.period_ledger import cap_counts
from app.classify.sums import day_limit, with_flags
from app.domain.decisions import Decision, ReviewReason
from app.domain.entries import TimeEntry
from app.domain.rulebook import RuleBook

if TYPE_CHECKING:
    from app.ports import Store

_ZERO = Decimal(0)
_AGREEMENT_PERIODS = frozenset({"phase", "sow"})  # ``sums.period_key``'s other periods


@dataclass(frozen=True)
class Count:
    """What one decision adds to one total, and the line that total must not cross."""

    key: str
    value: Decimal
    limit: Decimal
    reason: ReviewReason
    what: str  # for the note: "ACME-STRAT 2026-11" (a cap), "REQ-12" (a request), the day
    unit: str = "h"

    def note(self, total: Decimal) -> str:
        """The note ``classify`` gives the same flag (``app.classify.sums``; hours to 2 places)."""
        if self.reason is ReviewReason.OVER_CAP:
            return f"over cap {self.what}: {total:.2f} > {self.limit:.2f} {self.unit}"
        if self.reason is ReviewReason.OVER_REQUEST_HOURS:
            return f"request {self.what}: {total:.2f} h > {self.limit:.2f} h: change order?"
        return f"{total:.2f} h logged on {self.what}"


def counts(book: RuleBook, entry: TimeEntry, decision: Decision) -> list[Count]:
    """Every total ``decision`` (of ``entry``, or of a reviewer's part of it) adds to."""
    found: list[Count] = []
    client = book.clients.get(decision.client_id or "")
    if client is not None and decision.code is not None:
        cid, sow = client.client.id, client.sow.id
        for (_, unit, code, period), value, (limit, _, _, alert_only) in cap_counts(
            book, entry.work_date, decision
        ):
            if alert_only:
                continue
            # a phase's or a whole SOW's total is the agreement's: a renewed SOW starts anew
            span = f"{period}@{sow}" if period in _AGREEMENT_PERIODS else period
            found.append(Count(f"cap|{cid}|{unit}|{code}|{span}", value, limit,
                               ReviewReason.OVER_CAP, f"{code} {period}", unit))  # fmt: skip
        requests = client.requests
        if requests is not None and (request := request_of(requests, entry, decision.code)):
            found.append(Count(f"request|{cid}|{request}@{sow}", decision.hours, requests.hours,
                               ReviewReason.OVER_REQUEST_HOURS, request))  # fmt: skip
    day = day_limit(book, decision.client_id)
    hours = _ZERO if decision.code in day.exempt_codes else decision.hours
    found.append(Count(f"day|{_person(entry)}|{entry.work_date.isoformat()}", hours, day.hours,
                       ReviewReason.OVER_DAY_HOURS, entry.work_date.isoformat()))  # fmt: skip
    return found


def tally(
    store: Store, tenant: str, entry: TimeEntry, found: Iterable[Count]
) -> dict[str, Decimal]:
    """Make ``found`` what the entry adds to the tenant's totals; the totals after it."""
    added: dict[str, Decimal] = {}
    for count in found:
        added[count.key] = added.get(count.key, _ZERO) + count.value
    return store.tally(tenant, entry.key, added)


def checked(
    store: Store, tenant: str, book: RuleBook, entry: TimeEntry, decision: Decision
) -> Decision:
    """``decision`` counted in the tenant's totals, and sent to a person if it takes one past
    its limit (as ``classify`` flags it)."""
    found = counts(book, entry, decision)
    totals = tally(store, tenant, entry, found)
    over = [
        (c.reason, c.note(totals[c.key]))
        for c in found
        if c.key in totals and totals[c.key] > c.limit
    ]
    return with_flags(decision, over) if over else decision


def _person(entry: TimeEntry) -> str:
    who = entry.user_ref or entry.user_name
    return hashlib.sha256(who.encode()).hexdigest()[:16]
