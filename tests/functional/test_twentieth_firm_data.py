"""The twentieth demo firm's data (examples/twentieth_firm/): Tidewell Learning Group on Toggl.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an agreement or the firm policy defines, every row's Toggl client, project, task and
tags exist in the firm's Toggl set-up page (and no entry predates its project), no work entry
breaks the policy's 5-hour limit except the one the truth marks, the dated codes follow the
records of events, and timebill's export reader reads both files whole."""

from __future__ import annotations

from datetime import date, datetime, timedelta
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
    projects_with_tasks,
    read_whole,
    rows,
    table_rows,
)

FIRM = Path(__file__).resolve().parents[2] / "examples" / "twentieth_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"
SETUP = SOWS / "toggl_setup.md"
LEAVE = {"TLG-PTO", "TLG-HOL", "TLG-SICK"}  # firm policy §2.5: leave is exempt from the limit
LIMIT = 300 * 60


def toggl_projects() -> dict[str, tuple[str, set[str]]]:
    """Project -> (client, tasks) from the set-up page's projects table."""
    return projects_with_tasks(SETUP, width=5, tasks_at=2)


def opened_dates() -> dict[str, date]:
    """Project -> the date the set-up page says it was created."""
    return {
        row[1]: datetime.strptime(row[3], "%B %d, %Y").date()
        for row in table_rows(SETUP, "Toggl client")
    }


def month_days() -> list[tuple[date, str, str]]:
    """(day, true code, category) of every open-month line."""
    month, truth = rows(DATA / "month.csv"), rows(DATA / "month_truth.csv")
    return [
        (date.fromisoformat(r["Start date"]), t["true_code"], t["category"])
        for r, t in zip(month, truth, strict=True)
    ]


def test_the_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    check_regenerates(FIRM, tmp_path)


def test_every_month_line_has_a_truth_row_with_a_code_the_agreements_define() -> None:
    assert len(letter_codes(FIRM)) == 32
    check_truth(FIRM)


def test_the_generator_knows_exactly_the_codes_the_agreements_define() -> None:
    assert generator_codes(FIRM) == letter_codes(FIRM)


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_every_row_uses_a_client_project_task_and_tags_from_the_toggl_setup(name: str) -> None:
    projects, tags = toggl_projects(), {row[0] for row in table_rows(SETUP, "Tag")}
    assert len(projects) == 15
    assert len(tags) == 18
    for n, row in enumerate(rows(DATA / name), start=2):
        client, tasks = projects[row["Project"]]
        assert client == row["Client"], (name, n, row["Project"])
        assert row["Task"] in tasks, (name, n, row["Project"], row["Task"])
        used = {t.strip() for t in row["Tags"].split(",") if t.strip()}
        assert used <= tags, (name, n, row["Tags"])


def test_no_entry_predates_its_project_on_the_setup_page() -> None:
    opened = opened_dates()
    assert len(opened) == 15
    assert opened["Marshgate 2027 Refresh"] == date(2026, 11, 12)
    assert opened["St. Brendan Migration"] == date(2026, 5, 18)
    assert opened["Rivergate Family Summit"] == date(2026, 9, 28)
    check_opened(FIRM, opened, lambda row: date.fromisoformat(row["Start date"]))


def test_only_the_marked_entry_breaks_the_five_hour_limit() -> None:
    month, history = over_limit(
        FIRM, lambda r: clock_seconds(r["Duration"]), LIMIT, lambda r, code: code in LEAVE
    )
    assert month == ["over_hours"]
    assert history == 0


def test_dated_codes_follow_the_records_of_events() -> None:
    """Marshgate: M04's fee until its third round (Nov 10), MSB-REV3 from it; M05's fee to its
    launch (Nov 16); the refresh MSB-REG from Change Order No. 1 (Nov 12). Calder: CFI-DNB until
    Amendment No. 1 (Nov 6), CFI-PAUSE until the Ember restart (Nov 16). St. Brendan: SBH-MIG to
    go-live (Nov 9), SBH-OVR from the day after the allowance notice (Nov 18). Rivergate: RCS-PB
    to the Summit (Nov 14)."""
    first = {
        "MSB-REV3": date(2026, 11, 10), "MSB-REG": date(2026, 11, 12),
        "SBH-OVR": date(2026, 11, 18), "CFI-DES": date(2026, 11, 6),
    }  # fmt: skip
    last = {
        "MSB-M04": date(2026, 11, 9), "MSB-M05": date(2026, 11, 16), "CFI-DNB": date(2026, 11, 5),
        "CFI-PAUSE": date(2026, 11, 15), "SBH-MIG": date(2026, 11, 9),
        "SBH-RET": date(2026, 11, 17), "RCS-PB": date(2026, 11, 14),
    }  # fmt: skip
    seen = set()
    for day, code, _ in month_days():
        assert day >= first.get(code, day), (code, day)
        assert day <= last.get(code, day), (code, day)
        seen.add(code)
    assert set(first) | set(last) <= seen


def test_facilitation_and_billed_travel_fall_on_listed_session_dates() -> None:
    sessions = {date(2026, 11, 4), date(2026, 11, 18), date(2026, 11, 24)}
    onsite = {date(2026, 11, 4), date(2026, 11, 18)}
    for day, code, _ in month_days():
        if code == "CFI-FAC":
            assert day in sessions, day
        if code == "RCS-TRV":
            assert day in onsite, day


def test_the_history_has_no_entry_of_the_months_new_codes() -> None:
    """The refresh first exists in the open month; warranty, third rounds, overage, the
    not-to-exceed and the pause have a little history from earlier events."""
    codes = {r["Approved Code"] for r in rows(DATA / "history.csv")}
    assert "MSB-REG" not in codes
    assert {"MSB-WAR", "MSB-REV3", "SBH-OVR", "CFI-DNB", "CFI-PAUSE"} <= codes


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_the_export_reads_whole_with_timebills_toggl_reader(name: str) -> None:
    result, raw = read_whole(FIRM, name, "toggl")
    for entry, row in zip(result.entries, raw, strict=True):
        exact = Decimal(clock_seconds(row["Duration"])) / 3600
        assert abs(entry.hours - exact) < Decimal("0.01"), row
        assert entry.task == row["Task"]
    if name == "history.csv":
        assert min(e.work_date for e in result.entries) >= MONTH_START - timedelta(days=366)
