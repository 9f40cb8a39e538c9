"""The cursor file: round trip, atomic replacement, clear errors for a file it cannot use."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.connectors.cursor import CursorError, CursorFile, PullState
from app.domain.entries import Source

STATE = PullState(
    source=Source.HARVEST, start=date(2025, 10, 1), end=date(2026, 9, 30),
    updated_since=datetime(2025, 11, 1, tzinfo=UTC), next_cursor="https://x/v2?page=3",
    high_water=datetime(2025, 11, 2, 10, 0, tzinfo=UTC), pages=2,
)  # fmt: skip


def test_a_saved_state_loads_back(tmp_path: Path) -> None:
    cursor = CursorFile(tmp_path / "pull.cursor.json")
    assert cursor.load() is None
    cursor.save(STATE)
    assert cursor.load() == STATE
    assert STATE.covers(Source.HARVEST, date(2025, 10, 1), date(2026, 9, 30))
    assert not STATE.covers(Source.TOGGL, date(2025, 10, 1), date(2026, 9, 30))


def test_saving_replaces_the_file_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    cursor = CursorFile(tmp_path / "c.json")
    cursor.save(STATE)
    cursor.save(STATE.model_copy(update={"next_cursor": None, "complete": True}))
    loaded = cursor.load()
    assert loaded is not None
    assert loaded.complete
    assert loaded.next_cursor is None
    assert [p.name for p in tmp_path.iterdir()] == ["c.json"]


def test_a_failed_write_keeps_the_previous_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cursor = CursorFile(tmp_path / "c.json")
    cursor.save(STATE)

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.fsync", broken)
    with pytest.raises(OSError, match="disk full"):
        cursor.save(STATE.model_copy(update={"pages": 9}))
    assert cursor.load() == STATE
    assert [p.name for p in tmp_path.iterdir()] == ["c.json"]


@pytest.mark.parametrize("text", ["{not json", '{"source": "harvest"}', '{"format": "other/9"}'])
def test_an_unusable_file_is_a_clear_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "c.json"
    path.write_text(text)
    with pytest.raises(CursorError, match="delete it to start over"):
        CursorFile(path).load()
