"""Internal time with a note the firm's vague list names ("emails"): memory's answer is only the
code such notes were most often approved as, not what this entry's time was, so a person
decides it. A note that is merely short ("PTO") is the firm's own shorthand and stays decided;
a client's vague note is flagged as before."""

from __future__ import annotations

from pathlib import Path

from app.classify.cascade import Cascade
from app.classify.memory import Memory
from app.config import Settings
from app.domain.decisions import ReviewReason, Stage
from app.factory import build_cascade
from app.rules.loader import load_rulebook
from tests.unit.engine_book import entry

REPO = Path(__file__).resolve().parents[2]
INTERNAL = {"client": "Kestrel Ridge Advisory", "project": "Internal"}


def _cascade(*taught: tuple[str, str]) -> Cascade:
    memory = Memory()
    for text, code in taught:
        for _ in range(4):
            memory.learn(None, text, code)
    return build_cascade(Settings(llm_provider="none"), load_rulebook(REPO / "sow_rules"), memory)


def test_memorys_habit_for_a_listed_vague_internal_note_goes_to_a_person() -> None:
    cascade = _cascade(("emails", "INT-BD"), ("zorbly", "INT-BD"))
    vague = cascade.classify(entry("emails", **INTERNAL))
    assert (vague.code, vague.stage) == ("INT-BD", Stage.MEMORY)
    assert vague.needs_review
    assert ReviewReason.VAGUE in vague.review_reasons
    plain = cascade.classify(entry("zorbly", **INTERNAL))
    assert (plain.code, plain.stage, plain.needs_review) == ("INT-BD", Stage.MEMORY, False)
