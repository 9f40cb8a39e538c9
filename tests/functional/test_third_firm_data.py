"""The third demo firm's data (examples/third_firm/): Ashgrove Hale & Co., CPAs on Harvest.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an engagement letter or the firm policy defines, and every row's Harvest project and
task exist in the firm's Harvest set-up page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.functional.firm_data import (
    check_regenerates,
    check_truth,
    generator_codes,
    letter_codes,
    rows,
)

FIRM = Path(__file__).resolve().parents[2] / "examples" / "third_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"


def harvest_tasks() -> dict[str, set[str]]:
    """Project -> task names, from the table in sows/tracker_setup.md."""
    tasks: dict[str, set[str]] = {}
    for line in (SOWS / "tracker_setup.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and re.search(r"\((Yes|No)\)", cells[3]):
            tasks[cells[1]] = {
                re.sub(r"\s*\((Yes|No)\)$", "", t.strip()) for t in cells[3].split(",")
            }
    return tasks


def test_the_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    check_regenerates(FIRM, tmp_path)


def test_every_month_line_has_a_truth_row_with_a_code_the_letters_define() -> None:
    check_truth(FIRM)


def test_the_generator_knows_exactly_the_codes_the_letters_define() -> None:
    assert generator_codes(FIRM) == letter_codes(FIRM)


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_every_row_uses_a_project_and_task_from_the_harvest_setup(name: str) -> None:
    tasks = harvest_tasks()
    assert len(tasks) == 11
    for n, row in enumerate(rows(DATA / name), start=2):
        assert row["Task"] in tasks.get(row["Project"], set()), (
            name,
            n,
            row["Project"],
            row["Task"],
        )
