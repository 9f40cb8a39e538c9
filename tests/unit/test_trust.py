"""Rules back-tested on approved history, calibrated confidence, and rules checked by memory."""

from __future__ import annotations

import random
from datetime import date

from app.classify.calibration import MEASURED_THRESHOLD, PRIOR_WEIGHT, Calibration
from app.classify.cascade import Cascade
from app.classify.memory import Memory, MemoryStage
from app.classify.rules_stage import RulesStage
from app.domain.decisions import ReviewReason, Stage
from app.domain.entries import TimeEntry
from app.domain.rulebook import RuleBook
from app.rules.backtest import Labelled, back_test
from tests.unit.engine_book import book, entry


def _history(items: list[tuple[str, str]]) -> list[Labelled]:
    return [
        Labelled(entry(text), code, "history.csv", row)
        for row, (text, code) in enumerate(items, start=2)
    ]


def _cascade(rules: RuleBook, history: list[Labelled]) -> Cascade:
    memory = Memory()
    for item in history:
        memory.learn("north", item.entry.description, item.label)
    calibration = Calibration.from_backtest(back_test(rules, history))
    stage = RulesStage(calibration)
    return Cascade(rules, [stage, MemoryStage(memory)], memory=memory)


def test_backtest_counts_matches_and_names_each_contradicting_row() -> None:
    rng = random.Random(7)
    right = rng.randint(5, 20)
    wrong = rng.randint(1, 5)
    items = [(f"drive to site {i}", "N-TRAVEL") for i in range(right)]
    items += [(f"travel budget memo {i}", "N-P2") for i in range(wrong)]
    rng.shuffle(items)
    test = back_test(book(), _history(items))
    rec = test.record("north", "n-travel")
    assert rec is not None
    assert (rec.matches, rec.right) == (right + wrong, right)
    assert len(rec.contradictions) == wrong
    rows = {c.row for c in rec.contradictions}
    expected = {row for row, (text, _) in enumerate(items, start=2) if "memo" in text}
    assert rows == expected
    assert all(c.approved == "N-P2" and c.said == "N-TRAVEL" for c in rec.contradictions)


def test_backtest_lists_rules_that_never_fire_and_codes_no_rule_reaches() -> None:
    items = [("drive to Fresno depot", "N-TRAVEL"), ("site survey", "N-OOS")] * 3
    test = back_test(book(), _history(items))
    never = {r.rule.id for r in test.never_fired()}
    assert "n-build" in never
    assert "n-travel" not in never
    assert ("north", "N-OOS", 3) in test.unreached()


def test_calibrated_confidence_is_the_precision_shrunk_towards_the_typed_value() -> None:
    right, wrong = 27, 9
    items = [("drive to depot", "N-TRAVEL")] * right + [("drive review memo", "N-P2")] * wrong
    calibration = Calibration.from_backtest(back_test(book(), _history(items)))
    trust = calibration.trust("north", "n-travel", 0.95)
    assert trust is not None
    expected = (right + PRIOR_WEIGHT * 0.95) / (right + wrong + PRIOR_WEIGHT)
    assert abs(trust.confidence - expected) < 1e-9
    assert trust.confidence < MEASURED_THRESHOLD
    # no history for a rule, or the rule was edited since: the typed confidence stands
    assert calibration.trust("north", "n-build", 0.95) is not None
    assert calibration.trust("north", "n-travel", 0.9) is None


def test_a_rule_wrong_on_the_history_no_longer_auto_approves() -> None:
    items = [(f"drive to depot {i}", "N-TRAVEL") for i in range(6)]
    items += [(f"drive time estimate {i}", "N-P2") for i in range(14)]
    decision = _cascade(book(), _history(items)).classify(entry("drive planning"))
    assert decision.needs_review
    assert decision.confidence < MEASURED_THRESHOLD
    assert "right on 6 of 20 approved entries" in decision.reason


def test_history_disagreeing_with_a_confident_rule_sends_to_review_with_both_answers() -> None:
    text = "drive-time model for the Fresno depot"
    history = _history(
        [(text, "N-P2")] * 3 + [(f"drive to depot {i}", "N-TRAVEL") for i in range(200)]
    )
    decision = _cascade(book(), history).classify(entry(text))
    assert decision.needs_review
    assert ReviewReason.HISTORY_DISAGREES in decision.review_reasons
    assert decision.code == "N-P2"
    assert "says N-TRAVEL" in decision.reason
    assert "were N-P2" in decision.reason
    assert "rule n-travel" in decision.reason


