"""Harvest "Detailed time report" CSV export -> ``TimeEntry``.

``Hours`` is decimal hours, written in the account's number locale: the decimal mark is decided
once per file from all numeric columns (``exports.detect_decimal_comma``), so ``"0,01"`` and
``"2.000,0"`` read as 0.01 and 2000.0 in a decimal-comma file (``1:30`` reads as H:MM). The
person is ``First Name`` + ``Last Name`` (and ``Email`` when an export has one). Harvest exports
no start or end time, so both stay None and ``work_date`` is ``Date``.
"""

from __future__ import annotations

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
    parse_date,
    parse_duration,
    parse_number,
)

_NUMERIC = ("Hours", "Billable Rate", "Billable Amount", "Cost Rate", "Cost Amount")


def _prepare(table: Table) -> RowParser:
    order, decimal_comma = file_locale(table, ("Date",), _NUMERIC)

    def parse(cells: Cells) -> Draft | None:
        return _parse_row(cells, order, decimal_comma=decimal_comma)

    return parse


def _hours(text: str, *, decimal_comma: bool) -> Decimal:
    # Decimal hours in captured exports; H:MM too, should an account's time format leak in.
    if ":" in text:
        return parse_duration(text)
    return parse_number(text, decimal_comma=decimal_comma)


def _parse_row(cells: Cells, order: str, *, decimal_comma: bool) -> Draft | None:
    work_date = cells.parse("Date", lambda value: parse_date(value, order))
    hours = cells.hours("Hours", lambda value: _hours(value, decimal_comma=decimal_comma))
    billable = cells.flag("Billable?")
    if work_date is None or hours is None:
        return None
    name = " ".join(part for part in (cells.text("First Name"), cells.text("Last Name")) if part)
    return Draft(
        work_date=work_date, hours=hours, billable_flag=billable, user_name=name,
        user_email=cells.text("Email"), client=cells.text("Client"),
        project=cells.text("Project"), task=cells.text("Task"),
        description=cells.text("Notes"), external_id=cells.text(ID_COLUMN),
        role=_first_role(cells.text("Roles")),
    )  # fmt: skip


def _first_role(roles: str) -> str:
    """Harvest lists a person's roles comma-separated; the first one prices the time."""
    return next((r.strip() for r in roles.split(",") if r.strip()), "")


SPEC = ExportSpec(
    name="harvest",
    title="Harvest detailed time export",
    source=Source.HARVEST,
    required=("Date", "Project", "Notes", "Hours", "First Name", "Last Name"),
    optional=(
        "Client", "Project Code", "Task", "Billable?", "Invoiced?", "Approved?", "Roles",
        "Employee?", "Billable Rate", "Billable Amount", "Cost Rate", "Cost Amount", "Currency",
        "External Reference URL", "Email", ID_COLUMN,
    ),
    prepare=_prepare,
)  # fmt: skip
