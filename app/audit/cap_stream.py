"""``CapLedger`` for a stream: the same caps and allowances from numbers per day, not rows.

``CapLedger.run`` walks the entries in date order (ties: their place in the file), so an entry's
part past a cap depends on entries that may come later in the file. ``StreamCapLedger`` takes
two passes over the entries in file order, as ``period_ledger`` does for the sums:

1. ``count`` each decision: every account it touches adds its value to that day's sum (and to
   its month, for ``usage``); every retainer allowance likewise.
2. ``over`` each decision again, in the same order: an account's running total at an entry is
   everything before its day plus that day's entries so far, what ``run`` computes.

Sums of hours and money are exact (``Decimal``), so the order of additions does not change them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from app.audit.caps import ZERO, Account, CapLedger, OverCap
from app.classify.retainer_sums import month_allowance, previous_month
from app.domain.decisions import Decision
from app.domain.entries import TimeEntry
from app.domain.rules import Basis, BillingCode, Cap, ClientRules


@dataclass
class _Days:
    """One running total kept per day: what each day adds, then the total before each day."""

    per_day: dict[int, Decimal] = field(default_factory=dict)
    running: dict[int, Decimal] = field(default_factory=dict)

    def count(self, day: int, value: Decimal) -> None:
        self.per_day[day] = self.per_day.get(day, ZERO) + value

    def close(self) -> None:
        total, self.running = ZERO, {}
        for day in sorted(self.per_day):
            self.running[day] = total
            total += self.per_day[day]

    def add(self, day: int, value: Decimal) -> Decimal:
        """The running total with ``value`` added (second pass)."""
        used = self.running[day] + value
        self.running[day] = used
        return used


@dataclass
class _DayAccount(Account):
    days: _Days = field(default_factory=_Days)
    day: int = 0
    counting: bool = True

    def add(self, month: str, value: Decimal) -> Decimal:
        if self.counting:
            self.days.count(self.day, value)
            self.used += value
            self.by_month[month] += value
            return ZERO
        used = self.days.add(self.day, value)
        return min(value, max(ZERO, used - self.limit))


@dataclass
class StreamCapLedger(CapLedger):
    """``count`` every entry, ``close``, then ``over`` every entry again in the same order."""

    account_type: ClassVar[type[Account]] = _DayAccount
    day: int = 0
    counting: bool = True
    retainers: dict[tuple[str, str, str], _Days] = field(default_factory=dict)

    def count(self, entry: TimeEntry, d: Decision) -> None:
        self._entry(entry, d)

    def close(self) -> None:
        self.counting = False
        for account in self.accounts.values():
            assert isinstance(account, _DayAccount)
            account.counting = False
            account.days.close()
        for days in self.retainers.values():
            days.close()

    def over(self, entry: TimeEntry, d: Decision) -> tuple[OverCap | None, Decimal]:
        """The part of the entry past a cap, and its retainer hours past the allowance."""
        return self._entry(entry, d)

    def _entry(self, entry: TimeEntry, d: Decision) -> tuple[OverCap | None, Decimal]:
        client = self.book.clients.get(d.client_id or "")
        if client is None or d.code is None or not d.billable:
            return None, ZERO
        self.day = entry.work_date.toordinal()
        month = entry.work_date.strftime("%Y-%m")
        return self._caps(client, d, month), self._allowance(client, d, month)

    def _account(
        self,
        client: ClientRules,
        scope: tuple[str, str],
        cap: Cap,
        limit: tuple[str, Decimal],
        month: str,
    ) -> Account:
        account = super()._account(client, scope, cap, limit, month)
        assert isinstance(account, _DayAccount)
        account.day = self.day
        return account

    def _allowance(self, client: ClientRules, d: Decision, month: str) -> Decimal:
        code = next((c for c in client.codes if c.code == d.code), None)
        if code is None or code.resolved_basis is not Basis.RETAINER or not code.retainer_hours:
            return ZERO
        days = self.retainers.setdefault((client.client.id, code.code, month), _Days())
        if self.counting:
            days.count(self.day, d.hours)
            return ZERO
        used = days.add(self.day, d.hours)
        hours = self.retainer_hours(client.client.id, code, month)
        return min(d.hours, max(ZERO, used - hours))

    def retainer_hours(self, client: str, code: BillingCode, month: str) -> Decimal:
        """As ``CapLedger``'s, from the first pass's count of the month before."""
        last = self.retainers.get((client, code.code, previous_month(month)))
        return month_allowance(code, sum(last.per_day.values(), ZERO) if last else None)
