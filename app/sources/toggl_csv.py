"""Toggl Track "Detailed report" CSV export -> ``TimeEntry``.

Captured exports use ISO dates (``2024-03-04``), 24 h times (``10:23:00``) and ``Duration`` as
``HH:MM:SS``; the shared parsers also take what Excel writes when it re-saves the file in another
locale. ``Duration`` is preferred (it is what Toggl reports); an empty one falls back to end minus
start. ``Amount (<currency>)`` columns and any other extra column are ignored.
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
    detect_date_order,
    parse_duration,
    split_tags,
)


def _prepare(table: Table) -> RowParser:
    order = detect_date_order(table.values("Start date", "End date"))

    def parse(cells: Cells) -> Draft | None:
        return _parse_row(cells, order)

    return parse


def _hours(cells: Cells, start: datetime | None, end: datetime | None) -> Decimal | None:
    if cells.text("Duration") or start is None or end is None:
        return cells.hours("Duration", parse_duration)
    return cells.span_hours("End time", start, end)


def _parse_row(cells: Cells, order: str) -> Draft | None:
    start = cells.moment("Start date", "Start time", order)
    has_end = cells.text("End date") or cells.text("End time")
    end = cells.moment("End date", "End time", order) if has_end else None
    hours = _hours(cells, start, end)
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
    name="toggl",
    title="Toggl Track detailed report",
    source=Source.TOGGL,
    required=(
        "User", "Email", "Project", "Description",
        "Start date", "Start time", "End date", "End time", "Duration",
    ),
    optional=("Client", "Task", "Billable", "Tags", ID_COLUMN),
    prepare=_prepare,
)  # fmt: skip
