"""Aggregation: the audited entries and their findings, summed per client, month and code.

``Totals`` counts one entry (and its findings) at a time, so the audit of a stream holds no
list of entries or findings to total them.

Hours and money are summed exactly and rounded once (hours to 0.01, money to cents); finding
values are already in cents, so a total of findings equals the sum of its rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Any, TypeVar

from app.audit.caps import ZERO
from app.audit.invoices import InvoiceLine
from app.audit.kinds import LeakageKind
from app.audit.leakage import EntryAudit
from app.audit.model import (
    Assumptions,
    BeforeAfter,
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
from app.audit.total_rows import KindSum, Pending, hours, month_effort, top_entry
from app.classify.policy import cents
from app.domain.decisions import Decision, Stage
from app.domain.rules import BillingCode

CONFIDENCE_EDGES = (0.0, 0.5, 0.7, 0.85, 0.95, 1.0)
NO_CODE = "(no code)"

F = TypeVar("F", bound=Figures)
_MONEY_FIELDS = tuple(
    name for name, info in Figures.model_fields.items() if info.annotation is Decimal
)


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


Key = tuple[str, ...]
Row = EntryAudit | Finding | InvoiceLine  # each has .client and .month; entries and findings .code


def _sorted(sums: dict[Key, FigureSum]) -> dict[Key, FigureSum]:
    return dict(sorted(sums.items(), key=lambda kv: str(kv[0] if len(kv[0]) > 1 else kv[0][0])))


class Totals:
    """Every total of the audit, counted one entry (with its findings) at a time, so a
    stream of entries needs no list of them: figures per client, month and code, findings
    per kind, who decided, what is pending, the top entries and the effort before/after."""

    def __init__(self, top: int, assumptions: Assumptions) -> None:
        self.top, self.assumptions = top, assumptions
        self.sums: dict[str, dict[Key, FigureSum]] = defaultdict(lambda: defaultdict(FigureSum))
        self.codes: dict[tuple[str, str | None], BillingCode | None] = {}
        self.kind_sums = {kind: KindSum() for kind in LeakageKind}
        self.stage_sums: dict[str, list[Any]] = {s.value: [0, ZERO] for s in Stage}
        self.bands = {band: Counter[bool]() for band in pairwise(CONFIDENCE_EDGES)}
        self.doubt = Pending()
        self.ranked: list[tuple[tuple[Decimal, str], list[Finding]]] = []
        self.months: dict[str, list[int]] = defaultdict(lambda: [0, 0])

    def add(self, a: EntryAudit, found: Sequence[Finding]) -> None:
        """One audited entry and its findings."""
        keys = self._keys(a, with_code=True)
        for name, key in keys.items():
            self.sums[name][key].add_entry(a)
        self.codes[(a.client, a.decision.code)] = a.billing_code
        for f in found:
            for name, key in self._keys(f, with_code=True).items():
                self.sums[name][key].add_finding(f)
            self.kind_sums[f.kind].add(f)
            self.doubt.add_finding(f)
        self._decided(a.replay or a.decision)
        if not a.code_certain:
            self.doubt.add(a)
        if found:
            self._rank(found)
        counts = self.months[a.month]
        counts[0] += 1
        counts[1] += a.decision.needs_review or bool(found)

    def add_unmatched(self, line: InvoiceLine) -> None:
        """An invoice line no entry matched: in its client and month only (it has no code)."""
        for name, key in self._keys(line, with_code=False).items():
            self.sums[name][key].add_unmatched(line)

    @staticmethod
    def _keys(row: Row, *, with_code: bool) -> dict[str, Key]:
        keys = {
            "overall": ("",), "client_month": (row.client, row.month), "client": (row.client,),
            "month": (row.month,),
        }  # fmt: skip
        if with_code:
            assert not isinstance(row, InvoiceLine)
            keys["code"] = (row.client, row.code or NO_CODE)
        return keys

    def _decided(self, d: Decision) -> None:
        for stage in Stage:
            if d.needs_review if stage is Stage.REVIEW else not d.needs_review and d.stage is stage:
                tally = self.stage_sums[stage.value]
                tally[0] += 1
                tally[1] += d.hours
        band = next(b for b in self.bands if d.confidence < b[1] or b[1] == CONFIDENCE_EDGES[-1])
        self.bands[band][d.needs_review] += 1

    def _rank(self, found: Sequence[Finding]) -> None:
        """Keep the entries that can still be among the top ones (ties: entry key)."""
        self.ranked.append(
            ((-sum((f.value for f in found), ZERO), found[0].entry_key), list(found))
        )
        if len(self.ranked) >= 2 * max(self.top, 64):
            self.ranked = sorted(self.ranked, key=lambda item: item[0])[: self.top]

    # -- the totals ------------------------------------------------------------------------------

    def overall(self) -> Figures:
        return self.sums["overall"].get(("",), FigureSum()).build(Figures)

    def by_client_month(self) -> list[ClientMonthTotals]:
        sums = _sorted(self.sums["client_month"])
        return [s.build(ClientMonthTotals, client=k[0], month=k[1]) for k, s in sums.items()]

    def by_client(self) -> list[ClientTotals]:
        sums = _sorted(self.sums["client"])
        return [s.build(ClientTotals, client=k[0]) for k, s in sums.items()]

    def by_month(self) -> list[MonthTotals]:
        return [s.build(MonthTotals, month=k[0]) for k, s in _sorted(self.sums["month"]).items()]

    def by_code(self) -> list[CodeTotals]:
        """Per client and code; invoice lines no entry matched have no code and are left out."""
        rows = []
        for (client, code), s in _sorted(self.sums["code"]).items():
            known = self.codes.get((client, code))
            about: dict[str, Any] = {"name": "", "clause": "", "billable": None}
            if known is not None:
                about = {"name": known.name, "clause": known.clause, "billable": known.billable}
            rows.append(s.build(CodeTotals, client=client, code=code, **about))
        return rows

    def kinds(self) -> list[KindTotal]:
        """One row per kind, in the order of ``LeakageKind``, zero rows included."""
        return [self.kind_sums[kind].row(kind) for kind in LeakageKind]

    def stages(self) -> list[StageShare]:
        """Auto-approved per stage, then everything sent to review."""
        total = self.decided or 1
        return [
            StageShare(stage=stage, entries=n, hours=hours(spent), share=n / total)
            for stage, (n, spent) in self.stage_sums.items()
        ]

    @property
    def decided(self) -> int:
        return sum(sum(c.values()) for c in self.bands.values())

    def confidence(self) -> list[ConfidenceBucket]:
        """Decisions per confidence band; the last band includes 1.0."""
        return [
            ConfidenceBucket(low=lo, high=hi, auto_approved=c[False], needs_review=c[True])
            for (lo, hi), c in self.bands.items()
        ]

    def pending(self) -> PendingDecisions:
        return self.doubt.build()

    def top_entries(self) -> list[TopEntry]:
        """Entries ranked by the sum of their findings' values (ties: entry key)."""
        ranked = sorted(self.ranked, key=lambda item: item[0])[: self.top]
        return [top_entry(found) for _, found in ranked]

    def before_after(self) -> BeforeAfter:
        """Hours to reconcile by hand vs with timebill, from the counts and the assumptions."""
        manual = Decimal(str(self.assumptions.manual_minutes_per_entry)) / 60
        review = Decimal(str(self.assumptions.review_minutes_per_flagged_entry)) / 60
        rows = [
            month_effort(month, n, k, manual, review)
            for month, (n, k) in sorted(self.months.items())
        ]
        entries, flagged = sum(r.entries for r in rows), sum(r.flagged_entries for r in rows)
        before = hours(entries * manual)
        after = hours(flagged * review + Decimal(str(self.assumptions.setup_hours)))
        return BeforeAfter(
            assumptions=self.assumptions, entries=entries, flagged_entries=flagged,
            manual_hours=before, timebill_hours=after, hours_saved=before - after,
            share_saved=float((before - after) / before) if before else 0.0, by_month=rows,
        )  # fmt: skip
