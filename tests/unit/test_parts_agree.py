"""A combined entry whose parts each point at one code, while only the whole, its words taken
from different parts, matches another: "gala photos (0.3); volunteer release (1.5)" is two
timed pieces of pro bono work, not gala publicity. The entry goes to a person as mixed; one
activity written in pieces, with no durations ("press check-in + photographer at the gala"),
is left to the whole."""

from __future__ import annotations

from typing import Any

from app.classify.memory import Memory
from app.config import Settings
from app.domain.decisions import Decision, ReviewReason
from app.domain.rulebook import RuleBook
from app.domain.rules import ClientRules, FirmRules
from app.factory import build_cascade
from tests.unit.engine_book import FIRM, NORTH, entry

PRO_BONO = {"id": "n-pb", "clause": "§2", "code": "N-P1", "priority": 18,
            "when": {"words": ["photos", "volunteer", "press"]}}  # fmt: skip
GALA = {"id": "n-gala", "clause": "§3", "code": "N-REG", "priority": 30,
        "when": {"all": [{"words": ["gala"]}, {"words": ["release", "press"]}]}}  # fmt: skip


def _decide(text: str, **fields: Any) -> Decision:
    north = ClientRules.model_validate({**NORTH, "rules": [PRO_BONO, GALA]})
    book = RuleBook.build(FirmRules.model_validate(FIRM), [north], {"north": "v1"}, "f1")
    cascade = build_cascade(Settings(llm_provider="none"), book, Memory())
    return cascade.classify(entry(text, **fields))


def test_timed_parts_that_agree_against_the_whole_go_to_a_person() -> None:
    found = _decide("gala photos (0.3); volunteer release (1.5)")
    assert found.code == "N-REG"  # the whole's reading is still proposed
    assert ReviewReason.MIXED_ACTIVITIES in found.review_reasons
    assert "each part alone looks like N-P1" in found.reason


def test_one_activity_written_in_pieces_is_left_to_the_whole() -> None:
    found = _decide("gala photos + volunteer release")
    assert found.code == "N-REG"
    assert ReviewReason.MIXED_ACTIVITIES not in found.review_reasons
