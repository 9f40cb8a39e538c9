"""The streaming classify (two passes, per-period ledgers) against the whole-file one.

``classify_source`` + ``write_classified`` hold every row and apply the sums to the full list;
``classify_stream`` + ``write_streamed`` hold neither. On the bundled firms, on a file where the
sums flag most entries, shuffled out of date order, and with unreadable rows, the written file,
the summary and the alerts must be the same, byte for byte.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from app.classify.batch import classify_export, learn_history, write_classified, write_streamed
from app.classify.cascade import Cascade
from app.classify.memory import Memory
from app.classify.stream import classify_stream
from app.classify.summary import Tally, summarise
from app.config import Settings
from app.factory import build_cascade
from app.rules.loader import load_rulebook
from app.sources.exports import open_export

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "examples" / "demo_firm" / "data"
SECOND = REPO / "examples" / "second_firm"
FIRMS = {
    "demo_firm": (REPO / "sow_rules", DEMO),
    "second_firm": (SECOND / "sow_rules", SECOND / "data"),
}


def _cascade(rules: Path, data: Path) -> Cascade:
    settings = Settings(rules_dir=rules, llm_provider="none")
    book = load_rulebook(rules)
    memory = Memory(settings.memory_min_similarity)
    learn_history(book, memory, data / "history.csv", "Approved Code")
    return build_cascade(settings, book, memory)


def _both(cascade: Cascade, export: Path, tmp_path: Path) -> tuple[bytes, bytes]:
    whole = classify_export(cascade, export)
    write_classified(whole, tmp_path / "whole.csv")
    streamed = classify_stream(cascade, open_export(export))
    tally = Tally()
    write_streamed(streamed, tmp_path / "streamed.csv", seen=tally.add)
    streamed.close()
    assert streamed.problem_count == len(whole.problems)
    assert streamed.alerts == whole.alerts
    assert tally.summary(1) == summarise(whole.decided, 1)
    return (tmp_path / "whole.csv").read_bytes(), (tmp_path / "streamed.csv").read_bytes()


@pytest.mark.parametrize("firm", sorted(FIRMS))
def test_streamed_output_is_the_whole_file_output(firm: str, tmp_path: Path) -> None:
    rules, data = FIRMS[firm]

    whole, streamed = _both(_cascade(rules, data), data / "month.csv", tmp_path)

    assert whole.count(b"\n") > 900
    assert streamed == whole


def test_same_output_when_the_sums_flag_most_entries_out_of_date_order(tmp_path: Path) -> None:
    """The demo month three times over (every person-day tripled, caps crossed mid-month),
    shuffled, with two unreadable rows: running totals are taken in date order all the same."""
    with (DEMO / "month.csv").open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    rows = rows * 3
    random.Random(13).shuffle(rows)
    rows[5] = [*rows[5][:12], "13/45/2026", *rows[5][13:]]  # Start Date: not a date
    rows[700] = rows[700][:3]  # a short row: no user, no date
    export = tmp_path / "tripled.csv"
    with export.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])

    whole, streamed = _both(_cascade(REPO / "sow_rules", DEMO), export, tmp_path)

    assert whole.count(b"over_day_hours") > 1000
    assert b"over_cap" in whole
    assert whole.count(b"import_error") == 2
    assert streamed == whole
