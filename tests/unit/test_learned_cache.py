"""What a history teaches is learned once per history, rules and engine, then loaded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.classify import learned_cache, memory_snapshot
from app.classify.learned_cache import cached_evidence
from app.rules.loader import load_rulebook

REPO = Path(__file__).resolve().parents[2]
FIRM = REPO / "examples" / "second_firm"


@pytest.fixture
def history(tmp_path: Path) -> Path:
    return Path(shutil.copy(FIRM / "data" / "history.csv", tmp_path / "history.csv"))


def _learned(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real = learned_cache.learn_evidence

    def counting(book, memory, path, label_column, stage=None):  # type: ignore[no-untyped-def]
        calls.append(path)
        return real(book, memory, path, label_column, stage)

    monkeypatch.setattr(learned_cache, "learn_evidence", counting)
    return calls


def test_the_second_run_loads_what_the_first_learned(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _learned(monkeypatch)
    book = load_rulebook(FIRM / "sow_rules")
    cache = tmp_path / "cache"
    first, learned = cached_evidence(
        book, history, "Approved Code", min_similarity=0.75, cache_dir=cache
    )
    second, loaded = cached_evidence(
        book, history, "Approved Code", min_similarity=0.75, cache_dir=cache
    )
    assert len(calls) == 1
    assert [p.name.startswith("local-") for p in cache.iterdir()] == [True]
    assert loaded.calibration == learned.calibration
    assert (loaded.learned, loaded.problems) == (learned.learned, learned.problems)
    assert second.trust == first.trust is not None
    texts = ("social content cal - December", "hours vs allowance check", "monthly report")
    recalls = [first.recall("alder-oak", text) for text in texts]
    assert any(r is not None and r.similarity == 1.0 for r in recalls)
    assert [second.recall("alder-oak", text) for text in texts] == recalls


def test_a_changed_history_is_relearned(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _learned(monkeypatch)
    book = load_rulebook(FIRM / "sow_rules")
    cache = tmp_path / "cache"
    cached_evidence(book, history, "Approved Code", min_similarity=0.75, cache_dir=cache)
    lines = history.read_text(encoding="utf-8").splitlines(keepends=True)
    history.write_text("".join(lines[:-1]), encoding="utf-8")
    _, evidence = cached_evidence(
        book, history, "Approved Code", min_similarity=0.75, cache_dir=cache
    )
    assert len(calls) == 2
    assert len(list(cache.iterdir())) == 2
    assert evidence.backtest is not None


def test_no_cache_folder_means_nothing_is_written(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _learned(monkeypatch)
    book = load_rulebook(FIRM / "sow_rules")
    for _ in range(2):
        cached_evidence(book, history, "Approved Code", min_similarity=0.75, cache_dir=None)
    assert len(calls) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.csv"]


def test_a_file_of_another_format_is_relearned_and_rewritten(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A snapshot written by an older timebill (another index layout) under the same name is
    not read: memory is learned again and the file rewritten in today's format."""
    calls = _learned(monkeypatch)
    book = load_rulebook(FIRM / "sow_rules")
    cache = tmp_path / "cache"
    first, _ = cached_evidence(book, history, "Approved Code", min_similarity=0.75, cache_dir=cache)
    [path] = cache.iterdir()
    today = f'"format":{memory_snapshot.FORMAT}'.encode()
    path.write_bytes(path.read_bytes().replace(today, b'"format":1', 1))
    again, _ = cached_evidence(book, history, "Approved Code", min_similarity=0.75, cache_dir=cache)
    assert len(calls) == 2
    assert today in path.read_bytes()
    texts = ("social content cal - December", "hours vs allowance check", "monthly report")
    recalls = [first.recall("alder-oak", text) for text in texts]
    assert any(r is not None for r in recalls)
    assert [again.recall("alder-oak", text) for text in texts] == recalls
