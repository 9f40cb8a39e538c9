"""Read tracker CSV exports (Clockify, Toggl Track, Harvest) into ``TimeEntry`` rows.

``read_export`` decodes the file (UTF-8 with or without BOM, or UTF-16 with BOM), picks the
delimiter (``,``; ``;`` from Excel in decimal-comma locales; tab) as the one whose first row is a
known header, detects the vendor from header *names* (never positions) and hands every row to
that vendor's module (``clockify_csv``, ``toggl_csv``, ``harvest_csv``).

Whole-file problems raise ``ExportFormatError``. Row problems never raise: the row comes back
with ``entry=None`` and ``ImportProblem``s naming file, row and column, and good rows survive.
Row numbers are CSV record numbers as a spreadsheet shows them: the header is row 1, a quoted
field spanning lines is still one row, an Excel ``sep=;`` hint line is not counted. Blank rows
are skipped and not returned. Extra columns (custom fields) are kept in ``raw`` and ignored.

``external_id`` is the export's ``ID`` column when it has one, else 16 hex chars of a SHA-1 over
the *parsed* user, email, date, start, end, client, project, task and description, so the same
work re-imported (even re-exported with another date format or locale) keeps its id. Identical
rows in one file get ``-2``, ``-3``... suffixes in file order. ``version`` is a hash of everything
classification reads (hours, tags, billable tick included), so an edited entry is a new version.
Start/end are naive local times: exports carry no time zone.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from app.domain.entries import Source, TimeEntry

_T = TypeVar("_T")
_QUANTUM = Decimal("0.0001")
_DELIMITERS = (",", ";", "\t")
ID_COLUMN = "ID"
_Record = tuple[int, list[str]]


MDY, DMY, YMD = "MM/DD/YYYY", "DD/MM/YYYY", "YYYY-MM-DD"
_DATE = re.compile(r"(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([AaPp])\.?[Mm]\.?)?")
_DURATION = re.compile(r"(\d+):([0-5]\d)(?::([0-5]\d))?")
_NUMBER = {
    False: re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?"),
    True: re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d*)(?:,\d+)?"),
}
_FLAGS = {"yes": True, "no": False, "true": True, "false": False, "y": True, "n": False}


def detect_date_order(values: Iterable[str]) -> str:
    """MDY or DMY for a file's day-first-or-month-first dates (ISO dates need neither).

    A value whose first field is > 12 votes DD/MM, one whose second field is > 12 votes MM/DD;
    the majority wins. With no evidence: DD.MM when the dates use dots (no locale writes
    MM.DD.YYYY), else MM/DD, the US default of Clockify and Excel.
    """
    votes = {MDY: 0, DMY: 0}
    dotted = False
    for value in values:
        match = _DATE.fullmatch(value.strip())
        if match is None or len(match[1]) == 4:
            continue
        first, second = int(match[1]), int(match[3])
        if first > 12 >= second or second > 12 >= first:
            votes[DMY if first > 12 else MDY] += 1
        dotted = dotted or match[2] == "."
    if votes[DMY] > votes[MDY] or (votes[DMY] == votes[MDY] == 0 and dotted):
        return DMY
    return MDY


def parse_date(text: str, order: str = MDY) -> date:
    """``YYYY-MM-DD`` always; other dates in ``order`` (MDY or DMY); ``/``, ``-`` or ``.``."""
    match = _DATE.fullmatch(text)
    if match is None or (len(match[1]) != 4 and len(match[4]) != 4):
        raise ValueError("is not a date")
    first, second, third = int(match[1]), int(match[3]), int(match[4])
    if len(match[1]) == 4:
        order, ymd = YMD, (first, second, third)
    else:
        ymd = (third, first, second) if order == MDY else (third, second, first)
    try:
        return date(*ymd)
    except ValueError:
        raise ValueError(f"is not a valid date (read as {order})") from None


def parse_time(text: str) -> time:
    """``15:00``, ``15:00:59``, ``3:00 PM``, ``11:00:00 AM``."""
    match = _TIME.fullmatch(text)
    if match is None:
        raise ValueError("is not a time")
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            raise ValueError("is not a 12-hour time")
        hour = hour % 12 + (12 if match[4] in "Pp" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError("is not a time")
    return time(hour, minute, second)


def parse_duration(text: str) -> Decimal:
    """Hours in ``H:MM`` or ``H:MM:SS`` (hours may exceed 24)."""
    match = _DURATION.fullmatch(text)
    if match is None:
        raise ValueError("is not a duration (H:MM or H:MM:SS)")
    seconds = int(match[1]) * 3600 + int(match[2]) * 60 + int(match[3] or 0)
    return Decimal(seconds) / 3600


def parse_number(text: str, *, decimal_comma: bool = False) -> Decimal:
    """``1,234.5`` / ``0.50``, or with ``decimal_comma`` ``2.000,0`` / ``0,01``."""
    if not any(char.isdigit() for char in text) or not _NUMBER[decimal_comma].fullmatch(text):
        raise ValueError("is not a number")
    if decimal_comma:
        return Decimal(text.replace(".", "").replace(",", "."))
    return Decimal(text.replace(",", ""))


def _decimal_mark(value: str) -> str | None:
    """``,`` or ``.`` when ``value`` shows which is its decimal mark (``1,000`` does not)."""
    last = max(value.rfind(","), value.rfind("."))
    if last < 0:
        return None
    mark, other = value[last], "." if value[last] == "," else ","
    if other in value[:last]:
        return mark
    if value.count(mark) > 1:
        return other
    ambiguous = len(value) - last - 1 == 3 and value[:last].lstrip("+-") not in ("", "0")
    return None if ambiguous else mark


def detect_decimal_comma(values: Iterable[str]) -> bool:
    """True when a file's numbers mostly use a decimal comma (``0,01``, ``2.000,0``)."""
    votes = {",": 0, ".": 0, None: 0}
    for value in values:
        votes[_decimal_mark(value.strip())] += 1
    return votes[","] > votes["."]


