"""The checks of ``sums.py`` for a stream: compact per-period ledgers instead of every row.

``sums.apply_sums`` sees all decisions at once; a stream sees one at a time, and a sum's flag can
depend on entries that come later (a day's total crosses 12 h; a cap's running total is taken in
date order, and the file need not be in date order). So it takes two passes, holding numbers
keyed by period, person and code, never rows:

1. ``count`` every decision: per cap key and day, the sum of what that day adds; per
   person-day, the hours and the limit of its first entry; per retainer code and month, hours.
2. ``flags`` for each decision again, in the same order: a cap's running total at an entry is
   everything before its day plus its day's entries so far, exactly what ``apply_sums`` computes
   by walking the entries sorted by (date, position).

The flags, their notes and the alerts are those of ``apply_sums``, in the same order.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import accumulate

from app.classify.cap_scope import caps_for, request_of
from app.classify.retainer_sums import month_allowances, rolling_codes
from app.classify.sums import Alert, LedgerKey, day_limit, period_key
from app.domain.decisions import Decision, ReviewReason
from app.domain.entries import TimeEntry
from app.domain.rule_terms import HoursLimit
from app.domain.rulebook import RuleBook

ZERO = Decimal(0)
Position = tuple[int, int]  # (day ordinal, the entry's place in the stream)
Flag = tuple[ReviewReason, str]
Limit = tuple[Decimal, Decimal, str]  # limit, alert share, kind


@dataclass(frozen=True)
class Mark:
    """What the second pass needs of an entry besides its decision (kept with it)."""

    day: int  # its date's ordinal
    person: str
    request: str | None


@dataclass
class _KeyLedger:
    """One cap (or request) key: what each day adds, and the limit it was last counted under."""

    first: Position
    last: Position
    limit: Limit
    per_day: dict[int, Decimal]
    before: dict[int, Decimal] | None = None  # filled by ``close``: the total before each day
    today: tuple[int, Decimal] | None = None  # the second pass's running day, if any


CapCount = tuple[LedgerKey, Decimal, tuple[Decimal, Decimal, str, bool]]


def cap_counts(book: RuleBook, day: date, d: Decision) -> list[CapCount]:
    """What ``d`` (of an entry on ``day``) adds to each cap it counts against: the cap's key
    (client, unit, code or ``A+B`` or ``*``, period), the hours or amount, and (limit, alert
    share, "cap" or "budget", alert only)."""
    client = book.clients.get(d.client_id or "")
    if client is None or d.code is None:
        return []
    counts = []
    for cap, label in caps_for(client, d):
        code, period = period_key(cap, label, day)
        kind = "budget" if cap.alert_only else "cap"
        for limit, value, unit in ((cap.hours, d.hours, "h"), (cap.amount, d.amount, "USD")):
            if limit is not None:
                key = (client.client.id, unit, code, period)
                share = Decimal(str(cap.alert_at))
                counts.append((key, value, (limit, share, kind, cap.alert_only)))
    return counts


class PeriodLedger:
    """Count a stream of decisions once (``count``), then flag them in the same order."""

    def __init__(self, book: RuleBook) -> None:
        self.book = book
        self.keys: dict[LedgerKey, _KeyLedger] = {}
        self.days: dict[tuple[str, int], tuple[HoursLimit, Decimal]] = {}
        self.retainers: dict[tuple[str, str], dict[str, Decimal]] = {}
        self.rolling = rolling_codes(book)
        self.seen = 0  # entries counted by the first pass
        self.running: dict[tuple[LedgerKey, int], Decimal] = {}

    # -- the first pass ------------------------------------------------------------------------

    def count(self, entry: TimeEntry, d: Decision) -> Mark:
        person = sys.intern(entry.user_ref or entry.user_name)  # one string per person
        mark = Mark(entry.work_date.toordinal(), person, None)
        at = (mark.day, self.seen)
        self.seen += 1
        for key, value, (limit, share, kind, _) in cap_counts(self.book, entry.work_date, d):
            self._add(key, value, (limit, share, kind), at)
        request = self._request(entry, d)
        if request is not None:
            self._add(request[0], d.hours, request[1], at)
            mark = Mark(mark.day, mark.person, request[0][2])
        self._count_day(mark, entry, d)
        if (d.client_id, d.code) in self.rolling:
            months = self.retainers.setdefault((d.client_id or "", d.code or ""), {})
            month = entry.work_date.strftime("%Y-%m")
            months[month] = months.get(month, ZERO) + entry.hours
        return mark

    def _add(self, key: LedgerKey, value: Decimal, limit: Limit, at: Position) -> None:
        found = self.keys.get(key)
        if found is None:
            self.keys[key] = _KeyLedger(at, at, limit, {at[0]: value})
            return
        found.per_day[at[0]] = found.per_day.get(at[0], ZERO) + value
        found.first = min(found.first, at)
        if at > found.last:
            found.last, found.limit = at, limit

    def _count_day(self, mark: Mark, entry: TimeEntry, d: Decision) -> None:
        key = (mark.person, mark.day)
        limit, total = self.days.get(key) or (day_limit(self.book, d.client_id), ZERO)
        if d.code not in limit.exempt_codes:
            total += entry.hours
        self.days[key] = (limit, total)

    def close(self) -> None:
        """After the first pass: each key's total before each of its days."""
        for ledger in self.keys.values():
            days = sorted(ledger.per_day)
            totals = accumulate((ledger.per_day[day] for day in days), initial=ZERO)
            ledger.before = dict(zip(days, totals, strict=False))
        self.running = {}  # the second pass may be run again

    # -- the second pass -----------------------------------------------------------------------

    def flags(self, d: Decision, mark: Mark) -> list[Flag]:
        """The flags ``apply_sums`` gives this decision: caps, then its request, then its day."""
        found: list[Flag] = []
        day = date.fromordinal(mark.day)
        for key, value, (limit, _, _, alert_only) in cap_counts(self.book, day, d):
            used = self._running(key, mark.day, value)
            if used > limit and not alert_only:
                note = f"over cap {key[2]} {key[3]}: {used:.2f} > {limit:.2f} {key[1]}"
                found.append((ReviewReason.OVER_CAP, note))
        if mark.request is not None and d.client_id is not None:
            key = (d.client_id, "h", mark.request, "request")
            used, hours = self._running(key, mark.day, d.hours), self.keys[key].limit[0]
            if used > hours:
                note = f"request {mark.request}: {used:.2f} h > {hours:.2f} h: change order?"
                found.append((ReviewReason.OVER_REQUEST_HOURS, note))
        limit_of_day, total = self.days[(mark.person, mark.day)]
        if total > limit_of_day.hours:
            found.append((ReviewReason.OVER_DAY_HOURS, f"{total} h logged on {day}"))
        return found

    def _running(self, key: LedgerKey, day: int, value: Decimal) -> Decimal:
        ledger = self.keys[key]
        assert ledger.before is not None, "close() the first pass before flagging"
        so_far = self.running.get((key, day))
        used = (ledger.before[day] if so_far is None else so_far) + value
        self.running[(key, day)] = used
        return used

    def alerts(self) -> list[Alert]:
        """The caps at their alert share, in the order ``apply_sums`` lists them, then the
        retainers at 80% of their month's allowance."""
        found = []
        for key, ledger in sorted(self.keys.items(), key=lambda item: item[1].first):
            used = sum(ledger.per_day.values(), ZERO)
            limit, alert_at, kind = ledger.limit
            if used >= limit * alert_at:
                found.append(Alert(key[0], key[2], key[3], used, limit, key[1], kind))
        for (client, code), months in self.retainers.items():
            for month, used, allowance in month_allowances(self.rolling[(client, code)], months):
                if used >= allowance * Decimal("0.8"):
                    found.append(Alert(client, code, month, used, allowance, "h", "retainer"))
        return found

    # -- what both passes count ----------------------------------------------------------------

    def _request(self, entry: TimeEntry, d: Decision) -> tuple[LedgerKey, Limit] | None:
        client = self.book.clients.get(d.client_id or "")
        limit = client.requests if client else None
        if client is None or limit is None or d.code is None:
            return None
        request = request_of(limit, entry, d.code)
        if not request:
            return None
        key = (client.client.id, "h", request, "request")
        return key, (limit.hours, Decimal(str(limit.alert_at)), "request")
