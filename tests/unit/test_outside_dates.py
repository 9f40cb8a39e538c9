"""A rule whose dates start after the entry's, and alone leave it out, while its words are in
the entry and the rule that decided does not rest on them: the entry goes to review
(``outside_dates``), unless approved history settled it. "migration: data layer changes in
jobs API" a week before the amendment that bills migration is not plainly the generic work."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.classify.calibration import Calibration
from app.classify.conditions import starts_after, undated
from app.classify.deadline import Deadline
from app.classify.rules_stage import RulesStage
from app.domain.decisions import Proposal, ReviewReason
from app.domain.rulebook import RuleBook
from app.domain.rules import ClientRules, Condition, FirmRules
from app.rules.backtest import Labelled, back_test
from tests.unit.engine_book import FIRM, NORTH, entry

WORK = {"id": "n-work", "clause": "§2", "code": "N-P1", "priority": 20,
        "when": {"phrases": ["jobs api", "parts api"]}}  # fmt: skip
DATA_LAYER = [{"phrases": ["data layer"]}]
LATER = {"id": "n-migration", "clause": "§5", "code": "N-REG", "priority": 40,
         "when": {"dates": {"from": "2026-03-10"}, "any": DATA_LAYER}}  # fmt: skip
ENDED = {**LATER, "when": {"dates": {"to": "2026-03-01"}, "any": DATA_LAYER}}
TEXT = "migration: data layer changes in jobs API"  # engine_book's entries: 2026-03-04


def _book(rules: list[dict[str, Any]]) -> RuleBook:
    north = ClientRules.model_validate({**NORTH, "rules": rules})
    return RuleBook.build(FirmRules.model_validate(FIRM), [north], {"north": "v1"}, "f1")


def _decide(rules: list[dict[str, Any]], history: list[tuple[str, str]] | None,
            text: str = TEXT, **fields: Any) -> Proposal:  # fmt: skip
    book = _book(rules)
    items = [Labelled(entry(t), c, "h.csv", i) for i, (t, c) in enumerate(history or [], 2)]
    stage = (
        RulesStage(Calibration.from_backtest(back_test(book, items))) if history else RulesStage()
    )
    outcome = stage.classify(entry(text, **fields), book.context("north"), Deadline(1000))
    assert isinstance(outcome, Proposal)
    return outcome


WORKED = [(f"jobs API endpoint {i}", "N-P1") for i in range(12)]


def test_words_of_a_rule_that_starts_later_send_the_generic_decision_to_review() -> None:
    outcome = _decide([WORK, LATER], WORKED)
    assert outcome.code == "N-P1"  # still proposed: the person confirms or corrects
    assert ReviewReason.OUTSIDE_DATES in outcome.flags
    [note] = [n for n in outcome.notes if "dates leave it out" in n]
    assert "'data', 'layer' match rule n-migration (N-REG)" in note


def test_inside_the_window_the_dated_rule_decides() -> None:
    outcome = _decide([WORK, LATER], WORKED, work_date=date(2026, 3, 12))
    assert outcome.code == "N-REG"
    assert ReviewReason.OUTSIDE_DATES not in outcome.flags


def test_no_doubt_when_the_window_has_ended_or_the_words_are_the_winners_own() -> None:
    assert ReviewReason.OUTSIDE_DATES not in _decide([WORK, ENDED], WORKED).flags
    own = {**WORK, "when": {"phrases": ["jobs api", "data layer"]}}
    assert ReviewReason.OUTSIDE_DATES not in _decide([own, LATER], WORKED).flags
    plain = _decide([WORK, LATER], WORKED, text="jobs API pagination")
    assert ReviewReason.OUTSIDE_DATES not in plain.flags


def test_history_settles_it_and_without_history_nothing_is_flagged() -> None:
    settled = [("data layer tidy-up in the jobs API", "N-P1")] * 2
    assert ReviewReason.OUTSIDE_DATES not in _decide([WORK, LATER], WORKED + settled).flags
    assert ReviewReason.OUTSIDE_DATES not in _decide([WORK, LATER], None).flags


def test_a_condition_without_its_dates() -> None:
    cond = Condition.model_validate(LATER["when"])
    reduced = undated(cond)
    assert reduced is not None
    assert reduced.dates is None
    assert reduced.any_of == cond.any_of
    assert undated(Condition.model_validate(WORK["when"])) is None
    assert starts_after(cond, date(2026, 3, 4))
    assert not starts_after(cond, date(2026, 3, 10))
    nested = Condition.model_validate(
        {"all": [{"dates": {"from": "2026-03-10"}}, {"words": ["x"]}]}
    )
    assert starts_after(nested, date(2026, 3, 4))
    assert undated(nested) is not None


PHASE1 = {"id": "n-phase1", "clause": "§3.1", "code": "N-P1", "priority": 20,
          "when": {"words": ["design"]}}  # fmt: skip
PHASE2 = {"id": "n-phase2", "clause": "§3.2", "code": "N-P2", "priority": 20,
          "when": {"words": ["rollout"]}}  # fmt: skip
DESIGNED = [(f"design review {i}", "N-P1") for i in range(12)]  # 2026-03-04: phase 1 open


def test_a_rule_whose_code_moves_to_a_successor_history_never_approved_is_untested() -> None:
    # N-P1 closes on "P1 accepted" (2026-06-19) and its work moves to N-P2: the rule was right
    # on phase 1's work, and no approved entry shows what phase 2's looks like.
    after = _decide([PHASE1, PHASE2], DESIGNED, text="design review", work_date=date(2026, 7, 1))
    assert ReviewReason.UNTESTED_RULE in after.flags
    assert "N-P1 moves to N-P2 on this date" in " ".join(after.notes)
    before = _decide([PHASE1, PHASE2], DESIGNED, text="design review")
    assert ReviewReason.UNTESTED_RULE not in before.flags
    rolled = [(f"rollout plan {i}", "N-P2") for i in range(12)]
    tested = _decide([PHASE1, PHASE2], DESIGNED + rolled, text="design review",
                     work_date=date(2026, 7, 1))  # fmt: skip
    assert ReviewReason.UNTESTED_RULE not in tested.flags  # a rule of N-P2 was right before


OPEN = {**WORK, "when": {"dates": {"from": "2026-01-05"}, "any": [{"phrases": ["jobs api"]}]}}
UNTIL = {**WORK, "when": {"dates": {"to": "2026-03-09"}, "any": [{"phrases": ["jobs api"]}]}}


def test_a_decider_with_its_own_dates_is_asked_while_they_still_hold() -> None:
    # The generic work is billed from the SOW's start, open-ended: the later rule is carved out
    # of it (a change order from its signature), so its words before that day are a doubt.
    outcome = _decide([OPEN, LATER], WORKED)
    assert outcome.code == "N-P1"
    assert ReviewReason.OUTSIDE_DATES in outcome.flags


def test_a_decider_whose_dates_end_before_the_later_rule_is_the_same_dated_family() -> None:
    # Phase 1's work to 2026-03-09, the next from 2026-03-10: the dates are their own answer.
    assert ReviewReason.OUTSIDE_DATES not in _decide([UNTIL, LATER], WORKED).flags
    nested = {**WORK, "when": {"any": [{"dates": {"from": "2026-01-05"}}, {"words": ["jobs"]}]}}
    # dates only under an ``any``: no plain window to compare, not asked
    assert ReviewReason.OUTSIDE_DATES not in _decide([nested, LATER], WORKED).flags
