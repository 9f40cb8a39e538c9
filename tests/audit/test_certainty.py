"""Certainty is earned: approved codes outrank the replay, billing needs invoice data.

The fixture's ``Approved Code`` column approves e02 as ACME-BUILD (the rules agree) and e07 as
ACME-BUILD (the rules say ACME-WARRANTY, not billable). Ana (analyst) bills 100/h at Acme.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from app.audit import AuditOptions, audit, load_exports
from app.audit.kinds import Direction, LeakageKind
from app.audit.model import AuditResult, Certainty, InvoiceSource
from app.audit.outputs import write_outputs
from app.audit.report_html import render_report
from app.classify.memory import Memory
from app.config import Settings
from app.factory import build_cascade
from app.rules.loader import load_rulebook
from tests.audit.conftest import EXPORT, RULES, findings_of, run_audit

D = Decimal


def test_an_approved_code_makes_marked_non_billable_certain(
    labelled: AuditResult, result: AuditResult
) -> None:
    # e02: unticked, Invoiced = No, 5 h x 100 = 500.00. The rules alone: at risk; approved
    # as ACME-BUILD: certain.
    assert findings_of(result, "e02")[LeakageKind.MARKED_NON_BILLABLE].certainty is (
        Certainty.AT_RISK
    )
    f = findings_of(labelled, "e02")[LeakageKind.MARKED_NON_BILLABLE]
    assert (f.value, f.certainty, f.stage) == (D("500.00"), Certainty.CERTAIN, "approved")


def test_the_approved_code_outranks_the_replay_and_the_difference_needs_a_decision(
    labelled: AuditResult,
) -> None:
    # e07: the rules say ACME-WARRANTY (not billable), so unlabelled it is "non-billable work
    # billed" 150.00 certain. Approved as ACME-BUILD it was billable work invoiced at the SOW
    # rate (1.5 h x 100): no overbilling; the rules' answer is a finding of its own worth
    # 150.00 - 0.00, overbilling if the rules are right, needing a decision.
    found = findings_of(labelled, "e07")
    assert set(found) == {LeakageKind.APPROVED_CODE_DIFFERS}
    f = found[LeakageKind.APPROVED_CODE_DIFFERS]
    assert (f.code, f.value, f.hours) == ("ACME-BUILD", D("150.00"), D("1.50"))
    assert (f.certainty, f.direction) == (Certainty.NEEDS_DECISION, Direction.OVERBILLED)
    assert "the SOW rules say ACME-WARRANTY" in f.reason
    a = labelled.approved
    assert (a.column, a.entries, a.differing, a.differing_in_money) == ("Approved Code", 2, 1, 1)
    assert any("2 entries carry an approved code" in n for n in labelled.evidence)


def test_history_labels_by_entry_key_count_as_approved() -> None:
    settings = Settings(rules_dir=RULES, llm_provider="none")
    cascade = build_cascade(settings, load_rulebook(RULES), Memory())
    loaded = load_exports([EXPORT])
    found = audit(cascade, loaded, labels={"clockify:e07": "ACME-BUILD", "clockify:e01": "NOPE"})
    assert found.approved.entries == 1
    assert found.approved.unknown_codes == 1
    assert "clockify:e01: approved code 'NOPE' is in no rules file" in found.problems
    assert found.overall.by_kind[LeakageKind.APPROVED_CODE_DIFFERS] == D("150.00")


def test_every_local_stage_agreeing_makes_marked_non_billable_certain() -> None:
    # e03 "build reports": the rules say ACME-BUILD; memory learned the same phrase as
    # ACME-BUILD: two stages agree, so its 1 h x 100 marked non-billable is certain.
    settings = Settings(rules_dir=RULES, llm_provider="none")
    book = load_rulebook(RULES)
    memory = Memory()
    memory.learn("acme", "build reports", "ACME-BUILD")
    found = audit(build_cascade(settings, book, memory), load_exports([EXPORT]))
    assert findings_of(found, "e03")[LeakageKind.MARKED_NON_BILLABLE].certainty is (
        Certainty.CERTAIN
    )
    # e02 "build data model": memory knows nothing near it, only the rules answer.
    assert findings_of(found, "e02")[LeakageKind.MARKED_NON_BILLABLE].certainty is (
        Certainty.AT_RISK
    )


@pytest.fixture(scope="module")
def no_invoice_data(tmp_path_factory: pytest.TempPathFactory) -> AuditResult:
    """The fixture export without its Invoiced and Invoice ID columns."""
    with EXPORT.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    path = tmp_path_factory.mktemp("ticks") / "clockify.csv"
    header = [c for c in rows[0] if c not in ("Invoiced", "Invoice ID")]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return run_audit(exports=(path,), label_column="Approved Code")


def test_without_invoice_data_nothing_billed_is_certain(no_invoice_data: AuditResult) -> None:
    r = no_invoice_data
    assert r.invoices.source is InvoiceSource.NONE
    assert r.findings
    assert all(f.certainty is not Certainty.CERTAIN for f in r.findings)
    assert (r.overall.leakage_certain, r.overall.overbilled_certain) == (D(0), D(0))
    # e06: travel ticked at 300/h where the SOW bills 50%: the invoice may have applied the
    # fraction, so 300.00 at risk; e02, approved but not proven unbilled: at risk.
    assert findings_of(r, "e06")[LeakageKind.BILLED_ABOVE_SOW].certainty is Certainty.AT_RISK
    assert findings_of(r, "e02")[LeakageKind.MARKED_NON_BILLABLE].certainty is Certainty.AT_RISK
    assert "No invoice data" in r.evidence[0]


def test_the_headline_says_what_was_assumed(no_invoice_data: AuditResult, tmp_path: Path) -> None:
    html = render_report(no_invoice_data)
    headline = html.split('id="headline"')[1].split("</section>")[0]
    assert "Billable tick is assumed to be what was invoiced" in headline
    assert "change order is signed" in headline
    write_outputs(no_invoice_data, tmp_path)
    data = json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))
    assert data["evidence"] == no_invoice_data.evidence
    assert data["approved"]["entries"] == 2


def test_options_default_reads_no_label_column(result: AuditResult) -> None:
    assert AuditOptions().label_column is None
    assert result.approved.entries == 0
    assert findings_of(result, "e07")[LeakageKind.NON_BILLABLE_BILLED].certainty is (
        Certainty.CERTAIN
    )
