"""The eighth demo firm's data (examples/eighth_firm/): Brackenridge Economic Analysis on Toggl.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an agreement or the firm policy defines, every row's Toggl client, project and tags
exist in the firm's Toggl set-up page (and no entry predates its project), no client entry breaks
the policy's 10-hour limit except the one the truth marks, and timebill's export reader reads both
files whole."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tests.functional.firm_data import (
    MONTH_START,
    check_opened,
    check_regenerates,
    check_truth,
    clock_seconds,
    generator_codes,
    letter_codes,
    over_limit,
    read_whole,
    rows,
    table_rows,
)

FIRM = Path(__file__).resolve().parents[2] / "examples" / "eighth_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"


def setup_table(first_header: str) -> list[list[str]]:
    """Body rows of the table in sows/tracker_setup.md whose first header cell is given."""
    return table_rows(SOWS / "tracker_setup.md", first_header)


def toggl_projects() -> dict[str, str]:
    return {row[1]: row[0] for row in setup_table("Toggl client")}


def toggl_tags() -> set[str]:
    return {row[0] for row in setup_table("Tag")}


def test_the_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    check_regenerates(FIRM, tmp_path)


def test_every_month_line_has_a_truth_row_with_a_code_the_agreements_define() -> None:
    assert len(letter_codes(FIRM)) == 27
    check_truth(FIRM)


def test_the_generator_knows_exactly_the_codes_the_agreements_define() -> None:
    assert generator_codes(FIRM) == letter_codes(FIRM)


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_every_row_uses_a_client_project_and_tags_from_the_toggl_setup(name: str) -> None:
    projects, tags = toggl_projects(), toggl_tags()
    assert len(projects) == 12
    assert len(tags) == 20
    for n, row in enumerate(rows(DATA / name), start=2):
        assert projects.get(row["Project"]) == row["Client"], (name, n, row["Project"])
        assert row["Task"] == "", (name, n)  # the firm uses tags, not Toggl tasks
        used = {t.strip() for t in row["Tags"].split(",") if t.strip()}
        assert used <= tags, (name, n, row["Tags"])


def test_no_entry_predates_its_project_on_the_setup_page() -> None:
    opened = {
        "Kestrel v. Tolland": date(2025, 12, 1),
        "Ostrander TP FY2026": date(2026, 1, 20),
        "Ostrander - change requests": date(2026, 6, 3),
        "Halvern / St. Aldric merger": date(2026, 5, 11),
        "Sandoval v. Corvid": date(2026, 2, 9),
    }
    check_opened(FIRM, opened, lambda row: date.fromisoformat(row["Start date"]))


def test_only_the_marked_entry_breaks_the_ten_hour_limit() -> None:
    month, history = over_limit(FIRM, lambda r: clock_seconds(r["Duration"]), 36000)
    assert month == ["over_hours"]
    assert history == 0


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_the_export_reads_whole_with_timebills_toggl_reader(name: str) -> None:
    result, raw = read_whole(FIRM, name, "toggl")
    for entry, row in zip(result.entries, raw, strict=True):
        exact = Decimal(clock_seconds(row["Duration"])) / 3600
        assert abs(entry.hours - exact) < Decimal("0.01"), row
    if name == "history.csv":
        assert min(e.work_date for e in result.entries) >= MONTH_START - timedelta(days=366)
