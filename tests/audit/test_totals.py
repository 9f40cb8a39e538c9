"""Totals per client, month and code, kinds, who decided, caps, top entries, before/after.

Every figure is computed by hand from tests/data/audit/clockify.csv (see conftest.py). Billed
is the export's Invoiced column here; test_invoices.py covers the QuickBooks file.
"""

from __future__ import annotations

from decimal import Decimal

from app.audit.kinds import LeakageKind
from app.audit.model import AuditResult, Certainty, Figures

D = Decimal


def _money(figures: Figures) -> dict[str, object]:
    return figures.model_dump(
        exclude={"by_kind", "client", "month", "code", "name", "clause", "billable"}
    )


def test_acme_january_in_the_three_views(result: AuditResult) -> None:
    row = next(r for r in result.by_client_month if (r.client, r.month) == ("acme", "2026-01"))
    assert _money(row) == {
        "entries": 8,  # e01-e08
        "hours": D("22.00"),  # 4 + 5 + 3 + 2 + 2 + 2 + 1.5 + 2.5
        "logged_billable_hours": D("11.50"),  # ticked: e01 4, e04 2, e05 2, e06 2, e07 1.5
        "logged_amount": D("2750.00"),  # 1200 + 600 + 200 + 600 + 150
        "sow_billable_hours": D("18.00"),  # BUILD 4 + 5 + 3, TRAIN 2 + 2, TRAVEL 2
        "sow_hourly_hours": D("18.00"),
        "fee_hours": D("0.00"),
        "non_billable_hours": D("4.00"),  # WARRANTY 1.5, OOS 2.5
        "undecided_hours": D("0.00"),
        # 4x300 + 5x100 + 3x100 + 2x150 + 2x150 + 2x0.5x300 = 1200+500+300+300+300+300
        "sow_amount": D("2900.00"),
        "invoiced_hours": D("9.50"),  # Invoiced = Yes: e01 4, e05 2, e06 2, e07 1.5
        "invoiced_amount": D("2150.00"),  # 1200 + 200 + 600 + 150
        "invoiced_unmatched_amount": D("0.00"),
        "invoiced_fee_work_amount": D("0.00"),
        # certain: e03 200 past the cap + e04 300 (ticked, Invoiced = No)
        "leakage_certain": D("500.00"),
        # at risk: e02 500 + e03 100 (code by the rules alone), e05 100 (the tracker's rate)
        "leakage_at_risk": D("700.00"),
        "leakage_needs_decision": D("750.00"),  # e08 out of scope: only under a change order
        "overbilled_certain": D("150.00"),  # e07 invoiced
        "overbilled_at_risk": D("300.00"),  # e06 at the tracker's rate
        "overbilled_needs_decision": D("0.00"),
        "findings": 8,
    }
    assert row.by_kind == {
        LeakageKind.MARKED_NON_BILLABLE: D("600.00"),  # e02 500 + e03 100
        LeakageKind.NOT_INVOICED: D("300.00"),
        LeakageKind.RATE_BELOW_SOW: D("100.00"),
        LeakageKind.OVER_CAP_GIVEN_AWAY: D("200.00"),
        LeakageKind.OUT_OF_SCOPE: D("750.00"),
        LeakageKind.NON_BILLABLE_BILLED: D("150.00"),
        LeakageKind.BILLED_ABOVE_SOW: D("300.00"),
    }


def test_every_client_month(result: AuditResult) -> None:
    got = {
        (r.client, r.month): (
            r.entries,
            r.hours,
            r.sow_amount,
            r.invoiced_amount,
            r.leakage_certain,
        )
        for r in result.by_client_month
    }
    assert got == {
        ("acme", "2026-01"): (8, D("22.00"), D("2900.00"), D("2150.00"), D("500.00")),
        # e11 1 h x 300 + e09 1 h x 100 (proposed ACME-BUILD); invoiced e09 100
        ("acme", "2026-02"): (2, D("2.00"), D("400.00"), D("100.00"), D("0.00")),
        # e12 8 h + e13 4 h; 2 h past the allowance x 200 = 400; e12's 2000 is fee work
        ("globex", "2026-01"): (2, D("12.00"), D("400.00"), D("0.00"), D("400.00")),
        ("internal", "2026-01"): (1, D("0.50"), D("0.00"), D("0.00"), D("0.00")),
        ("unknown", "2026-02"): (1, D("1.00"), D("0.00"), D("100.00"), D("0.00")),
    }
    globex = next(r for r in result.by_client if r.client == "globex")
    # The billable mix: 12 h billable, of which 10 h covered by the fee and 2 h hourly.
    assert (globex.sow_billable_hours, globex.fee_hours, globex.sow_hourly_hours) == (
        D("12.00"),
        D("10.00"),
        D("2.00"),
    )
    assert globex.invoiced_fee_work_amount == D("2000.00")  # e12 8 h x 250, all fee work


