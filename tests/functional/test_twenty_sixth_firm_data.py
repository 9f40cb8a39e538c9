"""The twenty-sixth demo firm's data (examples/twenty_sixth_firm/): Lanternfield Events on Toggl.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an agreement or the agency policy defines, every row's Toggl client, project, task and
tags exist in the agency's Toggl set-up page (and no entry predates its project), no work entry
breaks the policy's 6-hour limit (10 hours on a listed on-site day) except the one the truth
marks, the dated codes follow the records of events, and timebill's export reader reads both
files whole."""

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

FIRM = Path(__file__).resolve().parents[2] / "examples" / "twenty_sixth_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"
SETUP = SOWS / "toggl_setup.md"
LEAVE = {"LFE-PTO", "LFE-HOL", "LFE-SICK"}  # agency policy §2.5: leave is exempt from the limit
LIMIT, ONSITE_LIMIT = 360 * 60, 600 * 60
# §2.5's on-site days: SRS's on-site days, Cahaba Trust's inspection days, the gala.
ONSITE_DAYS = {
    date(2026, 11, 11), date(2026, 11, 12), date(2026, 11, 13), date(2026, 11, 14),
    date(2026, 2, 3), date(2026, 2, 4), date(2026, 6, 16), date(2026, 6, 17),
    date(2026, 9, 22), date(2026, 9, 23), date(2026, 11, 21),
}  # fmt: skip


def toggl_projects() -> dict[str, tuple[str, set[str]]]:
    """Project -> (client, tasks) from the set-up page's projects table."""
    return projects_with_tasks(SETUP, width=5, tasks_at=2)


def opened_dates() -> dict[str, date]:
    """Project -> the date the set-up page says it was created."""
    return {
        row[1]: datetime.strptime(row[3], "%B %d, %Y").date()
        for row in table_rows(SETUP, "Toggl client")
    }


def month_days() -> list[tuple[date, str, str, str]]:
    """(day, user, true code, category) of every open-month line."""
    month, truth = rows(DATA / "month.csv"), rows(DATA / "month_truth.csv")
    return [
        (date.fromisoformat(r["Start date"]), r["User"], t["true_code"], t["category"])
        for r, t in zip(month, truth, strict=True)
    ]


def test_the_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    check_regenerates(FIRM, tmp_path)


def test_every_month_line_has_a_truth_row_with_a_code_the_agreements_define() -> None:
    assert len(letter_codes(FIRM)) == 27
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


def test_no_entry_predates_its_project_or_task_on_the_setup_page() -> None:
    opened = opened_dates()
    assert len(opened) == 14
    assert opened["SRS 2026 Virtual Track"] == date(2026, 11, 3)
    assert opened["SRS 2026 Annual Meeting"] == date(2026, 1, 12)
    assert opened["Quillmark Ignite 2027"] == date(2026, 3, 2)
    assert opened["Starlight Gala 2026"] == date(2026, 6, 1)
    check_opened(FIRM, opened, lambda row: date.fromisoformat(row["Start date"]))
    for name in ("history.csv", "month.csv"):
        for row in rows(DATA / name):
            if row["Task"] == "Postponement Rework":
                assert date.fromisoformat(row["Start date"]) >= date(2026, 10, 26), row


def test_only_the_marked_entry_breaks_the_six_hour_limit() -> None:
    def exempt(row: dict[str, str], code: str) -> bool:
        on_site = date.fromisoformat(row["Start date"]) in ONSITE_DAYS
        return code in LEAVE or (on_site and clock_seconds(row["Duration"]) <= ONSITE_LIMIT)

    month, history = over_limit(FIRM, lambda r: clock_seconds(r["Duration"]), LIMIT, exempt)
    assert month == ["over_hours"]
    assert history == 0


def test_dated_codes_follow_the_records_of_events() -> None:
    """SRS: Planning to its Nov 6 milestone, On-site Nov 7-15, reconciliation from Nov 16, the
    virtual track from Change Order No. 1 (Nov 3). Quillmark: QSK-NB from the day after the Nov 5
    notice to the day before Amendment No. 2 (Nov 18). Cahaba Trust: Lisbon unbilled from Nov 5,
    overage from the day after the Nov 17 notice."""
    first = {
        "SRS-ONS": date(2026, 11, 7), "SRS-REC": date(2026, 11, 16), "SRS-VT": date(2026, 11, 3),
        "QSK-NB": date(2026, 11, 6), "CTB-CXL": date(2026, 11, 5), "CTB-OVR": date(2026, 11, 18),
    }  # fmt: skip
    last = {
        "SRS-PLAN": date(2026, 11, 6), "SRS-ONS": date(2026, 11, 15), "QSK-NB": date(2026, 11, 17),
    }  # fmt: skip
    seen = set()
    for day, _, code, _ in month_days():
        assert day >= first.get(code, day), (code, day)
        assert day <= last.get(code, day), (code, day)
        seen.add(code)
    assert set(first) | set(last) <= seen


def test_day_rates_inspections_billed_travel_and_holidays_fall_on_listed_dates() -> None:
    roster = {
        date(2026, 11, 11): {"Greta Lindahl", "Tobias Kerr", "Luis Ortega", "Noah Pettit"},
        **{
            date(2026, 11, n): {"Greta Lindahl", "Tobias Kerr", "Hannah Feld", "Luis Ortega",
                                "Imani Brooks", "Noah Pettit"}
            for n in (12, 13, 14)
        },
    }  # fmt: skip
    listed = {
        "CTB-SI": {date(2026, 11, 12), date(2026, 11, 13)},
        "SPG-TRV": {date(2026, 11, 10), date(2026, 11, 19)},
        "LFE-HOL": {date(2026, 11, 26), date(2026, 11, 27)},
    }
    for day, user, code, _ in month_days():
        assert day in listed.get(code, {day}), (code, day)
        if code == "SRS-DAY":
            assert user in roster.get(day, set()), (user, day)


def test_the_history_has_no_entry_of_the_months_new_codes() -> None:
    """The virtual track, the meeting's on-site and reconciliation phases, its on-site days and the
    cancelled Lisbon trip first exist in the open month; the NTE window, overage, rework and the
    inspections have a little history from earlier events."""
    codes = {r["Approved Code"] for r in rows(DATA / "history.csv")}
    assert not {"SRS-VT", "SRS-ONS", "SRS-REC", "SRS-DAY", "CTB-CXL"} & codes
    assert {"QSK-NB", "QSK-RW", "CTB-OVR", "CTB-SI", "SPG-TRV", "SPG-PB"} <= codes


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_the_export_reads_whole_with_timebills_toggl_reader(name: str) -> None:
    result, raw = read_whole(FIRM, name, "toggl")
    for entry, row in zip(result.entries, raw, strict=True):
        exact = Decimal(clock_seconds(row["Duration"])) / 3600
        assert abs(entry.hours - exact) < Decimal("0.01"), row
        assert entry.task == row["Task"]
    if name == "history.csv":
        assert min(e.work_date for e in result.entries) >= MONTH_START - timedelta(days=366)