def test_history_agreeing_with_the_rule_raises_its_confidence() -> None:
    history = _history([(f"drive to depot {i}", "N-TRAVEL") for i in range(40)])
    alone = _cascade(book(), history).classify(entry("drive to the Reno yard"))
    agreed = _cascade(book(), history).classify(entry("drive to depot 3"))
    assert not agreed.needs_review
    assert agreed.stage is Stage.RULES
    assert agreed.confidence > alone.confidence
    assert "history agrees" in agreed.reason


def test_without_history_the_typed_confidence_stands() -> None:
    decision = Cascade(book(), [RulesStage()]).classify(entry("drive to Fresno depot"))
    assert decision.confidence == 0.95
    assert not decision.needs_review


def _on(day: date, text: str) -> TimeEntry:
    return entry(text, work_date=day)


def test_history_approved_under_a_closed_phase_agrees_with_its_successor() -> None:
    # "build" work approved as N-P1 before P1 closed; after it closes the rule says N-P1,
    # which remaps to N-P2, and so does the approved code: no disagreement.
    before = [
        Labelled(_on(date(2026, 3, 4), "build pipeline"), "N-P1", "h.csv", i) for i in range(3)
    ]
    decision = _cascade(book(), before).classify(_on(date(2026, 8, 5), "build pipeline"))
    assert ReviewReason.HISTORY_DISAGREES not in decision.review_reasons
    assert decision.code == "N-P2"


def test_a_rule_no_approved_entry_tested_is_confirmed_by_a_person_first() -> None:
    items = [(f"drive to depot {i}", "N-TRAVEL") for i in range(12)]
    cascade = _cascade(book(), _history(items))
    untested = cascade.classify(entry("pipeline build for the dock scanners"))  # n-build
    assert untested.code == "N-P1"
    assert untested.needs_review
    assert ReviewReason.UNTESTED_RULE in untested.review_reasons
    assert "no approved entry to test it on" in untested.reason
    tested = cascade.classify(entry("drive to the Fresno depot"))  # n-travel, right 12 of 12
    assert ReviewReason.UNTESTED_RULE not in tested.review_reasons
    assert not tested.needs_review


def test_a_rule_one_approved_entry_tested_is_confirmed_by_a_person_first() -> None:
    travel = [(f"drive to depot {i}", "N-TRAVEL") for i in range(12)]
    text = "pipeline build for the dock scanners"  # n-build
    for seen, untested in ((1, True), (2, False)):
        history = _history(travel + [(f"pipeline build {i}", "N-P1") for i in range(seen)])
        decision = _cascade(book(), history).classify(entry(text))
        assert decision.code == "N-P1"
        assert (ReviewReason.UNTESTED_RULE in decision.review_reasons) is untested
    once = _cascade(book(), _history([*travel, ("pipeline build 0", "N-P1")]))
    assert "only one approved entry tested this rule" in once.classify(entry(text)).reason


def test_without_history_a_rules_typed_confidence_stands_untested_or_not() -> None:
    cascade = Cascade(book(), [RulesStage(), MemoryStage(Memory())], memory=Memory())
    decision = cascade.classify(entry("pipeline build for the dock scanners"))
    assert decision.code == "N-P1"
    assert ReviewReason.UNTESTED_RULE not in decision.review_reasons


def test_near_approved_entries_that_disagree_send_a_confident_rule_to_review() -> None:
    # Seen once as written, three times without the suffix: no exact habit, a near one.
    history = _history(
        [("drive-time model for the Fresno depot - revisions", "N-P2")]
        + [("drive-time model for the Fresno depot", "N-P2")] * 3
        + [(f"drive to depot {i}", "N-TRAVEL") for i in range(200)]
    )
    decision = _cascade(book(), history).classify(
        entry("drive-time model for the Fresno depot - revisions")
    )
    assert decision.needs_review
    assert ReviewReason.HISTORY_DISAGREES in decision.review_reasons
    assert decision.code == "N-P2"
    assert "were N-P2" in decision.reason


def test_near_approved_entries_that_agree_leave_the_rules_confidence_alone() -> None:
    history = _history(
        [("drive to the Fresno depot - revisions", "N-TRAVEL")]
        + [("drive to the Fresno depot", "N-TRAVEL")] * 3
    )
    alone = _cascade(book(), _history([])).classify(entry("drive to the Fresno depot - revisions"))
    near = _cascade(book(), history).classify(entry("drive to the Fresno depot - revisions"))
    assert ReviewReason.HISTORY_DISAGREES not in near.review_reasons
    assert "history agrees" not in near.reason
    assert near.code == alone.code == "N-TRAVEL"
