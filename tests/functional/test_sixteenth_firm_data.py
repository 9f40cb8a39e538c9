"""The sixteenth demo firm's data (examples/sixteenth_firm/): Saguaro Bell Partners on Clockify.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an agreement or the firm policy defines, every row's Clockify client, project, task and
tags exist in the firm's Clockify set-up page, no entry predates its project, only leave and the
one marked entry break the 8.0 h entry limit, the dated codes follow the records of events, and
timebill's export reader reads both files whole.
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

FIRM = Path(__file__).resolve().parents[2] / "examples" / "sixteenth_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"
SETUP = SOWS / "clockify_setup.md"
LEAVE = {"SBP-PTO", "SBP-SICK", "SBP-HOL"}  # firm policy §2.6: leave is exempt from the limit
LIMIT = Decimal("8.0")


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


def month_days() -> list[tuple[date, str, str]]:
    """(day, true code, category) of every open-month line."""
    month, truth = rows(DATA / "month.csv"), rows(DATA / "month_truth.csv")
    return [
        (start_of(r).date(), t["true_code"], t["category"])
        for r, t in zip(month, truth, strict=True)
    ]


def test_the_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    check_regenerates(FIRM, tmp_path)


def test_every_month_line_has_a_truth_row_with_a_code_the_agreements_define() -> None:
    assert len(letter_codes(FIRM)) == 26
    check_truth(FIRM)


def test_the_generator_knows_exactly_the_codes_the_agreements_define() -> None:
    assert generator_codes(FIRM) == letter_codes(FIRM)


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_every_row_uses_a_client_project_task_and_tags_from_the_clockify_setup(name: str) -> None:
    projects, tags = clockify_projects(), {row[0] for row in table_rows(SETUP, "Tag")}
    assert len(projects) == 17
    assert len(tags) == 8
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
    """The guarantee project opened after the departure email, the market map's the day after
    the written request, Larkspur's with its letter."""
    opened = opened_dates()
    assert opened["RVP CFO Replacement (Guarantee)"] == date(2026, 11, 10)
    assert opened["RVP Market Mapping"] == date(2026, 11, 13)
    assert opened["CFC Project Larkspur"] == date(2026, 9, 8)
    check_opened(FIRM, opened, lambda row: start_of(row).date())


def test_only_leave_and_the_marked_entry_break_the_entry_limit() -> None:
    """Firm policy §2.6: no entry over 8.0 h, leave exempt (one PTO entry covers three days)."""
    month, history = over_limit(
        FIRM, lambda r: Decimal(r["Duration (decimal)"]), LIMIT, lambda r, code: code in LEAVE
    )
    assert month == ["over_hours"]
    assert history == 0


def test_dated_codes_follow_the_records_of_events() -> None:
    """Rincon: RVP-GUAR from the departure email (Nov 6), RVP-MAP from the written request
    (Nov 12); Pima: PDH-ASMT2 from A-1 (Nov 16), PDH-CAPX from the cap notice (Nov 20);
    Tumamoc: TDC-HOLD to Nov 15 and TDC-SRCH from the resumption (Nov 16), TDC-HRLY from the
    written request (Nov 5), TDC-ADV from the pro bono notice (Nov 12); Catalina Federal:
    CFC-OVER from the overage notice (Nov 18)."""
    first = {
        "RVP-GUAR": date(2026, 11, 6), "RVP-MAP": date(2026, 11, 12),
        "PDH-ASMT2": date(2026, 11, 16), "PDH-CAPX": date(2026, 11, 20),
        "TDC-SRCH": date(2026, 11, 16), "TDC-HRLY": date(2026, 11, 5),
        "TDC-ADV": date(2026, 11, 12), "CFC-OVER": date(2026, 11, 18),
    }  # fmt: skip
    last = {
        "RVP-SRCH": date(2026, 11, 5), "PDH-COACH": date(2026, 11, 19),
        "TDC-HOLD": date(2026, 11, 15), "TDC-PB": date(2026, 11, 11),
        "CFC-RET": date(2026, 11, 17),
    }  # fmt: skip
    seen = set()
    for day, code, _ in month_days():
        assert day >= first.get(code, day), (code, day)
        assert day <= last.get(code, day), (code, day)
        seen.add(code)
    assert set(first) | set(last) <= seen


def test_the_history_has_no_entry_of_the_months_new_codes() -> None:
    """Codes first possible in the open month (guarantee, market map, A-1, post-cap advisory,
    the hold request) have no approved history."""
    codes = {r["Approved Code"] for r in rows(DATA / "history.csv")}
    assert not codes & {"RVP-GUAR", "RVP-MAP", "PDH-ASMT2", "TDC-ADV", "TDC-HRLY"}
    assert {"PDH-CAPX", "CFC-OVER", "TDC-HOLD", "CFC-LARK"} <= codes
