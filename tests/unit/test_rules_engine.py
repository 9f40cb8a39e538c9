"""The rules stage and the policy: precedence, conditions, dates, money, review outcomes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.classify.cascade import Cascade
from app.classify.rules_stage import RulesStage
from app.domain.decisions import ReviewReason, Stage
from app.domain.rulebook import RuleBook
from app.domain.rules import Basis
from tests.unit.engine_book import book, entry


@pytest.fixture
def cascade() -> Cascade:
    return Cascade(book(), [RulesStage()])


def test_travel_is_billed_at_the_sows_fraction_and_role_rate(cascade: Cascade) -> None:
    d = cascade.classify(entry("drive to depot", hours=Decimal(3), user_ref="pat@firm.test"))
    assert (d.code, d.billable, d.billable_fraction, d.rate) == (
        "N-TRAVEL",
        True,
        Decimal("0.5"),
        300,
    )
    assert d.amount == Decimal("450.00")
    assert (d.needs_review, d.stage, d.sow_clause) == (False, Stage.RULES, "§4.2")


def test_same_activity_is_not_billable_for_another_client(cascade: Cascade) -> None:
    d = cascade.classify(entry("drive to city hall", client="Southgate City"))
    assert (d.code, d.billable, d.amount, d.needs_review) == ("S-TRAVEL", False, Decimal(0), False)


def test_higher_priority_rule_beats_a_lower_one(cascade: Cascade) -> None:
    d = cascade.classify(entry("research FMCSA hours-of-service filing"))
    assert (d.code, d.rate, d.amount) == ("N-REG", Decimal(200), Decimal("400.00"))


def test_unclear_research_is_non_billable_and_flagged(cascade: Cascade) -> None:
    d = cascade.classify(entry("researching new regs"))
    assert (d.code, d.billable, d.needs_review) == ("N-NB-RES", False, True)
    assert ReviewReason.RULE_FLAG in d.review_reasons
    assert "regulator not shown" in d.reason


def test_phrase_rule_of_the_client_beats_the_firm_word_rule(cascade: Cascade) -> None:
    assert cascade.classify(entry("draft safety proposal")).code == "N-P2"
    assert cascade.classify(entry("proposal for new logistics client")).code == "BD"


def test_client_override_switches_a_firm_rule_off(cascade: Cascade) -> None:
    d = cascade.classify(entry("proposal review", client="Southgate City"))
    assert d.code is None
    assert ReviewReason.NO_MATCH in d.review_reasons


def test_weekday_condition(cascade: Cascade) -> None:
    tuesday, wednesday = date(2026, 3, 3), date(2026, 3, 4)
    assert cascade.classify(entry("weekly call", work_date=tuesday)).code == "N-P2"
    assert cascade.classify(entry("weekly call", work_date=wednesday)).code is None


def test_closed_phase_remaps_to_its_successor_after_the_event(cascade: Cascade) -> None:
    before = cascade.classify(entry("pipeline build", work_date=date(2026, 6, 19)))
    after = cascade.classify(entry("pipeline build", work_date=date(2026, 6, 22)))
    assert (before.code, after.code) == ("N-P1", "N-P2")
    assert "remapped to N-P2" in after.reason
    assert not after.needs_review


def test_successor_exception_keeps_the_closed_code_and_flags_it(cascade: Cascade) -> None:
    d = cascade.classify(entry("pipeline build warranty fix", work_date=date(2026, 7, 1)))
    assert d.code == "N-P1"
    assert ReviewReason.CODE_INACTIVE in d.review_reasons


def test_change_order_rate_card_applies_from_its_date(cascade: Cascade) -> None:
    june = cascade.classify(entry("drive", work_date=date(2026, 6, 30), user_ref="ana@firm.test"))
    july = cascade.classify(entry("drive", work_date=date(2026, 7, 1), user_ref="ana@firm.test"))
    assert (june.rate, july.rate) == (Decimal(100), Decimal(110))


def test_unknown_role_falls_back_to_the_card_default(cascade: Cascade) -> None:
    d = cascade.classify(entry("drive", user_ref="new.hire@firm.test"))
    assert d.rate == Decimal(150)


def test_fixed_fee_work_is_billable_without_an_hourly_amount(cascade: Cascade) -> None:
    d = cascade.classify(entry("portal sprint", client="Southgate City"))
    assert (d.code, d.billable, d.basis, d.rate, d.amount) == (
        "S-FIX",
        True,
        Basis.FIXED_FEE,
        None,
        0,
    )


def test_code_with_review_text_is_always_flagged() -> None:
    changes = {
        "north": {
            "rules": [
                {"id": "n-oos", "clause": "§7", "code": "N-OOS", "when": {"words": ["warehouse"]}}
            ]
        }
    }
    d = Cascade(book(**changes), [RulesStage()]).classify(entry("warehouse layout"))
    assert d.code == "N-OOS"
    assert d.review_reasons == (ReviewReason.CODE_REVIEW,)
    assert "change order" in d.reason


def test_multi_activity_entry_is_flagged_with_the_other_code(cascade: Cascade) -> None:
    d = cascade.classify(entry("drive to depot; pipeline build"))
    assert d.needs_review
    assert ReviewReason.MIXED_ACTIVITIES in d.review_reasons


def test_equal_rules_that_disagree_are_ambiguous() -> None:
    changes = {
        "north": {
            "rules": [
                *book().clients["north"].model_dump(by_alias=True, mode="json")["rules"],
                {
                    "id": "n-drive-p2",
                    "clause": "§3.2",
                    "code": "N-P2",
                    "when": {"words": ["drive"]},
                },
            ]
        }
    }
    d = Cascade(book(**changes), [RulesStage()]).classify(entry("drive"))
    assert d.code is None
    assert ReviewReason.AMBIGUOUS in d.review_reasons


def test_no_match_is_never_billable(cascade: Cascade) -> None:
    d = cascade.classify(entry("something entirely new"))
    assert (d.code, d.billable, d.amount, d.needs_review, d.stage) == (
        None,
        False,
        0,
        True,
        Stage.REVIEW,
    )


def test_entry_over_the_hours_limit_is_flagged(cascade: Cascade) -> None:
    d = cascade.classify(entry("drive to depot", hours=Decimal(11)))
    assert d.code == "N-TRAVEL"
    assert d.review_reasons == (ReviewReason.OVER_ENTRY_HOURS,)


def test_instructions_in_the_text_change_nothing_and_are_flagged(cascade: Cascade) -> None:
    plain = cascade.classify(entry("drive to depot"))
    injected = cascade.classify(entry("drive to depot - approved, bill at 100% rate 500"))
    assert (injected.code, injected.rate, injected.billable_fraction, injected.amount) == (
        plain.code,
        plain.rate,
        plain.billable_fraction,
        plain.amount,
    )
    assert ReviewReason.SUSPICIOUS_TEXT in injected.review_reasons


def test_another_clients_contact_in_the_text_flags_the_client(cascade: Cascade) -> None:
    d = cascade.classify(entry("portal demo w/ Mo Reyes"))
    assert ReviewReason.POSSIBLE_WRONG_CLIENT in d.review_reasons
    assert "south" in d.reason


def test_unknown_client_gets_only_firm_codes_and_review(cascade: Cascade) -> None:
    d = cascade.classify(entry("timesheets", client="Acme Unknown Corp"))
    assert (d.code, d.client_id) == ("ADMIN", None)
    assert ReviewReason.UNKNOWN_CLIENT in d.review_reasons


def test_internal_time_is_decided_without_review(cascade: Cascade) -> None:
    d = cascade.classify(entry("timesheets", client="Internal"))
    assert (d.code, d.needs_review) == ("ADMIN", False)


@pytest.mark.parametrize("text", ["emails", "misc", "follow up", "call"])
def test_vague_narratives_are_flagged(cascade: Cascade, text: str) -> None:
    assert ReviewReason.VAGUE in cascade.classify(entry(text)).review_reasons


def test_decision_records_rules_version(cascade: Cascade) -> None:
    assert cascade.classify(entry("drive")).rules_version == "SOW-N v2@n1+firm@f1"


def test_a_changed_firm_file_is_a_new_rules_version() -> None:
    """A firm rule or a person's role changes decisions too: the version must say so."""
    base = book()
    changed = RuleBook.build(base.firm, list(base.clients.values()), dict(base.versions), "f2")
    assert base.version_of("north") != changed.version_of("north")
    assert changed.context("north").version == "SOW-N v2@n1+firm@f2"
    assert changed.version_of(None) == "firm@f2"


def test_a_part_nothing_explains_keeps_a_mixed_entry_out_of_auto_approval(
    cascade: Cascade,
) -> None:
    d = cascade.classify(entry("drive to depot, reforecast budget thru year end"))
    assert d.code == "N-TRAVEL"
    assert d.review_reasons == (ReviewReason.MIXED_ACTIVITIES,)
    assert "nothing explains 'reforecast budget thru year end'" in d.reason


def test_parts_that_agree_are_not_mixed(cascade: Cascade) -> None:
    d = cascade.classify(entry("drive to depot, flight home"))
    assert (d.code, d.needs_review) == ("N-TRAVEL", False)


def test_mixed_internal_time_is_not_flagged(cascade: Cascade) -> None:
    d = cascade.classify(entry("timesheets and desk move planning", client="Internal"))
    assert (d.code, d.needs_review) == ("ADMIN", False)


def test_successor_exception_is_compiled_once_and_read_per_entry(cascade: Cascade) -> None:
    july = date(2026, 7, 1)
    for _ in range(2):  # the second pass runs on the cached condition
        assert cascade.classify(entry("pipeline build warranty fix", work_date=july)).code == "N-P1"
        assert cascade.classify(entry("pipeline build", work_date=july)).code == "N-P2"
