"""`timebill audit` as a user runs it on the fixture, and its answers to bad input (exit 2)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.cli.console import console
from tests.audit.conftest import EXPORT, QBO, RULES, run_audit


def _audit(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["audit", *args])
    return result.exit_code, result.output


def test_audit_command_writes_outputs_and_prints_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "audit"
    code, output = _audit(
        str(EXPORT), "--rules", str(RULES), "--invoices", str(QBO), "--out", str(out),
        "--manual-minutes", "6", "--review-minutes", "3", "--setup-hours", "0.5", "--top", "3",
    )  # fmt: skip
    assert code == 0, output
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert data["invoices"]["file"] == "qbo_time.csv"
    # as in test_invoices.py (410.00), plus what the Approved Code column proves: e02 approved
    # ACME-BUILD, unbilled (500.00); e07 approved ACME-BUILD, NotBillable in the file (150.00)
    assert data["overall"]["leakage_certain"] == "1060.00"
    assert data["approved"]["entries"] == 2
    assert data["before_after"]["manual_hours"] == "1.40"  # 14 x 6 min
    # flagged with the file: in review (e03 e08 e09 e11 e13 e14) or with a finding (e01 e02
    # e05 e07) = 10: 10 x 3 min = 0.5 h + 0.5 h setup
    assert data["before_after"]["timebill_hours"] == "1.00"
    assert len(data["top_entries"]) == 3
    assert data["claude_used"] is False
    for name in ("leakage_by_client_month.csv", "findings.csv", "totals_by_code.csv"):
        assert (out / name).stat().st_size > 0, name
    assert "What leaked, and what was overbilled" in output
    assert "1,060.00" in output  # certain leakage
    assert "comes from the invoice file" in " ".join(output.split())
    assert "Top entries by money at stake" in output
    assert "QuickBooks file qbo_time.csv" in " ".join(output.split())  # wrapped or not


def test_the_top_entries_show_descriptions_as_written_not_as_markup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An export's text is never Rich markup: "[/]" in a description crashed the summary
    # (MarkupError) after the outputs were written.
    monkeypatch.setattr(console, "_width", 200)
    with EXPORT.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    for row in rows:
        row["Description"] = "[/] " + row["Description"]
    marked = tmp_path / "clockify.csv"
    with marked.open("w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    code, output = _audit(str(marked), "--rules", str(RULES), "--invoices", str(QBO),
                          "--out", str(tmp_path / "audit"))  # fmt: skip
    assert code == 0, output
    assert "[/] " in output


def test_an_entry_in_two_exports_counts_once() -> None:
    result = run_audit(exports=(EXPORT, EXPORT))
    assert result.overall.entries == 14
    assert [(s.entries, s.duplicates_skipped) for s in result.sources] == [(14, 0), (0, 14)]
    assert result.overall.leakage_certain == run_audit().overall.leakage_certain


def test_unknown_export_format_exits_2_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "ledger.csv"
    bad.write_text("When,What,How long\n2026-10-01,stuff,1\n", encoding="utf-8")
    code, output = _audit(str(bad), "--rules", str(RULES), "--out", str(tmp_path / "o"))
    assert code == 2
    assert "ledger.csv: unknown export format" in output
    assert not (tmp_path / "o").exists()


def test_missing_export_exits_2(tmp_path: Path) -> None:
    code, output = _audit(str(tmp_path / "nope.csv"), "--rules", str(RULES), "--out", str(tmp_path))
    assert code == 2
    assert "nope.csv" in output
    assert "no such file" in output


def test_bad_invoice_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "invoices.csv"
    bad.write_text("Date,Client,Total\n2026-01-05,Acme,100\n", encoding="utf-8")
    code, output = _audit(
        str(EXPORT), "--rules", str(RULES), "--invoices", str(bad), "--out", str(tmp_path / "o")
    )
    assert code == 2
    assert "invoices.csv: not a QuickBooks time or invoice-lines CSV" in output


def test_broken_rules_exit_2(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "_firm.yaml").write_text("schema_version: 1\nfirm: {}\n", encoding="utf-8")
    code, output = _audit(str(EXPORT), "--rules", str(rules), "--out", str(tmp_path / "o"))
    assert code == 2
    assert "_firm.yaml" in output


def test_history_feeds_the_memory_stage(tmp_path: Path) -> None:
    # An approved history where "stakeholder workshop" was ACME-BUILD twice (memory trusts a
    # habit: 2 / 2.25 = 0.89 >= 0.85, one sighting would be 0.8): memory now decides e11 (no
    # rule but the 0.6 project fallback matches it), so its 300.00 finding becomes certain.
    history = tmp_path / "history.csv"
    lines = EXPORT.read_text(encoding="utf-8").splitlines()
    workshop = next(line for line in lines if "stakeholder workshop" in line)
    history.write_text(
        f"{lines[0]},Approved Code\n"
        f"{workshop.replace('e11,', 'h1,', 1)},ACME-BUILD\n"
        f"{workshop.replace('e11,', 'h2,', 1)},ACME-BUILD\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, output = _audit(
        str(EXPORT), "--rules", str(RULES), "--history", str(history), "--out", str(out)
    )
    assert code == 0, output
    assert "Memory: learned 2 approved entries" in output
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    stages = {s["stage"]: s["entries"] for s in data["stages"]}
    assert stages["memory"] == 1
    e11 = [f for f in data["findings"] if f["entry_key"] == "clockify:e11"]
    assert [(f["kind"], f["value"], f["certainty"], f["stage"]) for f in e11] == [
        ("marked_non_billable", "300.00", "certain", "memory")
    ]
