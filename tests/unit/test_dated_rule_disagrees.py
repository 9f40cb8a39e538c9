"""Memory repeats what was approved for the same words; a rule that read the entry's date,
weekday, start time or hours and gave another code knows what memory cannot (an overage notice
since which the work is billed apart, an incident's after-hours rate on a Saturday). When memory
decides against such a rule, the entry goes to a person (``dated_rule_disagrees``)."""

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

TEXT = "firewall change plan"
OVERAGE = {"id": "n-over", "clause": "§3.2", "code": "N-P2", "priority": 30, "confidence": 0.6,
           "when": {"all": [{"project": ["NW Compliance"]},
                            {"dates": {"from": "2026-11-17", "to": "2026-11-30"}}]}}  # fmt: skip
PICKED = {**OVERAGE, "id": "n-picked", "when": {"project": ["NW Compliance"]}}


def _decide(rule: dict[str, Any], day: date, habit: str = "N-REG") -> Decision:
    north = ClientRules.model_validate({**NORTH, "rules": [rule]})
    book = RuleBook.build(FirmRules.model_validate(FIRM), [north], {"north": "v1"}, "f1")
    memory = Memory()
    for _ in range(4):
        memory.learn("north", TEXT, habit)
    cascade = Cascade(book, [RulesStage(), MemoryStage(memory)], memory=memory)
    return cascade.classify(entry(TEXT, project="NW Compliance", work_date=day))


def test_memory_against_a_rule_that_read_the_date_goes_to_a_person() -> None:
    decision = _decide(OVERAGE, date(2026, 11, 20))
    assert (decision.code, decision.stage) == ("N-REG", Stage.MEMORY)
    assert decision.needs_review
    assert decision.review_reasons == (ReviewReason.DATED_RULE_DISAGREES,)
    assert "reads the entry's date or time, which memory does not, and says N-P2" in (
        decision.reason
    )


def test_memory_decides_against_a_rule_that_read_no_date_or_that_agrees() -> None:
    undated = _decide(PICKED, date(2026, 11, 20))
    agreeing = _decide(OVERAGE, date(2026, 11, 20), habit="N-P2")
    for decision in (undated, agreeing):
        assert decision.stage is Stage.MEMORY
        assert not decision.needs_review, decision.reason
