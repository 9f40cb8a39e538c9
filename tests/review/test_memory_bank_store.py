"""The worker's memory, taught by reviews, is kept in the store per tenant with the review log
position it was learned up to: a cold bank loads it and reads only the reviews after it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.adapters.sqlite_store import SqliteStore
from app.domain.decisions import Stage
from app.domain.memory_snapshots import MemorySnapshot
from app.domain.reviews import ReviewRecord
from app.review import learning
from app.review.learning import MemoryBank
from tests.contract.builders import TENANT_A, TENANT_B, at, decision, tenant
from tests.contract.review_contract import flagged, review

TEXTS = ("weekly ops sync with dana", "drive to fresno depot", "lane model tuning",
         "qbr deck for the board", "regulator filing review")  # fmt: skip


class Counting:
    """The store, noting every review ``Store.reviews`` hands out and every save."""

    def __init__(self, store: SqliteStore) -> None:
        self.store = store
        self.read: list[int] = []
        self.saved: list[int] = []

    def reviews(self, tenant: str, **kwargs: Any) -> list[ReviewRecord]:
        found = self.store.reviews(tenant, **kwargs)
        self.read += [r.seq for r in found]
        return found

    def save_memory(self, snapshot: MemorySnapshot) -> bool:
        self.saved.append(snapshot.position)
        return self.store.save_memory(snapshot)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore(tmp_path / "timebill.sqlite3") as store:
        store.put_tenant(tenant(TENANT_A))
        store.put_tenant(tenant(TENANT_B))
        yield store


def reviewed(store: SqliteStore, n: int, text: str, code: str, tenant_id: str = TENANT_A) -> int:
    """A person's review of item ``n`` to ``code``; its position in the review log."""
    item = flagged(store, f"evt-{tenant_id}-{n}", tenant_id=tenant_id, minutes=n)
    after = decision(code, needs_review=False, review_reasons=(), stage=Stage.REVIEW,
                     confidence=1.0)  # fmt: skip
    kept = store.record_review(review(item, f"rv-{n}", description=text, after=(after,)))
    return kept.seq


def answers(bank: MemoryBank) -> list[str | None]:
    memory = bank.memory(TENANT_A)
    return [(found.code if (found := memory.recall("acme", t)) else None) for t in TEXTS]


def test_a_cold_bank_reads_no_review_before_the_kept_position(store: SqliteStore) -> None:
    for n in range(40):
        reviewed(store, n, f"{TEXTS[n % 4]} {n}", f"ACME-{n % 4}")
    warm = MemoryBank(store, refresh_s=0)
    warm.memory(TENANT_A)  # seeded from the whole log, and kept
    kept = store.load_memory(TENANT_A)
    assert kept is not None
    position = kept.position
    assert position == store.reviews(TENANT_A)[-1].seq
    later = reviewed(store, 99, TEXTS[4], "ACME-FILING")
    counting = Counting(store)
    cold = MemoryBank(counting, refresh_s=0)  # type: ignore[arg-type]  # a store, counted
    assert answers(cold) == answers(warm)
    assert answers(cold)[4] == "ACME-FILING"
    assert counting.read == [later]  # nothing before the position was read again
    assert len(cold.memory(TENANT_A)) == len(warm.memory(TENANT_A))


def test_without_a_kept_snapshot_the_whole_log_is_read(store: SqliteStore) -> None:
    """What the test above rules out: here the store holds no snapshot."""
    seqs = [reviewed(store, n, TEXTS[n % 5], "ACME-OPS") for n in range(6)]
    counting = Counting(store)
    MemoryBank(counting, refresh_s=0).memory(TENANT_A)  # type: ignore[arg-type]
    assert counting.read == seqs
    assert counting.saved == [seqs[-1]]  # the first seeding is kept


