"""What was logged and billed, read from each vendor's own columns (tests/data/exports)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.audit.billing import BilledBasis, ExportBilling, from_export
from app.sources.exports import read_export

EXPORTS = Path(__file__).resolve().parents[1] / "data" / "exports"
D = Decimal


def _views(name: str) -> list[tuple[object, ...]]:
    source = read_export(EXPORTS / name)
    billing = ExportBilling(source)
    views = []
    for row in source.rows:
        if row.entry is None:
            continue
        logged = billing.logged(row, row.entry)
        billed = from_export(row.entry, logged, billing.invoiced(row))
        views.append((logged.flag, logged.rate, logged.amount, billed.basis, billed.billed))
    assert billing.problems == []
    return views


def test_harvest_decimal_commas_and_invoiced_column() -> None:
    # "100,0" / "2.000,0" are 100.0 / 2000.0; Invoiced? = No on every row
    assert _views("harvest_detailed_eur.csv") == [
        (False, D("100.0"), D("2000.0"), BilledBasis.EXPORT_INVOICED, False),
        (True, D("100.0"), D("1.0"), BilledBasis.EXPORT_INVOICED, False),
        (True, D("120.0"), D("930.0"), BilledBasis.EXPORT_INVOICED, False),
    ]


def test_clockify_as_excel_saves_it_in_a_german_locale() -> None:
    views = _views("clockify_excel_de.csv")
    assert views[0] == (True, D("1250.00"), D("2812.50"), BilledBasis.EXPORT_INVOICED, False)
    assert views[1] == (False, D("1250.00"), D("0.00"), BilledBasis.EXPORT_INVOICED, False)


def test_toggl_has_an_amount_but_no_invoiced_column_so_the_tick_stands_in() -> None:
    views = _views("toggl_detailed.csv")
    assert views[0] == (True, None, D("111.11"), BilledBasis.LOGGED_FLAG, True)
    assert views[1] == (False, None, D("0.00"), BilledBasis.LOGGED_FLAG, False)
