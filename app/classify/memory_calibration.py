"""Memory's confidence measured on the firm's own history, as each rule's is.

Memory's own number (similarity x label share x a shrinkage for few sightings) ranks recalls
well but is not a probability: on the demo firm the 0.80-0.90 recalls were all right. With a
labelled history, memory learns the older part first (``split_by_date``), recalls each entry of
the newer part as if it were new, and counts per bucket of its own confidence how often the
recalled code (on the entry's date: a closed phase remaps) was the approved one. A recall's
measured confidence is its bucket's accuracy shrunk towards memory's own number by a prior worth
``PRIOR_WEIGHT`` recalls (as a rule's typed confidence is), never above a higher bucket's
(conservative where the data are thin). Then memory learns the newer part too. No history, or
a bucket never seen: memory's own number stands, against the client's threshold, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.classify.calibration import PRIOR_WEIGHT
from app.classify.policy import code_on_date

if TYPE_CHECKING:
    from app.classify.memory import Memory
    from app.domain.entries import TimeEntry
    from app.domain.rulebook import ClientContext, RuleBook
    from app.rules.backtest import Labelled

EDGES = (0.0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98, 1.0001)
HOLDOUT_SHARE = 0.25  # the newest quarter of the history (by work date) is held out
MAX_MEASURED = 5_000  # held-out recalls measured at most (evenly spread): start-up stays bounded


@dataclass(frozen=True)
class MemoryTrust:
    """Per bucket of memory's own confidence: recalls measured on held-out history, right."""

    matches: tuple[int, ...]
    right: tuple[int, ...]

    @classmethod
    def empty(cls) -> MemoryTrust:
        return cls((0,) * (len(EDGES) - 1), (0,) * (len(EDGES) - 1))

    def _cap(self, b: int) -> float:
        """No higher bucket's measured floor may be beaten: a lower own number never earns
        more trust than a higher one (conservative where the data are thin)."""
        floors = [
            (self.right[h] + PRIOR_WEIGHT * EDGES[h]) / (self.matches[h] + PRIOR_WEIGHT)
            for h in range(b + 1, len(self.matches))
        ]
        return min(floors, default=1.0)

    def confidence(self, raw: float) -> tuple[float, bool, str]:
        """The measured confidence for memory's own ``raw`` one, whether it was measured, and
        a note for the decision's reason. Memory's own number is the prior, worth
        ``PRIOR_WEIGHT`` recalls, as a rule's typed confidence is."""
        b = bucket(raw)
        n, right = self.matches[b], self.right[b]
        if not n:
            return raw, False, ""
        value = min((right + PRIOR_WEIGHT * raw) / (n + PRIOR_WEIGHT), self._cap(b))
        note = (
            f"memory right on {right} of {n} held-out recalls at"
            f" {EDGES[b]:.2f}-{min(1.0, EDGES[b + 1]):.2f}: {raw:.3f} -> {value:.3f}"
        )
        return round(value, 4), True, note


def bucket(raw: float) -> int:
    return next(b for b in range(len(EDGES) - 1) if raw < EDGES[b + 1])


def split_by_date(history: Sequence[Labelled]) -> tuple[list[Labelled], list[Labelled]]:
    """Older and newer history: the newest ``HOLDOUT_SHARE`` of work dates held out."""
    days = sorted(h.entry.work_date for h in history)
    if len(days) < 2:
        return list(history), []
    cut: date = days[min(len(days) - 1, int(len(days) * (1 - HOLDOUT_SHARE)))]
    if cut == days[0]:
        return list(history), []
    return [h for h in history if h.entry.work_date < cut], [
        h for h in history if h.entry.work_date >= cut
    ]


def learn_measured(book: RuleBook, memory: Memory, history: Sequence[Labelled]) -> MemoryTrust:
    """Learn ``history`` into ``memory``, measuring recall on its newest part on the way; the
    measurement is also kept as ``memory.trust`` for the memory stage."""
    older, newer = split_by_date(history)
    client_of: Callable[[TimeEntry], str | None] = lambda e: book.resolve_client(  # noqa: E731
        e.client, e.project
    )
    for item in older:
        memory.learn(client_of(item.entry), item.entry.description, item.label)
    matches, right = [0] * (len(EDGES) - 1), [0] * (len(EDGES) - 1)
    contexts: dict[str | None, ClientContext] = {}
    step = max(1, -(-len(newer) // MAX_MEASURED))
    for item in newer[::step] if older else ():
        client = client_of(item.entry)
        recall = memory.recall(client, item.entry.description)
        ctx = contexts.get(client) or contexts.setdefault(client, book.context(client))
        if recall is None or recall.code not in ctx.codes or item.label not in ctx.codes:
            continue
        b = bucket(recall.confidence)
        matches[b] += 1
        right[b] += _on_date(recall.code, item.entry, ctx) == _on_date(item.label, item.entry, ctx)
    for item in newer:
        memory.learn(client_of(item.entry), item.entry.description, item.label)
    memory.trust = MemoryTrust(tuple(matches), tuple(right))
    return memory.trust


def _on_date(code: str, entry: TimeEntry, ctx: ClientContext) -> str:
    found = code_on_date(code, entry, ctx).code
    return found.code if found else code