def parse_flag(text: str) -> bool:
    flag = _FLAGS.get(text.casefold())
    if flag is None:
        raise ValueError("is not Yes or No")
    return flag


def split_tags(text: str) -> tuple[str, ...]:
    return tuple(tag.strip() for tag in text.split(",") if tag.strip())


@dataclass(frozen=True)
class ImportProblem:
    """Something wrong with one row (``row``/``column`` None when it concerns more)."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [f"row {self.row}"] if self.row is not None else []
        if self.column is not None:
            where.append(f"column {self.column!r}")
        prefix = f"{self.file}: {', '.join(where)}" if where else self.file
        return f"{prefix}: {self.message}"


@dataclass(frozen=True)
class ImportedRow:
    line: int
    raw: dict[str, str]
    entry: TimeEntry | None
    label: str | None
    problems: tuple[ImportProblem, ...]


@dataclass(frozen=True)
class ImportResult:
    path: Path
    format: str
    header: list[str]
    rows: list[ImportedRow]

    @property
    def entries(self) -> list[TimeEntry]:
        return [row.entry for row in self.rows if row.entry is not None]

    @property
    def problems(self) -> list[ImportProblem]:
        return [problem for row in self.rows for problem in row.problems]


class ExportFormatError(ValueError):
    """The file as a whole cannot be read as a known export."""


@dataclass(frozen=True)
class Draft:
    """What a vendor module read from one row; this module adds ids, tenant and source."""

    work_date: date
    hours: Decimal
    user_name: str
    user_email: str = ""
    client: str = ""
    project: str = ""
    task: str = ""
    tags: tuple[str, ...] = ()
    description: str = ""
    start: datetime | None = None
    end: datetime | None = None
    billable_flag: bool | None = None
    external_id: str = ""
    role: str = ""  # the export's own role column, when it has one


@dataclass(frozen=True)
class Table:
    """The whole file, for vendor modules that decide something per file (date order, locale)."""

    file: str
    header: list[str]
    records: list[tuple[int, dict[str, str]]]

    def values(self, column: str) -> Iterator[str]:
        return (raw.get(column, "") for _, raw in self.records)


class Cells:
    """One row's values by header name; parse helpers record problems instead of raising."""

    __slots__ = ("file", "problems", "raw", "row")

    def __init__(self, file: str, row: int, raw: dict[str, str]) -> None:
        self.file, self.row, self.raw = file, row, raw
        self.problems: list[ImportProblem] = []

    def text(self, column: str) -> str:
        return self.raw.get(column, "").strip()

    def fail(self, column: str | None, message: str) -> None:
        self.problems.append(ImportProblem(self.file, self.row, column, message))

    def parse(self, column: str, parser: Callable[[str], _T]) -> _T | None:
        """``parser(value)``, or None with a problem when the value is empty or invalid."""
        value = self.text(column)
        if not value:
            self.fail(column, "value is missing")
            return None
        try:
            return parser(value)
        except ValueError as exc:
            self.fail(column, f"{value!r} {exc}")
            return None

    def moment(self, day: str, clock: str, order: str) -> datetime | None:
        """Date column + time column, or None (with problems) when either is bad."""
        on = self.parse(day, lambda value: parse_date(value, order))
        at = self.parse(clock, parse_time)
        return None if on is None or at is None else datetime.combine(on, at)

    def flag(self, column: str) -> bool | None:
        value = self.text(column)
        return self.parse(column, parse_flag) if value else None

    def hours(self, column: str, parser: Callable[[str], Decimal]) -> Decimal | None:
        hours = self.parse(column, parser)
        return None if hours is None else self.checked_hours(column, hours, repr(self.text(column)))

    def checked_hours(self, column: str, hours: Decimal, shown: str) -> Decimal | None:
        """``hours`` rounded to 0.0001 when within 0-24, else None and a problem."""
        if 0 <= hours <= 24:
            return hours.quantize(_QUANTUM)
        self.fail(column, f"{shown} is {'negative' if hours < 0 else 'more than 24 hours'}")
        return None

    def span_hours(self, column: str, start: datetime, end: datetime) -> Decimal | None:
        """End minus start in hours, checked like any hours value (``column`` is the end's)."""
        span = Decimal(int((end - start).total_seconds())) / 3600
        return self.checked_hours(column, span, "end minus start")


