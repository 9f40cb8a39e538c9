"""The seventh demo firm's data (examples/seventh_firm/): Kestrel Ridge Environmental on Clockify.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an agreement or the firm policy defines, every row's Clockify client, project, task and
tags exist in the firm's Clockify set-up page, and timebill's export reader reads both files
whole."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tests.functional.firm_data import (
    check_opened,
    check_regenerates,
    check_truth,
    generator_codes,
    letter_codes,
    projects_with_tasks,
    read_whole,
    rows,
)

FIRM = Path(__file__).resolve().parents[2] / "examples" / "seventh_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"


def clockify_projects() -> dict[str, tuple[str, set[str]]]:
    """Project -> (client, task names), from the projects table in sows/tracker_setup.md."""
    return projects_with_tasks(SOWS / "tracker_setup.md", width=4, tasks_at=2)


def clockify_tags() -> set[str]:
    """Tag names from the tags table in sows/tracker_setup.md."""
    text = (SOWS / "tracker_setup.md").read_text(encoding="utf-8")
    table = text.split("## Tags", 1)[1].split("## Who logs what", 1)[0]
    return set(re.findall(r"^\| ([A-Za-z/]+) \|", table, re.MULTILINE)) - {"Tag"}


def test_the_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    check_regenerates(FIRM, tmp_path)


def test_every_month_line_has_a_truth_row_with_a_code_the_agreements_define() -> None:
    assert len(letter_codes(FIRM)) == 28
    check_truth(FIRM)


def test_the_generator_knows_exactly_the_codes_the_agreements_define() -> None:
    assert generator_codes(FIRM) == letter_codes(FIRM)


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_every_row_uses_a_client_project_task_and_tags_from_the_clockify_setup(name: str) -> None:
    projects, tags = clockify_projects(), clockify_tags()
    assert len(projects) == 16
    assert len(tags) == 10
    for n, row in enumerate(rows(DATA / name), start=2):
        client, tasks = projects[row["Project"]]
        assert row["Client"] == client, (name, n, row["Project"], row["Client"])
        assert row["Task"] in tasks, (name, n, row["Project"], row["Task"])
        used = {t.strip() for t in row["Tags"].split(",") if t.strip()}
        assert used <= tags, (name, n, row["Tags"])


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_the_export_reads_whole_with_timebills_clockify_reader(name: str) -> None:
    result, raw = read_whole(FIRM, name, "clockify")
    assert [e.hours for e in result.entries] == [Decimal(r["Duration (decimal)"]) for r in raw]


def test_no_entry_predates_its_project_on_the_setup_page() -> None:
    """Projects opened on a document's date (TO 9 on Nov 9, the Tannery Phase II on Nov 4)."""
    opened = {
        "DLWR TO9 Carver Street Vapor Intrusion": date(2026, 11, 9),
        "HLD Old Tannery Phase II": date(2026, 11, 4),
        "DLWR TO7 Riverside Drum Yard GW Monitoring": date(2026, 2, 2),
        "DLWR TO6 Halsey Road Phase II": date(2026, 1, 12),
    }
    check_opened(FIRM, opened, lambda row: datetime.strptime(row["Start Date"], "%m/%d/%Y").date())
