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
from collections.abc import Sequence
from functools import cache
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

__all__ = [
    "DMY",
    "ID_COLUMN",
    "MDY",
    "YMD",
    "Cells",
    "Draft",
    "ExportFormatError",
    "ExportSpec",
    "ImportProblem",
    "ImportResult",
    "ImportedRow",
    "Table",
    "content_id",
    "content_version",
    "detect_date_order",
    "detect_decimal_comma",
    "detect_format",
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
    for delimiter in DELIMITERS:
        names = {name.strip() for name in _first_record(body, delimiter)}
        if any(not spec.missing(names) for spec in _specs()):
            return delimiter
        widths[delimiter] = len(names)
    return max(DELIMITERS, key=lambda delimiter: widths[delimiter])


def _read_rows(file: str, body: str, delimiter: str) -> tuple[list[str], list[Record]]:
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