def test_per_client_and_per_month_add_up_to_the_whole(result: AuditResult) -> None:
    o = result.overall
    assert (o.entries, o.hours, o.sow_amount, o.findings) == (14, D("37.50"), D("3700.00"), 11)
    # 500 (acme Jan) + 400 (globex Jan) = 900; at risk 700 (acme Jan) + e09 100; needs a
    # decision e08 750 + e11 300
    assert (o.leakage_certain, o.leakage_at_risk, o.leakage_needs_decision) == (
        D("900.00"),
        D("800.00"),
        D("1050.00"),
    )
    assert (o.overbilled_certain, o.overbilled_at_risk) == (D("150.00"), D("300.00"))
    assert o.overbilled_needs_decision == D("0.00")
    months = {r.month: r.leakage_certain for r in result.by_month}
    assert months == {"2026-01": D("900.00"), "2026-02": D("0.00")}
    assert sum(r.sow_amount for r in result.by_client) == o.sow_amount
    assert sum(r.hours for r in result.by_client_month) == o.hours


def test_totals_per_code(result: AuditResult) -> None:
    got = {
        (r.client, r.code): (r.entries, r.hours, r.sow_amount, r.billable) for r in result.by_code
    }
    assert got == {
        # e01 4 h x 300 + e02 5 x 100 + e03 3 x 100 + e11 1 x 300 + e09 1 x 100 = 2400
        ("acme", "ACME-BUILD"): (5, D("14.00"), D("2400.00"), True),
        ("acme", "ACME-OOS"): (1, D("2.50"), D("0.00"), False),
        ("acme", "ACME-TRAIN"): (2, D("4.00"), D("600.00"), True),
        ("acme", "ACME-TRAVEL"): (1, D("2.00"), D("300.00"), True),
        ("acme", "ACME-WARRANTY"): (1, D("1.50"), D("0.00"), False),
        ("globex", "GLX-RETAINER"): (2, D("12.00"), D("400.00"), True),
        ("internal", "INT-ADMIN"): (1, D("0.50"), D("0.00"), False),
        ("unknown", "(no code)"): (1, D("1.00"), D("0.00"), None),
    }
    build = next(r for r in result.by_code if r.code == "ACME-BUILD")
    assert build.name == "Build"
    assert build.clause == "SOW-ACME-1 §2.1 Build"


def test_kind_totals_split_by_certainty(result: AuditResult) -> None:
    got = {
        k.kind: (k.findings, k.value, k.certain, k.at_risk, k.needs_decision) for k in result.kinds
    }
    assert got == {
        # e02 500 + e03 100 at risk (the rules alone); e11 300 needs a decision
        LeakageKind.MARKED_NON_BILLABLE: (3, D("900.00"), D("0.00"), D("600.00"), D("300.00")),
        LeakageKind.NOT_INVOICED: (1, D("300.00"), D("300.00"), D("0.00"), D("0.00")),
        LeakageKind.RATE_BELOW_SOW: (1, D("100.00"), D("0.00"), D("100.00"), D("0.00")),
        LeakageKind.OVER_CAP_GIVEN_AWAY: (2, D("600.00"), D("600.00"), D("0.00"), D("0.00")),
        LeakageKind.OUT_OF_SCOPE: (1, D("750.00"), D("0.00"), D("0.00"), D("750.00")),
        LeakageKind.VAGUE_NARRATIVE: (1, D("100.00"), D("0.00"), D("100.00"), D("0.00")),
        LeakageKind.APPROVED_CODE_DIFFERS: (0, D("0.00"), D("0.00"), D("0.00"), D("0.00")),
        LeakageKind.NON_BILLABLE_BILLED: (1, D("150.00"), D("150.00"), D("0.00"), D("0.00")),
        LeakageKind.BILLED_ABOVE_SOW: (1, D("300.00"), D("0.00"), D("300.00"), D("0.00")),
    }


def test_who_decided_and_confidence(result: AuditResult) -> None:
    # Auto-approved by rules: e01 e02 e04 e05 e06 e07 e10 e12 (8). Sent to review: e03 and
    # e13 (over cap), e08 (out of scope), e11 and e09 (low confidence), e14 (no SOW) = 6.
    stages = {s.stage: (s.entries, s.hours) for s in result.stages}
    assert stages == {
        "rules": (8, D("25.00")),  # 4 + 5 + 2 + 2 + 2 + 1.5 + 0.5 + 8
        "memory": (0, D("0.00")),
        "claude": (0, D("0.00")),
        "review": (6, D("12.50")),  # 3 + 2.5 + 4 + 1 + 1 + 1
    }
    assert [s.share for s in result.stages] == [8 / 14, 0.0, 0.0, 6 / 14]
    assert result.entries_code_certain == 11  # all but e09, e11, e14
    bands = {(b.low, b.high): (b.auto_approved, b.needs_review) for b in result.confidence}
    assert bands == {
        (0.0, 0.5): (0, 1),  # e14: no code, confidence 0
        (0.5, 0.7): (0, 2),  # e09, e11 at 0.6
        (0.7, 0.85): (0, 0),
        (0.85, 0.95): (0, 0),
        (0.95, 1.0): (8, 3),  # rules at 0.95: e03, e08, e13 in review for policy reasons
    }


