"""The per-entry deadline is for what waits on the outside (Claude): the rules and memory always
run, so a classification does not depend on how loaded the machine was. (A busy machine can
stretch the first entry of a client, which compiles its rules, past the budget; that entry was
then sent to review as ``deadline`` with memory never asked, and a rerun decided it.)"""

from __future__ import annotations

from pathlib import Path

from app.classify.memory import Memory
from app.config import Settings
from app.domain.decisions import ReviewReason, Stage
from app.factory import build_cascade
from app.rules.loader import load_rulebook
from tests.unit.engine_book import entry

REPO = Path(__file__).resolve().parents[2]

TEXTS = ("drive to Stockton depot for mock audit", "quincunx zephyr notes")


def test_no_time_left_changes_nothing_the_rules_or_memory_decide() -> None:
    memory = Memory()
    for _ in range(4):
        memory.learn("northwind", "quincunx zephyr notes", "NWF-OPS")
    cascade = build_cascade(Settings(llm_provider="none"), load_rulebook(REPO / "sow_rules"),
                            memory)  # fmt: skip
    on_time = [cascade.classify(entry(t)) for t in TEXTS]
    cascade.deadline_s = 0.0  # every entry's budget spent before its first stage
    late = [cascade.classify(entry(t)) for t in TEXTS]
    assert [(d.code, d.stage) for d in on_time] == [
        ("NWF-TRAVEL", Stage.RULES), ("NWF-OPS", Stage.MEMORY)]  # fmt: skip
    for before, after in zip(on_time, late, strict=True):
        assert (after.code, after.stage, after.needs_review) == (
            before.code, before.stage, before.needs_review)  # fmt: skip
        assert ReviewReason.DEADLINE not in after.review_reasons
