"""Aggregation: the audited entries and their findings, summed per client, month and code.

Hours and money are summed exactly and rounded once (hours to 0.01, money to cents); finding
values are already in cents, so a total of findings equals the sum of its rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Any, TypeVar

from app.audit.caps import ZERO
from app.audit.invoices import InvoiceLine
from app.audit.kinds import KINDS, LeakageKind
from app.audit.leakage import EntryAudit, doubts
from app.audit.model import (
    Assumptions,
    BeforeAfter,
    BeforeAfterMonth,
    Certainty,
    ClientMonthTotals,
    ClientTotals,
    CodeTotals,
    ConfidenceBucket,
    Figures,
    Finding,
    KindTotal,
    MonthTotals,
    PendingDecisions,
    StageShare,
    TopEntry,
)
from app.classify.policy import cents
from app.domain.decisions import Decision, Stage

HOUR = Decimal("0.01")
CONFIDENCE_EDGES = (0.0, 0.5, 0.7, 0.85, 0.95, 1.0)
NO_CODE = "(no code)"

F = TypeVar("F", bound=Figures)
_MONEY_FIELDS = tuple(
    name for name, info in Figures.model_fields.items() if info.annotation is Decimal
)


def hours(value: Decimal) -> Decimal:
    return value.quantize(HOUR)


@dataclass
class FigureSum:
    """A running ``Figures``: add entries, findings and unmatched invoice lines, then build."""

    entries: int = 0
    money: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    by_kind: dict[LeakageKind, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    findings: int = 0

    def add_entry(self, a: EntryAudit) -> None:
        self.entries += 1
        h, m = a.entry.hours, self.money
        m["hours"] += h
        if a.logged.flag:
            m["logged_billable_hours"] += h
            m["logged_amount"] += a.logged.amount or ZERO
        bucket = _mix_bucket(a)
        m[bucket] += h
        if bucket == "sow_billable_hours":
            m["sow_hourly_hours"] += a.sow_hours
            m["fee_hours"] += a.fee_hours
        m["sow_amount"] += a.sow_amount
        if a.billed.from_invoices and a.billed.billed:
            amount = a.billed.amount or ZERO
            fee = amount * a.fee_hours / h if h else ZERO
            m["invoiced_hours"] += a.billed.hours
            m["invoiced_amount"] += amount - fee
            m["invoiced_fee_work_amount"] += fee

    def add_unmatched(self, line: InvoiceLine) -> None:
        if line.invoiced:
            self.money["invoiced_hours"] += line.hours
            self.money["invoiced_amount"] += line.amount
            self.money["invoiced_unmatched_amount"] += line.amount

    def add_finding(self, f: Finding) -> None:
        self.findings += 1
        self.by_kind[f.kind] += f.value
        self.money[f"{f.direction.value}_{f.certainty.value}"] += f.value

    def values(self) -> dict[str, Any]:
        rounded = {
            name: hours(self.money[name]) if name.endswith("hours") else cents(self.money[name])
            for name in _MONEY_FIELDS
        }
        kinds = {kind: self.by_kind[kind] for kind in LeakageKind if kind in self.by_kind}
        return {**rounded, "entries": self.entries, "findings": self.findings, "by_kind": kinds}

    def build(self, model: type[F], **keys: Any) -> F:
        return model(**self.values(), **keys)


def _mix_bucket(a: EntryAudit) -> str:
    if a.decision.code is None:
        return "undecided_hours"
    return "sow_billable_hours" if a.decision.billable else "non_billable_hours"


K = TypeVar("K", bound=Hashable)
Row = EntryAudit | Finding | InvoiceLine  # each has .client and .month; entries and findings .code


def group(
    audits: Sequence[EntryAudit],
    found: Sequence[Finding],
    unmatched: Sequence[InvoiceLine],
    key: Callable[[Any], K],
) -> dict[K, FigureSum]:
    """Figures per ``key(row)``, sorted by key."""
    sums: dict[K, FigureSum] = defaultdict(FigureSum)
    for a in audits:
        sums[key(a)].add_entry(a)
    for f in found:
        sums[key(f)].add_finding(f)
    for line in unmatched:
        sums[key(line)].add_unmatched(line)
    return dict(sorted(sums.items(), key=lambda kv: str(kv[0])))


def overall(a: Sequence[EntryAudit], f: Sequence[Finding], u: Sequence[InvoiceLine]) -> Figures:
    return group(a, f, u, lambda _: "").get("", FigureSum()).build(Figures)


def by_client_month(
    a: Sequence[EntryAudit], f: Sequence[Finding], u: Sequence[InvoiceLine]
) -> list[ClientMonthTotals]:
    sums = group(a, f, u, lambda row: (row.client, row.month))
    return [s.build(ClientMonthTotals, client=k[0], month=k[1]) for k, s in sums.items()]


def by_client(
    a: Sequence[EntryAudit], f: Sequence[Finding], u: Sequence[InvoiceLine]
) -> list[ClientTotals]:
    sums = group(a, f, u, lambda row: row.client)
    return [s.build(ClientTotals, client=k) for k, s in sums.items()]


def by_month(
    a: Sequence[EntryAudit], f: Sequence[Finding], u: Sequence[InvoiceLine]
) -> list[MonthTotals]:
    sums = group(a, f, u, lambda row: row.month)
    return [s.build(MonthTotals, month=k) for k, s in sums.items()]


def by_code(audits: Sequence[EntryAudit], found: Sequence[Finding]) -> list[CodeTotals]:
    """Per client and code; invoice lines no entry matched have no code and are left out."""
    codes = {(a.client, a.decision.code): a.billing_code for a in audits}
    sums = group(audits, found, (), lambda row: (row.client, row.code or NO_CODE))
    rows = []
    for (client, code), s in sums.items():
        known = codes.get((client, code))
        about: dict[str, Any] = {"name": "", "clause": "", "billable": None}
        if known is not None:
            about = {"name": known.name, "clause": known.clause, "billable": known.billable}
        rows.append(s.build(CodeTotals, client=client, code=code, **about))
    return rows


def kinds(found: Iterable[Finding]) -> list[KindTotal]:
    """One row per kind, in the order of ``LeakageKind``, zero rows included."""
    per: dict[LeakageKind, list[Finding]] = defaultdict(list)
    for f in found:
        per[f.kind].append(f)
    rows = []
    for kind in LeakageKind:
        items = per[kind]
        split = {
            c: cents(sum((f.value for f in items if f.certainty is c), ZERO)) for c in Certainty
        }
        total = KindTotal(
            kind=kind, info=KINDS[kind], findings=len(items),
            hours=hours(sum((f.hours for f in items), ZERO)),
            value=cents(sum((f.value for f in items), ZERO)), certain=split[Certainty.CERTAIN],
            at_risk=split[Certainty.AT_RISK], needs_decision=split[Certainty.NEEDS_DECISION],
        )  # fmt: skip
        rows.append(total)
    return rows


def stages(decisions: Sequence[Decision]) -> list[StageShare]:
    """Auto-approved per stage, then everything sent to review."""
    total = len(decisions) or 1
    rows = []
    for stage in Stage:
        picked = [
            d
            for d in decisions
            if (
                d.needs_review if stage is Stage.REVIEW else not d.needs_review and d.stage is stage
            )
        ]
        spent = hours(sum((d.hours for d in picked), ZERO))
        rows.append(
            StageShare(
                stage=stage.value, entries=len(picked), hours=spent, share=len(picked) / total
            )
        )
    return rows


def confidence(decisions: Sequence[Decision]) -> list[ConfidenceBucket]:
    """Decisions per confidence band; the last band includes 1.0."""
    bands = list(pairwise(CONFIDENCE_EDGES))
    counts: dict[tuple[float, float], Counter[bool]] = {band: Counter() for band in bands}
    for d in decisions:
        band = next(b for b in bands if d.confidence < b[1] or b[1] == CONFIDENCE_EDGES[-1])
        counts[band][d.needs_review] += 1
    return [
        ConfidenceBucket(low=lo, high=hi, auto_approved=c[False], needs_review=c[True])
        for (lo, hi), c in counts.items()
    ]


def pending(audits: Sequence[EntryAudit], found: Sequence[Finding]) -> PendingDecisions:
    """The entries whose code is in doubt, and what they are worth if the proposal stands."""
    doubtful = [a for a in audits if not a.code_certain]
    no_code = [a for a in doubtful if a.decision.code is None]
    reasons = Counter(r.value for a in doubtful for r in doubts(a.decision))
    return PendingDecisions(
        entries=len(doubtful),
        hours=hours(sum((a.entry.hours for a in doubtful), ZERO)),
        proposed_sow_amount=cents(sum((a.sow_amount for a in doubtful), ZERO)),
        logged_amount=cents(
            sum((a.logged.amount or ZERO for a in doubtful if a.logged.flag), ZERO)
        ),
        no_code_entries=len(no_code),
        no_code_hours=hours(sum((a.entry.hours for a in no_code), ZERO)),
        findings_value=cents(
            sum((f.value for f in found if f.certainty is Certainty.NEEDS_DECISION), ZERO)
        ),
        by_reason=dict(reasons.most_common()),
        by_client=dict(sorted(Counter(a.client for a in doubtful).items())),
    )


_RANK = {Certainty.CERTAIN: 0, Certainty.AT_RISK: 1, Certainty.NEEDS_DECISION: 2}


def top_entries(found: Sequence[Finding], limit: int) -> list[TopEntry]:
    """Entries ranked by the sum of their findings' values (ties: entry key)."""
    per: dict[str, list[Finding]] = defaultdict(list)
    for f in found:
        per[f.entry_key].append(f)
    ranked = sorted(per.values(), key=lambda fs: (-sum(f.value for f in fs), fs[0].entry_key))
    return [_top(fs) for fs in ranked[:limit]]


