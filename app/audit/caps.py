"""Caps and retainer allowances over the whole audited period, entry by entry in date order.

The same sums as ``app/classify/sums.py`` (billable decisions only; the caps of
``cap_scope.caps_for``: a ``sow`` cap sums every billable entry of the client, whichever code
carries it, and a client-level cap the codes it names; an ``alert_only`` cap is a budget,
counted for the report, with nothing past it), kept per month for the report, and
with the part of each entry that lies past a cap: an hours cap gives the hours past it, an
amount cap the amount past it. When several caps are crossed by one entry the largest part
counts, so nothing is counted twice. A retainer's allowance (``retainer_hours`` a month) is
summed the same way, with the hours left unused the month before rolled over as the invoice
draft does (``rollover_hours``): the hours past it are the only retainer hours billed by the hour.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from app.audit.model import CapUsage
from app.classify.cap_scope import caps_for
from app.classify.policy import cents
from app.classify.retainer_sums import month_allowance, previous_month
from app.domain.decisions import Decision
from app.domain.entries import TimeEntry
from app.domain.rule_terms import SharedCap
from app.domain.rulebook import RuleBook
from app.domain.rules import Basis, BillingCode, Cap, ClientRules

CENT = Decimal("0.01")
ZERO = Decimal(0)


@dataclass(frozen=True)
class OverCap:
    """The part of one entry past a cap: hours, value at SOW rates, and which cap."""

    hours: Decimal
    value: Decimal
    clause: str
    note: str


@dataclass
class Account:
    """One cap's running use: (client, unit, code or "*", month or "phase"/"sow")."""

    client: str
    code: str
    clause: str
    period: str
    unit: str
    limit: Decimal
    alert_at: float
    used: Decimal = ZERO
    by_month: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))

    def add(self, month: str, value: Decimal) -> Decimal:
        """Count ``value``; return the part of it past the limit."""
        self.used += value
        self.by_month[month] += value
        return min(value, max(ZERO, self.used - self.limit))

    def usage(self) -> list[CapUsage]:
        rows, to_date = [], ZERO
        for month in sorted(self.by_month):
            to_date += self.by_month[month]
            rows.append(self._row(month, to_date))
        return rows

    def _row(self, month: str, to_date: Decimal) -> CapUsage:
        alert = to_date >= self.limit * Decimal(str(self.alert_at))
        return CapUsage(
            client=self.client, code=self.code, clause=self.clause, period=self.period,
            unit=self.unit, month=month, limit=cents(self.limit),
            used_in_month=cents(self.by_month[month]), used_to_date=cents(to_date),
            over_to_date=cents(max(ZERO, to_date - self.limit)), alert_at=self.alert_at,
            alert=alert,
        )  # fmt: skip


@dataclass
class CapLedger:
    # What a cap's running use is kept in (the stream's ledger keeps it per day).
    account_type: ClassVar[type[Account]] = Account
    book: RuleBook
    accounts: dict[tuple[str, ...], Account] = field(default_factory=dict)
    allowances: dict[tuple[str, str, str], Decimal] = field(
        default_factory=lambda: defaultdict(Decimal)
    )

    def run(
        self, entries: Sequence[TimeEntry], decisions: Sequence[Decision]
    ) -> tuple[dict[int, OverCap], dict[int, Decimal]]:
        """Per entry index: the part past a cap, and the retainer hours past the allowance."""
        over: dict[int, OverCap] = {}
        past_allowance: dict[int, Decimal] = {}
        for i in sorted(range(len(entries)), key=lambda i: (entries[i].work_date, i)):
            client = self.book.clients.get(decisions[i].client_id or "")
            if client is None or decisions[i].code is None or not decisions[i].billable:
                continue
            month = entries[i].work_date.strftime("%Y-%m")
            if found := self._caps(client, decisions[i], month):
                over[i] = found
            if (hours := self._allowance(client, decisions[i], month)) > 0:
                past_allowance[i] = hours
        return over, past_allowance

    def usage(self) -> list[CapUsage]:
        rows = [row for account in self.accounts.values() for row in account.usage()]
        return sorted(rows, key=lambda r: (r.client, r.code, r.period, r.unit, r.month))

    def _caps(self, client: ClientRules, d: Decision, month: str) -> OverCap | None:
        best: OverCap | None = None
        for cap, scope in caps_for(client, d):
            for found in self._count(client, (cap, scope), d, month):
                if best is None or (found.value, found.hours) > (best.value, best.hours):
                    best = found
        return best

    def _count(
        self, client: ClientRules, capped: tuple[Cap, str], d: Decision, month: str
    ) -> list[OverCap]:
        """Count ``d`` against one cap (its code, ``A+B`` or ``*``); an ``alert_only`` cap (a
        budget) is counted for the report and stops nothing, so nothing is past it."""
        cap, scope = capped
        name, clause = _holder(client, cap, scope)
        per_hour = d.billable_fraction * d.rate if d.rate is not None else ZERO
        found = []
        for limit, value, unit in (
            (cap.hours, d.hours, "h"),
            (cap.amount, d.amount, client.sow.currency),
        ):
            if limit is None:
                continue
            account = self._account(client, (scope, clause), cap, (unit, limit), month)
            past = account.add(month, value)
            if past > 0 and not cap.alert_only:
                hours = past if unit == "h" else (past / per_hour if per_hour else ZERO)
                worth = cents(past * per_hour) if unit == "h" else cents(past)
                shown = "" if cap.period == "month" else f" {cap.period}"
                note = f"past the {name}{shown} cap of {limit:.2f} {unit}"
                found.append(OverCap(hours, worth, clause, note))
        return found

    def _account(
        self,
        client: ClientRules,
        scope: tuple[str, str],
        cap: Cap,
        limit: tuple[str, Decimal],
        month: str,
    ) -> Account:
        period = month if cap.period == "month" else cap.period
        key = (client.client.id, limit[0], scope[0], period)
        if key not in self.accounts:
            self.accounts[key] = self.account_type(
                client.client.id, scope[0], scope[1], cap.period, *limit, cap.alert_at
            )
        return self.accounts[key]

    def _allowance(self, client: ClientRules, d: Decision, month: str) -> Decimal:
        code = next((c for c in client.codes if c.code == d.code), None)
        if code is None or code.resolved_basis is not Basis.RETAINER or not code.retainer_hours:
            return ZERO
        key = (client.client.id, code.code, month)
        hours = self.retainer_hours(client.client.id, code, month)
        before = self.allowances[key]
        self.allowances[key] = before + d.hours
        return min(d.hours, max(ZERO, before + d.hours - hours))

    def retainer_hours(self, client: str, code: BillingCode, month: str) -> Decimal:
        """The month's allowance: with rollover, the hours left unused the month before."""
        last = self.allowances.get((client, code.code, previous_month(month)))
        return month_allowance(code, last)


def _holder(client: ClientRules, cap: Cap, scope: str) -> tuple[str, str]:
    """What a cap is called in a note, and the clause cited: those of the code it is written
    on (a ``sow`` cap, a code's own); a shared cap is called by its codes, with the first's."""
    holder = next((c for c in client.codes if any(x is cap for x in c.caps)), None)
    if holder is None:  # a client-level cap on several codes
        codes = cap.codes if isinstance(cap, SharedCap) else ()
        first = next((c for c in client.codes if c.code in codes), None)
        return scope, first.clause if first else ""
    return holder.code, holder.clause
