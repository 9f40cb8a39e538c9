"""Stage 2: recall of entries a person already approved for the same client.

Recurring work repeats itself ("weekly ops sync w/ Dana", "FMCSA audit prep NWF-1423").
An exact match on the normalised description (numbers and ticket ids folded to '#') with a
consistent label is trusted; otherwise the nearest approved descriptions by weighted word
overlap vote, and only a clear, close majority is trusted. Labels are stored as approved; the
policy re-checks the code against the SOW dates, so a closed phase still remaps.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.classify.deadline import Deadline
from app.classify.memory_index import ClientIndex
from app.classify.text import memory_shape
from app.domain.decisions import Abstain, Proposal, ReviewReason, Stage, StageOutcome
from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext

if TYPE_CHECKING:
    from app.classify.memory_calibration import MemoryTrust

_NEIGHBOURS = 7
MIN_SIMILARITY = 0.75  # the nearest approved descriptions that vote: at least this similar
HABIT = 2  # approvals: one sighting is not a habit (its measured confidence is not used)
_EXAMPLE_FLOOR = 0.1  # Claude's examples: anything sharing real words, nearest first


@dataclass(frozen=True)
class Recall:
    code: str
    confidence: float
    support: int
    similarity: float
    example: str


class Memory:
    """Approved (description, code) pairs per client; grows with every PM approval.

    Each client's pairs live in a ``ClientIndex`` (``app.classify.memory_index``): an exact
    look-up by shape, then an exact top-k of the nearest shapes whose cost does not grow with
    the history."""

    def __init__(self, min_similarity: float = MIN_SIMILARITY) -> None:
        self.min_similarity = min_similarity
        self.trust: MemoryTrust | None = None  # measured on held-out history (learn_measured)
        self.clients: dict[str, ClientIndex] = defaultdict(ClientIndex)
        self.codes: list[str] = []
        self.code_ids: dict[str, int] = {}

    def __len__(self) -> int:
        return sum(sum(index.counts) for index in self.clients.values())

    def learn(self, client_id: str | None, description: str, code: str) -> None:
        key, words = memory_shape(description)
        if not key:
            return
        code_id = self.code_ids.get(code)
        if code_id is None:
            code_id = self.code_ids[code] = len(self.codes)
            self.codes.append(code)
        self.clients[client_id or ""].add(key, words, description, code_id)

    def recall(self, client_id: str | None, description: str) -> Recall | None:
        """The same description approved at least twice; else the nearest approved ones vote
        (the same description seen once is among them, at similarity 1)."""
        index = self.clients.get(client_id or "")
        key, words = memory_shape(description)
        if index is None or not key:
            return None
        row = index.row_of(key)
        if row is not None and index.counts[row] >= HABIT:
            return self._from_row(index, row, similarity=1.0)
        return self._nearest(index, words)

    def recall_exact(self, client_id: str | None, description: str) -> Recall | None:
        """Only the same description (numbers and ticket ids aside): a dictionary look-up."""
        index = self.clients.get(client_id or "")
        row = index.row_of(memory_shape(description)[0]) if index else None
        if index is None or row is None:
            return None
        return self._from_row(index, row, similarity=1.0)

    def _from_row(self, index: ClientIndex, row: int, similarity: float) -> Recall:
        top, total = index.top[row], index.counts[row]
        agree = index.labels(row)[top]
        # Laplace-style shrinkage: one sighting is not a habit.
        confidence = similarity * agree / (total + 0.25)
        return Recall(self.codes[top], round(confidence, 4), total, similarity, index.examples[row])

    def _nearest(self, index: ClientIndex, words: frozenset[str]) -> Recall | None:
        if not words:
            return None
        scored = index.nearest(words, _NEIGHBOURS, self.min_similarity)
        if not scored:
            return None
        votes: dict[int, float] = defaultdict(float)
        approvals: dict[int, int] = defaultdict(int)
        for sim, row in scored:
            for code, count in index.labels(row).items():
                votes[code] += sim * count
                approvals[code] += count
        best_sim, best = scored[0]
        code, top = max(votes.items(), key=lambda item: (item[1], -item[0]))
        share = top / sum(votes.values())
        # Support: the approvals of the winning code among the neighbours that voted. Several
        # near-identical entries approved alike are a habit even if no two are the same text.
        support = approvals[code]
        confidence = best_sim * share * support / (support + 0.25)
        example = index.examples[best]
        return Recall(self.codes[code], round(confidence, 4), support, round(best_sim, 4), example)

    def nearest_examples(
        self, client_id: str | None, description: str, k: int
    ) -> list[tuple[str, str]]:
        """Up to k approved (description, code) pairs closest to this one, for Claude's prompt."""
        index = self.clients.get(client_id or "")
        words = memory_shape(description)[1]
        if index is None or not words:
            return []
        return [
            (index.examples[row], self.codes[index.top[row]])
            for _, row in index.nearest(words, k, _EXAMPLE_FLOOR)
        ]


class MemoryStage:
    name = "memory"

    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    def classify(self, entry: TimeEntry, ctx: ClientContext, deadline: Deadline) -> StageOutcome:
        del deadline
        recall = self.memory.recall(ctx.client_id, entry.description)
        if recall is None or recall.code not in ctx.codes:
            return Abstain(stage=Stage.MEMORY, reasons=(ReviewReason.NO_MATCH,), note="no recall")
        kind = "same" if recall.similarity == 1.0 else f"{recall.similarity:.0%} similar"
        trust = self.memory.trust if recall.support >= HABIT else None
        confidence, measured, note = (
            trust.confidence(recall.confidence) if trust else (recall.confidence, False, "")
        )
        return Proposal(
            stage=Stage.MEMORY,
            code=recall.code,
            confidence=confidence,
            measured=measured,
            reason=(
                f"{kind} as {recall.support} approved entr{'y' if recall.support == 1 else 'ies'}"
                f" (e.g. '{recall.example[:60]}')" + (f" ({note})" if note else "")
            ),
            clause=ctx.codes[recall.code].clause,
        )
