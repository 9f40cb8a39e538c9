"""What every store must do with memory snapshots (schema v10 / migration 0013): keep each
tenant's latest snapshot whole (any bytes), apart from other tenants', and never let a snapshot
at an earlier review position replace a later one, in whatever order concurrent writers come."""

from __future__ import annotations

import os

import pytest

from app.domain.memory_snapshots import MemorySnapshot
from app.errors import ItemNotFoundError
from app.ports import Store
from tests.contract.builders import CEST, TENANT_A, TENANT_B, at, tenant
from tests.contract.store_contract import race

BODY = bytes(range(256)) * 3 + b"\x00\n\r'\"\\"  # every byte value, NULs and quotes included


def snap(position: int, body: bytes = BODY, tenant_id: str = TENANT_A) -> MemorySnapshot:
    return MemorySnapshot(tenant_id, position, body, at(position).astimezone(CEST))


class MemoryStoreContract:
    @pytest.fixture
    def memory_store(self, store: Store) -> Store:
        store.put_tenant(tenant(TENANT_A))
        store.put_tenant(tenant(TENANT_B))
        return store

    def test_none_is_kept_at_first(self, memory_store: Store) -> None:
        assert memory_store.load_memory(TENANT_A) is None

    def test_a_snapshot_is_read_back_whole(self, memory_store: Store) -> None:
        assert memory_store.save_memory(snap(7)) is True
        kept = memory_store.load_memory(TENANT_A)
        assert kept is not None
        assert (kept.tenant, kept.position, kept.body) == (TENANT_A, 7, BODY)
        assert kept.saved_at == at(7)
        assert memory_store.load_memory(TENANT_B) is None

    def test_a_later_position_replaces_and_an_earlier_one_never_does(
        self, memory_store: Store
    ) -> None:
        assert memory_store.save_memory(snap(10, b"ten")) is True
        assert memory_store.save_memory(snap(4, b"four")) is False
        assert memory_store.save_memory(snap(10, b"ten again")) is True  # same reviews
        assert memory_store.save_memory(snap(12, b"twelve")) is True
        assert memory_store.save_memory(snap(11, b"eleven")) is False
        kept = memory_store.load_memory(TENANT_A)
        assert kept is not None
        assert (kept.position, kept.body) == (12, b"twelve")

    def test_tenants_keep_their_own(self, memory_store: Store) -> None:
        memory_store.save_memory(snap(50, b"a's"))
        memory_store.save_memory(snap(3, b"b's", TENANT_B))  # earlier than A's: still kept
        a, b = memory_store.load_memory(TENANT_A), memory_store.load_memory(TENANT_B)
        assert a is not None
        assert b is not None
        assert (a.position, a.body, b.position, b.body) == (50, b"a's", 3, b"b's")

    def test_an_unknown_tenant_keeps_nothing(self, memory_store: Store) -> None:
        with pytest.raises(ItemNotFoundError):
            memory_store.save_memory(snap(1, tenant_id="nobody-here"))
        assert memory_store.load_memory("nobody-here") is None

    def test_a_large_snapshot_round_trips(self, memory_store: Store) -> None:
        body = os.urandom(3 * 1024 * 1024)  # incompressible: as large as it gets on the wire
        memory_store.save_memory(snap(1, body))
        kept = memory_store.load_memory(TENANT_A)
        assert kept is not None
        assert kept.body == body

    def test_concurrent_writers_leave_the_latest_position(self, memory_store: Store) -> None:
        positions = [5, 40, 17, 33, 2, 39, 12, 28]
        kept = race(
            len(positions), lambda i: memory_store.save_memory(snap(positions[i], b"%d" % i))
        )
        assert kept[positions.index(40)] is True  # the latest always wins, whenever it came
        final = memory_store.load_memory(TENANT_A)
        assert final is not None
        assert (final.position, final.body) == (40, b"%d" % positions.index(40))
