"""A rule whose every matched word follows a negation in the note ("branch leaders (not
Larkspur)") proposes its code for a person to confirm (``negated_words``): the note says the
entry is not what those words name. One unnegated matched word is enough to decide."""

from __future__ import annotations

from typing import Any

import pytest

from app.classify.deadline import Deadline
from app.classify.rules_stage import RulesStage
from app.domain.decisions import Proposal, ReviewReason
from app.domain.rulebook import RuleBook
from app.domain.rules import ClientRules, FirmRules
from tests.unit.engine_book import FIRM, NORTH, entry

LARK = {"code": "N-LARK", "name": "Project Larkspur", "clause": "SOW §4", "billable": True}
LARK_RULE = {"id": "n-lark", "clause": "SOW §4", "code": "N-LARK", "priority": 60,
             "when": {"words": ["larkspur", "succession"]}}  # fmt: skip


def _propose(text: str) -> Proposal:
    north: dict[str, Any] = {**NORTH, "codes": [*NORTH["codes"], LARK],
                             "rules": [*NORTH["rules"], LARK_RULE]}  # fmt: skip
    book = RuleBook.build(
        FirmRules.model_validate(FIRM), [ClientRules.model_validate(north)], {"north": "v1"}, "f"
    )
    outcome = RulesStage().classify(
        entry(text, client="Northwind Freight", project="NW Compliance"),
        book.context("north"),
        Deadline(1000),
    )
    assert isinstance(outcome, Proposal)
    return outcome


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("bench review - branch leaders (not Larkspur)", "not larkspur"),
        ("bench review, no succession work (not Larkspur)", "no succession, not larkspur"),
    ],
)
def test_a_match_on_negated_words_alone_goes_to_a_person(text: str, shown: str) -> None:
    outcome = _propose(text)
    assert outcome.code == "N-LARK"  # still what is proposed
    assert ReviewReason.NEGATED_WORDS in outcome.flags
    assert f"the note says '{shown}': the words the rule matched are negated" in outcome.notes


@pytest.mark.parametrize(
    "text",
    [
        "Larkspur bench review",
        "succession plan, not the Larkspur deck yet",  # "succession" stands unnegated
        "larkspur",  # a negator needs a word before it
    ],
)
def test_a_match_on_any_unnegated_word_decides(text: str) -> None:
    outcome = _propose(text)
    assert outcome.code == "N-LARK"
    assert ReviewReason.NEGATED_WORDS not in outcome.flags
