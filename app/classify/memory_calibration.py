"""Memory's confidence measured on the firm's own history, as each rule's is.

Memory's own number (similarity x label share x a shrinkage for few sightings) ranks recalls
well but is not a probability: on the demo firm the 0.80-0.90 recalls were all right. With a
labelled history, memory learns the older part first (``split_by_date``), recalls each entry of
the newer part as if it were new, and counts per bucket of its own confidence how often the
recalled code (on the entry's date: a closed phase remaps) was the approved one. Buckets are
pooled so accuracy never falls as memory's number rises (isotonic), and a recall's measured
confidence is its pooled accuracy shrunk towards memory's own number by a prior worth
``PRIOR_WEIGHT`` recalls (as a rule's typed confidence is). Then memory learns the newer part
too. No history, or a bucket never seen: memory's own number stands, against the client's
threshold, as before.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.classify.calibration import PRIOR_WEIGHT
from app.classify.memory import HABIT, Recall
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

    def pooled(self) -> list[tuple[int, float]]:
        """Per bucket: (its recalls, accuracy) after pooling adjacent buckets whose accuracy
        falls as memory's own number rises (isotonic regression, pool adjacent violators): a
        lower number never earns more trust than a higher one. The bucket's own count still
        weighs its evidence against the prior."""
        blocks: list[list[int]] = []  # [first bucket, last bucket, recalls, right]
        for b, (n, right) in enumerate(zip(self.matches, self.right, strict=True)):
            if not n:
                continue
            blocks.append([b, b, n, right])
            while len(blocks) > 1 and _rate(blocks[-1]) < _rate(blocks[-2]):
                top = blocks.pop()
                low = blocks[-1]
                blocks[-1] = [low[0], top[1], low[2] + top[2], low[3] + top[3]]
        found = [(0, 0.0)] * len(self.matches)
        for first, last, n, right in blocks:
            for b in range(first, last + 1):
                found[b] = (self.matches[b], right / n)
        return found

    def confidence(self, raw: float) -> tuple[float, bool, str]:
        """The measured confidence for memory's own ``raw`` one, whether it was measured, and
        a note for the decision's reason. Memory's own number is the prior, worth
        ``PRIOR_WEIGHT`` recalls, as a rule's typed confidence is."""
        b = bucket(raw)
        n, accuracy = self.pooled()[b]
        if not n:
            return raw, False, ""
        value = (accuracy * n + PRIOR_WEIGHT * raw) / (n + PRIOR_WEIGHT)
        note = (
            f"memory right on {accuracy:.1%} of {n} held-out recalls like it:"
            f" {raw:.3f} -> {value:.3f}"
        )
        return round(value, 4), True, note


def _rate(block: list[int]) -> float:
    return block[3] / block[2]


def bucket(raw: float) -> int:
    return next(b for b in range(len(EDGES) - 1) if raw < EDGES[b + 1])


def split_by_date(history: Sequence[Labelled]) -> tuple[list[Labelled], list[Labelled]]:
    """Older and newer history: the newest ``HOLDOUT_SHARE`` of work dates held out."""
    cut = cut_date(Counter(h.entry.work_date for h in history))
    if cut is None:
        return list(history), []
    return [h for h in history if h.entry.work_date < cut], [
        h for h in history if h.entry.work_date >= cut
    ]


def cut_date(days: Counter[date]) -> date | None:
    """The first held-out work date, from the number of entries per work date: the date of the
    entry at the ``1 - HOLDOUT_SHARE`` point of the history sorted by date. None when that is
    the first date (nothing older to learn from)."""
    total = days.total()
    if total < 2:
        return None
    index = min(total - 1, int(total * (1 - HOLDOUT_SHARE)))
    ordered = sorted(days)
    seen = 0
    for day in ordered:
        seen += days[day]
        if seen > index:
            return None if day == ordered[0] else day
    return None  # not reached: seen ends at total > index


