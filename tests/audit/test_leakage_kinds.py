"""One test per leakage kind and per opposite error, each against hand-computed values.

Rates: Acme partner 300/h, analyst 100/h; ACME-TRAIN flat 150/h; ACME-TRAVEL 50%; Globex
overage 200/h past 10 h a month. Without a QuickBooks file, "billed" is the export's Invoiced
column.
"""

from __future__ import annotations

from decimal import Decimal

from app.audit.kinds import Direction, LeakageKind
from app.audit.model import AuditResult, Certainty
from tests.audit.conftest import findings_of

D = Decimal


def test_billable_work_marked_non_billable_is_valued_at_the_sow_rate(result: AuditResult) -> None:
    # e02: "build data model" -> ACME-BUILD (billable), Ana (analyst, 100/h), 5 h,
    # Billable = No, Invoiced = No. Cap: 4 (e01) + 5 = 9 <= 10 h, so all of it is in the cap.
    # 5 h x 1 x 100 = 500.00. Only the rules stage gave the code (no memory, no approved
    # code read): likely, not proven, so at risk.
    f = findings_of(result, "e02")[LeakageKind.MARKED_NON_BILLABLE]
    assert (f.hours, f.value, f.certainty) == (D("5.00"), D("500.00"), Certainty.AT_RISK)
    assert (f.code, f.client, f.month, f.direction) == (
        "ACME-BUILD",
        "acme",
        "2026-01",
        Direction.LEAKAGE,
    )
    assert f.sow_clause == "SOW-ACME-1 §2.1 Build"
    assert "did not tick Billable" in f.reason
    assert set(findings_of(result, "e02")) == {LeakageKind.MARKED_NON_BILLABLE}


def test_billable_work_ticked_billable_but_never_invoiced(result: AuditResult) -> None:
    # e04: "training session for clinic staff" -> ACME-TRAIN at a flat 150/h, Pat, 2 h,
    # Billable = Yes, Invoiced = No: 2 h x 150 = 300.00 (the export's 300/h rate is irrelevant).
    f = findings_of(result, "e04")[LeakageKind.NOT_INVOICED]
    assert (f.hours, f.value, f.certainty) == (D("2.00"), D("300.00"), Certainty.CERTAIN)
    assert f.sow_clause == "SOW-ACME-1 §2.2 Training"


def test_rate_billed_below_the_sow_rate_card(result: AuditResult) -> None:
    # e05: "training materials" -> ACME-TRAIN flat 150/h; invoiced at the export's analyst
    # rate 100/h for 2 h: 2 x (150 - 100) = 100.00. The rate is the tracker's, not an
    # invoice's: at risk (test_invoices.py has it certain from the QuickBooks file).
    f = findings_of(result, "e05")[LeakageKind.RATE_BELOW_SOW]
    assert (f.hours, f.value, f.certainty) == (D("2.00"), D("100.00"), Certainty.AT_RISK)
    assert "billed 100.00/h, the SOW allows 150.00/h" in f.reason


def test_hours_over_a_monthly_cap_given_away_split_from_the_rest(result: AuditResult) -> None:
    # ACME-BUILD cap 10 h in January: e01 4 h (used 4), e02 5 h (9), e03 3 h (12): 2 h of
    # e03 are past the cap. e03 is Ana (100/h), unticked, not invoiced:
    #   past the cap: 2 h x 100 = 200.00 -> over_cap_given_away
    #   the rest:     1 h x 100 = 100.00 -> marked_non_billable
    found = findings_of(result, "e03")
    over, rest = found[LeakageKind.OVER_CAP_GIVEN_AWAY], found[LeakageKind.MARKED_NON_BILLABLE]
    assert (over.hours, over.value, over.certainty) == (D("2.00"), D("200.00"), Certainty.CERTAIN)
    assert (rest.hours, rest.value) == (D("1.00"), D("100.00"))
    assert "past the ACME-BUILD cap of 10.00 h" in over.reason


def test_retainer_hours_past_the_allowance_given_away(result: AuditResult) -> None:
    # Globex: e12 8 h (within the 10 h allowance: covered by the fee, no finding), e13 4 h,
    # unticked, not invoiced: 8 + 4 = 12 h, 2 h past the allowance and the 10 h cap, valued at
    # the overage rate: 2 x 200 = 400.00. The 2 h inside the allowance carry no money.
    found = findings_of(result, "e13")
    assert set(found) == {LeakageKind.OVER_CAP_GIVEN_AWAY}
    f = found[LeakageKind.OVER_CAP_GIVEN_AWAY]
    assert (f.hours, f.value, f.certainty) == (D("2.00"), D("400.00"), Certainty.CERTAIN)
    assert f.sow_clause == "SOW-GLX-1 §4 Retainer"
    assert findings_of(result, "e12") == {}


