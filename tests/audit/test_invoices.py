"""The invoice comparison: a QuickBooks file instead of the export's Invoiced column.

tests/data/audit/qbo_time.csv (TimeActivity-style rows, BillableStatus):

- e01 invoiced 3.5 of its 4 h at 300            -> not_invoiced 0.5 h x 300 = 150.00
- e04 invoiced 2 h at 150 (the export said No)    -> nothing: the file wins
- e05 linked by Entry ID, invoiced 2 h at 120     -> rate_below_sow 2 x (150 - 120) = 60.00
- e06 travel invoiced at 150/h = 50% of 300       -> nothing (the export had 300/h)
- e07 warranty: NotBillable                       -> matched, not invoiced: nothing
- e12 Globex retainer work, customer "Globex:Retainer" -> fee work
- a Globex "Retainer fee" line (no entry)         -> unmatched: Globex January's unbilled
  findings (e13 over the cap) now need a decision
- e09 "emails" invoiced 1 h at 100                -> vague_narrative at risk 100.00
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.audit.invoices import InvoiceFormatError, read_invoices
from app.audit.kinds import LeakageKind
from app.audit.model import AuditResult, Certainty
from app.rules.loader import load_rulebook
from tests.audit.conftest import RULES, findings_of, run_audit

D = Decimal


def test_partly_invoiced_entry_leaks_the_missing_hours(with_invoices: AuditResult) -> None:
    # e01: 4 h logged, 3.5 h invoiced at 300: 0.5 x 300 = 150.00
    found = findings_of(with_invoices, "e01")
    assert set(found) == {LeakageKind.NOT_INVOICED}
    f = found[LeakageKind.NOT_INVOICED]
    assert (f.hours, f.value, f.certainty) == (D("0.50"), D("150.00"), Certainty.CERTAIN)
    assert "3.50 of 4.00 h invoiced" in f.reason


def test_the_file_decides_what_was_invoiced_not_the_export(with_invoices: AuditResult) -> None:
    assert findings_of(with_invoices, "e04") == {}  # the export said not invoiced
    assert findings_of(with_invoices, "e06") == {}  # invoiced at 150/h: the 50% was applied
    assert findings_of(with_invoices, "e07") == {}  # NotBillable: not invoiced, not billable
    f = findings_of(with_invoices, "e05")[LeakageKind.RATE_BELOW_SOW]
    assert (f.hours, f.value) == (D("2.00"), D("60.00"))  # 2 x (150 - 120)


def test_unmatched_invoice_lines_make_unbilled_findings_of_their_month_need_a_decision(
    with_invoices: AuditResult,
) -> None:
    # e13 is still 2 h past the Globex allowance, 400.00, but a "Retainer fee" line no entry
    # matched sits in Globex January: it may cover the overage, so a person decides.
    f = findings_of(with_invoices, "e13")[LeakageKind.OVER_CAP_GIVEN_AWAY]
    assert (f.value, f.certainty) == (D("400.00"), Certainty.NEEDS_DECISION)
    # Acme January has no unmatched line: its unbilled findings stay certain.
    assert findings_of(with_invoices, "e03")[LeakageKind.OVER_CAP_GIVEN_AWAY].certainty is (
        Certainty.CERTAIN
    )


def test_invoice_summary_and_totals(with_invoices: AuditResult) -> None:
    inv = with_invoices.invoices
    assert (inv.source.value, inv.file, inv.lines) == ("quickbooks_file", "qbo_time.csv", 8)
    # matched: e01 e04 e05 e06 e07 e12 e09 = 7; unmatched: the retainer fee line
    assert (inv.matched_lines, inv.unmatched_lines, inv.unmatched_amount) == (7, 1, D("2000.00"))
    assert inv.invoiced_entries == 6  # e07 is NotBillable
    o = with_invoices.overall
    # 3.5 + 2 + 2 + 2 + 8 (e12) + 1 (e09) + 1 (the fee line's Qty) = 19.5 h
    assert o.invoiced_hours == D("19.50")
    # hourly work 1050 + 300 + 240 + 300 + 100 = 1990, plus the unmatched fee line 2000
    assert (o.invoiced_amount, o.invoiced_unmatched_amount) == (D("3990.00"), D("2000.00"))
    assert o.invoiced_fee_work_amount == D("2000.00")  # e12: 8 h inside the allowance
    # certain: e01 150 + e03 200 (past the cap) + e05 60 = 410
    # at risk (marked non-billable by the rules alone): e02 500 + e03 100, and e09 100 = 700
    # needs a decision: e08 750 (out of scope) + e11 300 + e13 400 = 1450; nothing overbilled
    assert (o.leakage_certain, o.leakage_at_risk, o.leakage_needs_decision) == (
        D("410.00"),
        D("700.00"),
        D("1450.00"),
    )
    assert (o.overbilled_certain, o.overbilled_needs_decision) == (D("0.00"), D("0.00"))
    globex = next(r for r in with_invoices.by_client_month if r.client == "globex")
    assert (globex.invoiced_amount, globex.invoiced_unmatched_amount) == (
        D("2000.00"),
        D("2000.00"),
    )


def _write(tmp_path: Path, text: str, name: str = "lines.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8-sig"))
    return path


def test_invoice_lines_with_aliases_decimal_commas_and_day_first_dates(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "Service Date;Customer:Job;Name;Product/Service;Memo/Description;Qty;Minutes;"
        "Sales Price;Num\n"
        "13/01/2026;Acme Corp:Build;Pat Partner;ACME-BUILD;configure build;1;30;300,00;1001\n"
        "14/01/2026;Kestrel Internal;;Admin;;2;0;10,50;1002\n",
    )
    read = read_invoices(path, load_rulebook(RULES))
    assert read.problems == []
    first, second = read.lines
    assert (str(first.day), first.client, first.employee, first.item, first.doc) == (
        "2026-01-13",
        "acme",
        "Pat Partner",
        "ACME-BUILD",
        "1001",
    )
    # 1 h + 30 min = 1.5 h at 300,00 = 450.00; no BillableStatus column: invoiced
    assert (first.hours, first.rate, first.amount, first.invoiced) == (
        D("1.5"),
        D("300.00"),
        D("450.00"),
        True,
    )
    assert (second.client, second.amount) == ("unknown", D("21.00"))  # 2 x 10,50


def test_bad_invoice_rows_are_reported_and_skipped(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "TxnDate,Customer,Hours,Amount,BillableStatus\n"
        "2026-01-05,Acme Corp,1,100,HasBeenBilled\n"
        "2026-01-06,Acme Corp,1,100,Maybe\n"
        "2026-01-07,,1,100,Billable\n"
        "2026-02-30,Acme Corp,1,100,Billable\n"
        "2026-01-08,Acme Corp,lots,100,Billable\n",
    )
    read = read_invoices(path, load_rulebook(RULES))
    assert [line.row for line in read.lines] == [2]
    assert [str(p) for p in read.problems] == [
        "lines.csv: row 3, column 'BillableStatus': 'Maybe' is not HasBeenBilled, Billable or "
        "NotBillable",
        "lines.csv: row 4, column 'Customer': value is missing",
        "lines.csv: row 5, column 'TxnDate': '2026-02-30' is not a valid date (read as YYYY-MM-DD)",
        "lines.csv: row 6, column 'Hours': 'lots' is not a number",
    ]


def test_a_file_that_is_not_quickbooks_names_the_missing_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, "Date,Client,Total\n2026-01-05,Acme,100\n")
    with pytest.raises(InvoiceFormatError) as caught:
        read_invoices(path, load_rulebook(RULES))
    assert str(caught.value) == (
        "lines.csv: not a QuickBooks time or invoice-lines CSV: no column Customer, Hours or Qty, "
        "Rate or Amount"
    )
    with pytest.raises(InvoiceFormatError, match="no such file"):
        read_invoices(tmp_path / "missing.csv", load_rulebook(RULES))


def test_hours_left_off_an_invoice_count_past_the_cap_first(tmp_path: Path) -> None:
    # e03: 3 h of ACME-BUILD (Ana, 100/h), 2 of them past the 10 h January cap. Invoiced 0.5 h:
    # 2.5 h missing = 2 h past the cap (200.00) + 0.5 h not invoiced (50.00).
    path = _write(
        tmp_path,
        "TxnDate,Customer,Employee,Description,Hours,HourlyRate,BillableStatus\n"
        "2026-01-07,Acme Corp,Ana Analyst,build reports,0.5,100,HasBeenBilled\n",
    )
    found = findings_of(run_audit(invoices=path), "e03")
    assert {k: (f.hours, f.value) for k, f in found.items()} == {
        LeakageKind.OVER_CAP_GIVEN_AWAY: (D("2.00"), D("200.00")),
        LeakageKind.NOT_INVOICED: (D("0.50"), D("50.00")),
    }
    assert "0.50 of 3.00 h invoiced" in found[LeakageKind.NOT_INVOICED].reason
