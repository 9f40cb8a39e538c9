"""The twenty-first demo firm's data (examples/twenty_first_firm/): Fernhollow Climate Partners on
Harvest.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an agreement or the firm policy defines, every row's Harvest client, project and task
exist in the firm's Harvest set-up page (and no entry predates the project or task it uses), no
work entry breaks the policy's 9-hour limit except the one the truth marks, and timebill's export
reader reads both files whole."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.functional.firm_data import (
    check_opened,
    check_regenerates,
    check_truth,
    generator_codes,
    letter_codes,
    over_limit,
    projects_with_tasks,
    read_whole,
    rows,
)

FIRM = Path(__file__).resolve().parents[2] / "examples" / "twenty_first_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"
LIMIT = Decimal("9.0")  # firm policy §2.6; leave (the Time Off project) is exempt
# Projects the set-up page says were created during the year, and the task added.
OPENED = {
    "Calloway - GHG Inventory": date(2025, 12, 1),
    "Calloway - CDP 2026": date(2026, 5, 4),
    "Harborline - Climate Risk Assessment": date(2026, 4, 6),
    "Catawba Ridge - 2026 Sustainability Report": date(2026, 1, 5),
    "Catawba Ridge - Assurance Readiness": date(2026, 11, 12),
    "Laurel Gap - Climate Action Plan": date(2026, 6, 1),
}
TASK_ADDED = {("Catawba Ridge - 2026 Sustainability Report", "Design & Layout"): date(2026, 8, 3)}


def harvest_projects() -> dict[str, tuple[str, set[str]]]:
    """Project -> (client, task names), from the table in sows/harvest_setup.md."""
    return projects_with_tasks(SOWS / "harvest_setup.md", width=5, tasks_at=3)


def work_date(row: dict[str, str]) -> date:
    return date.fromisoformat(row["Date"])


def test_the_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    check_regenerates(FIRM, tmp_path)


def test_every_month_line_has_a_truth_row_with_a_code_the_agreements_define() -> None:
    assert len(letter_codes(FIRM)) == 30
    check_truth(FIRM)


def test_the_generator_knows_exactly_the_codes_the_agreements_define() -> None:
    assert generator_codes(FIRM) == letter_codes(FIRM)


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_every_row_uses_a_client_project_and_task_from_the_harvest_setup(name: str) -> None:
    projects = harvest_projects()
    assert len(projects) == 14
    for n, row in enumerate(rows(DATA / name), start=2):
        client, tasks = projects[row["Project"]]
        assert row["Client"] == client, (name, n, row["Project"], row["Client"])
        assert row["Task"] in tasks, (name, n, row["Project"], row["Task"])
        added = TASK_ADDED.get((row["Project"], row["Task"]))
        assert added is None or work_date(row) >= added, (name, n, row["Task"])


def test_no_entry_predates_its_project_on_the_setup_page() -> None:
    check_opened(FIRM, OPENED, work_date)


def test_only_the_marked_entry_breaks_the_entry_hours_limit() -> None:
    month, history = over_limit(
        FIRM, lambda r: Decimal(r["Hours"]), LIMIT, lambda r, code: r["Project"] == "Time Off"
    )
    assert month == ["over_hours"]
    assert history == 0


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_the_export_reads_whole_with_timebills_harvest_reader(name: str) -> None:
    result, raw = read_whole(FIRM, name, "harvest")
    assert [e.hours for e in result.entries] == [Decimal(r["Hours"]) for r in raw]
