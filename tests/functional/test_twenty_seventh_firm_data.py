"""The twenty-seventh demo firm's data (examples/twenty_seventh_firm/): Holston Ridge Discovery,
an e-discovery and litigation support firm, on Harvest (decimal point).

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an engagement letter or the firm policy defines, every row's Harvest client, project
and task exist in the firm's Harvest set-up page (and no entry predates the project it uses), no
work entry breaks the policy's 10-hour limit (15 for trial support on a listed trial day) except
the one the truth marks, and timebill's export reader reads both files whole."""

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

FIRM = Path(__file__).resolve().parents[2] / "examples" / "twenty_seventh_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"
LIMIT, TRIAL_LIMIT = Decimal("10.0"), Decimal("15.0")  # firm policy §2.6; leave is exempt
# The trial days Reyes Albright & Kunz's record of events lists (the class certification hearing
# and the five trial days).
TRIAL_DAYS = {
    date(2026, 9, 15), date(2026, 11, 17), date(2026, 11, 18), date(2026, 11, 19),
    date(2026, 11, 20), date(2026, 11, 23),
}  # fmt: skip
# Projects the set-up page says were created during the year.
OPENED = {
    "Pellham - Okafor v. Brightline": date(2026, 2, 9),
    "Pellham - Okafor Added Custodians": date(2026, 11, 16),
    "Castellan - Northgate Second Request": date(2026, 4, 6),
    "Reyes - Harlow v. Tenmile": date(2026, 1, 12),
    "Clinch River - Pro Bono": date(2026, 3, 2),
}


def harvest_projects() -> dict[str, tuple[str, set[str]]]:
    """Project -> (client, task names), from the table in sows/harvest_setup.md."""
    return projects_with_tasks(SOWS / "harvest_setup.md", width=5, tasks_at=3)


def work_date(row: dict[str, str]) -> date:
    return date.fromisoformat(row["Date"])


def hours(row: dict[str, str]) -> Decimal:
    """``Hours`` as the account writes it: a decimal point, no thousands mark."""
    return Decimal(row["Hours"])


def exempt(row: dict[str, str], code: str) -> bool:
    """Leave, or trial support on a trial day within the trial-day limit."""
    if row["Project"] == "Time Off":
        return True
    return (
        work_date(row) in TRIAL_DAYS
        and row["Task"] == "Trial Support"
        and hours(row) <= TRIAL_LIMIT
    )


def test_the_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    check_regenerates(FIRM, tmp_path)


def test_every_month_line_has_a_truth_row_with_a_code_the_letters_define() -> None:
    assert len(letter_codes(FIRM)) == 25
    check_truth(FIRM)


def test_the_generator_knows_exactly_the_codes_the_letters_define() -> None:
    assert generator_codes(FIRM) == letter_codes(FIRM)


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_every_row_uses_a_client_project_and_task_from_the_harvest_setup(name: str) -> None:
    projects = harvest_projects()
    assert len(projects) == 12
    for n, row in enumerate(rows(DATA / name), start=2):
        client, tasks = projects[row["Project"]]
        assert row["Client"] == client, (name, n, row["Project"], row["Client"])
        assert row["Task"] in tasks, (name, n, row["Project"], row["Task"])


def test_no_entry_predates_its_project_on_the_setup_page() -> None:
    check_opened(FIRM, OPENED, work_date)


def test_only_the_marked_entry_breaks_the_entry_hours_limit() -> None:
    month, history = over_limit(FIRM, hours, LIMIT, exempt)
    assert month == ["over_hours"]
    assert history == 0


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_the_hours_are_written_with_a_decimal_point(name: str) -> None:
    assert all("." in r["Hours"] and "," not in r["Hours"] for r in rows(DATA / name))


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_the_export_reads_whole_with_timebills_harvest_reader(name: str) -> None:
    result, raw = read_whole(FIRM, name, "harvest")
    assert [e.hours for e in result.entries] == [hours(r) for r in raw]
