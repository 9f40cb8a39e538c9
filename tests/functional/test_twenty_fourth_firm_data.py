"""The twenty-fourth demo firm's data (examples/twenty_fourth_firm/): Cobbleweir Landscape Studio
on Toggl.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an agreement or the studio policy defines, every row's Toggl client, project, task and
tags exist in the studio's Toggl set-up page (and no entry predates its project), no work entry
breaks the policy's 5.5-hour limit except the one the truth marks, the dated codes follow the
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

FIRM = Path(__file__).resolve().parents[2] / "examples" / "twenty_fourth_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"
SETUP = SOWS / "toggl_setup.md"
LEAVE = {"CWS-PTO", "CWS-HOL", "CWS-SICK"}  # studio policy §2.5: leave is exempt from the limit
LIMIT = 330 * 60


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
    assert len(letter_codes(FIRM)) == 30
    check_truth(FIRM)


def test_the_generator_knows_exactly_the_codes_the_agreements_define() -> None:
    assert generator_codes(FIRM) == letter_codes(FIRM)


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_every_row_uses_a_client_project_task_and_tags_from_the_toggl_setup(name: str) -> None:
    projects, tags = toggl_projects(), {row[0] for row in table_rows(SETUP, "Tag")}
    assert len(projects) == 14
    assert len(tags) == 18
    for n, row in enumerate(rows(DATA / name), start=2):
        client, tasks = projects[row["Project"]]
        assert client == row["Client"], (name, n, row["Project"])
        assert row["Task"] in tasks, (name, n, row["Project"], row["Task"])
        used = {t.strip() for t in row["Tags"].split(",") if t.strip()}
        assert used <= tags, (name, n, row["Tags"])


def test_no_entry_predates_its_project_on_the_setup_page() -> None:
    opened = opened_dates()
    assert len(opened) == 14
    assert opened["Tarrow Point Kayak Launch"] == date(2026, 11, 16)
    assert opened["Hadley Yard Rooftop Garden"] == date(2026, 11, 10)
    assert opened["HCU Campus Master Plan"] == date(2026, 1, 12)
    assert opened["Goose Run GI Program"] == date(2026, 2, 23)
    check_opened(FIRM, opened, lambda row: date.fromisoformat(row["Start date"]))


def test_only_the_marked_entry_breaks_the_five_and_a_half_hour_limit() -> None:
    month, history = over_limit(
        FIRM, lambda r: clock_seconds(r["Duration"]), LIMIT, lambda r, code: code in LEAVE
    )
    assert month == ["over_hours"]
    assert history == 0


def test_dated_codes_follow_the_records_of_events() -> None:
    """Metro Parks: bidding to the award (Nov 5), CA from Nov 6, Authorization No. 2 from Nov 16.
    HCU: HCU-NB from the Oct 27 notice to Amendment No. 2 (Nov 13), the North Campus pause to
    Nov 16. Hadley Yard: HYD-OVR from the day after the Nov 19 notice, the rooftop garden from
    Change Order No. 1 (Nov 10). Goose Run: the tree planting day's design to Nov 21."""
    first = {
        "TPR-CA": date(2026, 11, 6), "TPR-AS2": date(2026, 11, 16), "HCU-HR": date(2026, 11, 13),
        "HYD-RG": date(2026, 11, 10), "HYD-OVR": date(2026, 11, 20),
    }  # fmt: skip
    last = {
        "TPR-BID": date(2026, 11, 5), "HCU-NB": date(2026, 11, 12),
        "HCU-PAUSE": date(2026, 11, 16), "HYD-RET": date(2026, 11, 19),
        "GRW-PB": date(2026, 11, 21),
    }  # fmt: skip
    seen = set()
    for day, code, _ in month_days():
        assert day >= first.get(code, day), (code, day)
        assert day <= last.get(code, day), (code, day)
        seen.add(code)
    assert set(first) | set(last) <= seen


def test_per_visit_per_workshop_and_billed_travel_fall_on_listed_dates() -> None:
    listed = {
        "TPR-SV": {date(2026, 11, 12), date(2026, 11, 19), date(2026, 11, 30)},
        "HCU-WS": {date(2026, 11, 18)},
        "GRW-TRV": {date(2026, 11, 5), date(2026, 11, 19)},
        "CWS-HOL": {date(2026, 11, 11), date(2026, 11, 26), date(2026, 11, 27)},
    }
    for day, code, _ in month_days():
        assert day in listed.get(code, {day}), (code, day)


def test_the_history_has_no_entry_of_the_months_new_codes() -> None:
    """Construction administration, its site visits, Authorization No. 2 and the rooftop garden
    first exist in the open month; the NTE window, the pause, overage and Authorization No. 1
    have a little history from earlier events."""
    codes = {r["Approved Code"] for r in rows(DATA / "history.csv")}
    assert not {"TPR-CA", "TPR-SV", "TPR-AS2", "HYD-RG"} & codes
    assert {"HCU-NB", "HCU-PAUSE", "HYD-OVR", "TPR-AS1", "GRW-PB", "GRW-TRV"} <= codes


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_the_export_reads_whole_with_timebills_toggl_reader(name: str) -> None:
    result, raw = read_whole(FIRM, name, "toggl")
    for entry, row in zip(result.entries, raw, strict=True):
        exact = Decimal(clock_seconds(row["Duration"])) / 3600
        assert abs(entry.hours - exact) < Decimal("0.01"), row
        assert entry.task == row["Task"]
    if name == "history.csv":
        assert min(e.work_date for e in result.entries) >= MONTH_START - timedelta(days=366)
