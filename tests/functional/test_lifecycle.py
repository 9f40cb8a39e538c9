"""200 entries through create, edits, deletes, duplicate deliveries and double-submitted
approvals against the fake QuickBooks: one live TimeActivity per live entry, with its latest
content, none for a deleted entry, no duplicates, and each person-day's running total the hours
of its live entry, counted once (the same run as ``bench/lifecycle_bench.py`` at a tenth of the
size)."""

from __future__ import annotations

from pathlib import Path

from tests.functional.lifecycle import invariants, simulate


def test_two_hundred_entries_end_with_one_record_each_holding_the_latest_version(
    tmp_path: Path,
) -> None:
    figures = simulate(200, tmp_path, seed=11, threads=4)
    assert invariants(figures) == []
    assert figures.live_entries + figures.deleted_entries == 200
    assert figures.edits > 40  # the plan did edit, delete, duplicate and double-submit
    assert figures.deleted_entries > 5
    assert figures.duplicate_deliveries > 20
    assert figures.double_submits > 0
    assert figures.qbo["creates"] == figures.live_records + figures.qbo["deletes"]
    assert figures.qbo["updates"] > 40  # edits of posted entries reached QuickBooks
