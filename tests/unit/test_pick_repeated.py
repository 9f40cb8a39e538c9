"""Words outrank a tracker pick (a prior, picked by habit), but not a pick the note repeats:
when a rule of another code matched on the project or task picked and the note says a word of
those picks that the deciding rule does not rest on, the entry goes to review
(``pick_repeated``), unless approved history settled it."""

from __future__ import annotations

from typing import Any

from app.classify.calibration import Calibration
from app.classify.deadline import Deadline
from app.classify.rules_stage import RulesStage
from app.domain.decisions import Proposal, ReviewReason
from app.domain.rulebook import RuleBook
from app.domain.rules import ClientRules, FirmRules
from app.rules.backtest import Labelled, back_test
from tests.unit.engine_book import FIRM, NORTH, entry

KIT = {"id": "n-kit", "clause": "§2", "code": "N-P1", "priority": 10,
       "when": {"phrases": ["starter kit", "ci template"]}}  # fmt: skip
HIRE = {"id": "n-hire", "clause": "§6", "code": "N-REG", "priority": 10,
        "when": {"any": [{"words": ["interview"]}, {"project": ["*recruiting*"]}]}}  # fmt: skip
PICKS = {"project": "Recruiting", "task": "Onboarding"}
TEXT = "onboarding - starter kit walkthrough w/ Ravi"


def _decide(rules: list[dict[str, Any]], history: list[tuple[str, str, dict[str, str]]] | None,
            text: str = TEXT, **fields: Any) -> Proposal:  # fmt: skip
    north = ClientRules.model_validate({**NORTH, "rules": rules})
    book = RuleBook.build(FirmRules.model_validate(FIRM), [north], {"north": "v1"}, "f1")
    items = [Labelled(entry(t, **f), c, "h.csv", i) for i, (t, c, f) in enumerate(history or [], 2)]
    tested = Calibration.from_backtest(back_test(book, items)) if history else None
    stage = RulesStage(tested) if tested else RulesStage()
    outcome = stage.classify(entry(text, **fields), book.context("north"), Deadline(1000))
    assert isinstance(outcome, Proposal)
    return outcome


HISTORY = [(f"starter kit upgrade {i}", "N-P1", {"project": "Tools"}) for i in range(8)]
HISTORY += [(f"interview candidate {i}", "N-REG", PICKS) for i in range(8)]


def test_a_pick_the_note_repeats_sends_the_words_decision_to_review() -> None:
    outcome = _decide([KIT, HIRE], HISTORY, **PICKS)
    assert outcome.code == "N-P1"  # the words still decide what is proposed
    assert ReviewReason.PICK_REPEATED in outcome.flags
    [note] = [n for n in outcome.notes if "repeats" in n]
    assert note == (
        "the note repeats 'onboarding' (the task picked), on which rule n-hire (N-REG)"
        " matched; this rule decided on other words"
    )


def test_a_pick_the_note_does_not_repeat_stays_a_prior() -> None:
    outcome = _decide([KIT, HIRE], HISTORY, text="starter kit walkthrough w/ Ravi", **PICKS)
    assert ReviewReason.PICK_REPEATED not in outcome.flags
    own = {**KIT, "when": {"phrases": ["starter kit", "onboarding"]}}  # the decider reads it
    assert ReviewReason.PICK_REPEATED not in _decide([own, HIRE], HISTORY, **PICKS).flags


def test_history_settles_it_and_without_history_nothing_is_flagged() -> None:
    settled = [("onboarding: starter kit tour", "N-P1", PICKS)] * 2
    assert ReviewReason.PICK_REPEATED not in _decide([KIT, HIRE], HISTORY + settled, **PICKS).flags
    assert ReviewReason.PICK_REPEATED not in _decide([KIT, HIRE], None, **PICKS).flags


def test_a_lower_ranked_pick_rule_counts_too() -> None:
    # "scope letter for Greywater podcast sponsorship" under New Business / Scoping: the
    # podcast rule outranks the project's low pick rule, and the note says the task's word.
    low = {**HIRE, "priority": 2}
    outcome = _decide([KIT, low], HISTORY, **PICKS)
    assert outcome.code == "N-P1"
    assert ReviewReason.PICK_REPEATED in outcome.flags
