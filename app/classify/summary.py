"""Figures a PM reads after a run: per code, per stage, and accuracy against known truth.

Retainer hours are covered by the retainer's monthly fee, not billed by the hour: their amounts
are kept apart (``covered_hours``) and never summed into ``billable_amount``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from app.domain.decisions import Decision, Stage
from app.domain.rules import Basis


@dataclass
class CodeLine:
    code: str
    entries: int = 0
    hours: Decimal = Decimal(0)
    amount: Decimal = Decimal(0)
    flagged: int = 0
    covered_hours: Decimal = Decimal(0)  # billable hours the retainer fee covers

    @property
    def retainer(self) -> bool:
        return self.covered_hours > 0


@dataclass
class Summary:
    entries: int
    hours: Decimal
    billable_amount: Decimal
    flagged: int
    by_code: list[CodeLine]
    auto_by_stage: dict[Stage, int]
    reasons: Counter[str] = field(default_factory=Counter)
    unreadable_rows: int = 0
    retainer_hours: Decimal = Decimal(0)  # covered by retainer fees, not in billable_amount

    @property
    def flagged_share(self) -> float:
        return self.flagged / self.entries if self.entries else 0.0


def summarise(decisions: Sequence[Decision], unreadable_rows: int = 0) -> Summary:
    lines: dict[str, CodeLine] = {}
    auto: dict[Stage, int] = dict.fromkeys(Stage, 0)
    reasons: Counter[str] = Counter()
    flagged = 0
    for d in decisions:
        line = lines.setdefault(d.code or "(no code)", CodeLine(d.code or "(no code)"))
        line.entries += 1
        line.hours += d.hours
        if _retainer(d):
            line.covered_hours += d.hours
        else:
            line.amount += d.amount
        if d.needs_review:
            line.flagged += 1
            flagged += 1
            reasons.update(r.value for r in d.review_reasons)
        else:
            auto[d.stage] += 1
    auto[Stage.REVIEW] = flagged
    return Summary(
        entries=len(decisions),
        hours=sum((d.hours for d in decisions), Decimal(0)),
        billable_amount=sum(
            (d.amount for d in decisions if d.billable and not _retainer(d)), Decimal(0)
        ),
        flagged=flagged,
        by_code=sorted(lines.values(), key=lambda line: (-line.hours, line.code)),
        auto_by_stage=auto,
        reasons=reasons,
        unreadable_rows=unreadable_rows,
        retainer_hours=sum((d.hours for d in decisions if _retainer(d)), Decimal(0)),
    )


def _retainer(d: Decision) -> bool:
    return d.billable and d.basis is Basis.RETAINER


@dataclass
class StageAccuracy:
    decided: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.decided if self.decided else 0.0


@dataclass
class Accuracy:
    """How the run compares with the true codes. The key figure: errors among auto-approved."""

    labelled: int
    auto_approved: int
    auto_errors: int
    reviewed: int
    review_proposal_correct: int
    per_stage: dict[Stage, StageAccuracy]
    errors: list[tuple[Decision, str]]
    per_category: dict[str, tuple[int, int, int]]  # entries, auto-approved, auto errors

    @property
    def auto_error_rate(self) -> float:
        return self.auto_errors / self.auto_approved if self.auto_approved else 0.0

    @property
    def review_share(self) -> float:
        return self.reviewed / self.labelled if self.labelled else 0.0

    @property
    def coverage(self) -> float:
        return self.auto_approved / self.labelled if self.labelled else 0.0


def score(
    decisions: Sequence[Decision],
    truth: Mapping[str, str],
    categories: Mapping[str, str] | None = None,
) -> Accuracy:
    """Compare decisions with ``truth`` (entry key -> true code)."""
    per_stage: dict[Stage, StageAccuracy] = defaultdict(StageAccuracy)
    per_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    errors: list[tuple[Decision, str]] = []
    labelled = auto = auto_err = reviewed = review_ok = 0
    for d in decisions:
        true = truth.get(d.entry_key)
        if true is None:
            continue
        labelled += 1
        cat = per_cat[(categories or {}).get(d.entry_key, "all")]
        cat[0] += 1
        right = d.code == true
        if d.needs_review:
            reviewed += 1
            review_ok += right
            continue
        auto += 1
        cat[1] += 1
        per_stage[d.stage].decided += 1
        per_stage[d.stage].correct += right
        if not right:
            auto_err += 1
            cat[2] += 1
            errors.append((d, true))
    return Accuracy(
        labelled,
        auto,
        auto_err,
        reviewed,
        review_ok,
        dict(per_stage),
        errors,
        {k: (v[0], v[1], v[2]) for k, v in per_cat.items()},
    )
