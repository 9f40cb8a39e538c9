"""The bulk filter by word bits keeps exactly the rows a row-by-row check keeps."""

from __future__ import annotations

import random
from array import array

import pytest

from app.classify import memory_bits
from app.classify.memory_bits import allowed, mask


def _one_by_one(rows: list[int], masks: list[int], held: int, bits: int, least: int) -> list[int]:
    return [
        row
        for row, bits_of in zip(rows, masks, strict=True)
        if bits_of & held == held and (bits_of & bits).bit_count() >= least
    ]


@pytest.mark.parametrize("seed", range(8))
def test_bulk_filter_keeps_what_the_row_by_row_check_keeps(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(60):
        size = rng.choice([0, 1, 7, 64, 500])
        dense = rng.random() < 0.3  # many rows kept (compress) or few (find each)
        masks = [
            mask(rng.sample(range(200), rng.randint(1 if dense else 2, 12))) for _ in range(size)
        ]
        rows = rng.sample(range(10**6), size)
        bits = mask(rng.sample(range(200), rng.randint(1, 10)))
        held = bits & (0 if rng.random() < 0.4 else mask(rng.sample(range(200), 60)))
        least = rng.randint(-1, bits.bit_count() + 1)
        found = list(allowed(array("I", rows), array("Q", masks), held, bits, least))
        assert found == _one_by_one(rows, masks, held, bits, least)


def test_the_check_would_catch_a_filter_that_ignores_held_words() -> None:
    masks = [mask([1, 2]), mask([2, 3])]
    kept = list(allowed(array("I", [10, 11]), array("Q", masks), mask([1]), mask([1, 2, 3]), 1))
    assert kept == [10]  # the second row lacks word 1's bit, though it holds two query bits


def test_small_bands_checked_row_by_row_keep_the_same_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(9)
    masks = [mask(rng.sample(range(200), 6)) for _ in range(40)]
    rows = list(range(40))
    bits = mask(rng.sample(range(200), 8))
    held = bits & mask(rng.sample(range(200), 80))
    for few in (0, 10**6):  # in bulk, or one by one
        monkeypatch.setattr(memory_bits, "_FEW", few)
        found = list(allowed(array("I", rows), array("Q", masks), held, bits, 3))
        assert found == _one_by_one(rows, masks, held, bits, 3)
