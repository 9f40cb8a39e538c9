"""The approved history a tenant's rules are published with teaches the tenant's memory, kept in
the store: a cold worker starts from it, a warm one loads it again when the rules in force name
a history it did not start from, and the same history imported again teaches nothing twice."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.adapters.sqlite_store import SqliteStore
from app.classify.calibration import Calibration
from app.classify.cascade import Cascade
from app.classify.memory import Memory
from app.domain.rulebook import RuleBook
from app.review.history_seed import seed_memory
from app.review.learning import MemoryBank, read_snapshot
from app.rules.backtest import Labelled, history_fingerprint
from app.service.classifiers import Classifiers
from tests.contract.builders import TENANT_A, tenant
from tests.review.test_memory_bank_store import reviewed
from tests.unit.engine_book import book, entry

NOW = datetime(2026, 11, 30, tzinfo=UTC)
WRITE_OFF = "organize production folders"


def _history(extra: int = 0) -> list[Labelled]:
    items = [(WRITE_OFF, "N-OOS")] * 3 + [(f"drive to depot {i}", "N-TRAVEL") for i in range(12)]
    items += [(f"lane model tuning {i}", "N-P2") for i in range(extra)]
    return [Labelled(entry(text), code, "history.csv", row) for row, (text, code) in
            enumerate(items, start=2)]  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore(tmp_path / "timebill.sqlite3") as store:
        store.put_tenant(tenant(TENANT_A))
        yield store


def _recall(memory: Memory, text: str) -> str | None:
    found = memory.recall("north", text)
    return found.code if found else None


def test_a_cold_bank_starts_from_the_history_and_the_reviews_before_it(
    store: SqliteStore,
) -> None:
    seq = reviewed(store, 1, "qbr deck for the board", "N-P1")
    seeded = seed_memory(store, TENANT_A, book(), _history(), now=NOW)
    assert (seeded.learned, seeded.reviews) == (15, 1)
    kept = store.load_memory(TENANT_A)
    assert kept is not None
    assert kept.position == seq
    found = read_snapshot(kept, 0.75)
    assert found is not None
    assert found[1] == history_fingerprint(_history()) == seeded.fingerprint
    memory = MemoryBank(store, refresh_s=0).memory(TENANT_A)
    assert _recall(memory, WRITE_OFF) == "N-OOS"
    assert memory.trust is not None  # measured on the history's newest part, as the CLI does


def test_the_same_history_again_teaches_nothing_twice(store: SqliteStore) -> None:
    seed_memory(store, TENANT_A, book(), _history(), now=NOW)
    again = seed_memory(store, TENANT_A, book(), list(reversed(_history())), now=NOW)
    assert again.already  # the same entries in another order: the same history
    assert again.learned == 0
    memory = MemoryBank(store, refresh_s=0).memory(TENANT_A)
    recall = memory.recall("north", WRITE_OFF)
    assert recall is not None
    assert recall.support == 3  # learned once, not twice
    assert seed_memory(store, TENANT_A, book(), _history(extra=2), now=NOW).learned == 17


def test_a_warm_bank_loads_the_memory_the_rules_in_force_name(
    store: SqliteStore, caplog: pytest.LogCaptureFixture
) -> None:
    bank = MemoryBank(store, refresh_s=0)
    assert _recall(bank.memory(TENANT_A), WRITE_OFF) is None  # warm, before the import
    seeded = seed_memory(store, TENANT_A, book(), _history(), now=NOW)
    assert _recall(bank.memory(TENANT_A), WRITE_OFF) is None  # no new rules yet: as it was
    warm = bank.memory(TENANT_A, seeded.fingerprint)
    assert _recall(warm, WRITE_OFF) == "N-OOS"
    assert bank.memory(TENANT_A, seeded.fingerprint) is warm  # loaded once
    for n in range(2, 4):  # the bank's own next snapshot keeps the history it started from
        reviewed(store, n, f"lane model tuning {n}", "N-P2")
    bank.memory(TENANT_A, seeded.fingerprint)
    kept = store.load_memory(TENANT_A)
    assert kept is not None
    found = read_snapshot(kept, 0.75)
    assert found is not None
    assert found[1] == seeded.fingerprint
    with caplog.at_level(logging.WARNING, logger="timebill.learning"):
        missing = bank.memory(TENANT_A, "another-history")
        assert bank.memory(TENANT_A, "another-history") is missing  # looked for once
    assert [r.message for r in caplog.records].count(
        f"tenant {TENANT_A}: the store keeps no memory taught by the history its rules were"
        " published with; using the memory kept (import the rules again with --history)"
    ) == 1


def test_the_worker_cascade_takes_the_memory_the_rules_in_force_name(store: SqliteStore) -> None:
    rules = book()
    bank = MemoryBank(store, refresh_s=0)
    calibration = Calibration()

    class Provider:
        def calibrated(self, tenant: str) -> tuple[RuleBook, Calibration]:
            del tenant
            return rules, calibration

    classifiers = Classifiers(Provider(), lambda b, m, c: Cascade(b, [], memory=m), bank.memory)
    before = classifiers.cascade_for(TENANT_A)
    assert before.memory is not None
    assert _recall(before.memory, WRITE_OFF) is None
    seeded = seed_memory(store, TENANT_A, rules, _history(), now=NOW)
    calibration = Calibration(memory_seed=seeded.fingerprint)  # the version published with it
    after = classifiers.cascade_for(TENANT_A)
    assert after is not before  # the same rules, another memory: built again
    assert after.memory is not None
    assert _recall(after.memory, WRITE_OFF) == "N-OOS"
    assert classifiers.cascade_for(TENANT_A) is after