def learn_measured(book: RuleBook, memory: Memory, history: Sequence[Labelled]) -> MemoryTrust:
    """Learn ``history`` into ``memory``, measuring recall on its newest part on the way; the
    measurement is also kept as ``memory.trust`` for the memory stage."""
    older, newer = split_by_date(history)
    for item in older:
        memory.learn(_client(book, item.entry), item.entry.description, item.label)
    step = max(1, -(-len(newer) // MAX_MEASURED))
    memory.trust = tally(book, memory, newer[::step] if older else ())
    for item in newer:
        memory.learn(_client(book, item.entry), item.entry.description, item.label)
    return memory.trust


@dataclass(frozen=True, slots=True)
class Seen:
    """What memory learns of one history entry, kept compact while the file streams past."""

    row: int
    client: str | None
    description: str
    label: str
    day: date


class Newest:
    """The newest history entries by work date, at most ``keep`` of them, kept parsed while the
    history streams past: the held-out sample is (nearly always) among them, so it need not be
    read again (``rows``). Bounded: ``keep`` is capped at ``MAX_MEASURED``."""

    def __init__(self, size: int) -> None:
        # The held-out part is about HOLDOUT_SHARE of the rows; room for ties on the cut date.
        self.keep = min(MAX_MEASURED, int(size * HOLDOUT_SHARE * 1.25) + 16)
        self._heap: list[tuple[date, int, Labelled]] = []

    def add(self, item: Labelled) -> None:
        entry = (item.entry.work_date, item.row, item)  # rows are unique: items never compared
        if len(self._heap) < self.keep:
            heapq.heappush(self._heap, entry)
        elif entry > self._heap[0]:
            heapq.heapreplace(self._heap, entry)

    def rows(
        self, picked: set[int], read: Callable[[set[int]], Iterable[Labelled]]
    ) -> Iterator[Labelled]:
        """The ``picked`` rows: those kept, then ``read`` for any that were not."""
        kept = [item for _, row, item in self._heap if row in picked]
        yield from kept
        missing = picked - {item.row for item in kept}
        if missing:
            yield from read(missing)


def learn_measured_seen(
    book: RuleBook,
    memory: Memory,
    seen: Sequence[Seen],
    rows_of: Callable[[set[int]], Iterable[Labelled]],
) -> MemoryTrust:
    """``learn_measured`` from compact rows: the older part learned, then the evenly spread
    sample of the newer part read again in full (``rows_of`` its row numbers; recalling needs
    the whole entry for the code on its date) and recalled, then the newer part learned. The
    same trust and the same memory as ``learn_measured`` on the whole list."""
    cut = cut_date(Counter(s.day for s in seen))
    newer: list[Seen] = []
    for item in seen:
        if cut is None or item.day < cut:
            memory.learn(item.client, item.description, item.label)
        else:
            newer.append(item)
    step = max(1, -(-len(newer) // MAX_MEASURED))
    picked = {item.row for item in newer[::step]}
    memory.trust = tally(book, memory, rows_of(picked) if picked else ())
    for item in newer:
        memory.learn(item.client, item.description, item.label)
    return memory.trust


def tally(book: RuleBook, memory: Memory, held_out: Iterable[Labelled]) -> MemoryTrust:
    """Per bucket of memory's own confidence: how many held-out entries it recalled, and how
    many of those recalls were the approved code."""
    matches, right = [0] * (len(EDGES) - 1), [0] * (len(EDGES) - 1)
    contexts: dict[str | None, ClientContext] = {}
    recalled: dict[tuple[str | None, str], Recall | None] = {}  # memory is not taught meanwhile
    for item in held_out:
        client = _client(book, item.entry)
        key = (client, item.entry.description)
        if key in recalled:
            recall = recalled[key]
        else:
            recall = recalled[key] = memory.recall(*key)
        ctx = contexts.get(client) or contexts.setdefault(client, book.context(client))
        if recall is None or recall.code not in ctx.codes or item.label not in ctx.codes:
            continue
        if recall.support < HABIT:
            continue  # a single sighting keeps memory's own number: not measured
        b = bucket(recall.confidence)
        matches[b] += 1
        right[b] += _on_date(recall.code, item.entry, ctx) == _on_date(item.label, item.entry, ctx)
    return MemoryTrust(tuple(matches), tuple(right))


def _client(book: RuleBook, entry: TimeEntry) -> str | None:
    return book.resolve_client(entry.client, entry.project)


def _on_date(code: str, entry: TimeEntry, ctx: ClientContext) -> str:
    found = code_on_date(code, entry, ctx).code
    return found.code if found else code
