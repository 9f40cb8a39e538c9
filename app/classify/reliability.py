"""Does a confidence mean what it says? Predicted confidence against observed accuracy.

Shared by ``timebill eval --calibration`` and ``bench/calibration.py``. Buckets hold the
decisions whose confidence alone decides (no review flag other than low confidence): flagged
ones (mixed, another client's, history disagrees, ...) go to a person whatever their confidence,
and are counted apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.domain.decisions import Decision, ReviewReason

BUCKETS = (0.0, 0.5, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99, 0.995, 1.0001)
ONLY_CONFIDENCE = frozenset({ReviewReason.LOW_CONFIDENCE})
FLOORS = (0.85, 0.9, 0.95, 0.98, 0.99)


@dataclass(frozen=True)
class Bucket:
    stage: str
    low: float
    high: float
    entries: int
    right: int

    @property
    def accuracy(self) -> float:
        return self.right / self.entries if self.entries else 0.0


@dataclass(frozen=True)
class Reliability:
    buckets: tuple[Bucket, ...]
    flagged: int
    flagged_right: int
    auto: int
    auto_wrong: int
    total: int
    floors: tuple[tuple[float, int, int], ...]  # floor, unflagged decisions at or above, wrong


def _flagged(d: Decision) -> bool:
    return bool(set(d.review_reasons) - ONLY_CONFIDENCE)


def _bucket(confidence: float) -> int:
    return next(i for i in range(len(BUCKETS) - 1) if confidence < BUCKETS[i + 1])


def reliability(pairs: Iterable[tuple[Decision, str]]) -> Reliability:
    """The table for decisions paired with their true codes."""
    pairs = list(pairs)
    cells: dict[tuple[str, int], list[int]] = {}
    coded = [(d, t) for d, t in pairs if d.code is not None]
    for d, true in (p for p in coded if not _flagged(p[0])):
        cell = cells.setdefault((d.stage.value, _bucket(d.confidence)), [0, 0])
        cell[0] += 1
        cell[1] += d.code == true
    buckets = tuple(
        Bucket(stage, BUCKETS[b], min(BUCKETS[b + 1], 1.0), n, ok)
        for (stage, b), (n, ok) in sorted(cells.items())
    )
    flagged = [(d, t) for d, t in coded if _flagged(d)]
    auto = [(d, t) for d, t in pairs if not d.needs_review]
    return Reliability(
        buckets,
        len(flagged),
        sum(d.code == t for d, t in flagged),
        len(auto),
        sum(d.code != t for d, t in auto),
        len(pairs),
        tuple(_floor(coded, floor) for floor in FLOORS),
    )


def _floor(coded: list[tuple[Decision, str]], floor: float) -> tuple[float, int, int]:
    above = [(d, t) for d, t in coded if d.confidence >= floor and not _flagged(d)]
    return floor, len(above), sum(d.code != t for d, t in above)


def lines(table: Reliability) -> list[str]:
    """The table as plain text lines."""
    found = [f"{'stage':<8} {'bucket':<14} {'entries':>8} {'right':>8} {'accuracy':>9}"]
    found += [
        f"{b.stage:<8} [{b.low:.3f}, {b.high:.3f}) {b.entries:>8} {b.right:>8} {b.accuracy:>9.2%}"
        for b in table.buckets
    ]
    found.append(
        f"flagged for other reasons: {table.flagged} decisions, "
        f"{table.flagged_right} right (proposals)"
    )
    share = table.auto / max(1, table.total)
    error = table.auto_wrong / max(1, table.auto)
    found.append(
        f"auto-approved {table.auto} of {table.total} ({share:.1%}), "
        f"wrong {table.auto_wrong} ({error:.2%})"
    )
    found += [
        f"  unflagged, any stage, confidence >= {floor}: {n} decisions, {bad / max(1, n):.2%} wrong"
        for floor, n, bad in table.floors
    ]
    return found


def calibration_lines(decided: Iterable[Decision], truth: Mapping[str, str]) -> list[str]:
    """``timebill eval --calibration``: the run's decisions against their true codes."""
    pairs = [(d, truth[d.entry_key]) for d in decided if d.entry_key in truth]
    return ["Calibration: predicted confidence vs observed accuracy", *lines(reliability(pairs))]
