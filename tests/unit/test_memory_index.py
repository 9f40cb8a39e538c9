"""The memory's retrieval index: an exact top-k that keeps every word, at bounded work."""

from __future__ import annotations

import random

import pytest

from app.classify import memory_index
from app.classify.memory import Memory
from app.classify.memory_index import ClientIndex

WORDS = [f"w{i}" for i in range(60)]


def _similarities(index: ClientIndex, words: frozenset[str]) -> list[float]:
    """Weighted Jaccard of every row with the query, with the index's own weights."""
    ids = {index.vocab[w] for w in words if w in index.vocab}
    unseen = len(words) - len(ids)
    qnorm = sum(index.weights[i] for i in ids) + unseen * memory_index.math.log(1 + len(index))
    sims = []
    for row in range(len(index)):
        row_words = set(index.flat[index.starts[row] : index.starts[row + 1]])
        inter = sum(index.weights[i] for i in ids & row_words)
        union = qnorm + sum(index.weights[i] for i in row_words) - inter
        sims.append(inter / union)
    return sims


def _brute(index: ClientIndex, words: frozenset[str], k: int, floor: float) -> list[float]:
    """Every row scored: the answer to match."""
    return sorted((s for s in _similarities(index, words) if s >= floor), reverse=True)[:k]


def _index(rng: random.Random, rows: int) -> ClientIndex:
    index = ClientIndex()
    for row in range(rows):
        words = frozenset(rng.sample(WORDS[: rng.randint(8, 60)], rng.randint(1, 6)))
        index.add(f"{row}", words, " ".join(sorted(words)), rng.randrange(3))
    return index


@pytest.mark.parametrize("seed", range(6))
def test_top_k_is_exactly_the_best_rows_by_weighted_jaccard(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(memory_index, "MAX_VERIFIED", 10**9)  # exact: no cap on work
    rng = random.Random(seed)
    index = _index(rng, rng.choice([20, 300, 2000]))
    for _ in range(40):
        query = frozenset(rng.sample(WORDS, rng.randint(1, 5)) + ["never-seen"] * rng.randint(0, 1))
        # floors that are not exact ratios: no float ties at the floor
        k, floor = rng.choice([1, 3, 7]), rng.choice([0.11, 0.51, 0.74])
        found = index.nearest(query, k, floor)
        best = _brute(index, query, k, floor)
        assert [round(s, 9) for s, _ in found] == [round(s, 9) for s in best]


def test_rows_learned_after_the_build_are_found_before_the_next_build() -> None:
    rng = random.Random(3)
    index = _index(rng, 1000)
    index.nearest(frozenset({"w1"}), 1, 0.1)  # builds
    index.add("fresh", frozenset({"zeta", "w1"}), "zeta w1", 0)
    assert index.built == 1000
    [(sim, row)] = index.nearest(frozenset({"zeta", "w1"}), 1, 0.5)
    assert (row, sim) == (1000, 1.0)
    assert index.built == 1000  # one row is not worth a rebuild


def test_a_word_common_to_thousands_of_rows_still_identifies_the_activity() -> None:
    """The old index skipped words in more than 400 rows, so a description made only of such
    words found no neighbour at all."""
    memory = Memory(min_similarity=0.4)
    sites = ["q" + a + b + c for a in "bdfk" for b in "aeiou" for c in "lmnprstvz"][:150]
    for site in sites * 4:
        memory.learn("north", f"driver qualification file audit {site}", "N-REG")
        memory.learn("north", f"lane model tuning {site}", "N-P1")
    recall = memory.recall("north", "driver qualification file audit")
    assert recall is not None
    assert recall.code == "N-REG"
    assert recall.support == 7 * 4  # the seven nearest, each approved four times
    assert 0.4 <= recall.similarity < 1


def test_work_per_look_up_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory_index, "MAX_VERIFIED", 50)
    index = ClientIndex()
    for i in range(5000):
        index.add(f"{i}", frozenset({"status", "call", f"x{i % 900}"}), "status call", 0)
    found = index.nearest(frozenset({"status", "call", "x1", "y"}), 5000, 0.0)
    assert (index.lookups, index.capped) == (1, 1)
    assert index.verified == len(found) == 50  # every row could qualify: work stops at the cap


def test_labels_of_a_row_count_every_approval_and_the_majority_leads() -> None:
    index = ClientIndex()
    for code in (1, 2, 2, 1, 2):
        index.add("data review", frozenset({"data", "review"}), "data review", code)
    assert index.labels(0) == {1: 2, 2: 3}
    assert (index.top[0], index.counts[0]) == (2, 5)


