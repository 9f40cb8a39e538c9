"""A learned memory saved to a file and loaded back: the same answers, or nothing at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.classify import memory_snapshot
from app.classify.memory import Memory
from app.classify.memory_calibration import MemoryTrust
from app.classify.memory_snapshot import load, save

QUERIES = [
    ("north", "weekly ops sync w/ Dana"),
    ("north", "ops sync with dana and tom"),
    ("north", "DQ file review - Fresno"),
    ("south", "weekly ops sync w/ Dana"),
    (None, "expense reports"),
]


def _memory() -> Memory:
    memory = Memory(0.6)
    for i in range(300):
        memory.learn("north", f"weekly ops sync w/ Dana #{i} item{i % 37}", "N-P2")
        memory.learn("north", f"DQ file review - site{i % 11} {i}", "N-REG")
        memory.learn("south", f"weekly ops sync w/ Dana part{i % 5}", "S-OPS")
    memory.learn(None, "expense reports", "INT-ADMIN")
    memory.learn("north", "DQ file review - site3 1", "N-P2")  # a second code for one row
    memory.trust = MemoryTrust((0,) * 9 + (4,), (0,) * 9 + (3,))
    return memory


def test_a_loaded_memory_answers_as_the_learned_one(tmp_path: Path) -> None:
    memory = _memory()
    path = tmp_path / "m.memory"
    assert save(memory, path, {"rules": [["north", "r1", 0.9, 3, 2]]}) == path.stat().st_size
    loaded = load(path, 0.6)
    assert loaded is not None
    again, extra = loaded
    assert extra == {"rules": [["north", "r1", 0.9, 3, 2]]}
    assert again.trust == memory.trust
    assert len(again) == len(memory)
    for client, text in QUERIES:
        assert again.recall(client, text) == memory.recall(client, text)
        assert again.nearest_examples(client, text, 3) == memory.nearest_examples(client, text, 3)
    again.learn("north", "brand new activity", "N-P1")  # still learns after a load
    assert again.recall("north", "brand new activity") is not None


@pytest.mark.parametrize(
    "spoil",
    [
        lambda b: b[: len(b) - 7],  # cut short
        lambda b: b"timebill-memory\n" + b"{not json\n" + b[b.index(b"\n", 16) + 1 :],
        lambda b: b.replace(b'"format":3', b'"format":99', 1),
        lambda b: b.replace(b'"format":3', b'"format":1', 1),  # the layout before masks
        lambda b: b.replace(b'"format":3', b'"format":2', 1),  # before the postings' masks
        lambda b: b"something else entirely",
    ],
)
def test_a_file_that_cannot_be_used_as_is_is_ignored(tmp_path: Path, spoil) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "m.memory"
    save(_memory(), path, {})
    assert memory_snapshot.FORMAT == 3
    assert b'"format":3' in path.read_bytes()
    path.write_bytes(spoil(path.read_bytes()))
    assert load(path, 0.75) is None
    assert load(tmp_path / "missing.memory", 0.75) is None


def test_the_file_is_written_whole_and_no_partial_file_stays(tmp_path: Path) -> None:
    path = tmp_path / "m.memory"
    save(_memory(), path, {"n": 1})
    save(_memory(), path, {"n": 2})
    assert [p.name for p in tmp_path.iterdir()] == ["m.memory"]
    assert path.read_bytes().startswith(memory_snapshot.MAGIC)
    loaded = load(path, 0.75)
    assert loaded is not None
    assert loaded[1] == {"n": 2}
