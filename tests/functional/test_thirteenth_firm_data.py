"""The thirteenth demo firm's data (examples/thirteenth_firm/): Harrow & Finch Communications on
Clockify.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an agreement or the firm policy defines, every row's Clockify client, project, task and
tags exist in the firm's Clockify set-up page, no entry predates its project, only leave and the
one marked entry break the 7.0 h entry limit, and timebill's export reader reads both files whole.
"""

from __future__ import annotations

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
    over_limit,
    projects_with_tasks,
    read_whole,
    rows,
    table_rows,
)

FIRM = Path(__file__).resolve().parents[2] / "examples" / "thirteenth_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"
SETUP = SOWS / "clockify_setup.md"
LEAVE = {"HFC-PTO", "HFC-SICK", "HFC-HOL"}  # firm policy §2.5: leave is exempt from the limit
LIMIT = Decimal("7.0")


def clockify_projects() -> dict[str, tuple[str, set[str]]]:
    """Project -> (client, task names), from the projects table of the set-up page."""
    return projects_with_tasks(SETUP, width=4, tasks_at=2)


def opened_dates() -> dict[str, date]:
    """Project -> the date the set-up page says it was opened."""
    return {
        row[1]: datetime.strptime(row[3], "%b %d, %Y").date()
        for row in table_rows(SETUP, "Clockify client")
    }


def start_of(row: dict[str, str]) -> datetime:
    return datetime.strptime(f"{row['Start Date']} {row['Start Time']}", "%m/%d/%Y %I:%M:%S %p")


def test_the_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    check_regenerates(FIRM, tmp_path)


def test_every_month_line_has_a_truth_row_with_a_code_the_agreements_define() -> None:
    assert len(letter_codes(FIRM)) == 28
    check_truth(FIRM)


def test_the_generator_knows_exactly_the_codes_the_agreements_define() -> None:
    assert generator_codes(FIRM) == letter_codes(FIRM)


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_every_row_uses_a_client_project_task_and_tags_from_the_clockify_setup(name: str) -> None:
    projects, tags = clockify_projects(), {row[0] for row in table_rows(SETUP, "Tag")}
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
    """The activation project opened the day after the Sunday activation, CO-1's the day after
    its signature, the gala's with its letter."""
    opened = opened_dates()
    assert opened["CSL ACT-2026-02 Data Incident"] == date(2026, 11, 9)
    assert opened["VLB Influencer Program CO-1"] == date(2026, 11, 13)
    check_opened(FIRM, opened, lambda row: start_of(row).date())


def test_only_leave_and_the_marked_entry_break_the_entry_limit() -> None:
    """Firm policy §2.5: no entry over 7.0 h, leave exempt (one PTO entry covers three days)."""
    month, history = over_limit(
        FIRM, lambda r: Decimal(r["Duration (decimal)"]), LIMIT, lambda r, code: code in LEAVE
    )
    assert month == ["over_hours"]
    assert history == 0


def test_crisis_codes_follow_the_activation_email_and_the_window() -> None:
    """Castellan §4: CSL-CRISIS from the activation email (Nov 8, 8:05 p.m.) to Nov 21, 11:59
    p.m.; the matter's work before it is standby, after it the standard rate."""
    activated, last = datetime(2026, 11, 8, 20, 5), date(2026, 11, 21)
    month, truth = rows(DATA / "month.csv"), rows(DATA / "month_truth.csv")
    seen = set()
    for row, t in zip(month, truth, strict=True):
        start = start_of(row)
        if t["true_code"] == "CSL-CRISIS":
            assert activated <= start, t["line"]
            assert start.date() <= last, t["line"]
        if t["true_code"] == "CSL-STD":
            assert start.date() > last, t["line"]
        seen.add(t["true_code"])
    assert {"CSL-STBY", "CSL-CRISIS", "CSL-STD", "CSL-PREP"} <= seen


def test_overage_and_change_order_codes_follow_their_dates() -> None:
    """Greywater §3.2: no GWB-OVER before the Nov 19 notice and no GWB-RET after it; Veloria
    §6: no VLB-INFL before CO-1 (Nov 12) and no VLB-OOS after it."""
    month, truth = rows(DATA / "month.csv"), rows(DATA / "month_truth.csv")
    for row, t in zip(month, truth, strict=True):
        day = start_of(row).date()
        if t["true_code"] == "GWB-OVER":
            assert day >= date(2026, 11, 19), t["line"]
        if t["true_code"] == "VLB-INFL":
            assert day >= date(2026, 11, 12), t["line"]
        if t["true_code"] == "GWB-RET":
            assert day < date(2026, 11, 19), t["line"]
        if t["true_code"] == "VLB-OOS":
            assert day < date(2026, 11, 12), t["line"]
