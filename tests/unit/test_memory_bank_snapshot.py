"""The worker's memory (taught by reviews) is saved per tenant and loaded on a cold start."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.decisions import Basis, Decision, Stage
from app.domain.reviews import ReviewAction, ReviewRecord
from app.review import learning
from app.review.learning import MemoryBank
from tests.unit.engine_book import entry


class _Log:
    """Just the review log of a store (``Store.reviews``), counting what is read."""

    def __init__(self) -> None:
        self.log: list[ReviewRecord] = []
        self.read = 0

    def add(self, text: str, code: str) -> None:
        decided = Decision(
            entry_key=entry(text).key, entry_version="1", client_id="north", code=code,
            billable=False, billable_fraction=Decimal(1), rate=None, amount=Decimal(0),
            basis=Basis.HOURLY, hours=Decimal(1), confidence=1.0, needs_review=False,
            review_reasons=(), stage=Stage.REVIEW, reason="reviewed",
        )  # fmt: skip
        seq = len(self.log) + 1
        self.log.append(
            ReviewRecord(
                id=f"rv-{seq}",
                tenant="t1",
                item_id=f"i{seq}",
                reviewer="dana",
                at=datetime(2026, 3, 4, tzinfo=UTC),
                action=ReviewAction.CHANGE_CODE,
                after=(decided,),
                client_id="north",
                description=text,
                seq=seq,
            )
        )

    def reviews(self, tenant: str, *, after_seq: int = 0, limit: int = 1000, **_: Any) -> Any:
        found = [r for r in self.log if r.tenant == tenant and r.seq > after_seq][:limit]
        self.read += len(found)
        return found


def test_a_cold_bank_loads_the_saved_memory_and_reads_only_later_reviews(
    tmp_path: Path,
) -> None:
    log = _Log()
    for i in range(30):
        log.add(f"weekly ops sync {i} with dana", "N-P2")
    log.add("drive to fresno depot", "N-TRAVEL")
    warm = MemoryBank(log, refresh_s=0, cache_dir=tmp_path)  # type: ignore[arg-type]
    assert warm.memory("t1").recall("north", "drive to fresno depot") is not None
    assert [p.name for p in tmp_path.iterdir()] == ["t1-reviews.memory"]
    log.add("lane model tuning", "N-P1")
    log.read = 0
    cold = MemoryBank(log, refresh_s=0, cache_dir=tmp_path)  # type: ignore[arg-type]
    memory = cold.memory("t1")
    assert log.read <= 3  # the check of the saved position, and the one review since
    assert len(memory) == len(warm.memory("t1"))
    for text in ("drive to fresno depot", "lane model tuning", "weekly ops sync with dana"):
        assert memory.recall("north", text) == warm.memory("t1").recall("north", text)


def test_a_snapshot_of_another_review_log_is_not_used(tmp_path: Path) -> None:
    first, other = _Log(), _Log()
    first.add("drive to fresno depot", "N-TRAVEL")
    other.add("drive to fresno depot", "N-P2")  # same position, another answer
    MemoryBank(first, refresh_s=0, cache_dir=tmp_path).memory("t1")  # type: ignore[arg-type]
    memory = MemoryBank(other, refresh_s=0, cache_dir=tmp_path).memory("t1")  # type: ignore[arg-type]
    recall = memory.recall("north", "drive to fresno depot")
    assert recall is not None
    assert recall.code == "N-P2"
    assert learning.SAVE_EVERY > 1
