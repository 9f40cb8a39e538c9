"""Tracker CSV export importers: fixtures built from captured headers (tests/data/exports)."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.entries import Source, TimeEntry
from app.sources.exports import (
    DMY,
    MDY,
    ExportFormatError,
    ImportProblem,
    detect_date_order,
    detect_decimal_comma,
    detect_format,
    parse_date,
    parse_duration,
    parse_number,
    parse_time,
    read_export,
)

EXPORTS = Path(__file__).resolve().parents[1] / "data" / "exports"

CLOCKIFY_HEADER = (
    "Project,Client,Description,Task,User,Group,Email,Tags,Type,Billable,Invoiced,Invoice ID,"
    "Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),"
    "Billable Rate (EUR),Billable Amount (EUR),Date of creation"
)
CLOCKIFY_OLD_HEADER = (
    "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,"
    "End Date,End Time,Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)"
)
TOGGL_HEADER = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
    "End time,Duration,Tags,Amount (EUR)"
)
HARVEST_HEADER = (
    "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,Approved?,"
    "First Name,Last Name,Roles,Employee?,Billable Rate,Billable Amount,Cost Rate,Cost Amount,"
    "Currency,External Reference URL"
)
PETER_MAIL = {
    "user_ref": "peter.test@email.test",
    "user_name": "Peter Tester",
    "user_email": "peter.test@email.test",
}
PETER_NO_MAIL = {"user_ref": "Peter Tester", "user_name": "Peter Tester", "user_email": ""}


def sha16(*parts: str) -> str:
    """The documented content id: user, email, date, start, end, client, project, task, text."""
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def unversioned(entries: list[TimeEntry]) -> list[dict[str, object]]:
    """Entries as data without ``version`` (a content hash, tested on its own below)."""
    return [entry.model_dump(exclude={"version"}) for entry in entries]


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- each format parses its fixture to exact entries ---------------------------------------


def test_clockify_detailed_report_gives_exact_entries() -> None:
    result = read_export(EXPORTS / "clockify_detailed_2024-10.csv", tenant="firm-a")

    assert result.format == "clockify"
    assert [row.line for row in result.rows] == [2, 3, 4, 5]
    start, end = datetime(2024, 10, 15, 11, 0), datetime(2024, 10, 15, 11, 30)
    call_id = sha16(
        "Peter Tester", "peter.test@email.test", "2024-10-15", start.isoformat(),
        end.isoformat(), "Acme Corp", "Acme Retainer", "Advisory", "Q3 strategy call w/ Dana",
    )  # fmt: skip
    assert call_id == "de10cc7ea9c8ce10"  # pinned: a change re-keys every imported entry
    assert unversioned(result.entries) == unversioned([
        TimeEntry(
            source=Source.CLOCKIFY, external_id=call_id, tenant="firm-a", client="Acme Corp",
            project="Acme Retainer", task="Advisory", tags=("Meeting", "Client-facing"),
            description="Q3 strategy call w/ Dana", work_date=date(2024, 10, 15), start=start,
            end=end, hours=Decimal("0.5000"), billable_flag=True, **PETER_MAIL,
        ),
        TimeEntry(
            source=Source.CLOCKIFY, external_id="32defd373512cf74", tenant="firm-a",
            client="Acme Corp", project="Acme Compliance", description="Researching new regs",
            work_date=date(2024, 10, 16), start=datetime(2024, 10, 16, 13, 15),
            end=datetime(2024, 10, 16, 15, 45), hours=Decimal("2.5000"), billable_flag=False,
            **PETER_MAIL,
        ),
        TimeEntry(
            source=Source.CLOCKIFY, external_id="6f44b8690ffb4715", tenant="firm-a",
            client="Beta GmbH", project="Beta Hosting", task="Operations", tags=("Incident",),
            description='Emergency server patch, ticket "BETA-42"', work_date=date(2024, 10, 16),
            start=datetime(2024, 10, 16, 23, 30), end=datetime(2024, 10, 17, 0, 15),
            hours=Decimal("0.7500"), billable_flag=True, user_ref="ana.lopez@email.test",
            user_name="Ana Lopez", user_email="ana.lopez@email.test",
        ),
    ])  # fmt: skip
    assert len({entry.version for entry in result.entries}) == len(result.entries)


def test_clockify_break_row_is_returned_without_entry_and_with_a_problem() -> None:
    result = read_export(EXPORTS / "clockify_detailed_2024-10.csv")

    breaks = [row for row in result.rows if row.raw["Type"] == "Break"]
    assert len(breaks) == 1
    assert breaks[0].entry is None
    assert [str(problem) for problem in breaks[0].problems] == [
        "clockify_detailed_2024-10.csv: row 4, column 'Type': break, not work time"
    ]
    assert result.problems == list(breaks[0].problems)


def test_clockify_older_header_with_dd_mm_dates_and_24h_times() -> None:
    result = read_export(EXPORTS / "clockify_legacy_ddmm_usd.csv")

    assert result.format == "clockify"
    assert result.problems == []
    visit, memo = result.entries
    assert (visit.work_date, visit.start, visit.end) == (
        date(2026, 2, 19),
        datetime(2026, 2, 19, 15, 0),
        datetime(2026, 2, 19, 18, 0),
    )
    # 03/02 is ambiguous alone; the file's 19/02 decides DD/MM, so it is 3 February.
    assert (memo.work_date, memo.start, memo.end) == (
        date(2026, 2, 3),
        datetime(2026, 2, 3, 9, 0),
        datetime(2026, 2, 3, 10, 30),
    )
    assert (visit.hours, memo.hours) == (Decimal("3.0000"), Decimal("1.5000"))
    assert (visit.tags, visit.billable_flag, memo.billable_flag) == (("Travel",), True, False)
    assert result.rows[0].raw["Deal ID"] == "D-1009"  # custom field kept, otherwise ignored
    assert result.rows[0].raw["Billable Rate (USD)"] == "180.00"


def test_clockify_excel_resave_semicolon_bom_crlf_and_decimal_comma() -> None:
    result = read_export(EXPORTS / "clockify_excel_de.csv")

    assert result.format == "clockify"
    assert result.header[0] == "Project"  # no BOM left on the first name
    assert result.problems == []
    workshop, sync = result.entries
    assert workshop.description == "Workshop; Teil 1"  # quoted delimiter survives
    assert (workshop.work_date, workshop.start) == (date(2024, 10, 4), datetime(2024, 10, 4, 9))
    assert (sync.work_date, sync.end) == (date(2024, 10, 7), datetime(2024, 10, 7, 14, 30))
    assert (workshop.hours, sync.hours) == (Decimal("2.2500"), Decimal("0.5000"))
    assert (workshop.billable_flag, sync.billable_flag) == (True, False)
    assert workshop.user_ref == "jonas.weber@email.test"


def test_toggl_detailed_report_gives_exact_entries() -> None:
    result = read_export(EXPORTS / "toggl_detailed.csv")

    assert result.format == "toggl"
    assert result.problems == []
    assert unversioned(result.entries) == unversioned([
        TimeEntry(
            source=Source.TOGGL, external_id="e9920b8e5d7e34aa", client="Big Company",
            project="Project for Big Company", task="Task 1", description="Working hard",
            work_date=date(2024, 3, 4), start=datetime(2024, 3, 4, 10, 23),
            end=datetime(2024, 3, 4, 11, 23, 1), hours=Decimal("1.0003"), billable_flag=True,
            **PETER_MAIL,
        ),
        TimeEntry(
            source=Source.TOGGL, external_id="b5583b805a5517df", client="Big Company",
            project="Project for Big Company", tags=("Review", "Internal"),
            description='Review of "Phase 2" deliverable', work_date=date(2024, 3, 5),
            start=datetime(2024, 3, 5, 16, 45), end=datetime(2024, 3, 5, 18, 0),
            hours=Decimal("1.2500"), billable_flag=False, **PETER_MAIL,
        ),
        TimeEntry(
            source=Source.TOGGL, external_id="97adaf7f72d4a733", project="Internal",
            work_date=date(2024, 3, 5), start=datetime(2024, 3, 5, 8, 0),
            end=datetime(2024, 3, 5, 8, 20, 30), hours=Decimal("0.3417"), billable_flag=False,
            user_ref="ana.lopez@email.test", user_name="Ana Lopez",
            user_email="ana.lopez@email.test",
        ),
    ])  # fmt: skip


def test_harvest_decimal_comma_export_gives_exact_entries() -> None:
    result = read_export(EXPORTS / "harvest_detailed_eur.csv")

    assert result.format == "harvest"
    assert result.problems == []
    assert unversioned(result.entries) == unversioned([
        TimeEntry(
            source=Source.HARVEST, external_id="18098b913ad49b45",
            project="Project without Client", work_date=date(2024, 3, 4),
            hours=Decimal("20.0000"), billable_flag=False, **PETER_NO_MAIL,
        ),
        TimeEntry(
            source=Source.HARVEST, external_id="eed75e5f0f0ccc26", client="Big Company",
            project="Project for Big Company", task="Task 1", description="Working hard",
            work_date=date(2024, 3, 4), hours=Decimal("0.0100"), billable_flag=True,
            **PETER_NO_MAIL,
        ),
        TimeEntry(
            source=Source.HARVEST, external_id="d1c1c0a14892105c", client="Big Company",
            project="Project for Big Company", task="Design", description="Wireframes, round 2",
            work_date=date(2024, 3, 5), hours=Decimal("7.7500"), billable_flag=True,
            user_ref="Ana Lopez", user_name="Ana Lopez", role="Designer",  # the Roles column
        ),
    ])  # fmt: skip
    assert all(entry.start is None and entry.end is None for entry in result.entries)


def test_harvest_hours_written_as_h_mm(tmp_path: Path) -> None:
    row = "2024-03-04,Big,Proj,,Task,Notes,1:45,Yes,No,No,Ana,Lopez,,Yes,,,,,Euro - EUR,"
    result = read_export(write(tmp_path, "h.csv", f"{HARVEST_HEADER}\n{row}\n"))

    assert [entry.hours for entry in result.entries] == [Decimal("1.7500")]


def test_harvest_decimal_point_export_reads_thousands_commas(tmp_path: Path) -> None:
    row = (
        '2024-03-04,Big,Proj,,Task,Notes,"1.5",Yes,No,No,Ana,Lopez,,Yes,"1,200.0","1,800.0",,,'
        "US Dollar - USD,"
    )
    result = read_export(write(tmp_path, "h.csv", f"{HARVEST_HEADER}\n{row}\n"))

    assert [entry.hours for entry in result.entries] == [Decimal("1.5000")]


# --- format detection and whole-file errors -----------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (CLOCKIFY_HEADER, "clockify"),
        (CLOCKIFY_OLD_HEADER, "clockify"),
        (TOGGL_HEADER, "toggl"),
        (TOGGL_HEADER.removesuffix(",Amount (EUR)"), "toggl"),
        (HARVEST_HEADER, "harvest"),
        # order does not matter, names do
        (",".join(reversed(HARVEST_HEADER.split(","))), "harvest"),
    ],
)
def test_detect_format_by_header_names(header: str, expected: str) -> None:
    assert detect_format(header.split(",")) == expected


def test_unknown_header_raises_naming_file_and_known_formats(tmp_path: Path) -> None:
    path = write(tmp_path, "mystery.csv", "Name,When,How long\nDana,Monday,2\n")

    with pytest.raises(ExportFormatError) as caught:
        read_export(path)

    message = str(caught.value)
    assert message.startswith("mystery.csv: unknown export format (header: 'Name', 'When',")
    for known in ("clockify (Clockify detailed report)", "toggl (Toggl Track detailed report)",
                  "harvest (Harvest detailed time export)"):  # fmt: skip
        assert known in message


def test_missing_required_column_is_named(tmp_path: Path) -> None:
    header = HARVEST_HEADER.replace("Hours,", "")
    path = write(tmp_path, "harvest.csv", f"{header}\n")

    expected = (
        r"^harvest\.csv: looks like a Harvest detailed time export but lacks column\(s\) 'Hours'\."
        r" Known formats: clockify"
    )
    with pytest.raises(ExportFormatError, match=expected):
        read_export(path)


def test_a_column_named_twice_reads_its_one_value_and_flags_a_row_where_they_differ(
    tmp_path: Path,
) -> None:
    start = "Ana,a@x.test,,Internal,,{},No,2024-03-05,08:00,2024-03-05,09:00,01:00:00,,,{}"
    rows = [start.format("Admin", "Admin"), start.format("", "Timesheets"),
            start.format("Admin", "other text")]  # fmt: skip
    path = write(tmp_path, "toggl.csv", "\n".join([f"{TOGGL_HEADER},Description", *rows]) + "\n")

    result = read_export(path)

    assert [r.entry.description if r.entry else None for r in result.rows] == [
        "Admin", "Timesheets", None,
    ]  # fmt: skip
    assert [str(p) for p in result.problems] == [
        "toggl.csv: row 4, column 'Description': columns 6 and 15 are both named 'Description'"
        " and differ: 'Admin' and 'other text'"
    ]


def test_blank_column_names_may_repeat(tmp_path: Path) -> None:
    row = "Ana,a@x.test,,Internal,,Admin,No,2024-03-05,08:00,2024-03-05,09:00,01:00:00,,,,"
    result = read_export(write(tmp_path, "toggl.csv", f"{TOGGL_HEADER},,\n{row}\n"))

    assert [row.entry is not None for row in result.rows] == [True]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b" \r\n\r\n", "is empty"),
        (b"PK\x03\x04\x14\x00\x06\x00", "is an Excel workbook or zip archive, not CSV"),
        (
            "Date,Notes\n2024-01-01,caf\u00e9\n".encode("latin-1"),
            r"is not UTF-8 text: line 2 has byte 0xE9 \(offset 25\), .* save it as 'CSV UTF-8'",
        ),
        (b"Date,Notes\x00\x01\x02", "is a binary file, not CSV"),
    ],
)
def test_unreadable_files_raise_export_format_error(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(content)

    with pytest.raises(ExportFormatError, match=rf"^export\.csv: {problem}"):
        read_export(path)


def test_a_description_longer_than_the_csv_modules_default_field_limit_is_read(
    tmp_path: Path,
) -> None:
    long = "reviewed the draft " * 12_000  # 228,000 characters; Python's csv stops at 131,072
    rows = [f"Ana,a@x.test,,Internal,,{text},No,2024-03-05,08:00,2024-03-05,09:00,01:00:00,,"
            for text in (long, "Admin")]  # fmt: skip
    result = read_export(write(tmp_path, "t.csv", "\n".join([TOGGL_HEADER, *rows]) + "\n"))

    assert [r.entry.description if r.entry else None for r in result.rows] == [
        long.strip(),
        "Admin",
    ]


def test_header_only_file_is_a_valid_empty_export(tmp_path: Path) -> None:
    result = read_export(write(tmp_path, "t.csv", TOGGL_HEADER + "\n"))

    assert (result.format, result.rows, result.entries) == ("toggl", [], [])


def test_excel_sep_hint_line_and_utf16_tab_export(tmp_path: Path) -> None:
    row = "Ana,ana@x.test,,Internal,,Admin,No,2024-03-05,08:00:00,2024-03-05,09:00:00,01:00:00,,"
    hinted = write(tmp_path, "hint.csv", f"sep=;\n{TOGGL_HEADER}\n{row}\n".replace(",", ";"))
    tabbed = write(tmp_path, "tab.csv", f"{TOGGL_HEADER}\n{row}\n".replace(",", "\t"), "utf-16")

    for path in (hinted, tabbed):
        result = read_export(path)
        assert [(r.line, r.entry.hours if r.entry else None) for r in result.rows] == [
            (2, Decimal("1.0000"))
        ]


# --- row problems ---------------------------------------------------------------------------


def test_bad_rows_are_reported_with_file_row_and_column_and_good_rows_survive() -> None:
    result = read_export(EXPORTS / "month.csv")

    assert [row.line for row in result.rows] == [2, 3, 4, 6, 7, 8]  # row 5 is blank
    assert [row.line for row in result.rows if row.entry is not None] == [2, 8]
    assert [entry.description for entry in result.entries] == [
        "Weekly status call",
        "Invoice review",
    ]
    assert [str(problem) for problem in result.problems] == [
        "month.csv: row 3, column 'Start Date': '13/15/2024' is not a valid date"
        " (read as MM/DD/YYYY)",
        "month.csv: row 4, column 'Duration (decimal)': '1,5x' is not a number",
        "month.csv: row 6, column 'Duration (decimal)': '25.00' is more than 24 hours",
        "month.csv: row 6, column 'Billable': 'Maybe' is not Yes or No",
        "month.csv: row 7: has 18 values but the header has 17 columns",
    ]
    assert result.problems[1] == ImportProblem(
        "month.csv", 4, "Duration (decimal)", "'1,5x' is not a number"
    )
    assert result.rows[1].raw["Start Date"] == "13/15/2024"  # the row as read is still there


def test_computed_hours_out_of_range_and_missing_values(tmp_path: Path) -> None:
    rows = [
        "Ana,a@x.test,,P,,Backwards,No,2024-03-05,10:00:00,2024-03-05,09:00:00,,,",
        "Ana,a@x.test,,P,,No start,No,2024-03-05,,2024-03-05,09:00:00,01:00:00,,",
        "Ana,a@x.test,,P,,Bad clock,No,2024-03-05,25:61:00,2024-03-05,09:00:00,01:00:00,,",
        "Ana,a@x.test,,P,,,No,2024-03-05,08:00:00,2024-03-05,09:00:00,,,",
    ]
    result = read_export(write(tmp_path, "t.csv", "\n".join([TOGGL_HEADER, *rows])))

    assert [str(problem) for problem in result.problems] == [
        "t.csv: row 2, column 'End time': end minus start is negative",
        "t.csv: row 3, column 'Start time': value is missing",
        "t.csv: row 4, column 'Start time': '25:61:00' is not a time",
    ]
    assert [(row.line, row.entry.hours) for row in result.rows if row.entry] == [
        (5, Decimal("1.0000"))  # empty Duration: end minus start; empty description is legal
    ]


def test_problem_text_without_row_or_column() -> None:
    assert str(ImportProblem("a.csv", None, None, "oops")) == "a.csv: oops"
    assert str(ImportProblem("a.csv", 3, None, "oops")) == "a.csv: row 3: oops"
    assert str(ImportProblem("a.csv", 3, "Hours", "oops")) == "a.csv: row 3, column 'Hours': oops"


# --- label column ---------------------------------------------------------------------------


def test_label_column_values_are_stripped_and_empty_is_none() -> None:
    result = read_export(EXPORTS / "clockify_detailed_2024-10.csv", label_column="Approved Code")

    assert [row.label for row in result.rows] == ["ACME-ADV", None, None, "BETA-OPS"]
    assert [row.label for row in read_export(EXPORTS / "toggl_detailed.csv").rows] == [None] * 3


def test_missing_label_column_raises() -> None:
    with pytest.raises(
        ExportFormatError,
        match=r"^toggl_detailed\.csv: label column 'Approved Code' not found in the header",
    ):
        read_export(EXPORTS / "toggl_detailed.csv", label_column="Approved Code")


@pytest.mark.parametrize("written", ["approved code", "APPROVED CODE", " Approved  Code "])
def test_a_label_column_named_in_another_case_or_spacing_is_found(written: str) -> None:
    path = EXPORTS / "clockify_detailed_2024-10.csv"
    result = read_export(path, label_column=written)

    assert [row.label for row in result.rows] == ["ACME-ADV", None, None, "BETA-OPS"]


def test_a_missing_label_column_error_lists_the_header() -> None:
    with pytest.raises(ExportFormatError) as caught:
        read_export(EXPORTS / "toggl_detailed.csv", label_column="Approved Code")

    message = str(caught.value)
    assert "columns: 'User', 'Email', 'Client'" in message
    assert "Known formats" not in message


# --- ids ------------------------------------------------------------------------------------


def test_ids_are_stable_across_reads_and_tenants() -> None:
    path = EXPORTS / "harvest_detailed_eur.csv"
    first = [entry.external_id for entry in read_export(path).entries]
    second = [entry.external_id for entry in read_export(path, tenant="other").entries]

    assert first == second == ["18098b913ad49b45", "eed75e5f0f0ccc26", "d1c1c0a14892105c"]
    assert first[1] == sha16(
        "Peter Tester", "", "2024-03-04", "", "", "Big Company", "Project for Big Company",
        "Task 1", "Working hard",
    )  # fmt: skip


def test_ids_do_not_depend_on_date_format_or_locale(tmp_path: Path) -> None:
    row = "Project A,Client,Call,,Ana,,a@x.test,,Yes,{d},09:00,{d},10:00,01:00:00,{h},,"
    us = write(tmp_path, "us.csv", CLOCKIFY_OLD_HEADER + "\n" + row.format(d="02/13/2024", h="1.5"))
    eu = write(
        tmp_path, "eu.csv", CLOCKIFY_OLD_HEADER + "\n" + row.format(d="13/02/2024", h='"1,5"')
    )

    (us_entry,), (eu_entry,) = read_export(us).entries, read_export(eu).entries
    assert us_entry.external_id == eu_entry.external_id
    assert us_entry.work_date == eu_entry.work_date == date(2024, 2, 13)
    assert us_entry.hours == eu_entry.hours == Decimal("1.5000")


def test_identical_rows_get_distinct_suffixed_ids(tmp_path: Path) -> None:
    row = '2024-03-04,Big,Proj,,Task,Client call,"1,0",Yes,No,No,Ana,Lopez,,Yes,,,,,Euro - EUR,'
    other = '2024-03-04,Big,Proj,,Task,Client call,"2,0",Yes,No,No,Ana,Lopez,,Yes,,,,,Euro - EUR,'
    path = write(tmp_path, "dups.csv", "\n".join([HARVEST_HEADER, row, other, row]) + "\n")

    ids = [entry.external_id for entry in read_export(path).entries]
    base = sha16("Ana Lopez", "", "2024-03-04", "", "", "Big", "Proj", "Task", "Client call")
    assert ids == [base, f"{base}-2", f"{base}-3"]
    assert ids == [entry.external_id for entry in read_export(path).entries]


def test_id_column_is_used_and_a_repeated_id_is_a_problem(tmp_path: Path) -> None:
    rows = [
        "Ana,a@x.test,,P,,First,Yes,2024-03-05,08:00:00,2024-03-05,09:00:00,01:00:00,,,3301",
        "Ana,a@x.test,,P,,Second,Yes,2024-03-05,09:00:00,2024-03-05,10:00:00,01:00:00,,,3302",
        "Ana,a@x.test,,P,,First,Yes,2024-03-05,08:00:00,2024-03-05,09:00:00,01:00:00,,,3301",
    ]
    path = write(tmp_path, "ids.csv", "\n".join([TOGGL_HEADER + ",ID", *rows]))
    result = read_export(path)

    assert [entry.external_id for entry in result.entries] == ["3301", "3302"]
    assert [entry.key for entry in result.entries] == ["toggl:3301", "toggl:3302"]
    assert [str(p) for p in result.problems] == [
        "ids.csv: row 4, column 'ID': '3301' already appears at row 2"
    ]


# --- Clockify duration fallbacks ------------------------------------------------------------


def test_clockify_falls_back_to_duration_h_then_to_start_and_end(tmp_path: Path) -> None:
    clock_only = "P,C,Fallback,,Ana,,a@x.test,,Yes,02/19/2026,3:00 PM,02/19/2026,6:00 PM,3:00,,,"
    path = write(tmp_path, "c.csv", f"{CLOCKIFY_OLD_HEADER}\n{clock_only}\n")
    # the header of solidtime's clockify_time_entries_import_test_7.csv: no duration columns,
    # and its row leaves out the last (Client) cell
    no_duration = (
        '"Project","Description","Task","User","Group","Email","Tags","Billable","Start Date",'
        '"Start Time","End Date","End Time","Client"\n'
        '"Project A","Working hard","Task 1","Peter Tester","","peter.test@email.test","","Yes",'
        '"03/04/2024","10:23 AM","03/04/2024","11:23:01 AM"\n'
    )
    computed = read_export(write(tmp_path, "c7.csv", no_duration))

    assert [entry.hours for entry in read_export(path).entries] == [Decimal("3.0000")]
    assert computed.problems == []
    (entry,) = computed.entries
    assert (entry.hours, entry.client, entry.start) == (
        Decimal("1.0003"),
        "",
        datetime(2024, 3, 4, 10, 23),
    )
    assert computed.rows[0].raw["Client"] == ""


# --- value parsers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11:00:00 AM", time(11, 0)),
        ("10:23 AM", time(10, 23)),
        ("12:00:00 AM", time(0, 0)),
        ("12:30 PM", time(12, 30)),
        ("1:05 pm", time(13, 5)),
        ("11:59:59 P.M.", time(23, 59, 59)),
        ("15:00", time(15, 0)),
        ("00:00:01", time(0, 0, 1)),
        ("23:59", time(23, 59)),
    ],
)
def test_parse_time_12h_and_24h(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["13:00 PM", "0:30 AM", "24:00", "12:60", "noon", "9"])
def test_parse_time_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="time"):
        parse_time(text)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["10/15/2024", "03/04/2024"], MDY),
        (["03/04/2024", "19/02/2026"], DMY),
        (["03/04/2024", "05/06/2024"], MDY),  # no evidence: Clockify's default
        (["04.10.2024"], DMY),  # dotted dates are day-first
        (["13/15/2024", "01/02/2024"], MDY),  # impossible either way: no vote
        (["2024-10-15", "2024-10-16"], MDY),  # ISO needs no order
        (["13/01/2024", "14/01/2024", "01/13/2024"], DMY),  # majority
    ],
)
def test_detect_date_order(values: list[str], expected: str) -> None:
    assert detect_date_order(values) == expected


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("10/15/2024", MDY, date(2024, 10, 15)),
        ("03/02/2026", DMY, date(2026, 2, 3)),
        ("03/02/2026", MDY, date(2026, 3, 2)),
        ("2024-03-04", DMY, date(2024, 3, 4)),
        ("15-10-2024", DMY, date(2024, 10, 15)),
        ("4.10.2024", DMY, date(2024, 10, 4)),
    ],
)
def test_parse_date(text: str, order: str, expected: date) -> None:
    assert parse_date(text, order) == expected


@pytest.mark.parametrize(
    "text", ["2024/13/01", "31/02/2024", "10/15/24", "yesterday", "10-15/2024"]
)
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_date(text, DMY)


@pytest.mark.parametrize(
    ("text", "decimal_comma", "expected"),
    [
        ("0.50", False, Decimal("0.50")),
        ("1,234.5", False, Decimal("1234.5")),
        ("0,01", True, Decimal("0.01")),
        ("2.000,0", True, Decimal("2000.0")),
        ("20", True, Decimal(20)),
        ("-1.5", False, Decimal("-1.5")),
    ],
)
def test_parse_number(text: str, decimal_comma: bool, expected: Decimal) -> None:
    assert parse_number(text, decimal_comma=decimal_comma) == expected


@pytest.mark.parametrize(
    ("text", "decimal_comma"), [("1,5", False), ("1,5x", True), ("1.5", True), ("", False)]
)
def test_parse_number_rejects(text: str, decimal_comma: bool) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        parse_number(text, decimal_comma=decimal_comma)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["20,0", "100,0", "2.000,0", "0,01"], True),
        (["0.50", "1000.00", "1,234.5"], False),
        (["1,000", "2", ""], False),  # no evidence: decimal point
        (["1.000.000"], True),
    ],
)
def test_detect_decimal_comma(values: list[str], expected: bool) -> None:
    assert detect_decimal_comma(values) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("00:30:00", Decimal("0.5")), ("3:00", Decimal(3)), ("01:00:36", Decimal("1.01"))],
)
def test_parse_duration(text: str, expected: Decimal) -> None:
    assert parse_duration(text) == expected


def test_an_edit_is_a_new_version_of_the_same_entry(tmp_path: Path) -> None:
    row = (
        "2024-03-04,Big Co,Proj,,Task 1,Working hard,{hours},Yes,No,No,Peter,Tester,,Yes,"
        "100,1,0,0,USD,"
    )
    first = read_export(write(tmp_path, "a.csv", f"{HARVEST_HEADER}\n{row.format(hours='1.5')}\n"))
    again = read_export(write(tmp_path, "b.csv", f"{HARVEST_HEADER}\n{row.format(hours='1.5')}\n"))
    edited = read_export(write(tmp_path, "c.csv", f"{HARVEST_HEADER}\n{row.format(hours='2.0')}\n"))
    [a], [b], [c] = first.entries, again.entries, edited.entries
    assert (a.external_id, a.version) == (b.external_id, b.version)
    assert a.external_id == c.external_id
    assert a.version != c.version


def test_a_files_locale_is_read_in_one_pass_as_the_detectors_read_it() -> None:
    from app.sources.export_cells import Table, file_locale  # noqa: PLC0415

    header = ["Start Date", "End Date", "Duration (decimal)", "Note"]
    records = [
        (2, ["13/02/2026", "13/02/2026", "1,50", "x"]),
        (3, ["03/02/2026", "04/02/2026", "0,25"]),  # a short record: the note left out
        (4, ["05/02/2026", "05/02/2026", "2,000.5", "y"]),
    ]
    reads: list[int] = []

    class Counted(list[tuple[int, list[str]]]):
        def __iter__(self):  # type: ignore[no-untyped-def]
            reads.append(1)
            return super().__iter__()

    table = Table("t.csv", header, Counted(records))
    got = file_locale(table, ("Start Date", "End Date"), ("Duration (decimal)", "Missing"))
    assert len(reads) == 1
    dates = [v for _, r in records for v in r[:2]]
    assert got == (detect_date_order(dates), detect_decimal_comma(["1,50", "0,25", "2,000.5"]))
    assert got == ("DD/MM/YYYY", True)
    assert list(table.rows_of("Note", "Missing")) == [("x", ""), ("", ""), ("y", "")]
