"""What every export format reads with: cells by header name, the parsers for dates, times,
durations, numbers and flags people's locales write, a row's draft, and the spec a format
declares (``clockify_csv``, ``toggl_csv``, ``harvest_csv``). ``exports`` reads whole files."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from app.domain.entries import Source, TimeEntry

_T = TypeVar("_T")
_QUANTUM = Decimal("0.0001")
DELIMITERS = (",", ";", "\t")
ID_COLUMN = "ID"
Record = tuple[int, list[str]]


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
    votes = _DateVotes()
    for value in values:
        votes.add(value)
    return votes.order()


class _DateVotes:
    def __init__(self) -> None:
        self.votes = {MDY: 0, DMY: 0}
        self.dotted = False

    def add(self, value: str) -> None:
        match = _DATE.fullmatch(value.strip())
        if match is None or len(match[1]) == 4:
            return
        first, second = int(match[1]), int(match[3])
        if first > 12 >= second or second > 12 >= first:
            self.votes[DMY if first > 12 else MDY] += 1
        self.dotted = self.dotted or match[2] == "."

    def order(self) -> str:
        votes = self.votes
        if votes[DMY] > votes[MDY] or (votes[DMY] == votes[MDY] == 0 and self.dotted):
            return DMY
        return MDY


def file_locale(table: Table, dates: tuple[str, ...], numbers: tuple[str, ...]) -> tuple[str, bool]:
    """The file's date order (``detect_date_order``) and whether it writes decimal commas
    (``detect_decimal_comma``), from one read of its date and number columns."""
    date_votes, marks = _DateVotes(), {",": 0, ".": 0, None: 0}
    split = len(dates)
    for row in table.rows_of(*dates, *numbers):
        for value in row[:split]:
            date_votes.add(value)
        for value in row[split:]:
            marks[_decimal_mark(value.strip())] += 1
    return date_votes.order(), marks[","] > marks["."]


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
    """The whole file, for vendor modules that decide something per file (date order, locale).

    ``records`` may be read more than once; an open export re-reads the file each time."""

    file: str
    header: list[str]
    records: Iterable[Record]

    def values(self, *columns: str) -> Iterator[str]:
        """The cells of ``columns`` (those the header has), row by row, in one read."""
        for row in self.rows_of(*(column for column in columns if column in self.header)):
            yield from row

    def rows_of(self, *columns: str) -> Iterator[tuple[str, ...]]:
        """Each row's cells of ``columns``, in one read ("" for a column the file lacks)."""
        where = [self._index(column) if column in self.header else -1 for column in columns]
        for _, record in self.records:
            width = len(record)
            yield tuple(record[i] if 0 <= i < width else "" for i in where)

    def _index(self, column: str) -> int:
        """The column's position; a name given twice reads as its last (as a row by name)."""
        return len(self.header) - 1 - self.header[::-1].index(column)


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