VOCAB = [f"v{i}" for i in range(400)]
RANKED = [1 / (rank + 1) for rank in range(len(VOCAB))]  # a few common words, many rare ones


def _history(rng: random.Random, rows: int) -> tuple[ClientIndex, list[frozenset[str]]]:
    """Activities (a few words each) repeated with noise words, as real history is: many
    near-copies of each activity, words shared across activities, one-off descriptions."""
    activities = [frozenset(rng.choices(VOCAB, RANKED, k=rng.randint(2, 7))) for _ in range(60)]
    index = ClientIndex()
    for row in range(rows):
        if rng.random() < 0.8:
            extra = rng.choices(VOCAB, RANKED, k=rng.choice([0, 0, 1, 1, 2, 3]))
            words = rng.choice(activities) | frozenset(extra)
        else:
            words = frozenset(rng.choices(VOCAB, RANKED, k=rng.randint(1, 9)))
        index.add(f"{row}", words, "", rng.randrange(4))
    return index, activities


def _queries(rng: random.Random, activities: list[frozenset[str]]) -> list[frozenset[str]]:
    found = []
    for _ in range(60):
        words = set(rng.choice(activities))
        for _ in range(rng.randint(0, 2)):  # drop or add a word, or add one never seen
            change = rng.random()
            if change < 0.3 and len(words) > 1:
                words.discard(rng.choice(sorted(words)))
            elif change < 0.8:
                words.add(rng.choices(VOCAB, RANKED)[0])
            else:
                words.add("unseen-word")
        found.append(frozenset(words))
    return found


def _mismatches(index: ClientIndex, queries: list[frozenset[str]], rng: random.Random) -> int:
    wrong = 0
    for query in queries:
        k = rng.choice([1, 3, 7, 10])
        floor = rng.choice([0.1, 0.3, 0.55, 0.75, 0.81, 0.9])
        found = [round(s, 9) for s, _ in index.nearest(query, k, floor)]
        wrong += found != [round(s, 9) for s in _brute(index, query, k, floor)]
    return wrong


@pytest.mark.parametrize("direct", [0, memory_index._DIRECT, 10**9])  # bars always, or never
@pytest.mark.parametrize("seed", range(3))
def test_pruned_search_returns_what_scoring_every_row_returns(
    seed: int, direct: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Near-copies, shared words, rows learned since the build (tails), every bar and floor."""
    monkeypatch.setattr(memory_index, "MAX_VERIFIED", 10**9)
    monkeypatch.setattr(memory_index, "_DIRECT", direct)
    rng = random.Random(100 + seed)
    index, activities = _history(rng, 3000)
    queries = _queries(rng, activities)
    assert _mismatches(index, queries, random.Random(seed)) == 0
    assert index.built == 3000
    more, _ = _history(random.Random(200 + seed), 60)  # a tail: found before the next build
    for row, words in enumerate(_rows_words(more)):
        index.add(f"tail{row}", words, "", 0)
    assert _mismatches(index, queries, random.Random(seed)) == 0
    assert index.built == 3000


def _rows_words(index: ClientIndex) -> list[frozenset[str]]:
    names = {i: w for w, i in index.vocab.items()}
    return [
        frozenset(names[i] for i in index.flat[index.starts[r] : index.starts[r + 1]])
        for r in range(len(index))
    ]


def test_the_comparison_catches_a_search_that_drops_a_true_top_hit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check above can fail: the same data, with a filter that drops the best candidate
    it is given, gives answers that differ from scoring every row."""
    monkeypatch.setattr(memory_index, "MAX_VERIFIED", 10**9)
    rng = random.Random(100)
    index, activities = _history(rng, 3000)
    queries = _queries(rng, activities)
    real = memory_index._Search._plausible

    def dropping(self, rows, must, spare):  # type: ignore[no-untyped-def]
        kept = real(self, rows, must, spare)
        return kept - {max(kept, key=lambda row: _row_similarity(self, row))} if kept else kept

    monkeypatch.setattr(memory_index._Search, "_plausible", dropping)
    assert _mismatches(index, queries, random.Random(0)) > 0  # 6 of 60 here: the rest tie


def _row_similarity(search: memory_index._Search, row: int) -> float:
    index = search.index
    inter = sum(
        search.query.get(i, 0.0) for i in index.flat[index.starts[row] : index.starts[row + 1]]
    )
    return inter / (search.qnorm + index.norms[row] - inter)


def test_a_row_is_ruled_out_by_its_bits_only_when_it_lacks_the_words() -> None:
    assert memory_index.mask([0, 64, 3]) == 0b1001  # 64 shares bit 0 with 0: a superset test
    assert memory_index.mask([]) == 0
