"""Read tracker CSV exports (Clockify, Toggl Track, Harvest) into ``TimeEntry`` rows.

``open_export`` checks the file (UTF-8 with or without BOM, or UTF-16 with BOM), picks the
delimiter (``,``; ``;`` from Excel in decimal-comma locales; tab) as the one whose first row is a
known header, detects the vendor from header *names* (never positions) and hands every row to
that vendor's module (``clockify_csv``, ``toggl_csv``, ``harvest_csv``) while its rows are
iterated: a file of any size is read in a stream (``ExportStream.rows``). ``read_export`` reads
one whole, for the callers that want every row at once.

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

import csv
import hashlib
import io
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path

from pydantic import ValidationError

from app.domain.entries import TimeEntry
from app.sources.export_cells import (
    DELIMITERS,
    DMY,
    ID_COLUMN,
    MDY,
    YMD,
    Cells,
    Draft,
    ExportFormatError,
    ExportSpec,
    ImportedRow,
    ImportProblem,
    ImportResult,
    Record,
    RowParser,
    Table,
    detect_date_order,
    detect_decimal_comma,
    parse_date,
    parse_duration,
    parse_flag,
    parse_number,
    parse_time,
    split_tags,
)
from app.sources.export_text import TextSource, check_text

__all__ = [
    "DMY",
    "ID_COLUMN",
    "MDY",
    "YMD",
    "Cells",
    "Draft",
    "ExportFormatError",
    "ExportSpec",
    "ExportStream",
    "ImportProblem",
    "ImportResult",
    "ImportedRow",
    "Table",
    "content_id",
    "content_version",
    "detect_date_order",
    "detect_decimal_comma",
    "detect_format",
    "open_export",
    "parse_date",
    "parse_duration",
    "parse_flag",
    "parse_number",
    "parse_time",
    "read_export",
    "split_tags",
]


@cache
def _specs() -> tuple[ExportSpec, ...]:
    # Imported on first use: the webhook path reads content_id/content_version from here and
    # never needs the three formats.
    from app.sources.export_formats import SPECS  # noqa: PLC0415

    return SPECS


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
    """Read one export file whole. Raises ``ExportFormatError`` for whole-file problems only."""
    return open_export(path, tenant=tenant, label_column=label_column).read()


def open_export(
    path: Path, *, tenant: str = "default", label_column: str | None = None
) -> ExportStream:
    """Check an export whole (encoding, CSV, header, format) without holding its rows.

    Raises ``ExportFormatError`` for whole-file problems; rows come later from ``rows()``.
    """
    file = path.name
    text = check_text(path, lambda problem: _error(file, problem))
    if not text.skip_hint:
        text = replace(text, delimiter=_choose_delimiter(text.head()))
    header, size = _header_and_size(file, text)
    name = detect_format(header, file=file)
    spec = next(spec for spec in _specs() if spec.name == name)
    if label_column is not None:
        label_column = _label_in(file, header, label_column)
    return ExportStream(path, spec, header, size, text, tenant, label_column)


def _label_in(file: str, header: list[str], label_column: str) -> str:
    """The header's name for ``label_column``: as written, else the one name equal to it
    but for case and spacing ("approved code" for "Approved Code")."""
    if label_column in header:
        return label_column
    wanted = _loose(label_column)
    found = [name for name in header if _loose(name) == wanted]
    if len(found) == 1:
        return found[0]
    shown = ", ".join(repr(name) for name in header)
    problem = f"label column {label_column!r} not found in the header (columns: {shown})"
    raise ExportFormatError(f"{file}: {problem}")


def _loose(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class ExportStream:
    """An export checked whole whose rows are parsed only while they are iterated.

    ``size`` counts its non-blank data rows; every ``rows()`` reads the file again (the vendor
    module first reads the columns it decides on per file: date order, decimal comma).
    """

    path: Path
    spec: ExportSpec
    header: list[str]
    size: int
    text: TextSource
    tenant: str = "default"
    label_column: str | None = None

    @property
    def format(self) -> str:
        return self.spec.name

    def records(self) -> Iterator[Record]:
        """The data records (the header left out), each with its row number."""
        records = self.text.records(lambda problem: _error(self.path.name, problem))
        next(records, None)
        return records

    def raw_rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Each record's cells by header name, unparsed (as ``ImportedRow.raw``)."""
        return iter(_Padded(self))

    def rows(self, only: Container[int] | None = None) -> Iterator[ImportedRow]:
        """Every row, parsed as it is asked for; with ``only``, just the rows of those line
        numbers (the others are read as CSV, not parsed: ids of repeated rows may differ)."""
        importer = _Importer(self, self._parse_row)
        records = self.records()
        if only is not None:
            records = (record for record in records if record[0] in only)
        return importer.rows(records)

    @cached_property
    def _parse_row(self) -> RowParser:
        """The vendor's row parser, with what it decides per file (date order, decimal comma)
        read once for every ``rows()``."""
        return self.spec.prepare(Table(self.path.name, self.header, _Records(self)))

    def entries(self) -> Iterator[TimeEntry]:
        return (row.entry for row in self.rows() if row.entry is not None)

    def read(self) -> ImportResult:
        return ImportResult(self.path, self.format, self.header, list(self.rows()))


