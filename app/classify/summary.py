"""Figures a PM reads after a run: per code, per stage, and accuracy against known truth.

Retainer hours are covered by the retainer's monthly fee, not billed by the hour: their amounts
are kept apart (``covered_hours``) and never summed into ``billable_amount``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
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


class Tally:
    """A ``Summary`` built one decision at a time (a stream keeps this, not the decisions)."""

    def __init__(self) -> None:
        self.lines: dict[str, CodeLine] = {}
        self.auto: dict[Stage, int] = dict.fromkeys(Stage, 0)
        self.reasons: Counter[str] = Counter()
        self.entries = self.flagged = 0
        self.hours = self.billable_amount = self.retainer_hours = Decimal(0)

    def add(self, d: Decision) -> None:
        name = d.code or "(no code)"
        line = self.lines.setdefault(name, CodeLine(name))
        line.entries += 1
        line.hours += d.hours
        self.entries += 1
        self.hours += d.hours
        if _retainer(d):
            line.covered_hours += d.hours
            self.retainer_hours += d.hours
        else:
            line.amount += d.amount
            if d.billable:
                self.billable_amount += d.amount
        if d.needs_review:
            line.flagged += 1
            self.flagged += 1
            self.reasons.update(r.value for r in d.review_reasons)
        else:
            self.auto[d.stage] += 1

    def summary(self, unreadable_rows: int = 0) -> Summary:
        return Summary(
            entries=self.entries,
            hours=self.hours,
            billable_amount=self.billable_amount,
            flagged=self.flagged,
            by_code=sorted(self.lines.values(), key=lambda line: (-line.hours, line.code)),
            auto_by_stage={**self.auto, Stage.REVIEW: self.flagged},
            reasons=self.reasons,
            unreadable_rows=unreadable_rows,
            retainer_hours=self.retainer_hours,
        )


def summarise(decisions: Iterable[Decision], unreadable_rows: int = 0) -> Summary:
    tally = Tally()
    for d in decisions:
        tally.add(d)
    return tally.summary(unreadable_rows)


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


class Scorer:
    """An ``Accuracy`` built one decision at a time; ``keep_errors`` bounds the wrong
    auto-approved decisions kept to show (all are counted)."""

    def __init__(self, keep_errors: int | None = None) -> None:
        self.keep_errors = keep_errors
        self.per_stage: dict[Stage, StageAccuracy] = defaultdict(StageAccuracy)
        self.per_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.errors: list[tuple[Decision, str]] = []
        self.labelled = self.auto = self.auto_err = self.reviewed = self.review_ok = 0

    def add(self, d: Decision, true: str, category: str = "all") -> None:
        self.labelled += 1
        cat = self.per_cat[category]
        cat[0] += 1
        right = d.code == true
        if d.needs_review:
            self.reviewed += 1
            self.review_ok += right
            return
        self.auto += 1
        cat[1] += 1
        self.per_stage[d.stage].decided += 1
        self.per_stage[d.stage].correct += right
        if not right:
            self.auto_err += 1
            cat[2] += 1
            if self.keep_errors is None or len(self.errors) < self.keep_errors:
                self.errors.append((d, true))

    def accuracy(self) -> Accuracy:
        return Accuracy(
            self.labelled,
            self.auto,
            self.auto_err,
            self.reviewed,
            self.review_ok,
            dict(self.per_stage),
            self.errors,
            {k: (v[0], v[1], v[2]) for k, v in self.per_cat.items()},
        )


def score(
    decisions: Iterable[Decision],
    truth: Mapping[str, str],
    categories: Mapping[str, str] | None = None,
) -> Accuracy:
    """Compare decisions with ``truth`` (entry key -> true code)."""
    scorer = Scorer()
    for d in decisions:
        true = truth.get(d.entry_key)
        if true is not None:
            scorer.add(d, true, (categories or {}).get(d.entry_key, "all"))
    return scorer.accuracy()
