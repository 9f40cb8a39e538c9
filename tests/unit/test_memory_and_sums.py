"""The memory stage (recall of approved entries) and the checks across entries (caps, days)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.classify.cascade import Cascade
from app.classify.memory import Memory, MemoryStage
from app.classify.rules_stage import RulesStage
from app.classify.sums import apply_sums
from app.domain.decisions import ReviewReason, Stage
from tests.unit.engine_book import book, entry


def _memory(*pairs: tuple[str | None, str, str], repeat: int = 1) -> Memory:
    memory = Memory(min_similarity=0.75)
    for _ in range(repeat):
        for client, text, code in pairs:
            memory.learn(client, text, code)
    return memory


def test_exact_repeat_with_consistent_labels_is_trusted() -> None:
    memory = _memory(("north", "Weekly ops sync w/ Dana NWF-1423", "N-P2"), repeat=4)
    recall = memory.recall("north", "weekly ops sync w/ dana NWF-2001")
    assert recall is not None
    assert (recall.code, recall.support, recall.similarity) == ("N-P2", 4, 1.0)
    assert recall.confidence == round(4 / 4.25, 4)


def test_a_single_sighting_is_not_enough() -> None:
    recall = _memory(("north", "lane optimisation model", "N-P2")).recall(
        "north", "lane optimisation model"
    )
    assert recall is not None
    assert recall.confidence < 0.85


def test_inconsistent_labels_lower_confidence() -> None:
    memory = _memory(("north", "data review", "N-P1"), ("north", "data review", "N-P2"), repeat=3)
    recall = memory.recall("north", "data review")
    assert recall is not None
    assert recall.confidence < 0.6


def test_memory_never_crosses_clients() -> None:
    memory = _memory(("south", "portal sprint planning", "S-FIX"), repeat=5)
    assert memory.recall("north", "portal sprint planning") is None


def test_near_duplicate_is_recalled_with_its_similarity() -> None:
    memory = _memory(
        ("north", "update driver qualification files for audit", "N-REG"),
        ("north", "lane model tuning", "N-P1"),
        ("north", "invoice dispute call", "N-P2"),
        repeat=5,
    )
    recall = memory.recall("north", "updated driver qualification files for DOT audit")
    assert recall is not None
    assert recall.code == "N-REG"
    assert 0.75 <= recall.similarity < 1.0


def test_unrelated_text_is_not_recalled() -> None:
    memory = _memory(("north", "update driver qualification files", "N-REG"), repeat=5)
    assert memory.recall("north", "office party planning") is None


def test_memory_stage_decides_after_rules_abstain_and_respects_dates() -> None:
    memory = _memory(("north", "lane model tuning", "N-P1"), repeat=6)
    cascade = Cascade(book(), [RulesStage(), MemoryStage(memory)])
    march = cascade.classify(entry("lane model tuning"))
    july = cascade.classify(entry("lane model tuning", work_date=date(2026, 7, 8)))
    assert (march.code, march.stage, march.needs_review) == ("N-P1", Stage.MEMORY, False)
    assert july.code == "N-P2"  # phase 1 closed on 2026-06-19: the successor takes the work


def test_nearest_examples_for_the_prompt_are_the_clients_own() -> None:
    memory = _memory(("north", "fleet audit prep", "N-REG"), ("south", "fleet audit prep", "S-FIX"))
    assert memory.nearest_examples("north", "fleet audit preparation", 3) == [
        ("fleet audit prep", "N-REG")
    ]


def test_monthly_hours_cap_flags_entries_past_it_in_date_order() -> None:
    rules = book()
    cascade = Cascade(rules, [RulesStage()])
    entries = [
        entry("pipeline build", work_date=date(2026, 7, d), hours=Decimal(4)) for d in (9, 6, 7, 8)
    ]
    decisions, alerts = apply_sums(rules, entries, [cascade.classify(e) for e in entries])
    over = [
        e.work_date.day
        for e, d in zip(entries, decisions, strict=True)
        if ReviewReason.OVER_CAP in d.review_reasons
    ]
    assert over == [9, 8]  # 4+4 = 8 h by the 7th, the 8th crosses 10 h
    assert [(a.code, a.period, a.used, a.limit) for a in alerts] == [
        ("N-P2", "2026-07", Decimal(16), Decimal(10))
    ]


def test_a_person_day_over_the_limit_flags_that_days_entries() -> None:
    rules = book()
    cascade = Cascade(rules, [RulesStage()])
    long_day = [entry("drive to depot", hours=Decimal(7)) for _ in range(2)]
    normal = [entry("drive to depot", hours=Decimal(7), work_date=date(2026, 3, 5))]
    entries = long_day + normal
    decisions, _ = apply_sums(rules, entries, [cascade.classify(e) for e in entries])
    assert [ReviewReason.OVER_DAY_HOURS in d.review_reasons for d in decisions] == [
        True,
        True,
        False,
    ]
    assert all(d.code == "N-TRAVEL" for d in decisions)  # sums flag, they never recode
