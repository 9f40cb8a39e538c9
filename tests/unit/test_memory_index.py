"""The memory's retrieval index: an exact top-k that keeps every word, at bounded work."""

from __future__ import annotations

import random

import pytest

from app.classify import memory_index
from app.classify.memory import Memory
from app.classify.memory_index import ClientIndex

WORDS = [f"w{i}" for i in range(60)]


def _brute(index: ClientIndex, words: frozenset[str], k: int, floor: float) -> list[float]:
    """Weighted Jaccard of every row, with the index's own weights: the answer to match."""
    ids = {index.vocab[w] for w in words if w in index.vocab}
    unseen = len(words) - len(ids)
    qnorm = sum(index.weights[i] for i in ids) + unseen * memory_index.math.log(1 + len(index))
    sims = []
    for row in range(len(index)):
        row_words = set(index.flat[index.starts[row] : index.starts[row + 1]])
        inter = sum(index.weights[i] for i in ids & row_words)
        union = qnorm + sum(index.weights[i] for i in row_words) - inter
        sims.append(inter / union)
    return sorted((s for s in sims if s >= floor), reverse=True)[:k]


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
