"""Stage 2: recall of entries a person already approved for the same client.

Recurring work repeats itself ("weekly ops sync w/ Dana", "FMCSA audit prep NWF-1423").
An exact match on the normalised description (numbers and ticket ids folded to '#') with a
consistent label is trusted; otherwise the nearest approved descriptions by weighted word
overlap vote, and only a clear, close majority is trusted. Labels are stored as approved; the
policy re-checks the code against the SOW dates, so a closed phase still remaps.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from app.classify.deadline import Deadline
from app.classify.text import memory_key, memory_words, tokens
from app.domain.decisions import Abstain, Proposal, ReviewReason, Stage, StageOutcome
from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext

_MAX_POSTINGS = 400  # words more common than this add cost, not signal
_NEIGHBOURS = 7


@dataclass
class _Shape:
    """One distinct normalised description of one client, with its approved labels."""

    key: tuple[str, ...]
    words: frozenset[str]
    labels: Counter[str] = field(default_factory=Counter)


@dataclass
class _ClientMemory:
    by_key: dict[tuple[str, ...], _Shape] = field(default_factory=dict)
    postings: dict[str, list[_Shape]] = field(default_factory=lambda: defaultdict(list))
    doc_freq: Counter[str] = field(default_factory=Counter)

    def add(self, key: tuple[str, ...], words: frozenset[str], code: str) -> None:
        shape = self.by_key.get(key)
        if shape is None:
            shape = self.by_key[key] = _Shape(key, words)
            for word in words:
                self.postings[word].append(shape)
                self.doc_freq[word] += 1
        shape.labels[code] += 1

    def weight(self, word: str) -> float:
        return math.log(1 + len(self.by_key) / (1 + self.doc_freq.get(word, 0)))


@dataclass(frozen=True)
class Recall:
    code: str
    confidence: float
    support: int
    similarity: float
    example: str


class Memory:
    """Approved (description, code) pairs per client; grows with every PM approval."""

    def __init__(self, min_similarity: float = 0.75) -> None:
        self.min_similarity = min_similarity
        self._clients: dict[str, _ClientMemory] = defaultdict(_ClientMemory)
        self._examples: dict[tuple[str, tuple[str, ...]], str] = {}

    def __len__(self) -> int:
        return sum(
            sum(sum(s.labels.values()) for s in m.by_key.values()) for m in self._clients.values()
        )

    def learn(self, client_id: str | None, description: str, code: str) -> None:
        toks = tokens(description)
        key = memory_key(toks)
        if not key:
            return
        client = client_id or ""
        self._clients[client].add(key, memory_words(toks), code)
        self._examples.setdefault((client, key), description)

    def recall(self, client_id: str | None, description: str) -> Recall | None:
        memory = self._clients.get(client_id or "")
        toks = tokens(description)
        if memory is None or not toks:
            return None
        key = memory_key(toks)
        exact = memory.by_key.get(key)
        if exact is not None:
            return self._from_labels(client_id, key, exact.labels, similarity=1.0)
        return self._nearest(memory, client_id, memory_words(toks))

    def recall_exact(self, client_id: str | None, description: str) -> Recall | None:
        """Only the same description (numbers and ticket ids aside): a dictionary look-up."""
        memory = self._clients.get(client_id or "")
        key = memory_key(tokens(description)) if memory is not None else ()
        exact = memory.by_key.get(key) if memory is not None and key else None
        if exact is None:
            return None
        return self._from_labels(client_id, key, exact.labels, similarity=1.0)

    def _from_labels(
        self, client_id: str | None, key: tuple[str, ...], labels: Counter[str], similarity: float
    ) -> Recall:
        code, top = labels.most_common(1)[0]
        total = sum(labels.values())
        # Laplace-style shrinkage: one sighting is not a habit.
        confidence = similarity * top / (total + 0.25)
        example = self._examples.get((client_id or "", key), "")
        return Recall(code, round(confidence, 4), total, similarity, example)

    def _nearest(
        self, memory: _ClientMemory, client_id: str | None, words: frozenset[str]
    ) -> Recall | None:
        if not words:
            return None
        scored = _candidates(memory, words)
        if not scored:
            return None
        votes: dict[str, float] = defaultdict(float)
        best_sim, best = scored[0]
        for sim, shape in scored[:_NEIGHBOURS]:
            if sim >= self.min_similarity:
                for code, count in shape.labels.items():
                    votes[code] += sim * count
        if best_sim < self.min_similarity or not votes:
            return None
        code, top = max(votes.items(), key=lambda item: item[1])
        share = top / sum(votes.values())
        support = sum(best.labels.values())
        confidence = best_sim * share * support / (support + 0.25)
        example = self._examples.get((client_id or "", best.key), "")
        return Recall(code, round(confidence, 4), support, round(best_sim, 4), example)

    def nearest_examples(
        self, client_id: str | None, description: str, k: int
    ) -> list[tuple[str, str]]:
        """Up to k approved (description, code) pairs closest to this one, for Claude's prompt."""
        memory = self._clients.get(client_id or "")
        words = memory_words(tokens(description))
        if memory is None or not words:
            return []
        found = []
        for _, shape in _candidates(memory, words)[:k]:
            text = self._examples.get((client_id or "", shape.key), "")
            found.append((text, shape.labels.most_common(1)[0][0]))
        return found


def _candidates(memory: _ClientMemory, words: frozenset[str]) -> list[tuple[float, _Shape]]:
    """Shapes sharing a word, scored by IDF-weighted Jaccard, best first."""
    seen: dict[int, _Shape] = {}
    for word in words:
        posting = memory.postings.get(word, [])
        if len(posting) <= _MAX_POSTINGS:
            for shape in posting:
                seen[id(shape)] = shape
    weights = {w: memory.weight(w) for w in words}
    scored = []
    for shape in seen.values():
        inter = sum(weights[w] for w in words & shape.words)
        union = sum(weights[w] for w in words) + sum(memory.weight(w) for w in shape.words - words)
        scored.append((inter / union if union else 0.0, shape))
    scored.sort(key=lambda pair: pair[0], reverse=True)
    return scored


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
        return Proposal(
            stage=Stage.MEMORY,
            code=recall.code,
            confidence=recall.confidence,
            reason=(
                f"{kind} as {recall.support} approved entr{'y' if recall.support == 1 else 'ies'}"
                f" (e.g. '{recall.example[:60]}')"
            ),
            clause=ctx.codes[recall.code].clause,
        )
