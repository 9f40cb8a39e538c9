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
