"""The newer keys of the rules format at work: in the cascade, in the sums across entries and
in invoice drafts (fixture firm ``tests/data/rules_format``, and the engine test book)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.classify.cascade import Cascade
from app.classify.rules_stage import RulesStage
from app.classify.sums import apply_sums
from app.domain.decisions import ReviewReason as R
from app.domain.entries import Source, TimeEntry
from app.domain.rulebook import RuleBook
from app.invoices.draft import draft_invoice
from app.invoices.model import Period
from app.rules.loader import load_rulebook
from tests.unit.engine_book import NORTH, book, entry

RULES = Path(__file__).resolve().parent.parent / "data" / "rules_format"
_n = iter(range(1, 10_000))


@pytest.fixture(scope="module")
def osprey() -> RuleBook:
    return load_rulebook(RULES)


def kst(text: str, **fields: Any) -> TimeEntry:
    values: dict[str, Any] = {
        "source": Source.MANUAL,
        "external_id": f"k{next(_n)}",
        "client": "Kestrel Labs",
        "description": text,
        "work_date": date(2026, 3, 4),
        "hours": Decimal(2),
        "user_ref": "pat@osprey.test",
    }
    return TimeEntry(**(values | fields))


def run(b: RuleBook, entries: list[TimeEntry]) -> tuple[list[Any], list[Any]]:
    cascade = Cascade(b, [RulesStage()])
    return apply_sums(b, entries, [cascade.classify(e) for e in entries])


# --- flag_vague ---------------------------------------------------------------------------------


def test_flag_vague_false_stops_vague_flags_for_that_client_only() -> None:
    said = entry("emails", work_date=date(2026, 3, 3))
    quiet = book(north={"review": {"flag_vague": False}})
    assert R.VAGUE in Cascade(book(), [RulesStage()]).classify(said).review_reasons
    assert R.VAGUE not in Cascade(quiet, [RulesStage()]).classify(said).review_reasons
    south = entry("emails", client="Southgate City")
    assert R.VAGUE in Cascade(quiet, [RulesStage()]).classify(south).review_reasons


# --- dates and time of day ----------------------------------------------------------------------


def test_a_firm_holiday_from_a_date_list(osprey: RuleBook) -> None:
    cascade = Cascade(osprey, [RulesStage()])
    on_holiday = cascade.classify(kst("dashboard fixes", work_date=date(2026, 7, 3)))
    next_day = cascade.classify(kst("dashboard fixes", work_date=date(2026, 7, 6)))
    assert (on_holiday.code, R.RULE_FLAG in on_holiday.review_reasons) == ("K-HOLIDAY", True)
    assert next_day.code == "K-ANALYTICS"


def test_time_of_day_reads_the_start_time_and_no_start_time_is_not_a_match(
    osprey: RuleBook,
) -> None:
    cascade = Cascade(osprey, [RulesStage()])

    def call(start: datetime | None) -> str | None:
        return cascade.classify(kst("weekly call", work_date=date(2026, 3, 3), start=start)).code

    assert call(datetime(2026, 3, 3, 9, 45)) == "K-CALL"
    assert call(datetime(2026, 3, 3, 10, 30)) == "K-CALL"
    assert call(datetime(2026, 3, 3, 10, 31)) == "K-OOS"
    assert call(None) == "K-OOS"


def test_time_ranges_convert_zones_and_wrap_past_midnight() -> None:
    from app.classify.calendar import in_window  # noqa: PLC0415
    from app.classify.conditions import compile_condition  # noqa: PLC0415
    from app.domain.rules import Condition, TimeRange  # noqa: PLC0415

    cond = Condition.model_validate(
        {"time": {"from": "09:45", "to": "10:30", "zone": "America/New_York"}}
    )
    test = compile_condition(cond, {})
    from app.classify.conditions import Subject  # noqa: PLC0415
    from app.classify.text import Text  # noqa: PLC0415

    def holds(start: datetime) -> bool:
        e = kst("x", start=start)
        return test(Subject(e, Text(e.description)))

    assert holds(datetime(2026, 3, 3, 15, 0, tzinfo=UTC))  # 10:00 in New York (EST)
    assert not holds(datetime(2026, 3, 3, 10, 0, tzinfo=UTC))  # 05:00 in New York
    assert holds(datetime(2026, 3, 3, 10, 0))  # no offset: read as written
    night = TimeRange.model_validate({"from": "22:00", "to": "02:00"})
    assert in_window(datetime(2026, 1, 1, 23, 0).time(), night)
    assert in_window(datetime(2026, 1, 1, 1, 0).time(), night)
    assert not in_window(datetime(2026, 1, 1, 12, 0).time(), night)


# --- exceptions with a code, and out of scope ---------------------------------------------------


def test_unless_with_a_code_sends_the_exception_there(osprey: RuleBook) -> None:
    cascade = Cascade(osprey, [RulesStage()])
    plain = cascade.classify(kst("monthly report draft"))
    expense = cascade.classify(kst("expense report for March"))
    assert (plain.code, expense.code) == ("K-REPORTS", "INT-ADMIN")
    assert "k-reports.unless" in expense.reason
    assert not expense.needs_review


def test_unmatched_client_work_goes_to_the_out_of_scope_code_and_review(osprey: RuleBook) -> None:
    d = Cascade(osprey, [RulesStage()]).classify(kst("lunch and learn on quantum chemistry"))
    assert (d.code, d.billable, d.needs_review, d.confidence) == ("K-OOS", False, True, 0.0)
    assert R.OUT_OF_SCOPE in d.review_reasons
    assert d.stage.value == "review"


def test_out_of_scope_does_not_hide_an_ambiguous_entry() -> None:
    rules = {"out_of_scope": "N-OOS"}
    cascade = Cascade(book(north=rules), [RulesStage()])
    assert cascade.classify(entry("coffee with the team")).code == "N-OOS"
    clash = book(north={**rules, "rules": [*NORTH["rules"], _same_rank_as_build()]})
    d = Cascade(clash, [RulesStage()]).classify(entry("pipeline build"))
    assert d.code is None
    assert R.AMBIGUOUS in d.review_reasons


def _same_rank_as_build() -> dict[str, Any]:
    return {"id": "n-build-2", "clause": "§3.2", "code": "N-P2", "when": {"words": ["build"]}}


# --- limits: exempt codes, travel by kind -------------------------------------------------------


def test_entry_and_day_limits_exempt_codes(osprey: RuleBook) -> None:
    cascade = Cascade(osprey, [RulesStage()])
    road = cascade.classify(kst("drive to the lab", hours=Decimal(9)))
    assert R.OVER_ENTRY_HOURS not in road.review_reasons  # K-ROAD is exempt
    assert R.OVER_TRAVEL_HOURS in road.review_reasons  # but still over the travel limit
    work = cascade.classify(kst("dashboard fixes", hours=Decimal(9)))
    assert R.OVER_ENTRY_HOURS in work.review_reasons
    day = date(2026, 3, 5)
    internal = {"client": "Osprey", "work_date": day}
    pto = [
        kst("PTO", hours=Decimal(8), **internal),
        kst("timesheets", hours=Decimal(5), **internal),
    ]
    decided, _ = run(osprey, pto)
    assert all(R.OVER_DAY_HOURS not in d.review_reasons for d in decided)  # 5 h counted, not 13
    decided, _ = run(osprey, [*pto, kst("timesheets", hours=Decimal(8), **internal)])
    assert R.OVER_DAY_HOURS in decided[2].review_reasons


def test_travel_is_the_declared_kind_not_the_word(osprey: RuleBook) -> None:
    cascade = Cascade(osprey, [RulesStage()])
    policy = cascade.classify(kst("travel policy review", hours=Decimal(5)))
    assert (policy.code, policy.needs_review) == ("K-TRAVEL-POLICY", False)
    road = cascade.classify(kst("drove back", hours=Decimal(5)))
    assert R.OVER_TRAVEL_HOURS in road.review_reasons


# --- roles from the export ----------------------------------------------------------------------


def test_role_from_the_export_when_the_people_map_lacks_the_person(osprey: RuleBook) -> None:
    cascade = Cascade(osprey, [RulesStage()])
    mapped = cascade.classify(kst("dashboard fixes", role="Analyst"))
    assert mapped.rate == 300  # the people map wins: pat@ is a partner
    from_export = cascade.classify(
        kst("dashboard fixes", user_ref="new@osprey.test", role="Analyst")
    )
    assert from_export.rate == 100  # "Analyst" matches the card's "analyst"
    nobody = cascade.classify(kst("dashboard fixes", user_ref="new@osprey.test"))
    assert nobody.rate == 150  # the card's default


# --- sums: shared caps, budgets, requests, tracked effort ---------------------------------------


def test_a_cap_shared_by_two_codes_flags_the_entry_that_crosses_it(osprey: RuleBook) -> None:
    month = [
        kst("dashboard fixes", hours=Decimal(8), work_date=date(2026, 3, d)) for d in (2, 3, 4)
    ]
    month += [
        kst("monthly report draft", hours=Decimal(8), work_date=date(2026, 3, d)) for d in (5, 6, 9)
    ]
    decided, alerts = run(osprey, month)
    over = [i for i, d in enumerate(decided) if R.OVER_CAP in d.review_reasons]
    assert over == [5]  # 48 h > 40 h on the sixth entry, whichever of the two codes
    assert any(a.code == "K-ANALYTICS+K-REPORTS" and a.used == 48 for a in alerts)


def test_a_budget_alerts_and_flags_nothing(osprey: RuleBook) -> None:
    calls = [
        kst(
            "weekly call",
            hours=Decimal(1),
            work_date=date(2026, 3, d),
            start=datetime(2026, 3, d, 10),
        )
        for d in (3, 10, 17, 24, 31)
    ]
    decided, alerts = run(osprey, calls)
    assert [d.code for d in decided] == ["K-CALL"] * 5
    assert not any(R.OVER_CAP in d.review_reasons for d in decided)
    [budget] = [a for a in alerts if a.code == "K-CALL"]
    assert (budget.used, budget.limit, budget.kind) == (5, 4, "budget")
    assert "budget" in str(budget)


def test_hours_per_request_flag_the_entries_past_the_line(osprey: RuleBook) -> None:
    work = [
        kst("REQ-12 dashboard fixes", hours=Decimal(4)),
        kst("req-12 dashboard query", hours=Decimal(3), work_date=date(2026, 3, 5)),
        kst("REQ-13 dashboard", hours=Decimal(3), work_date=date(2026, 3, 5)),
        kst("dashboard", hours=Decimal(3), task="REQ-12", work_date=date(2026, 3, 6)),
        kst("REQ-12 monthly report", hours=Decimal(3), work_date=date(2026, 3, 6)),  # not covered
    ]
    decided, alerts = run(osprey, work)
    flagged = [i for i, d in enumerate(decided) if R.OVER_REQUEST_HOURS in d.review_reasons]
    assert flagged == [1, 3]
    [alert] = [a for a in alerts if a.kind == "request"]
    assert (alert.code, alert.used, alert.limit) == ("REQ-12", 10, 6)
    assert str(alert) == "kestrel REQ-12 request: 10.00 of 6.00 h (167%)"


def test_effort_on_a_tracking_code_counts_toward_the_fixed_fee_budget(osprey: RuleBook) -> None:
    work = [
        kst("assessment QA pass", hours=Decimal(10), work_date=date(2026, 3, d))
        for d in range(2, 30)
    ]
    work.append(kst("assessment fieldwork", hours=Decimal(8), work_date=date(2026, 3, 30)))
    decided, alerts = run(osprey, work)
    assert {d.code for d in decided[:-1]} == {"K-FF-EFFORT"}
    assert not any(d.billable for d in decided[:-1])
    [budget] = [a for a in alerts if a.code == "K-FF"]
    assert (budget.period, budget.used, budget.kind) == ("phase", 288, "budget")
    assert not any(R.OVER_CAP in d.review_reasons for d in decided)


# --- change orders ------------------------------------------------------------------------------


def test_a_rate_card_waits_for_its_change_order(osprey: RuleBook) -> None:
    cascade = Cascade(osprey, [RulesStage()])
    before = cascade.classify(kst("integration design", work_date=date(2026, 9, 2)))
    assert (before.code, before.rate, before.needs_review) == ("K-INTEG", None, True)
    assert R.CHANGE_ORDER_PENDING in before.review_reasons
    assert "CO-2" in before.reason
    signed = _with_co2_executed(osprey, date(2026, 9, 10))
    after = Cascade(signed, [RulesStage()]).classify(
        kst("integration design", work_date=date(2026, 9, 11))
    )
    assert (after.rate, after.needs_review) == (180, False)
    early = Cascade(signed, [RulesStage()]).classify(
        kst("integration design", work_date=date(2026, 9, 9))
    )
    assert R.CHANGE_ORDER_PENDING in early.review_reasons
    other = Cascade(signed, [RulesStage()]).classify(kst("dashboard", work_date=date(2026, 9, 11)))
    assert other.rate == 300  # the CO-2 card prices K-INTEG only


def _with_co2_executed(b: RuleBook, day: date) -> RuleBook:
    client = b.clients["kestrel"]
    amendments = tuple(
        a.model_copy(update={"executed": day}) if a.id == "CO-2" else a
        for a in client.sow.amendments
    )
    sow = client.sow.model_copy(update={"amendments": amendments})
    return RuleBook.build(b.firm, [client.model_copy(update={"sow": sow})], b.versions, "f2")


# --- invoices -----------------------------------------------------------------------------------


def test_invoice_stops_at_a_shared_cap_and_bills_through_a_budget(osprey: RuleBook) -> None:
    entries = [
        kst("dashboard fixes", hours=Decimal(10), work_date=date(2026, 3, d)) for d in (2, 3, 4)
    ]
    entries += [kst("monthly report draft", hours=Decimal(15), work_date=date(2026, 3, 5))]
    entries += [
        kst(
            "weekly call",
            hours=Decimal(3),
            work_date=date(2026, 3, d),
            start=datetime(2026, 3, d, 10),
        )
        for d in (3, 10)
    ]
    decided = [
        d.model_copy(update={"needs_review": False, "review_reasons": ()})
        for d in run(osprey, entries)[0]
    ]
    draft = draft_invoice(osprey, "kestrel", zip(entries, decided, strict=True), Period(2026, 3))
    billed = {line.code: line.qty for line in draft.lines if line.code != "K-RET"}  # its fee
    assert billed == {"K-ANALYTICS": 30, "K-REPORTS": 10, "K-CALL": 6}
    [down] = draft.write_downs
    assert (down.code, down.hours_worked) == ("K-REPORTS", 5)
    assert "K-ANALYTICS+K-REPORTS month cap" in down.reason


def test_invoice_notes_effort_tracked_against_a_fixed_fee(osprey: RuleBook) -> None:
    entries = [
        kst("assessment QA pass", hours=Decimal(6)),
        kst("assessment QA pass", hours=Decimal("1.5")),
    ]
    decided = run(osprey, entries)[0]
    draft = draft_invoice(osprey, "kestrel", zip(entries, decided, strict=True), Period(2026, 3))
    assert [line.code for line in draft.lines] == ["K-RET"]  # the retainer's fee only
    assert any("7.50 h of effort tracked against the fixed fee K-FF" in n for n in draft.notes)


# --- the dominant activity by written durations -------------------------------------------------


def test_a_mixed_entry_gets_the_code_that_dominates_its_written_time(osprey: RuleBook) -> None:
    said = kst("dashboard fixes (2h); monthly report (30m)")
    d = Cascade(osprey, [RulesStage()]).classify(said)
    assert (d.code, d.needs_review) == ("K-ANALYTICS", False)
    assert "dominant activity by the durations written" in d.reason
    even = Cascade(osprey, [RulesStage()]).classify(
        kst("dashboard fixes (1h); monthly report (1h)")
    )
    assert (even.code, R.MIXED_ACTIVITIES in even.review_reasons) == (None, True)
    unsaid = Cascade(osprey, [RulesStage()]).classify(kst("dashboard fixes (2h); monthly report"))
    assert R.MIXED_ACTIVITIES in unsaid.review_reasons


def test_without_dominant_share_a_mixed_entry_is_still_flagged(osprey: RuleBook) -> None:
    client = osprey.clients["kestrel"]
    review = client.review.model_copy(update={"dominant_share": None})
    plain = RuleBook.build(
        osprey.firm, [client.model_copy(update={"review": review})], osprey.versions, "f"
    )
    d = Cascade(plain, [RulesStage()]).classify(kst("dashboard fixes (2h); monthly report (30m)"))
    assert d.needs_review
    assert R.MIXED_ACTIVITIES in d.review_reasons


@pytest.mark.parametrize(
    ("part", "hours"),
    [("memo (2h)", "2"), ("call 30m", "0.5"), ("1h30 review", "1.5"), ("45 min", "0.75"),
     ("1.5 hrs", "1.5"), ("2,5 h", "2.5"), ("memo", None), ("plan for 2026", None)],
)  # fmt: skip
def test_written_hours(part: str, hours: str | None) -> None:
    from app.classify.dominant import written_hours  # noqa: PLC0415

    assert written_hours(part) == (Decimal(hours) if hours else None)


# --- a retainer with rollover -------------------------------------------------------------------


def support(day: int, hours: str, month: int = 4) -> TimeEntry:
    return kst("support tickets", hours=Decimal(hours), work_date=date(2026, month, day))


def test_unused_retainer_hours_roll_over_and_the_overage_is_split_at_the_line(
    osprey: RuleBook,
) -> None:
    from app.invoices.draft import DraftOptions  # noqa: PLC0415

    entries = [support(10, "7", month=3), support(1, "8"), support(2, "8")]
    decided = run(osprey, entries)[0]
    options = DraftOptions(bill_retainer_overage=True)
    draft = draft_invoice(
        osprey, "kestrel", zip(entries, decided, strict=True), Period(2026, 4), options
    )
    fee, overage = draft.lines
    assert (fee.kind.value, fee.amount) == ("retainer_fee", Decimal("1500.00"))
    assert (overage.kind.value, overage.qty, overage.rate) == ("retainer_overage", 3, 175)
    assert overage.entry_keys == (entries[2].key,)  # the entry crossing 13 h is split
    assert any("3.00 h unused last month roll over" in n for n in draft.notes)


def test_rollover_is_capped_and_unknown_without_last_month(osprey: RuleBook) -> None:
    from app.invoices.caps import PriorBilling  # noqa: PLC0415
    from app.invoices.draft import DraftOptions  # noqa: PLC0415

    april = [support(1, "8"), support(2, "8")]
    decided = run(osprey, april)[0]
    pairs = list(zip(april, decided, strict=True))
    alone = draft_invoice(osprey, "kestrel", pairs, Period(2026, 4))
    [proposal] = alone.proposals  # overage needs the client's approval by default
    assert proposal.line.qty == 6  # 16 h - 10 h: nothing rolled over
    assert any("last month's use was not given" in n for n in alone.notes)
    prior = PriorBilling(retainer_used={"K-RET": Decimal(0)})
    capped = draft_invoice(osprey, "kestrel", pairs, Period(2026, 4), DraftOptions(prior=prior))
    assert capped.proposals[0].line.qty == 2  # 10 h unused, at most 4 carried: 14 h allowed


def test_sums_alert_on_the_retainer_allowance_with_rollover(osprey: RuleBook) -> None:
    _, alerts = run(osprey, [support(10, "7", month=3), support(1, "8"), support(2, "4")])
    [april] = [a for a in alerts if a.kind == "retainer"]
    assert (april.code, april.period, april.used, april.limit) == ("K-RET", "2026-04", 12, 13)


# --- deliverables: revision rounds and acceptance -----------------------------------------------


def test_rounds_past_the_included_and_work_after_acceptance_are_change_requests(
    osprey: RuleBook,
) -> None:
    cascade = Cascade(osprey, [RulesStage()])
    included = cascade.classify(kst("D1 report revision round 2"))
    assert (included.code, included.needs_review) == ("K-REPORTS", False)
    extra = cascade.classify(kst("D1 report rev 3"))
    assert (extra.code, extra.billable, extra.needs_review) == ("K-CR", True, True)
    assert R.CHANGE_REQUEST in extra.review_reasons
    assert "round 3 is past the 2 included" in extra.reason
    late = cascade.classify(kst("D1 report fixes", work_date=date(2026, 7, 1)))
    assert late.code == "K-CR"
    assert "accepted on 2026-06-30" in late.reason
    on_the_day = cascade.classify(kst("D1 report fixes", work_date=date(2026, 6, 30)))
    assert on_the_day.code == "K-REPORTS"
    other = cascade.classify(kst("D2 report revision round 5", work_date=date(2026, 7, 1)))
    assert other.code == "K-REPORTS"  # D2 has no limits in the rules
