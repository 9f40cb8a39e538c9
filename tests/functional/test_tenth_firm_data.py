"""The tenth demo firm's data (examples/tenth_firm/): Halyard Point Security on Clockify.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an agreement or the firm policy defines, every row's Clockify client, project, task and
tags exist in the firm's Clockify set-up page, no entry predates its project, only leave breaks the
8.0 h entry limit, and timebill's export reader reads both files whole."""

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

FIRM = Path(__file__).resolve().parents[2] / "examples" / "tenth_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"


def clockify_projects() -> dict[str, tuple[str, set[str]]]:
    """Project -> (client, task names), from the projects table in sows/tracker_setup.md."""
    return projects_with_tasks(SOWS / "tracker_setup.md", width=4, tasks_at=2)


def clockify_tags() -> set[str]:
    """Tag names from the tags table in sows/tracker_setup.md."""
    text = (SOWS / "tracker_setup.md").read_text(encoding="utf-8")
    table = text.split("## Tags", 1)[1].split("## Who logs what", 1)[0]
    return set(re.findall(r"^\| ([A-Za-z/]+) \|", table, re.MULTILINE)) - {"Tag"}


def start_of(row: dict[str, str]) -> datetime:
    return datetime.strptime(f"{row['Start Date']} {row['Start Time']}", "%m/%d/%Y %I:%M:%S %p")


def test_the_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    check_regenerates(FIRM, tmp_path)


def test_every_month_line_has_a_truth_row_with_a_code_the_agreements_define() -> None:
    assert len(letter_codes(FIRM)) == 29
    check_truth(FIRM)


def test_the_generator_knows_exactly_the_codes_the_agreements_define() -> None:
    assert generator_codes(FIRM) == letter_codes(FIRM)


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_every_row_uses_a_client_project_task_and_tags_from_the_clockify_setup(name: str) -> None:
    projects, tags = clockify_projects(), clockify_tags()
    assert len(projects) == 13
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
    """Projects opened on a document's date (the incident on Nov 6, CR-02's on Nov 12)."""
    opened = {
        "SBMC INC-2026-03": date(2026, 11, 6),
        "QFP Partner API CR-02": date(2026, 11, 12),
        "GRLSD Readiness Assessment": date(2026, 9, 14),
    }
    check_opened(FIRM, opened, lambda row: start_of(row).date())


def test_only_leave_breaks_the_entry_limit() -> None:
    """Firm policy §2.5: no entry over 8.0 h, leave exempt (one leave entry covers three days)."""
    month, truth = rows(DATA / "month.csv"), rows(DATA / "month_truth.csv")
    long = [
        (r, t) for r, t in zip(month, truth, strict=True) if Decimal(r["Duration (decimal)"]) > 8
    ]
    assert long
    assert all(t["true_code"] in {"HLY-PTO", "HLY-SICK", "HLY-HOL"} for _, t in long)


def test_after_hours_incident_codes_follow_the_declaration_and_the_clock() -> None:
    """St. Brennan §3.3: SBM-IRAH only for work starting outside business hours while
    INC-2026-03 is open (declared Nov 6, 9:15 a.m.; closed Nov 18, 5:00 p.m.)."""
    declared, closed = datetime(2026, 11, 6, 9, 15), datetime(2026, 11, 18, 17, 0)
    holidays = {date(2026, 11, 11), date(2026, 11, 26), date(2026, 11, 27)}
    month, truth = rows(DATA / "month.csv"), rows(DATA / "month_truth.csv")
    seen = set()
    for row, t in zip(month, truth, strict=True):
        if t["true_code"] not in ("SBM-IR", "SBM-IRAH"):
            continue
        start = start_of(row)
        business = start.weekday() < 5 and start.date() not in holidays and 8 <= start.hour < 18
        expected = "SBM-IRAH" if declared <= start < closed and not business else "SBM-IR"
        assert t["true_code"] == expected, (t["line"], row["Description"])
        seen.add((expected, declared <= start < closed, business))
    assert ("SBM-IR", False, False) in seen  # after-hours triage before or after the incident
    assert ("SBM-IRAH", True, False) in seen