RowParser = Callable[[Cells], Draft | None]


@dataclass(frozen=True)
class ExportSpec:
    """A vendor export: the columns that identify it and the row parser it builds per file."""

    name: str
    title: str
    source: Source
    required: tuple[str, ...]
    optional: tuple[str, ...]
    prepare: Callable[[Table], RowParser] = field(compare=False)

    def missing(self, names: set[str]) -> list[str]:
        return [column for column in self.required if column not in names]

    def score(self, names: set[str]) -> int:
        return sum(column in names for column in (*self.required, *self.optional))


@cache
def _specs() -> tuple[ExportSpec, ...]:
    # Imported late: the vendor modules import this module's helpers.
    from app.sources.clockify_csv import SPEC as CLOCKIFY  # noqa: PLC0415
    from app.sources.harvest_csv import SPEC as HARVEST  # noqa: PLC0415
    from app.sources.toggl_csv import SPEC as TOGGL  # noqa: PLC0415

    return (CLOCKIFY, TOGGL, HARVEST)


def _error(file: str, problem: str) -> ExportFormatError:
    known = ", ".join(f"{spec.name} ({spec.title})" for spec in _specs())
    return ExportFormatError(f"{file}: {problem}. Known formats: {known}")


def detect_format(header: Sequence[str], *, file: str = "header") -> str:
    """The format name whose required columns are all present; the best-explained one wins."""
    names = {name.strip() for name in header}
    matches = [spec for spec in _specs() if not spec.missing(names)]
    if matches:
        return max(matches, key=lambda spec: spec.score(names)).name
    nearest = max(_specs(), key=lambda spec: 1 - len(spec.missing(names)) / len(spec.required))
    missing = nearest.missing(names)
    if len(missing) <= len(nearest.required) / 2:
        shown = ", ".join(repr(column) for column in missing)
        raise _error(file, f"looks like a {nearest.title} but lacks column(s) {shown}")
    shown = ", ".join(repr(name) for name in header[:8]) + (", ..." if len(header) > 8 else "")
    raise _error(file, f"unknown export format (header: {shown})")


def read_export(
    path: Path, *, tenant: str = "default", label_column: str | None = None
) -> ImportResult:
    """Read one export file. Raises ``ExportFormatError`` for whole-file problems only."""
    file = path.name
    body, hint = _split_sep_hint(_decode(file, path.read_bytes()))
    header, data = _read_rows(file, body, hint or _choose_delimiter(body))
    name = detect_format(header, file=file)
    spec = next(spec for spec in _specs() if spec.name == name)
    if label_column is not None and label_column not in header:
        raise _error(file, f"label column {label_column!r} not found in the header")
    width = len(header)
    table = Table(file, header, [(n, _pad(header, rec)) for n, rec in data])
    # More cells than names means the columns may have shifted: trust none of them.
    overflow = {n: len(rec) for n, rec in data if len(rec) > width}
    importer = _Importer(spec, table, overflow, tenant=tenant, label_column=label_column)
    return ImportResult(path, spec.name, header, importer.rows())


def _pad(header: list[str], record: list[str]) -> dict[str, str]:
    """The record by header name; a short record (trailing cells left out) reads as empty."""
    return dict(zip(header, record + [""] * (len(header) - len(record)), strict=False))


