"""The ninth demo firm's data (examples/ninth_firm/): Tamarack Regulatory Group on Harvest.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an agreement or the firm policy defines, every row's Harvest client, project and task
exist in the firm's Harvest set-up page (and no entry predates the project or task it uses), no
entry but leave breaks the policy's 9.5-hour limit unless the truth marks it, and timebill's
export reader reads both files whole."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.functional.firm_data import (
    check_regenerates,
    check_truth,
    generator_codes,
    letter_codes,
    over_limit,
    projects_with_tasks,
    read_whole,
    rows,
)

FIRM = Path(__file__).resolve().parents[2] / "examples" / "ninth_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"
# Projects and tasks the set-up page says were created during the year.
CREATED = {
    ("Vantyre - Change Orders", None): date(2026, 8, 17),
    ("Halberd - Supplier Controls", None): date(2026, 11, 19),
    ("Vantyre - CardiaPatch 510(k)", "Post-Market"): date(2026, 11, 13),
    ("Kestrel - Supplier Audits", "Desktop Audit"): date(2026, 11, 20),
}


def harvest_projects() -> dict[str, tuple[str, set[str]]]:
    """Project -> (client, task names), from the table in sows/harvest_setup.md."""
    return projects_with_tasks(SOWS / "harvest_setup.md", width=5, tasks_at=3)


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
    assert len(projects) == 12
    for n, row in enumerate(rows(DATA / name), start=2):
        client, tasks = projects[row["Project"]]
        assert row["Client"] == client, (name, n, row["Project"], row["Client"])
        assert row["Task"] in tasks, (name, n, row["Project"], row["Task"])
        day = date.fromisoformat(row["Date"])
        for key in ((row["Project"], None), (row["Project"], row["Task"])):
            assert day >= CREATED.get(key, day), (name, n, key)


def test_only_entries_the_truth_marks_break_the_entry_limit() -> None:
    over, history = over_limit(
        FIRM,
        lambda r: Decimal(r["Hours"]),
        Decimal("9.5"),
        lambda r, code: r["Project"] == "Time Off",
    )
    assert over
    assert set(over) == {"over_hours"}
    assert history == 0


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_the_export_reads_whole_with_timebills_harvest_reader(name: str) -> None:
    result, raw = read_whole(FIRM, name, "harvest")
    assert [e.hours for e in result.entries] == [Decimal(r["Hours"]) for r in raw]
