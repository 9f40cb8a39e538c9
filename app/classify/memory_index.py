"""One client's approved descriptions, indexed so recall does not fall or slow as history grows.

Every distinct description shape (``memory_key``: numbers and ticket ids folded) is a row; its
words are kept in a flat forward index and in per-word postings. Nothing is dropped: a word
common to thousands of rows still identifies an activity. What keeps a look-up bounded:

* **IDF weights precomputed.** Each word's weight ``log(1 + rows / (1 + df))`` and each row's
  norm (the sum of its words' weights) are computed when the index is (re)built, not per look-up.
* **Prefix filtering.** A row whose weighted Jaccard similarity to the query reaches ``s`` must
  share words worth at least ``s`` of the query's weight, so it must hold one of the query's
  rarest words: only the postings of those words (rarest first, until the rest could not reach
  ``s``) are read.
* **Length-ordered postings with a stopping bound.** Postings are sorted by row norm; a row of
  norm ``n`` sharing at most ``r`` of a query of norm ``q`` is at most
  ``min(r, n) / (q + n - min(r, n))`` similar. Each posting is read outwards from ``n = r`` and
  stops when that bound falls below ``s`` = the better of the threshold and the k-th best score
  so far: an exact top-k.
* **A cap on verified rows** (``MAX_VERIFIED``) bounds the worst case; ``capped`` counts it.

Rows learned after the last build sit in a small unsorted tail per word (always read) until the
tail outgrows ``1/32`` of the index; the next look-up then rebuilds (amortised, like a list's
growth: a small index is rebuilt whenever it changed, which costs next to nothing).
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field

MAX_VERIFIED = 1_500  # rows scored per look-up at most: the worst case's bound on work
_TAIL_SHARE = 32
_TIE = 1e-12  # bounds and scores are sums in different orders: equal within this


@dataclass
class ClientIndex:
    keys: dict[str, int] = field(default_factory=dict)  # " ".join(shape) -> row
    examples: list[str] = field(default_factory=list)  # the first description of each row
    vocab: dict[str, int] = field(default_factory=dict)  # word -> word id
    df: array[int] = field(default_factory=lambda: array("I"))
    weights: array[float] = field(default_factory=lambda: array("d"))
    flat: array[int] = field(default_factory=lambda: array("I"))  # rows' word ids, row by row
    starts: array[int] = field(default_factory=lambda: array("I", [0]))
    norms: array[float] = field(default_factory=lambda: array("d"))
    top: array[int] = field(default_factory=lambda: array("I"))  # code id of the row's label
    counts: array[int] = field(default_factory=lambda: array("I"))  # approvals of the row
    mixed: dict[int, dict[int, int]] = field(default_factory=dict)  # rows with several codes
    postings: list[array[int]] = field(default_factory=list)  # word -> rows by norm
    posting_norms: list[array[float]] = field(default_factory=list)
    tails: dict[int, list[int]] = field(default_factory=dict)  # word -> rows since the build
    built: int = 0
    capped: int = 0
    verified: int = 0
    lookups: int = 0

    def __len__(self) -> int:
        return len(self.examples)

    def add(self, key: str, words: frozenset[str], example: str, code: int) -> None:
        row = self.keys.get(key)
        if row is not None:
            self._count(row, code)
            return
        row = self.keys[key] = len(self.examples)
        self.examples.append(example)
        ids = [self._word(w) for w in sorted(words)]
        self.flat.extend(ids)
        self.starts.append(len(self.flat))
        self.norms.append(sum(self.weights[i] for i in ids))
        self.top.append(code)
        self.counts.append(1)
        for i in ids:
            self.tails.setdefault(i, []).append(row)

    def _word(self, word: str) -> int:
        found = self.vocab.get(word)
        if found is None:
            found = self.vocab[word] = len(self.df)
            self.df.append(0)
            self.weights.append(math.log(1 + len(self.examples) / 2))
        self.df[found] += 1
        return found

    def _count(self, row: int, code: int) -> None:
        self.counts[row] += 1
        labels = self.mixed.get(row)
        if labels is None and code == self.top[row]:
            return
        if labels is None:
            labels = self.mixed[row] = {self.top[row]: self.counts[row] - 1}
        labels[code] = labels.get(code, 0) + 1
        self.top[row] = max(labels.items(), key=lambda item: (item[1], -item[0]))[0]

    def labels(self, row: int) -> dict[int, int]:
        return dict(self.mixed.get(row) or {self.top[row]: self.counts[row]})

    def row_of(self, key: str) -> int | None:
        return self.keys.get(key)

    def rebuild(self) -> None:
        """Weights from today's document frequencies; postings sorted by row norm."""
        rows = len(self.examples)
        self.weights = array("d", (math.log(1 + rows / (1 + df)) for df in self.df))
        weights, flat, starts = self.weights, self.flat, self.starts
        self.norms = array(
            "d",
            (math.fsum(weights[i] for i in flat[starts[r] : starts[r + 1]]) for r in range(rows)),
        )
        members: list[list[int]] = [[] for _ in self.df]
        for row in range(rows):
            for i in flat[starts[row] : starts[row + 1]]:
                members[i].append(row)
        norms = self.norms
        self.postings, self.posting_norms = [], []
        for found in members:
            found.sort(key=norms.__getitem__)
            self.postings.append(array("I", found))
            self.posting_norms.append(array("d", (norms[r] for r in found)))
        self.tails, self.built = {}, rows

    def _stale(self) -> bool:
        return len(self.examples) - self.built > self.built // _TAIL_SHARE

    def nearest(self, words: frozenset[str], k: int, floor: float) -> list[tuple[float, int]]:
        """Up to ``k`` rows at least ``floor`` similar (IDF-weighted Jaccard), best first."""
        if self._stale():
            self.rebuild()
        self.lookups += 1
        ids = [self.vocab[w] for w in words if w in self.vocab]
        unseen = math.log(1 + len(self.examples))  # a word no row holds: as rare as it gets
        weights = self.weights
        query = {i: weights[i] for i in ids}
        qnorm = sum(query.values()) + unseen * (len(words) - len(ids))
        if not query or qnorm <= 0:
            return []
        search = _Search(self, query, qnorm, k, floor)
        rest = sum(query.values())
        for i in sorted(ids, key=weights.__getitem__, reverse=True):
            if search.hopeless(rest / qnorm) or search.full():
                break  # rows without the words read so far cannot reach the bar
            search.posting(i, rest)
            rest -= query[i]
        self.verified += search.count
        self.capped += search.full()
        return sorted(search.heap, key=lambda pair: (-pair[0], pair[1]))