def test_the_snapshot_is_written_every_save_every_reviews(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(learning, "SAVE_EVERY", 3)
    counting = Counting(store)
    bank = MemoryBank(counting, refresh_s=0)  # type: ignore[arg-type]
    seqs = [reviewed(store, 0, TEXTS[0], "ACME-OPS")]
    bank.memory(TENANT_A)
    for n in range(1, 8):
        seqs.append(reviewed(store, n, TEXTS[n % 5], "ACME-OPS"))
        bank.memory(TENANT_A)
    assert counting.saved == [seqs[0], seqs[3], seqs[6]]
    kept = store.load_memory(TENANT_A)
    assert kept is not None
    assert kept.position == seqs[6]


def test_a_bank_behind_the_store_never_replaces_a_later_snapshot(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(learning, "SAVE_EVERY", 1)
    for n in range(3):
        reviewed(store, n, TEXTS[n], "ACME-OPS")
    behind = MemoryBank(store, refresh_s=3600)
    behind.memory(TENANT_A)  # learned up to review 3, and will not look again for an hour
    later = reviewed(store, 3, TEXTS[3], "ACME-DECK")
    MemoryBank(store, refresh_s=0).memory(TENANT_A)  # another worker: kept at review 4
    state = behind._tenants[TENANT_A]  # force the older bank to write
    pending = behind._snapshot(state)
    assert pending is not None
    behind._save(TENANT_A, *pending)
    kept = store.load_memory(TENANT_A)
    assert kept is not None
    assert kept.position == later


def test_an_unreadable_snapshot_is_relearned_and_replaced(
    store: SqliteStore, caplog: pytest.LogCaptureFixture
) -> None:
    seqs = [reviewed(store, n, TEXTS[n], f"ACME-{n}") for n in range(3)]
    store.save_memory(MemorySnapshot(TENANT_A, seqs[-1], b"another format", at()))
    counting = Counting(store)
    with caplog.at_level(logging.WARNING, "timebill.learning"):
        bank = MemoryBank(counting, refresh_s=0)  # type: ignore[arg-type]
        assert answers(bank)[:3] == ["ACME-0", "ACME-1", "ACME-2"]
    assert "not readable here; relearning" in caplog.text
    assert counting.read == seqs
    kept = store.load_memory(TENANT_A)
    assert kept is not None
    assert kept.body != b"another format"
    assert answers(MemoryBank(store, refresh_s=0))[:3] == ["ACME-0", "ACME-1", "ACME-2"]


def test_a_failing_save_costs_a_relearn_not_a_classification(
    store: SqliteStore, caplog: pytest.LogCaptureFixture
) -> None:
    class Refusing(Counting):
        def save_memory(self, snapshot: MemorySnapshot) -> bool:
            self.saved.append(snapshot.position)
            raise RuntimeError("the store has no memory_snapshots yet")

    reviewed(store, 0, TEXTS[0], "ACME-OPS")
    refusing = Refusing(store)
    bank = MemoryBank(refusing, refresh_s=0)  # type: ignore[arg-type]
    with caplog.at_level(logging.ERROR, "timebill.learning"):
        assert answers(bank)[0] == "ACME-OPS"
        assert answers(bank)[0] == "ACME-OPS"
    assert "could not save the memory snapshot" in caplog.text
    assert len(refusing.saved) == 1  # not tried again on every classification


def test_a_review_in_the_snapshot_is_not_taught_twice(store: SqliteStore) -> None:
    seq = reviewed(store, 0, TEXTS[0], "ACME-OPS")
    MemoryBank(store, refresh_s=0).memory(TENANT_A)  # kept at ``seq``
    cold = MemoryBank(store, refresh_s=0)
    size = len(cold.memory(TENANT_A))
    [again] = store.reviews(TENANT_A)
    assert again.seq == seq
    assert cold.teach(TENANT_A, again) is False
    assert len(cold.memory(TENANT_A)) == size


def test_tenants_keep_their_own_memory(store: SqliteStore) -> None:
    reviewed(store, 0, TEXTS[0], "ACME-OPS")
    reviewed(store, 1, TEXTS[0], "GLOBEX-OPS", tenant_id=TENANT_B)
    warm = MemoryBank(store, refresh_s=0)
    warm.memory(TENANT_A)
    warm.memory(TENANT_B)
    cold = MemoryBank(store, refresh_s=0)
    b = cold.memory(TENANT_B).recall("acme", TEXTS[0])
    assert b is not None
    assert b.code == "GLOBEX-OPS"
    assert answers(cold)[0] == "ACME-OPS"
