"""The rows the audit's totals end in: a kind, the pending decisions, a top entry, a month's
effort, each counted (or built) from one entry's figures at a time by ``totals.Totals``."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from app.audit.caps import ZERO
from app.audit.kinds import KINDS, LeakageKind
from app.audit.leakage import EntryAudit, doubts
from app.audit.model import (
    BeforeAfterMonth,
    Certainty,
    Finding,
    KindTotal,
    PendingDecisions,
    TopEntry,
)
from app.classify.policy import cents

HOUR = Decimal("0.01")


def hours(value: Decimal) -> Decimal:
    return value.quantize(HOUR)


@dataclass
class KindSum:
    findings: int = 0
    hours: Decimal = ZERO
    value: Decimal = ZERO
    split: dict[Certainty, Decimal] = field(default_factory=lambda: dict.fromkeys(Certainty, ZERO))

    def add(self, f: Finding) -> None:
        self.findings += 1
        self.hours += f.hours
        self.value += f.value
        self.split[f.certainty] += f.value

    def row(self, kind: LeakageKind) -> KindTotal:
        split = {c: cents(v) for c, v in self.split.items()}
        return KindTotal(
            kind=kind, info=KINDS[kind], findings=self.findings, hours=hours(self.hours),
            value=cents(self.value), certain=split[Certainty.CERTAIN],
            at_risk=split[Certainty.AT_RISK], needs_decision=split[Certainty.NEEDS_DECISION],
        )  # fmt: skip


@dataclass
class Pending:
    """The entries whose code is in doubt, and what they are worth if the proposal stands."""

    entries: int = 0
    money: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    no_code: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    clients: Counter[str] = field(default_factory=Counter)

    def add(self, a: EntryAudit) -> None:
        self.entries += 1
        self.money["hours"] += a.entry.hours
        self.money["proposed"] += a.sow_amount
        if a.logged.flag:
            self.money["logged"] += a.logged.amount or ZERO
        if a.decision.code is None:
            self.no_code += 1
            self.money["no_code_hours"] += a.entry.hours
        self.reasons.update(r.value for r in doubts(a.decision))
        self.clients[a.client] += 1

    def add_finding(self, f: Finding) -> None:
        if f.certainty is Certainty.NEEDS_DECISION:
            self.money["findings"] += f.value

    def build(self) -> PendingDecisions:
        m = self.money
        return PendingDecisions(
            entries=self.entries, hours=hours(m["hours"]),
            proposed_sow_amount=cents(m["proposed"]), logged_amount=cents(m["logged"]),
            no_code_entries=self.no_code, no_code_hours=hours(m["no_code_hours"]),
            findings_value=cents(m["findings"]), by_reason=dict(self.reasons.most_common()),
            by_client=dict(sorted(self.clients.items())),
        )  # fmt: skip


_RANK = {Certainty.CERTAIN: 0, Certainty.AT_RISK: 1, Certainty.NEEDS_DECISION: 2}


def top_entry(fs: list[Finding]) -> TopEntry:
    first = max(fs, key=lambda f: f.value)
    return TopEntry(
        entry_key=first.entry_key, client=first.client, month=first.month,
        work_date=first.work_date, person=first.person, description=first.description,
        code=first.code, kinds=[k for k in LeakageKind if any(f.kind is k for f in fs)],
        certainty=max((f.certainty for f in fs), key=_RANK.__getitem__),
        hours=first.entry_hours, value=sum((f.value for f in fs), ZERO),
        reason=" | ".join(f.reason for f in fs),
        sow_clause=" | ".join(dict.fromkeys(f.sow_clause for f in fs if f.sow_clause)),
    )  # fmt: skip


def month_effort(month: str, n: int, k: int, manual: Decimal, review: Decimal) -> BeforeAfterMonth:
    return BeforeAfterMonth(
        month=month, entries=n, flagged_entries=k,
        manual_hours=hours(n * manual), timebill_hours=hours(k * review),
    )  # fmt: skip