class _Records:
    """The data records, re-read on every iteration."""

    def __init__(self, stream: ExportStream) -> None:
        self.stream = stream

    def __iter__(self) -> Iterator[Record]:
        return self.stream.records()


class _Padded:
    """The records by header name, re-read on every iteration."""

    def __init__(self, stream: ExportStream) -> None:
        self.stream = stream

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        header = self.stream.header
        unique = _unique(header)
        return ((n, _pad(header, record, unique)) for n, record in self.stream.records())


def _unique(header: list[str]) -> bool:
    """No name in ``header`` twice (checked once per file, not per row)."""
    return len(set(header)) == len(header)


def _pad(header: list[str], record: list[str], unique: bool) -> dict[str, str]:
    """The record by header name; a short record (trailing cells left out) reads as empty. A
    name the header repeats (``unique`` false) reads its first non-blank cell (``_Importer``
    flags a row whose cells under that name disagree)."""
    cells = record + [""] * (len(header) - len(record))
    if unique:
        return dict(zip(header, cells, strict=False))
    by_name: dict[str, str] = {}
    for name, value in zip(header, cells, strict=False):
        if not by_name.get(name, "").strip():
            by_name[name] = value
    return by_name


def _repeated(header: list[str]) -> dict[str, list[int]]:
    """Each non-blank name the header gives more than one column: its column indexes."""
    places: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        if name:
            places.setdefault(name, []).append(index)
    return {name: where for name, where in places.items() if len(where) > 1}


def _first_record(body: str, delimiter: str) -> list[str]:
    for record in csv.reader(io.StringIO(body, newline=""), delimiter=delimiter):
        if any(cell.strip() for cell in record):
            return record
    return []


def _choose_delimiter(body: str) -> str:
    """The delimiter under which the first row is a known header (else the widest split)."""
    widths: dict[str, int] = {}
    for delimiter in DELIMITERS:
        names = {name.strip() for name in _first_record(body, delimiter)}
        if any(not spec.missing(names) for spec in _specs()):
            return delimiter
        widths[delimiter] = len(names)
    return max(DELIMITERS, key=lambda delimiter: widths[delimiter])


def _header_and_size(file: str, text: TextSource) -> tuple[list[str], int]:
    """The header and how many non-blank data records follow it (one read of the file)."""
    records = text.records(lambda problem: _error(file, problem))
    first = next(records, None)
    if first is None:
        raise _error(file, "is empty")
    size = sum(1 for _ in records)
    return [name.strip() for name in first[1]], size


