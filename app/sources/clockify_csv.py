"""Clockify "Detailed report" CSV export -> ``TimeEntry``.

Both header sets seen in captures are accepted: the newer one (with ``Type``, ``Invoiced``,
``Invoice ID``, ``Date of creation``) and the older, smaller one. Rate and amount columns carry
the currency in their names (``Billable Rate (EUR)``) and, like custom-field columns, are ignored.

Dates follow the exporting user's settings, so the day/month order is decided once per file
(``exports.detect_date_order``): a first field > 12 votes DD/MM, a second field > 12 votes
MM/DD; with no evidence it is MM/DD (Clockify's default), or DD.MM for dotted dates. Times may be
12 h (``11:00:00 AM``, ``10:23 AM``) or 24 h (``15:00``). Hours come from ``Duration (decimal)``
(what Clockify bills, after its rounding settings), else ``Duration (h)`` (``00:30:00`` or
``3:00``), else end minus start.

Break rows (``Type`` = ``Break``) are not work time. They come back as an ``ImportedRow`` with
``entry=None`` and the problem "break, not work time" on the ``Type`` column: neither billed nor
silently dropped, so a reviewer can see and count them.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from app.domain.entries import Source
from app.sources.export_cells import (
    ID_COLUMN,
    Cells,
    Draft,
    ExportSpec,
    RowParser,
    Table,
    file_locale,
    parse_duration,
    parse_number,
    split_tags,
)

_DECIMAL, _CLOCK = "Duration (decimal)", "Duration (h)"


def _prepare(table: Table) -> RowParser:
    order, decimal_comma = file_locale(table, ("Start Date", "End Date"), (_DECIMAL,))

    def parse(cells: Cells) -> Draft | None:
        return _parse_row(cells, order, decimal_comma=decimal_comma)

    return parse


def _hours(
    cells: Cells, start: datetime | None, end: datetime | None, *, decimal_comma: bool
) -> Decimal | None:
    if cells.text(_DECIMAL):
        return cells.hours(_DECIMAL, lambda value: parse_number(value, decimal_comma=decimal_comma))
    if cells.text(_CLOCK):
        return cells.hours(_CLOCK, parse_duration)
    if start is None or end is None:
        if start is not None:
            cells.fail("End Time", "no duration and no end to compute it from")
        return None
    return cells.span_hours("End Time", start, end)


def _parse_row(cells: Cells, order: str, *, decimal_comma: bool) -> Draft | None:
    if cells.text("Type").casefold() == "break":
        cells.fail("Type", "break, not work time")
        return None
    start = cells.moment("Start Date", "Start Time", order)
    has_end = cells.text("End Date") or cells.text("End Time")
    end = cells.moment("End Date", "End Time", order) if has_end else None
    hours = _hours(cells, start, end, decimal_comma=decimal_comma)
    billable = cells.flag("Billable")
    if start is None or hours is None:
        return None
    return Draft(
        work_date=start.date(), hours=hours, start=start, end=end, billable_flag=billable,
        user_name=cells.text("User"), user_email=cells.text("Email"), client=cells.text("Client"),
        project=cells.text("Project"), task=cells.text("Task"), tags=split_tags(cells.text("Tags")),
        description=cells.text("Description"), external_id=cells.text(ID_COLUMN),
    )  # fmt: skip


SPEC = ExportSpec(
    name="clockify",
    title="Clockify detailed report",
    source=Source.CLOCKIFY,
    required=(
        "Project", "Description", "User", "Email",
        "Start Date", "Start Time", "End Date", "End Time",
    ),
    optional=(
        "Client", "Task", "Group", "Tags", "Type", "Billable", "Invoiced", "Invoice ID",
        _CLOCK, _DECIMAL, "Date of creation", ID_COLUMN,
    ),
    prepare=_prepare,
)  # fmt: skip
