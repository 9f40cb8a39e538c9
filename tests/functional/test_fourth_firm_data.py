"""The fourth demo firm's data (examples/fourth_firm/): Whitford Lane Kessler LLP on Clockify.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an engagement letter or the firm policy defines, every row's Clockify project and task
exist in the firm's Clockify set-up page, and timebill's export reader reads both files whole."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.functional.firm_data import (
    check_regenerates,
    check_truth,
    generator_codes,
    letter_codes,
    read_whole,
    rows,
)

FIRM = Path(__file__).resolve().parents[2] / "examples" / "fourth_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"


def clockify_tasks() -> dict[str, set[str]]:
    """Project -> task names, from the projects table in sows/tracker_setup.md."""
    tasks: dict[str, set[str]] = {}
    for line in (SOWS / "tracker_setup.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.search(r"\((Yes|No)\)", cells[2]):
            tasks[cells[1]] = {
                re.sub(r"\s*\((Yes|No)\)$", "", t.strip()) for t in cells[2].split(",")
            }
    return tasks


def clockify_tags() -> set[str]:
    """Tag names from the tags table in sows/tracker_setup.md."""
    text = (SOWS / "tracker_setup.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| (L\d{3}|A\d{3}|Travel) \|", text, re.MULTILINE))


def test_the_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    check_regenerates(FIRM, tmp_path)


def test_every_month_line_has_a_truth_row_with_a_code_the_letters_define() -> None:
    check_truth(FIRM)


def test_the_generator_knows_exactly_the_codes_the_letters_define() -> None:
    assert generator_codes(FIRM) == letter_codes(FIRM)


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_every_row_uses_a_project_task_and_tags_from_the_clockify_setup(name: str) -> None:
    tasks, tags = clockify_tasks(), clockify_tags()
    assert len(tasks) == 12
    assert len(tags) == 31
    for n, row in enumerate(rows(DATA / name), start=2):
        assert row["Task"] in tasks.get(row["Project"], set()), (n, row["Project"], row["Task"])
        used = {t.strip() for t in row["Tags"].split(",") if t.strip()}
        assert used <= tags, (n, row["Tags"])


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_the_export_reads_whole_with_timebills_clockify_reader(name: str) -> None:
    result, raw = read_whole(FIRM, name, "clockify")
    assert result.entries[0].hours == Decimal(raw[0]["Duration (decimal)"])