def content_id(draft: Draft) -> str:
    """Deterministic id for an export row without an ID column (16 hex chars of SHA-1)."""
    parts = (
        draft.user_name, draft.user_email, draft.work_date.isoformat(),
        draft.start.isoformat() if draft.start else "", draft.end.isoformat() if draft.end else "",
        draft.client, draft.project, draft.task, draft.description,
    )  # fmt: skip
    digest = hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False)
    return digest.hexdigest()[:16]


def content_version(draft: Draft, content: str | None = None) -> str:
    """Changes whenever anything classification reads changes, so an edit is a new version.
    ``content``: the draft's ``content_id`` when it is already known."""
    parts = (
        content or content_id(draft), str(draft.hours), "\x1e".join(draft.tags),
        str(draft.billable_flag),
        *((draft.role,) if draft.role else ()),
    )  # fmt: skip
    return hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()[:12]


class _Importer:
    """Turns one file's data rows into ``ImportedRow``s, assigning ids as it goes."""

    def __init__(self, export: ExportStream, parse_row: RowParser) -> None:
        self.source, self.file, self.header = export.spec.source, export.path.name, export.header
        self.tenant, self.label_column = export.tenant, export.label_column
        self.parse_row = parse_row
        self.repeated = _repeated(self.header)
        # Ids seen so far, as 64-bit numbers rather than strings: a million rows' worth stays
        # small. An ID column's first row is kept for the duplicate's message.
        self.id_rows: dict[int, int] = {}
        self.contents: set[int] = set()
        self.repeats: dict[int, int] = {}

    def rows(self, records: Iterable[Record]) -> Iterator[ImportedRow]:
        header, unique = self.header, _unique(self.header)
        for number, record in records:
            row = self._row(number, _pad(header, record, unique), len(record))
            yield self._disagreeing(row, record) if self.repeated else row

    def _disagreeing(self, row: ImportedRow, record: list[str]) -> ImportedRow:
        """The row unread when a repeated column's cells give two values: which is meant?"""
        problems = list(row.problems)
        for name, where in self.repeated.items():
            given = [(i, record[i].strip()) for i in where if i < len(record) and record[i].strip()]
            if len({value for _, value in given}) > 1:
                (first, one), (second, other) = (
                    given[0],
                    next(g for g in given if g[1] != given[0][1]),
                )
                problem = (
                    f"columns {first + 1} and {second + 1} are both named {name!r} and differ: "
                    f"{one!r} and {other!r}"
                )
                problems.append(ImportProblem(self.file, row.line, name, problem))
        if len(problems) == len(row.problems):
            return row
        return replace(row, entry=None, problems=tuple(problems))

    def _row(self, number: int, raw: dict[str, str], values: int) -> ImportedRow:
        cells = Cells(self.file, number, raw)
        label = (cells.text(self.label_column) or None) if self.label_column else None
        draft = None
        if values > (width := len(self.header)):
            # More cells than names means the columns may have shifted: trust none of them.
            cells.fail(None, f"has {values} values but the header has {width} columns")
        else:
            draft = self.parse_row(cells)
        entry = self._entry(cells, draft) if draft is not None and not cells.problems else None
        return ImportedRow(number, raw, entry, label, tuple(cells.problems))

    def _entry(self, cells: Cells, draft: Draft) -> TimeEntry | None:
        content = content_id(draft)
        external_id = self._external_id(cells, draft, content)
        if external_id is None:
            return None
        try:
            return TimeEntry(
                source=self.source, external_id=external_id,
                version=content_version(draft, content),
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

    def _external_id(self, cells: Cells, draft: Draft, base: str) -> str | None:
        if draft.external_id:
            first = self.id_rows.setdefault(_number(draft.external_id), cells.row)
            if first == cells.row:
                return draft.external_id
            cells.fail(ID_COLUMN, f"{draft.external_id!r} already appears at row {first}")
            return None
        number = int(base, 16)
        if number not in self.contents:
            self.contents.add(number)
            return base
        count = self.repeats[number] = self.repeats.get(number, 1) + 1
        return f"{base}-{count}"


def _number(text: str) -> int:
    """64 bits of a digest of ``text``: what an id is remembered by."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")
