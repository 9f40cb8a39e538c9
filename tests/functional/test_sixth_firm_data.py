"""The sixth demo firm's data (examples/sixth_firm/): Slatebridge Software on Harvest.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an agreement or the firm policy defines, every row's Harvest client, project and task
exist in the firm's Harvest set-up page, and timebill's export reader reads both files whole."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.functional.firm_data import (
    check_regenerates,
    check_truth,
    generator_codes,
    letter_codes,
    projects_with_tasks,
    read_whole,
    rows,
)

FIRM = Path(__file__).resolve().parents[2] / "examples" / "sixth_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"


def harvest_projects() -> dict[str, tuple[str, set[str]]]:
    """Project -> (client, task names), from the table in sows/tracker_setup.md."""
    return projects_with_tasks(SOWS / "tracker_setup.md", width=5, tasks_at=3)


def test_the_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    check_regenerates(FIRM, tmp_path)


def test_every_month_line_has_a_truth_row_with_a_code_the_agreements_define() -> None:
    assert len(letter_codes(FIRM)) == 26
    check_truth(FIRM)


def test_the_generator_knows_exactly_the_codes_the_agreements_define() -> None:
    assert generator_codes(FIRM) == letter_codes(FIRM)


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_every_row_uses_a_client_project_and_task_from_the_harvest_setup(name: str) -> None:
    projects = harvest_projects()
    assert len(projects) == 13
    for n, row in enumerate(rows(DATA / name), start=2):
        client, tasks = projects[row["Project"]]
        assert row["Client"] == client, (name, n, row["Project"], row["Client"])
        assert row["Task"] in tasks, (name, n, row["Project"], row["Task"])


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_the_export_reads_whole_with_timebills_harvest_reader(name: str) -> None:
    result, raw = read_whole(FIRM, name, "harvest")
    assert [e.hours for e in result.entries] == [Decimal(r["Hours"]) for r in raw]
