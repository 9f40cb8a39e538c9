"""The nineteenth demo firm's data (examples/nineteenth_firm/): Lanterna Language Partners on
Clockify.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an agreement or the firm policy defines, every row's Clockify client, project, task and
tags exist in the firm's Clockify set-up page, no entry predates its project, only leave and the
one marked entry break the 7.5 h entry limit, the dated codes follow the records of events, and
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

FIRM = Path(__file__).resolve().parents[2] / "examples" / "nineteenth_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"
SETUP = SOWS / "clockify_setup.md"
LEAVE = {"LAN-PTO", "LAN-SICK", "LAN-HOL"}  # firm policy §2.7: leave is exempt from the limit
LIMIT = Decimal("7.5")


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
    assert len(letter_codes(FIRM)) == 29
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
    """The CO-2 project opened the day after CO-2 was signed, the termbase project with SOW-T1,
    the donated exhibition's with the donation letter."""
    opened = opened_dates()
    assert opened["MQS pt-BR & Korean (CO-2)"] == date(2026, 11, 10)
    assert opened["MQS Termbase Project"] == date(2026, 8, 3)
    assert opened["BMF Threads Across Rivers"] == date(2026, 7, 6)
    check_opened(FIRM, opened, lambda row: start_of(row).date())


def test_only_leave_and_the_marked_entry_break_the_entry_limit() -> None:
    """Firm policy §2.7: no entry over 7.5 h, leave exempt (one PTO entry covers three days)."""
    month, history = over_limit(
        FIRM, lambda r: Decimal(r["Duration (decimal)"]), LIMIT, lambda r, code: code in LEAVE
    )
    assert month == ["over_hours"]
    assert history == 0


def test_dated_codes_follow_the_records_of_events() -> None:
    """Mesa Quartz: MQS-WARR from bug report LB-7.4-A (Nov 4), MQS-CO2 from CO-2 (Nov 9),
    MQS-TERM to the termbase's delivery (Nov 13), MQS-RUSH only in the rush windows (Nov 5-9,
    Nov 19-24); Ambrose Valley: AVH-RND3 from DS-04's third round (Nov 12), AVH-INTX from the
    allowance notice (Nov 20); Ridgely & Poole: RPL-HOLD to the day before the release (Nov 16),
    RPL-DEPO only on the deposition days (Nov 10, Nov 18); the Museum: BMF-DTPX from the NTE
    notice (Nov 4) to the day before Amendment 1 (Nov 18)."""
    first = {
        "MQS-WARR": date(2026, 11, 4), "MQS-CO2": date(2026, 11, 9),
        "AVH-RND3": date(2026, 11, 12), "AVH-INTX": date(2026, 11, 20),
        "BMF-DTPX": date(2026, 11, 4),
    }  # fmt: skip
    last = {
        "MQS-TERM": date(2026, 11, 13), "AVH-INTC": date(2026, 11, 19),
        "RPL-HOLD": date(2026, 11, 15), "BMF-DTPX": date(2026, 11, 17),
    }  # fmt: skip
    rush = {date(2026, 11, d) for d in (5, 6, 7, 8, 9, 19, 20, 21, 22, 23, 24)}
    depo = {date(2026, 11, 10), date(2026, 11, 18)}
    seen = set()
    for day, code, _ in month_days():
        assert day >= first.get(code, day), (code, day)
        assert day <= last.get(code, day), (code, day)
        assert code != "MQS-RUSH" or day in rush, day
        assert code != "RPL-DEPO" or day in depo, day
        assert code != "BMF-DTP" or not date(2026, 11, 4) <= day <= date(2026, 11, 17), day
        seen.add(code)
    assert set(first) | set(last) | {"MQS-RUSH", "RPL-DEPO", "BMF-DTP"} <= seen


def test_the_history_has_no_entry_of_the_months_new_codes() -> None:
    """Codes first possible in the open month (CO-2, the museum's DTP over the NTE) have no
    approved history; the rarer dated codes have a little."""
    codes = Counter(r["Approved Code"] for r in rows(DATA / "history.csv"))
    assert not set(codes) & {"MQS-CO2", "BMF-DTPX"}
    for code in ("MQS-RUSH", "MQS-WARR", "RPL-HOLD", "AVH-INTX", "AVH-RND3", "RPL-DEPO"):
        assert 0 < codes[code] < 30, code