class _Search:
    """One look-up's state: the k best rows so far (a min-heap) and the rows already scored."""

    def __init__(
        self, index: ClientIndex, query: dict[int, float], qnorm: float, k: int, floor: float
    ) -> None:
        self.index, self.query, self.qnorm = index, query, qnorm
        self.k, self.floor = k, floor
        self.heap: list[tuple[float, int]] = []
        self.seen: set[int] = set()
        self.count = 0

    def hopeless(self, bound: float) -> bool:
        """No row of similarity at most ``bound`` can change the answer: below the floor, or,
        once k rows are held, not above the k-th (a tie does not displace it: near-identical
        history would otherwise be read to the cap)."""
        if len(self.heap) < self.k:
            return bound < self.floor
        return bound <= max(self.floor, self.heap[0][0]) + _TIE

    def full(self) -> bool:
        return self.count >= MAX_VERIFIED

    def posting(self, word: int, rest: float) -> None:
        """Score the rows holding ``word`` that could still reach the bar. A row not scored yet
        holds none of the rarer words read before (or could not reach the bar then), so it
        shares at most ``rest`` of the query's weight: with norm ``n`` its similarity is at
        most ``min(rest, n) / (q + n - min(rest, n))``, highest at ``n = rest``. The posting is
        read outwards from there, each side stopping when its bound falls below the bar."""
        index = self.index
        for row in index.tails.get(word, ()):
            self.score(row)
        if word >= len(index.postings):
            return
        rows, norms, q = index.postings[word], index.posting_norms[word], self.qnorm
        up = bisect_left(norms, rest)
        down = up - 1
        while not self.full():
            up_bound = rest / (q + norms[up] - rest) if up < len(rows) else -1.0
            down_bound = norms[down] / q if down >= 0 else -1.0
            if self.hopeless(max(up_bound, down_bound)):
                return
            if up_bound >= down_bound:
                self.score(rows[up])
                up += 1
            else:
                self.score(rows[down])
                down -= 1

    def score(self, row: int) -> None:
        if row in self.seen:
            return
        self.seen.add(row)
        self.count += 1
        index, query = self.index, self.query
        words = index.flat[index.starts[row] : index.starts[row + 1]]
        inter = sum(query.get(i, 0.0) for i in words)
        union = self.qnorm + index.norms[row] - inter
        sim = inter / union if union > 0 else 0.0
        if sim < self.floor:
            return
        if len(self.heap) < self.k:
            heapq.heappush(self.heap, (sim, row))
        elif sim > self.heap[0][0]:
            heapq.heapreplace(self.heap, (sim, row))
