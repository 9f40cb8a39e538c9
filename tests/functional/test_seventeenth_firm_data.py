"""The seventeenth demo firm's data (examples/seventeenth_firm/): Wickline & Rowe on Toggl.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an agreement or the firm policy defines, every row's Toggl client, project and tags
exist in the firm's Toggl set-up page (and no entry predates its project), no work entry breaks
the policy's 6-hour limit except the one the truth marks, the dated codes follow the records of
events, and timebill's export reader reads both files whole."""

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
    read_whole,
    rows,
    table_rows,
)

FIRM = Path(__file__).resolve().parents[2] / "examples" / "seventeenth_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"
SETUP = SOWS / "toggl_setup.md"
LEAVE = {"WRF-PTO", "WRF-HOL", "WRF-SICK"}  # firm policy §2.5: leave is exempt from the limit
LIMIT = 360 * 60


def toggl_projects() -> dict[str, str]:
    return {row[1]: row[0] for row in table_rows(SETUP, "Toggl client")}


def opened_dates() -> dict[str, date]:
    """Project -> the date the set-up page says it was created (client projects only)."""
    out = {}
    for row in table_rows(SETUP, "Toggl client"):
        if row[3].startswith("created "):
            text = row[3].removeprefix("created ").split(";")[0]
            out[row[1]] = datetime.strptime(text, "%B %d, %Y").date()
    return out


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
def test_every_row_uses_a_client_project_and_tags_from_the_toggl_setup(name: str) -> None:
    projects, tags = toggl_projects(), {row[0] for row in table_rows(SETUP, "Tag")}
    assert len(projects) == 17
    assert len(tags) == 23
    for n, row in enumerate(rows(DATA / name), start=2):
        assert projects.get(row["Project"]) == row["Client"], (name, n, row["Project"])
        assert row["Task"] == "", (name, n)  # the firm uses tags, not Toggl tasks
        used = {t.strip() for t in row["Tags"].split(",") if t.strip()}
        assert used <= tags, (name, n, row["Tags"])


def test_no_entry_predates_its_project_on_the_setup_page() -> None:
    opened = opened_dates()
    assert len(opened) == 10
    assert opened["Big Rock Campaign Counsel"] == date(2026, 9, 16)
    assert opened["Maumelle CRM Cleanup"] == date(2026, 6, 1)
    check_opened(FIRM, opened, lambda row: date.fromisoformat(row["Start date"]))


def test_only_the_marked_entry_breaks_the_six_hour_limit() -> None:
    month, history = over_limit(
        FIRM, lambda r: clock_seconds(r["Duration"]), LIMIT, lambda r, code: code in LEAVE
    )
    assert month == ["over_hours"]
    assert history == 0


def test_dated_codes_follow_the_records_of_events() -> None:
    """Fourche Creek: the resubmission FCL-P06 from the go-ahead (Nov 16), the Pemberton
    post-submission hourly until its decline (Nov 5), then its debrief; Big Rock: BRM-OVR from the
    day after the overage notice (Nov 18); Ouachita: OVH-WO from the day after the cap notice
    (Nov 20); Maumelle: MSP-CRMX until Amendment No. 1 (Nov 9), MSP-LEG from it, MSP-DON to the
    wrap-up (Nov 20)."""
    first = {
        "FCL-P06": date(2026, 11, 16), "FCL-P04": date(2026, 11, 5), "BRM-OVR": date(2026, 11, 19),
        "OVH-WO": date(2026, 11, 21), "MSP-LEG": date(2026, 11, 9),
    }  # fmt: skip
    last = {
        "MSP-CRMX": date(2026, 11, 8), "MSP-DON": date(2026, 11, 20), "BRM-CC": date(2026, 11, 18),
        "OVH-GM": date(2026, 11, 20),
    }  # fmt: skip
    seen = set()
    for day, code, _ in month_days():
        assert day >= first.get(code, day), (code, day)
        assert day <= last.get(code, day), (code, day)
        seen.add(code)
    assert set(first) | set(last) <= seen


def test_the_history_has_no_entry_of_the_months_new_codes() -> None:
    """The resubmission and the legacy import first exist in the open month; the overage,
    write-off and over-limit codes have a little history from earlier notices."""
    codes = {r["Approved Code"] for r in rows(DATA / "history.csv")}
    assert not codes & {"FCL-P06", "MSP-LEG"}
    assert {"BRM-OVR", "OVH-WO", "MSP-CRMX"} <= codes


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_the_export_reads_whole_with_timebills_toggl_reader(name: str) -> None:
    result, raw = read_whole(FIRM, name, "toggl")
    for entry, row in zip(result.entries, raw, strict=True):
        exact = Decimal(clock_seconds(row["Duration"])) / 3600
        assert abs(entry.hours - exact) < Decimal("0.01"), row
    if name == "history.csv":
        assert min(e.work_date for e in result.entries) >= MONTH_START - timedelta(days=366)