def test_hours_vs_caps_per_code_and_month(result: AuditResult) -> None:
    caps = {(c.client, c.code, c.month): c for c in result.caps}
    assert set(caps) == {
        ("acme", "ACME-BUILD", "2026-01"),
        ("acme", "ACME-BUILD", "2026-02"),
        ("globex", "GLX-RETAINER", "2026-01"),
    }
    jan = caps[("acme", "ACME-BUILD", "2026-01")]
    # e01 4 + e02 5 + e03 3 = 12 of 10 h: 2 h over; alert at 80% (8 h) reached
    assert (jan.used_in_month, jan.used_to_date, jan.over_to_date) == (
        D("12.00"),
        D("12.00"),
        D("2.00"),
    )
    assert (jan.limit, jan.unit, jan.period, jan.alert) == (D("10"), "h", "month", True)
    feb = caps[("acme", "ACME-BUILD", "2026-02")]
    assert (feb.used_in_month, feb.over_to_date, feb.alert) == (D("2.00"), D("0.00"), False)
    globex = caps[("globex", "GLX-RETAINER", "2026-01")]
    assert (globex.used_to_date, globex.over_to_date) == (D("12.00"), D("2.00"))


def test_top_entries_by_money_at_stake(result: AuditResult) -> None:
    top = [(t.entry_key, t.value, t.certainty) for t in result.top_entries]
    assert top == [
        ("clockify:e08", D("750.00"), Certainty.NEEDS_DECISION),  # out of scope
        ("clockify:e02", D("500.00"), Certainty.AT_RISK),  # the rules alone gave the code
        ("clockify:e13", D("400.00"), Certainty.CERTAIN),
        ("clockify:e03", D("300.00"), Certainty.AT_RISK),  # 200 over the cap + 100 unticked
        ("clockify:e04", D("300.00"), Certainty.CERTAIN),  # ties: by entry key
    ]
    e03 = result.top_entries[3]
    assert e03.hours == D("3.00")  # the entry's hours, not the 2 h past the cap
    assert e03.kinds == [LeakageKind.MARKED_NON_BILLABLE, LeakageKind.OVER_CAP_GIVEN_AWAY]
    assert e03.sow_clause == "SOW-ACME-1 §2.1 Build"
    assert "past the ACME-BUILD cap" in e03.reason


def test_before_after_estimate_from_the_assumptions(result: AuditResult) -> None:
    ba = result.before_after
    # Flagged: sent to review (e03 e08 e09 e11 e13 e14) or with a finding (+ e02 e04 e05 e06
    # e07) = 11 of 14. By hand: 14 x 6 min = 84 min = 1.40 h. With timebill: 11 x 3 min =
    # 33 min = 0.55 h + 0.5 h setup = 1.05 h. Saved 0.35 h = 25% of 1.40 h.
    assert (ba.entries, ba.flagged_entries) == (14, 11)
    assert (ba.manual_hours, ba.timebill_hours, ba.hours_saved) == (D("1.40"), D("1.05"), D("0.35"))
    assert ba.share_saved == 0.25
    months = {
        m.month: (m.entries, m.flagged_entries, m.manual_hours, m.timebill_hours)
        for m in ba.by_month
    }
    # January: 11 entries, 8 flagged (e02-e08, e13); February: 3 entries, all flagged
    assert months == {
        "2026-01": (11, 8, D("1.10"), D("0.40")),
        "2026-02": (3, 3, D("0.30"), D("0.15")),
    }
    assert ba.assumptions.manual_minutes_per_entry == 6
    assert "assumptions" in ba.assumptions.source


def test_sources_and_period(result: AuditResult) -> None:
    assert [s.model_dump() for s in result.sources] == [
        {
            "file": "clockify.csv",
            "format": "clockify",
            "rows": 14,
            "entries": 14,
            "unreadable_rows": 0,
            "duplicates_skipped": 0,
        }
    ]
    assert (str(result.period_start), str(result.period_end)) == ("2026-01-05", "2026-02-05")
    assert result.currency == "USD"
    assert set(result.rules_versions) == {"_firm", "acme", "globex"}
    assert result.invoices.source.value == "export_columns"
    assert result.invoices.invoiced_entries == 7  # e01 e05 e06 e07 e12 e09 e14
