"""The twenty-second demo firm's data (examples/twenty_second_firm/): Redbud Analytics on
Clockify.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an agreement or the firm policy defines, every row's Clockify client, project, task and
tags exist in the firm's Clockify set-up page, no entry predates its project, only leave and the
one marked entry break the 8.5 h entry limit, the dated codes follow the records of events, and
timebill's export reader reads both files whole.
"""

from __future__ import annotations

from collections import Counter
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

FIRM = Path(__file__).resolve().parents[2] / "examples" / "twenty_second_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"
SETUP = SOWS / "clockify_setup.md"
LEAVE = {"RBA-PTO", "RBA-SICK", "RBA-HOL"}  # firm policy §2.7: leave is exempt from the limit
LIMIT = Decimal("8.5")


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
    assert len(projects) == 14
    assert len(tags) == 7
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
    """The production support project opened on the go-live day, the hackathon's with the pro
    bono letter, the Osage and university projects with their agreements."""
    opened = opened_dates()
    assert opened["PLM Production Support"] == date(2026, 11, 9)
    assert opened["GCT Open Data Hackathon"] == date(2026, 10, 5)
    assert opened["OHP Managed BI"] == date(2026, 1, 5)
    assert opened["CSU Rural Health Analytics"] == date(2026, 1, 5)
    check_opened(FIRM, opened, lambda row: start_of(row).date())


def test_only_leave_and_the_marked_entry_break_the_entry_limit() -> None:
    """Firm policy §2.7: no entry over 8.5 h, leave exempt (one PTO entry covers three days)."""
    month, history = over_limit(
        FIRM, lambda r: Decimal(r["Duration (decimal)"]), LIMIT, lambda r, code: code in LEAVE
    )
    assert month == ["over_hours"]
    assert history == 0


def test_dated_codes_follow_the_records_of_events() -> None:
    """Prairie Lane: PLM-HYP from the go-live (Nov 9) to the end of hypercare (Nov 20), PLM-SUP
    after it, PLM-CR from CR-04's approval (Nov 12); Osage: OHP-OVR from the allowance notice
    (Nov 18), OHP-ENH from EO-1 (Nov 16), OHP-P1 only from a P1 declaration to its RCA (Nov 3-6,
    Nov 23-27); Cimarron State: CSU-OVR to the end of Grant Year 1 (Nov 15), CSU-DUA to the day
    before DUA-2 (Nov 19); the Transit Authority: GCT-PAUSE from the pause letter (Nov 4) to the
    day before the restart (Nov 18), GCT-HACK from the letter, no later than the write-up."""
    first = {
        "PLM-HYP": date(2026, 11, 9), "PLM-SUP": date(2026, 11, 21),
        "PLM-CR": date(2026, 11, 12), "OHP-OVR": date(2026, 11, 18),
        "OHP-ENH": date(2026, 11, 16), "GCT-PAUSE": date(2026, 11, 4),
    }  # fmt: skip
    last = {
        "PLM-HYP": date(2026, 11, 20), "CSU-OVR": date(2026, 11, 15), "CSU-DUA": date(2026, 11, 18),
        "GCT-PAUSE": date(2026, 11, 17), "GCT-HACK": date(2026, 11, 20),
    }  # fmt: skip
    p1 = {date(2026, 11, n) for n in (3, 4, 5, 6, 23, 24, 25, 26, 27)}
    seen = set()
    for day, code, _ in month_days():
        assert day >= first.get(code, day), (code, day)
        assert day <= last.get(code, day), (code, day)
        assert code != "OHP-P1" or day in p1, day
        assert code not in ("CSU-SR", "CSU-AN") or day >= date(2026, 11, 16), (code, day)
        seen.add(code)
    assert set(first) | set(last) | {"OHP-P1"} <= seen


def test_the_history_has_no_entry_of_the_months_new_codes() -> None:
    """Codes first possible in the open month (hypercare, support after it, the enhancement
    order, the pause) have no approved history; the rarer dated codes have a little."""
    codes = Counter(r["Approved Code"] for r in rows(DATA / "history.csv"))
    assert not set(codes) & {"PLM-HYP", "PLM-SUP", "OHP-ENH", "GCT-PAUSE"}
    for code in ("OHP-P1", "OHP-OVR", "CSU-OVR", "CSU-DUA", "GCT-HACK"):
        assert 0 < codes[code] < 30, code
