"""One client's approved descriptions, indexed so recall does not fall or slow as history grows.

Every distinct description shape (``memory_key``: numbers and ticket ids folded) is a row; its
words are kept in a flat forward index and in per-word postings. Nothing is dropped: a word
common to thousands of rows still identifies an activity. A look-up is an exact top-k by
IDF-weighted Jaccard similarity (``i / (q + n - i)``: ``i`` the weight shared, ``q`` and ``n``
the query's and the row's norms); what keeps its work small:

* **Weights and norms precomputed** when the index is (re)built, not per look-up; a row's
  words also as 64 bits (``masks``: bit ``id % 64``), so a row can be ruled out by an AND,
  and those bits kept beside each posting (``posting_masks``) so a band's rows are ruled out
  all at once (``memory_bits.allowed``: byte columns and tables, no Python code per row).
* **Bars, highest first.** The search asks "which rows are at least 0.95 similar?", then 0.9,
  0.85, 0.8, then the caller's floor. Each pass reads only rows that could reach its bar; once ``k``
  rows at or above the bar are held, nothing unread can displace them: near-copies (the usual
  case with a long history) end the search on the first, narrowest pass.
* **What a bar rules out.** Reaching bar ``t`` needs ``i >= t * q`` and a norm in
  ``[t * q, qseen * (1 + t) / t - q]`` (postings are sorted by norm: a band is two bisects).
  A row may miss at most ``qseen - t * q`` of the query, so a word heavier than that is in
  every such row (read only the band of the one with the fewest rows), and otherwise it holds
  one of a set of the query's words worth more than that together (read those bands). Of the
  rows read, those whose bits lack a word they must hold, or lack more of the query's bits
  than its lightest missable words could account for, are dropped before any is scored.
  When the floor itself reads few rows (``_DIRECT``: a small index, rare words) it is the
  only pass. A band is located by two bisects and copied out of its postings only when read.
* **Best bound first.** A pass scores its rows in the order of the best similarity their norm
  allows (a row of norm ``n`` shares at most ``min(n, qseen)``) and stops at the first row
  that could not beat the floor or the k-th row held: of many near-copies, few are scored.
* **A cap on scored rows** (``MAX_VERIFIED``) remains as a guard on the worst case; ``capped``
  counts look-ups that reached it (then the answer may miss rows).

Rows learned after the last build sit in a small unsorted tail per word (read with their word's
band) until the tail outgrows ``1/32`` of the index; the next look-up then rebuilds (amortised,
like a list's growth: a small index is rebuilt whenever it changed, which costs next to nothing).
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat

from app.classify.memory_bits import allowed, mask

MAX_VERIFIED = 1_500  # rows scored per look-up at most: the worst case's bound on work
_TAIL_SHARE = 32
_TIE = 1e-12  # bounds and scores are sums in different orders: equal within this
_BARS = (0.95, 0.9, 0.85, 0.8)  # bars searched before the caller's floor: near-copies end it early
_DIRECT = 64  # rows read at the floor at most for a single pass (small indexes, rare words)
_ZEROS = repeat(0.0)


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
    masks: array[int] = field(default_factory=lambda: array("Q"))  # a bit per word id % 64
    top: array[int] = field(default_factory=lambda: array("I"))  # code id of the row's label
    counts: array[int] = field(default_factory=lambda: array("I"))  # approvals of the row
    mixed: dict[int, dict[int, int]] = field(default_factory=dict)  # rows with several codes
    postings: list[array[int]] = field(default_factory=list)  # word -> rows by norm
    posting_norms: list[array[float]] = field(default_factory=list)
    posting_masks: list[array[int]] = field(default_factory=list)  # the rows' masks beside them
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
        norm = math.fsum(self.weights[i] for i in ids)
        self.norms.append(norm)
        self.masks.append(mask(ids))
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
        self.masks = masks = array(
            "Q", (mask(flat[starts[r] : starts[r + 1]]) for r in range(rows))
        )
        self.postings, self.posting_norms, self.posting_masks = [], [], []
        for found in members:
            found.sort(key=norms.__getitem__)
            self.postings.append(array("I", found))
            self.posting_norms.append(array("d", map(norms.__getitem__, found)))
            self.posting_masks.append(array("Q", map(masks.__getitem__, found)))
        self.tails, self.built = {}, rows

    def _stale(self) -> bool:
        return len(self.examples) - self.built > self.built // _TAIL_SHARE

    def nearest(self, words: frozenset[str], k: int, floor: float) -> list[tuple[float, int]]:
        """Up to ``k`` rows at least ``floor`` similar (IDF-weighted Jaccard), best first.

        Searched bar by bar (``_BARS``, then ``floor``): each pass scores every row that could
        reach its bar; once ``k`` rows at or above the bar are held, no row left unscored can
        displace them, so the answer is exact and near-copies end the search early."""
        if self._stale():
            self.rebuild()
        self.lookups += 1
        weights = self.weights
        query = {self.vocab[w]: weights[self.vocab[w]] for w in words if w in self.vocab}
        unseen = math.log(1 + len(self.examples))  # a word no row holds: as rare as it gets
        qnorm = math.fsum(query.values()) + unseen * (len(words) - len(query))
        if not query or qnorm <= 0:
            return []
        search = _Search(self, query, qnorm, k, floor)
        search.run()
        self.verified += search.count
        self.capped += search.full()
        return sorted(search.heap, key=lambda pair: (-pair[0], pair[1]))


_Band = tuple[int, int, int]  # a word, and where its band starts and ends in its postings
_Read = tuple[list[_Band], list[int], float]  # bands, words a row must hold, spare


class _Search:
    """One look-up's state: the k best rows so far (a min-heap) and the rows already scored."""

    def __init__(
        self, index: ClientIndex, query: dict[int, float], qnorm: float, k: int, floor: float
    ) -> None:
        self.index, self.query, self.qnorm = index, query, qnorm
        self.qseen = math.fsum(query.values())
        self.k, self.floor = k, floor
        self.heap: list[tuple[float, int]] = []
        self.seen: set[int] = set()
        self.count = 0
        self.lightest, self.bits = sorted(query.values()), mask(query)
        self.sizes: dict[int, int] | None = None
        self.filtered: dict[
            int, tuple[int, int, tuple[int, int]]
        ] = {}  # word -> span, test  # by word, in the floor's band (``_sizes``)
        self.reads: dict[float, _Read | None] = {}  # by bar: the floor's is read first and last

    def run(self) -> None:
        floored = self.read(self.floor)
        if floored is None:
            return  # no row holds enough of the query
        if sum(self._size(word, (start, end)) for word, start, end in floored[0]) <= _DIRECT:
            self.visit(*floored)  # little to read at the floor: no bars needed
            return
        for bar in (*(b for b in _BARS if b > self.floor), self.floor):
            if self.level(max(bar, self.kth())):
                return

    def kth(self) -> float:
        return self.heap[0][0] if len(self.heap) >= self.k else 0.0

    def full(self) -> bool:
        return self.count >= MAX_VERIFIED

    def level(self, bar: float) -> bool:
        """Score every row that could be ``bar`` similar; True once no row left unscored can
        change the answer (k rows held, the k-th at least ``bar``)."""
        found = self.read(bar)
        if found is None:
            return False  # no row holds enough of the query for this bar
        self.visit(*found)
        return len(self.heap) >= self.k and self.heap[0][0] >= bar - _TIE

    def read(self, bar: float) -> _Read | None:
        """The bands holding every row that could be ``bar`` similar, the words each such
        row must hold and the weight of the query it may miss; ``None`` if no row could.

        A row of norm ``n`` sharing ``i`` of the query's weight ``q`` is ``i / (q + n - i)``
        similar; as ``n >= i``, reaching ``bar`` needs ``i >= bar * q`` and
        ``bar * q <= n <= qseen * (1 + bar) / bar - q``. So a row may miss at most
        ``qseen - bar * q`` of the query: a word heavier than that is in every such row."""
        if bar not in self.reads:
            self.reads[bar] = self._read(bar)
        return self.reads[bar]

    def _bounds(self, bar: float) -> tuple[float, float]:
        """What a row ``bar`` similar shares at least, and its norm at most."""
        q, eps = self.qnorm, _TIE * self.qnorm
        return bar * q - eps, self.qseen * (1 + bar) / bar - q + eps if bar > 0 else math.inf

    def _read(self, bar: float) -> _Read | None:
        query, eps = self.query, _TIE * self.qnorm
        need, high = self._bounds(bar)
        if self.qseen < need:
            return None
        spare = self.qseen - need
        low = need
        must = [i for i, w in query.items() if w > spare]
        if must:
            low = max(low, math.fsum(query[i] for i in must) - eps)  # n >= what it shares
            bands = self._holding_all(must, low, high)
        else:
            bands = self._holding_one(spare, low, high)
        return bands, must, spare

    def visit(self, bands: list[_Band], must: list[int], spare: float) -> None:
        """Score the rows of ``bands`` not scored yet whose bits allow what they must hold,
        the most promising first, until no row left could enter the k best."""
        found = self._plausible(bands, must, spare) - self.seen
        self.seen |= found  # a row left out may still reach a lower bar
        rows, qnorm, qseen = list(found), self.qnorm, self.qseen
        over = qnorm - qseen
        # A row of norm ``n`` shares at most ``min(n, qseen)``: its best similarity.
        ranked = sorted(
            zip(
                (n / qnorm if n < qseen else qseen / (n + over) for n in self._norms(rows)),
                rows,
                strict=True,
            ),
            reverse=True,
        )
        self.score(ranked[: MAX_VERIFIED - self.count])

    def _norms(self, rows: list[int]) -> Iterable[float]:
        return map(self.index.norms.__getitem__, rows)

    def _span(self, word: int, low: float, high: float) -> tuple[int, int]:
        """Where the rows holding ``word`` with a norm in [low, high] lie in its postings."""
        if word >= len(self.index.postings):
            return 0, 0
        norms = self.index.posting_norms[word]
        return bisect_left(norms, low), bisect_right(norms, high)

    def _size(self, word: int, span: tuple[int, int]) -> int:
        return span[1] - span[0] + len(self.index.tails.get(word, ()))

    def _sizes(self) -> dict[int, int]:
        """Each query word's rows in the floor's norm band. The bands to read are chosen by
        these at every bar (a higher bar's band lies within the floor's, much in proportion),
        so a pass bisects only the postings it reads, not every word's."""
        if self.sizes is None:
            low, high = self._bounds(self.floor)
            self.sizes = {i: self._size(i, self._span(i, low, high)) for i in self.query}
        return self.sizes

    def _holding_all(self, must: list[int], low: float, high: float) -> list[_Band]:
        """The band (and tail) of the word of ``must`` with the fewest rows (``_plausible``
        then drops the rows without the others, by their bits)."""
        word = min(must, key=self._sizes().__getitem__)
        return [(word, *self._span(word, low, high))]

    def _holding_one(self, spare: float, low: float, high: float) -> list[_Band]:
        """Rows in the band holding one of a set of words worth more than ``spare`` (a row
        missing all of them misses too much): the words with the fewest rows per weight."""
        query, sizes = self.query, self._sizes()
        chosen: list[_Band] = []
        covered = 0.0
        for i in sorted(query, key=lambda i: sizes[i] / query[i]):
            if covered > spare:
                break
            chosen.append((i, *self._span(i, low, high)))
            covered += query[i]
        return chosen

    def _plausible(self, bands: list[_Band], must: list[int], spare: float) -> set[int]:
        """The rows whose word bits (``mask``) allow the words a row must share: each word of
        ``must``, and all of the query's bits but those of as many of its lightest words as
        ``spare`` can miss (``memory_bits.allowed``: whole bands at once, not row by row)."""
        missable, missed = 0, 0.0
        for weight in self.lightest:
            missed += weight
            if missed > spare:
                break
            missable += 1
        held, bits = mask(must), self.bits
        least = bits.bit_count() - missable
        index, rows, masks = self.index, array("I"), array("Q")
        test = (held, least if least > held.bit_count() else 0)  # what ``allowed`` checks
        for word, start, end in bands:  # cut from the postings only now: reads are sized first
            for first, last in self._unfiltered(word, start, end, test):
                rows += index.postings[word][first:last]
                masks += index.posting_masks[word][first:last]
            tail = index.tails.get(word, ())
            rows.extend(tail)
            masks.extend(map(index.masks.__getitem__, tail))
        return set(allowed(rows, masks, held, bits, least))  # one call: its cost is per call

    def _unfiltered(
        self, word: int, start: int, end: int, test: tuple[int, int]
    ) -> list[tuple[int, int]]:
        """The parts of a band not yet filtered by the same test: a lower bar widens the band
        of the same word, and when every word is a must at both bars (a near-copy's search)
        the test is the same, so the rows it already passed or failed are not read again."""
        done = self.filtered.get(word)
        self.filtered[word] = start, end, test
        if done is None or done[2] != test or not start <= done[0] <= done[1] <= end:
            return [(start, end)] if end > start else []
        return [(a, b) for a, b in ((start, done[0]), (done[1], end)) if b > a]

    def score(self, ranked: list[tuple[float, int]]) -> None:
        """Each row's similarity, best bound first; those at least ``floor`` enter the heap of
        the k best. Stops at the first row whose bound cannot beat the floor or the k-th."""
        index, heap, k, floor, qnorm = self.index, self.heap, self.k, self.floor, self.qnorm
        flat, starts, norms, weight = index.flat, index.starts, index.norms, self.query.get
        for best, row in ranked:
            if best < floor - _TIE or (len(heap) >= k and best < heap[0][0] - _TIE):
                return
            self.count += 1
            inter = sum(map(weight, flat[starts[row] : starts[row + 1]], _ZEROS))
            union = qnorm + norms[row] - inter
            sim = inter / union if union > 0 else 0.0
            if sim < floor:
                continue
            if len(heap) < k:
                heapq.heappush(heap, (sim, row))
            elif sim > heap[0][0]:
                heapq.heapreplace(heap, (sim, row))
