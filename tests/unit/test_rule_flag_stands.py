"""A rule whose author flags every entry it matches for a person ("level follows the person:
RPL-CTA if done by Rafael Ortega or Hao Chen") knows what memory's habit cannot: when memory
decides such an entry (the same words approved before, by whoever wrote them), the flag stays
and the entry goes to a person (``rule_flag``). Without a flag, memory decides as before."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.classify.cascade import Cascade
from app.classify.memory import Memory, MemoryStage
from app.classify.rules_stage import RulesStage
from app.domain.decisions import Decision, ReviewReason, Stage
from app.domain.rulebook import RuleBook
from app.domain.rules import ClientRules, FirmRules
from tests.unit.engine_book import FIRM, NORTH, entry

TEXT = "Delgado exhibits - transl. ES (Ex. 33)"
LEVEL = {"id": "n-level", "clause": "§2.2", "code": "N-REG", "priority": 30, "confidence": 0.6,
         "flag": "level follows the person: N-P1 if done by a Level A reviewer",
         "when": {"words": ["exhibits"]}}  # fmt: skip


def _decide(rule: dict[str, Any]) -> Decision:
    north = ClientRules.model_validate({**NORTH, "rules": [rule]})
    book = RuleBook.build(FirmRules.model_validate(FIRM), [north], {"north": "v1"}, "f1")
    memory = Memory()
    for _ in range(4):
        memory.learn("north", TEXT, "N-TRAVEL")
    cascade = Cascade(book, [RulesStage(), MemoryStage(memory)], memory=memory)
    return cascade.classify(entry(TEXT, project="NW Compliance", work_date=date(2026, 11, 20)))


def test_memory_deciding_an_entry_a_rule_flags_leaves_it_to_a_person() -> None:
    decision = _decide(LEVEL)
    assert (decision.code, decision.stage) == ("N-TRAVEL", Stage.MEMORY)
    assert decision.needs_review
    assert ReviewReason.RULE_FLAG in decision.review_reasons
    assert (
        "the rule memory passed over flags it: level follows the person: N-P1 if done by a"
        " Level A reviewer" in decision.reason
    )


def test_memory_decides_past_an_unflagged_rule() -> None:
    decision = _decide({**LEVEL, "flag": None})
    assert decision.stage is Stage.MEMORY
    assert not decision.needs_review, decision.reason
