"""The twenty-fifth demo firm's data (examples/twenty_fifth_firm/): Fennwick Clinical Research
Partners on Clockify.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an agreement or the firm policy defines, every row's Clockify client, project, task and
tags exist in the firm's Clockify set-up page, no entry predates its project, only leave and the
one marked entry break the 8.0 h entry limit, the dated codes follow the records of events, and
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

FIRM = Path(__file__).resolve().parents[2] / "examples" / "twenty_fifth_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"
SETUP = SOWS / "clockify_setup.md"
LEAVE = {"FCR-PTO", "FCR-SICK", "FCR-HOL"}  # firm policy §2.7: leave is exempt from the limit
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
    assert len(letter_codes(FIRM)) == 28
    check_truth(FIRM)


def test_the_generator_knows_exactly_the_codes_the_agreements_define() -> None:
    assert generator_codes(FIRM) == letter_codes(FIRM)


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_every_row_uses_a_client_project_task_and_tags_from_the_clockify_setup(name: str) -> None:
    projects, tags = clockify_projects(), {row[0] for row in table_rows(SETUP, "Tag")}
    assert len(projects) == 16
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
    """The CO-1 project opened the day after CO-1 was signed, the CSR project with CSR-1, the FDA
    meetings project with WO-2."""
    opened = opened_dates()
    assert opened["TSB Sites 111-112 (CO-1)"] == date(2026, 11, 13)
    assert opened["PWM EFS Clinical Study Report"] == date(2026, 8, 3)
    assert opened["QRP FDA Meetings"] == date(2026, 4, 6)
    check_opened(FIRM, opened, lambda row: start_of(row).date())


def test_only_leave_and_the_marked_entry_break_the_entry_limit() -> None:
    """Firm policy §2.7: no entry over 8.0 h, leave exempt (one PTO entry covers three days)."""
    month, history = over_limit(
        FIRM, lambda r: Decimal(r["Duration (decimal)"]), LIMIT, lambda r, code: code in LEAVE
    )
    assert month == ["over_hours"]
    assert history == 0


def test_dated_codes_follow_the_records_of_events() -> None:
    """Tessaline: TSB-CO1 from CO-1 (Nov 12); Pellworth: PWM-XNTE from the NTE notice (Nov 5) to
    the day before Amendment 2 (Nov 16), PWM-HOLD to the day before the restart (Nov 23),
    PWM-RND3 from the third round's request (Nov 19); Quarrender: QRP-FDA from WO-3 (Nov 10),
    QRP-OVR from the allowance notice (Nov 19); Saginaw Bay: SBU-TRV only on the named SIV trips'
    travel days (Nov 9-10, Nov 23-24)."""
    first = {
        "TSB-CO1": date(2026, 11, 12), "PWM-XNTE": date(2026, 11, 5),
        "PWM-RND3": date(2026, 11, 19), "QRP-FDA": date(2026, 11, 10),
        "QRP-OVR": date(2026, 11, 19),
    }  # fmt: skip
    last = {"PWM-XNTE": date(2026, 11, 15), "PWM-HOLD": date(2026, 11, 22),
            "PWM-CSR": date(2026, 11, 18)}  # fmt: skip
    siv_travel = {date(2026, 11, d) for d in (9, 10, 23, 24)}
    seen = set()
    for day, code, _ in month_days():
        assert day >= first.get(code, day), (code, day)
        assert day <= last.get(code, day), (code, day)
        assert code != "SBU-TRV" or day in siv_travel, day
        assert code not in ("PWM-PM", "PWM-CRA", "PWM-STAT") or not (
            date(2026, 11, 5) <= day <= date(2026, 11, 15)
        ), (code, day)
        assert code != "QRP-RET" or day < date(2026, 11, 19), day
        seen.add(code)
    assert set(first) | set(last) | {"SBU-TRV", "TSB-DOC", "TSB-MW"} <= seen


def test_the_history_has_no_entry_of_the_months_new_codes() -> None:
    """Codes first possible in the open month (CO-1, the NTE window, the CSR's third round) have
    no approved history; the rarer dated codes have a little."""
    codes = Counter(r["Approved Code"] for r in rows(DATA / "history.csv"))
    assert not set(codes) & {"TSB-CO1", "PWM-XNTE", "PWM-RND3"}
    for code in ("PWM-HOLD", "QRP-OVR", "QRP-FDA", "SBU-TRV", "TSB-DOC", "SBU-PRO"):
        assert 0 < codes[code] < 40, code