def test_out_of_scope_work_without_a_change_order(result: AuditResult) -> None:
    # e08: "procurement specs for charger" -> ACME-OOS (not billable, `review:` text), Pat,
    # 2.5 h, not billed. A change order would bill it at the card: 2.5 x 300 = 750.00, but
    # only once a change order is signed: it needs a decision, it is not certain lost money.
    f = findings_of(result, "e08")[LeakageKind.OUT_OF_SCOPE]
    assert (f.hours, f.value, f.certainty) == (D("2.50"), D("750.00"), Certainty.NEEDS_DECISION)
    assert f.sow_clause == "SOW-ACME-1 §3.7 Exclusions"


def test_vague_narrative_puts_the_amount_billed_at_risk(result: AuditResult) -> None:
    # e09: "emails", Ana, 1 h, invoiced 100.00. The code is only a low-confidence guess
    # (project fallback 0.6), but the value comes from the invoice: 100.00 at risk.
    found = findings_of(result, "e09")
    assert set(found) == {LeakageKind.VAGUE_NARRATIVE}
    f = found[LeakageKind.VAGUE_NARRATIVE]
    assert (f.hours, f.value, f.certainty) == (D("1.00"), D("100.00"), Certainty.AT_RISK)


def test_opposite_error_non_billable_work_billed(result: AuditResult) -> None:
    # e07: "warranty fix on dashboard" -> ACME-WARRANTY (not billable), ticked and invoiced
    # at 1.5 h x 100 = 150.00: the amount billed is the error.
    f = findings_of(result, "e07")[LeakageKind.NON_BILLABLE_BILLED]
    assert (f.hours, f.value, f.certainty) == (D("1.50"), D("150.00"), Certainty.CERTAIN)
    assert f.direction is Direction.OVERBILLED


def test_opposite_error_billed_above_the_sow_fraction(result: AuditResult) -> None:
    # e06: "drive to Acme plant" -> ACME-TRAVEL at 50%: the SOW allows 0.5 x 300 = 150/h;
    # the tracker's rate is 300/h for 2 h: 2 x (300 - 150) = 300.00 overbilled if the invoice
    # charged that rate; it may have applied the SOW's 50%: at risk without an invoice file.
    f = findings_of(result, "e06")[LeakageKind.BILLED_ABOVE_SOW]
    assert (f.hours, f.value, f.certainty) == (D("2.00"), D("300.00"), Certainty.AT_RISK)
    assert f.direction is Direction.OVERBILLED


def test_entries_sent_to_review_need_a_decision_and_are_never_certain(
    result: AuditResult,
) -> None:
    # e11: "stakeholder workshop": no rule but the project fallback (ACME-BUILD at 0.6 < 0.85):
    # low confidence. Unticked, not invoiced: 1 h x 300 (Pat) = 300.00, needing a decision.
    f = findings_of(result, "e11")[LeakageKind.MARKED_NON_BILLABLE]
    assert (f.value, f.certainty) == (D("300.00"), Certainty.NEEDS_DECISION)
    # e14: a client with no SOW: no code, so no SOW value and no finding, only "pending".
    assert findings_of(result, "e14") == {}
    assert (result.pending.no_code_entries, result.pending.no_code_hours) == (1, D("1.00"))
    # Pending: e11, e09 (low confidence) and e14 (unknown client): 3 entries, 3 h; proposed
    # value = e11 300 + e09 100 (1 h x 100) + e14 0 = 400.00; needs-decision findings:
    # e11 300.00 + e08's out-of-scope 750.00 = 1,050.00.
    p = result.pending
    assert (p.entries, p.hours, p.proposed_sow_amount) == (3, D("3.00"), D("400.00"))
    assert p.findings_value == D("1050.00")
    assert p.by_reason == {"low_confidence": 2, "unknown_client": 1, "no_match": 1}
    assert p.by_client == {"acme": 2, "unknown": 1}


def test_entries_without_a_gap_have_no_finding(result: AuditResult) -> None:
    # e01 billed 4 h at 300 = SOW; e10 internal, unbilled; e12 inside the retainer allowance.
    for entry in ("e01", "e10", "e12", "e14"):
        assert findings_of(result, entry) == {}, entry
    assert len(result.findings) == 11