def _top(fs: list[Finding]) -> TopEntry:
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


def before_after(
    audits: Sequence[EntryAudit], found: Sequence[Finding], assumptions: Assumptions
) -> BeforeAfter:
    """Hours to reconcile by hand vs with timebill, from the counts and ``assumptions``."""
    flagged_keys = {f.entry_key for f in found}
    months: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a in audits:
        counts = months[a.month]
        counts[0] += 1
        counts[1] += a.decision.needs_review or a.entry.key in flagged_keys
    manual = Decimal(str(assumptions.manual_minutes_per_entry)) / 60
    review = Decimal(str(assumptions.review_minutes_per_flagged_entry)) / 60
    rows = [_month_effort(month, n, k, manual, review) for month, (n, k) in sorted(months.items())]
    entries, flagged = sum(r.entries for r in rows), sum(r.flagged_entries for r in rows)
    before = hours(entries * manual)
    after = hours(flagged * review + Decimal(str(assumptions.setup_hours)))
    return BeforeAfter(
        assumptions=assumptions, entries=entries, flagged_entries=flagged, manual_hours=before,
        timebill_hours=after, hours_saved=before - after,
        share_saved=float((before - after) / before) if before else 0.0, by_month=rows,
    )  # fmt: skip


def _month_effort(month: str, n: int, k: int, manual: Decimal, review: Decimal) -> BeforeAfterMonth:
    return BeforeAfterMonth(
        month=month, entries=n, flagged_entries=k,
        manual_hours=hours(n * manual), timebill_hours=hours(k * review),
    )  # fmt: skip