def _decode(file: str, data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise _error(file, "is an Excel workbook or zip archive, not CSV; export it as CSV")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _error(file, f"is not UTF-8 text (bad byte at offset {exc.start})") from exc
    if "\x00" in text:
        raise _error(file, "is a binary file, not CSV")
    if not text.strip():
        raise _error(file, "is empty")
    return text


def _split_sep_hint(text: str) -> tuple[str, str | None]:
    """Drop Excel's ``sep=;`` first line, returning the delimiter it names."""
    first, newline, rest = text.partition("\n")
    first = first.rstrip("\r")
    if newline and len(first) == 5 and first.startswith("sep="):
        return rest, first[4]
    return text, None


def _first_record(body: str, delimiter: str) -> list[str]:
    for record in csv.reader(io.StringIO(body[:65536], newline=""), delimiter=delimiter):
        if any(cell.strip() for cell in record):
            return record
    return []


def _choose_delimiter(body: str) -> str:
    """The delimiter under which the first row is a known header (else the widest split)."""
    widths: dict[str, int] = {}
    for delimiter in _DELIMITERS:
        names = {name.strip() for name in _first_record(body, delimiter)}
        if any(not spec.missing(names) for spec in _specs()):
            return delimiter
        widths[delimiter] = len(names)
    return max(_DELIMITERS, key=lambda delimiter: widths[delimiter])


def _read_rows(file: str, body: str, delimiter: str) -> tuple[list[str], list[_Record]]:
    """The header and the non-blank data records, each with its row number."""
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    try:
        records = [(n, rec) for n, rec in enumerate(reader, start=1) if any(map(str.strip, rec))]
    except csv.Error as exc:
        raise _error(file, f"is not valid CSV near line {reader.line_num}: {exc}") from exc
    if not records:
        raise _error(file, "is empty")
    (_, header), *data = records
    return [name.strip() for name in header], data


def content_id(draft: Draft) -> str:
    """Deterministic id for an export row without an ID column (16 hex chars of SHA-1)."""
    parts = (
        draft.user_name, draft.user_email, draft.work_date.isoformat(),
        draft.start.isoformat() if draft.start else "", draft.end.isoformat() if draft.end else "",
        draft.client, draft.project, draft.task, draft.description,
    )  # fmt: skip
    digest = hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False)
    return digest.hexdigest()[:16]


def content_version(draft: Draft) -> str:
    """Changes whenever anything classification reads changes, so an edit is a new version."""
    parts = (
        content_id(draft), str(draft.hours), "\x1e".join(draft.tags), str(draft.billable_flag),
        *((draft.role,) if draft.role else ()),
    )  # fmt: skip
    return hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()[:12]


class _Importer:
    """Turns one file's data rows into ``ImportedRow``s, assigning ids as it goes."""

    def __init__(
        self, spec: ExportSpec, table: Table, overflow: dict[int, int], *, tenant: str,
        label_column: str | None,
    ) -> None:  # fmt: skip
        self.source, self.table, self.overflow = spec.source, table, overflow
        self.tenant, self.label_column = tenant, label_column
        self.parse_row = spec.prepare(table)
        self.id_rows: dict[str, int] = {}
        self.content_counts: dict[str, int] = {}

    def rows(self) -> list[ImportedRow]:
        return [self._row(number, raw) for number, raw in self.table.records]

    def _row(self, number: int, raw: dict[str, str]) -> ImportedRow:
        cells = Cells(self.table.file, number, raw)
        label = (cells.text(self.label_column) or None) if self.label_column else None
        draft = None
        if number in self.overflow:
            values, width = self.overflow[number], len(self.table.header)
            cells.fail(None, f"has {values} values but the header has {width} columns")
        else:
            draft = self.parse_row(cells)
        entry = self._entry(cells, draft) if draft is not None and not cells.problems else None
        return ImportedRow(number, raw, entry, label, tuple(cells.problems))

    def _entry(self, cells: Cells, draft: Draft) -> TimeEntry | None:
        external_id = self._external_id(cells, draft)
        if external_id is None:
            return None
        try:
            return TimeEntry(
                source=self.source, external_id=external_id, version=content_version(draft),
                tenant=self.tenant,
                client=draft.client, project=draft.project, task=draft.task, tags=draft.tags,
                description=draft.description, work_date=draft.work_date, start=draft.start,
                end=draft.end, hours=draft.hours, billable_flag=draft.billable_flag,
                user_ref=draft.user_email or draft.user_name, user_name=draft.user_name,
                user_email=draft.user_email, role=draft.role,
            )  # fmt: skip
        except ValidationError as exc:
            cells.fail(None, f"is not a valid time entry: {exc.errors()[0]['msg']}")
            return None

    def _external_id(self, cells: Cells, draft: Draft) -> str | None:
        if draft.external_id:
            first = self.id_rows.setdefault(draft.external_id, cells.row)
            if first == cells.row:
                return draft.external_id
            cells.fail(ID_COLUMN, f"{draft.external_id!r} already appears at row {first}")
            return None
        base = content_id(draft)
        count = self.content_counts[base] = self.content_counts.get(base, 0) + 1
        return base if count == 1 else f"{base}-{count}"
