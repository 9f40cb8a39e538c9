"""audit.json and the three CSVs: their columns, and values read back equal to the model's."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from app.audit.model import AuditResult
from app.audit.outputs import (
    CLIENT_MONTH_COLUMNS,
    CODE_COLUMNS,
    FINDING_COLUMNS,
    write_outputs,
)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return next(csv.reader(handle))


def test_writes_the_four_files(result: AuditResult, tmp_path: Path) -> None:
    paths = write_outputs(result, tmp_path / "out")
    assert [p.name for p in paths] == [
        "audit.json",
        "leakage_by_client_month.csv",
        "findings.csv",
        "totals_by_code.csv",
    ]


def test_findings_csv_has_one_row_per_finding(result: AuditResult, tmp_path: Path) -> None:
    write_outputs(result, tmp_path)
    path = tmp_path / "findings.csv"
    assert _header(path) == list(FINDING_COLUMNS)
    assert FINDING_COLUMNS[:3] == ("entry_key", "client", "month")
    rows = _rows(path)
    assert len(rows) == 11
    e03 = [r for r in rows if r["entry_key"] == "clockify:e03"]
    assert [(r["kind"], r["hours"], r["value"], r["certainty"]) for r in e03] == [
        ("marked_non_billable", "1.00", "100.00", "at_risk"),  # the rules alone gave the code
        ("over_cap_given_away", "2.00", "200.00", "certain"),
    ]
    assert e03[1]["sow_clause"] == "SOW-ACME-1 §2.1 Build"
    assert e03[1]["reason"].startswith("past the ACME-BUILD cap of 10.00 h, not billed")
    assert (e03[0]["client"], e03[0]["month"], e03[0]["code"]) == ("acme", "2026-01", "ACME-BUILD")
    assert sum(Decimal(r["value"]) for r in rows) == Decimal("3200.00")  # 2350+100+300+450


def test_leakage_by_client_month_csv(result: AuditResult, tmp_path: Path) -> None:
    write_outputs(result, tmp_path)
    path = tmp_path / "leakage_by_client_month.csv"
    assert _header(path) == list(CLIENT_MONTH_COLUMNS)
    assert CLIENT_MONTH_COLUMNS[-9:] == (
        "marked_non_billable",
        "not_invoiced",
        "rate_below_sow",
        "over_cap_given_away",
        "out_of_scope_no_change_order",
        "vague_narrative",
        "approved_code_differs",
        "non_billable_billed",
        "billed_above_sow",
    )
    rows = {(r["client"], r["month"]): r for r in _rows(path)}
    assert list(rows) == [
        ("acme", "2026-01"),
        ("acme", "2026-02"),
        ("globex", "2026-01"),
        ("internal", "2026-01"),
        ("unknown", "2026-02"),
    ]
    jan = rows[("acme", "2026-01")]
    picked = (
        "entries",
        "hours",
        "sow_amount",
        "invoiced_amount",
        "leakage_certain",
        "overbilled_certain",
    )
    assert [jan[c] for c in picked] == ["8", "22.00", "2900.00", "2150.00", "500.00", "150.00"]
    assert [jan[k] for k in CLIENT_MONTH_COLUMNS[-9:]] == [
        "600.00",  # e02 500 + e03 100
        "300.00",
        "100.00",
        "200.00",
        "750.00",
        "0.00",
        "0.00",  # no approved code read
        "150.00",
        "300.00",
    ]
    feb = rows[("acme", "2026-02")]
    assert (feb["leakage_at_risk"], feb["leakage_needs_decision"]) == ("100.00", "300.00")


def test_totals_by_code_csv(result: AuditResult, tmp_path: Path) -> None:
    write_outputs(result, tmp_path)
    path = tmp_path / "totals_by_code.csv"
    assert _header(path) == list(CODE_COLUMNS)
    rows = {(r["client"], r["code"]): r for r in _rows(path)}
    travel = rows[("acme", "ACME-TRAVEL")]
    assert (travel["name"], travel["clause"], travel["billable"]) == (
        "Travel time (50%)",
        "SOW-ACME-1 §7 Travel",
        "true",
    )
    # 2 h x 0.5 x 300 = 300 by the SOW; invoiced 600; 300 overbilled
    assert (travel["sow_amount"], travel["invoiced_amount"], travel["billed_above_sow"]) == (
        "300.00",
        "600.00",
        "300.00",
    )
    assert rows[("unknown", "(no code)")]["billable"] == ""


def test_audit_json_is_the_whole_model(result: AuditResult, tmp_path: Path) -> None:
    write_outputs(result, tmp_path)
    data = json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))
    assert AuditResult.model_validate_json((tmp_path / "audit.json").read_text()) == result
    # money as exact strings; certain: e03 200 past the cap + e04 300 + e13 400 past the cap
    assert data["overall"]["leakage_certain"] == "900.00"
    assert data["evidence"][0].startswith("Invoiced or not comes from the export's")
    assert data["overall"]["by_kind"]["out_of_scope_no_change_order"] == "750.00"
    assert data["invoices"]["source"] == "export_columns"
    assert [k["kind"] for k in data["kinds"]][:2] == ["marked_non_billable", "not_invoiced"]
    assert data["kinds"][0]["info"]["label"] == "Billable work marked non-billable"
    assert data["before_after"]["assumptions"]["manual_minutes_per_entry"] == 6
    assert data["top_entries"][0]["entry_key"] == "clockify:e08"
    assert len(data["findings"]) == 11
    assert set(data) >= {
        "by_client_month",
        "by_client",
        "by_month",
        "by_code",
        "stages",
        "confidence",
        "caps",
        "pending",
    }
