"""What every ``Store`` must do, written against the protocol only.

An adapter's test module subclasses ``StoreContract`` and provides a fresh, empty store::

    class TestSqliteStore(StoreContract):
        @pytest.fixture
        def store(self, tmp_path: Path) -> Iterator[Store]:
            with SqliteStore(tmp_path / "t.sqlite3") as store:
                yield store

Choices the contract fixes (so every adapter behaves alike):

- ``finish`` on an item the tenant does not own (another tenant's, or no such id) raises a
  ``LookupError`` and changes nothing: a worker must not believe it recorded what it did not.
- ``finish`` appends exactly one audit event; ``accept`` and ``claim`` append none. The detail
  carries the error when one is given, else ``decided CODE by STAGE``, else the status.
- ``finish`` without a decision keeps the one recorded earlier; with one, it replaces it.
- a lease is live while ``now < lease_until``; a retry is due once ``next_attempt_at <= now``.
- ``record_write`` keeps the first write of a (tenant, item, entry version): a repeat returns it
  unchanged, whatever record id and time it names. A record id already kept for another write
  of the tenant raises ``ValueError``; an item the tenant does not own raises ``LookupError``.
  Neither keeps anything, and recording appends nothing to the item's trail.
- ``put_mapping`` replaces the tenant's QuickBooks mapping; ``put_tenant`` leaves it alone; a
  tenant the store does not have raises ``LookupError``.
- ``broken_store`` is a store whose storage has failed. By default it is the ``store`` after
  its ``close()``; adapters without ``close()`` override the fixture (or the test is skipped).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import TypeVar

import pytest
from pydantic import SecretStr

from app.domain.decisions import Stage
from app.domain.entries import Source
from app.domain.inbox import FINAL, AuditEvent, InboxItem, Status, WriteRecord
from app.domain.mapping import QboMapping
from app.ports import Store, TenantDirectory
from tests.contract.builders import (
    CEST,
    SECRET_A1,
    SECRET_A2,
    TENANT_A,
    TENANT_B,
    at,
    decision,
    new_item,
    ref_item,
    tenant,
    time_entry,
)

R = TypeVar("R")
LEASE_S = 60.0
NOT_CLAIMABLE = sorted({*FINAL, Status.WAITING, Status.DEAD_LETTER})


def race(n: int, action: Callable[[int], R]) -> list[R]:
    """Run ``action(i)`` on ``n`` threads released at the same instant."""
    barrier = threading.Barrier(n, timeout=30)

    def run(i: int) -> R:
        barrier.wait()
        return action(i)

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))


def claimed(store: Store, item: InboxItem, minutes: float = 1) -> InboxItem:
    got = store.claim(item.tenant, item.id, now=at(minutes), lease_s=LEASE_S)
    assert got is not None, "fixture item should be claimable"
    return got


class StoreContract:
    @pytest.fixture
    def broken_store(self, store: Store) -> Store:
        close = getattr(store, "close", None)
        if not callable(close):
            pytest.skip("this adapter must override broken_store to inject a storage failure")
        close()
        return store

    @pytest.fixture(autouse=True)
    def _tenants(self, store: Store) -> None:
        store.put_tenant(tenant(TENANT_A))
        store.put_tenant(tenant(TENANT_B, name="Globex Partners"))

    # -- tenants ---------------------------------------------------------------------------

    def test_tenant_round_trips_with_secrets(self, store: Store) -> None:
        got = store.get_tenant(TENANT_A)
        assert got == tenant(TENANT_A)
        assert got is not None
        secrets = got.sources[Source.TOGGL].secrets
        assert all(isinstance(s, SecretStr) for s in secrets)
        assert [s.get_secret_value() for s in secrets] == [SECRET_A1, SECRET_A2]
        assert got.sources[Source.QUICKBOOKS].accounts == ("9130", "9131")

    def test_put_tenant_replaces_and_unknown_is_none(self, store: Store) -> None:
        changed = tenant(TENANT_A, name="Acme Renamed", paused=True, sources={})
        store.put_tenant(changed)
        assert store.get_tenant(TENANT_A) == changed
        assert store.get_tenant(TENANT_B) == tenant(TENANT_B, name="Globex Partners")
        assert store.get_tenant("nobody") is None

    def test_tenant_ids_lists_every_tenant_once_in_order(self, store: Store) -> None:
        assert isinstance(store, TenantDirectory)
        assert store.tenant_ids() == [TENANT_A, TENANT_B]
        store.put_tenant(tenant("aaa-first", name="First"))
        store.put_tenant(tenant(TENANT_B, paused=True))  # a replaced tenant is listed once
        assert store.tenant_ids() == ["aaa-first", TENANT_A, TENANT_B]

    # -- QuickBooks mapping ----------------------------------------------------------------

    def test_mapping_round_trips_per_tenant_and_edits_replace_it(self, store: Store) -> None:
        assert store.get_mapping(TENANT_A) is None
        first = QboMapping(realm="9130", customers={"acme": "58"}, items={"ACME-STRAT": "7"})
        store.put_mapping(TENANT_A, first)
        assert store.get_mapping(TENANT_A) == first
        assert store.get_mapping(TENANT_B) is None  # per tenant
        edited = first.model_copy(update={"employees": {"emp-4711": "55"}, "items": {}})
        store.put_mapping(TENANT_A, edited)
        assert store.get_mapping(TENANT_A) == edited
        assert store.get_mapping("nobody") is None

    def test_put_tenant_keeps_the_mapping(self, store: Store) -> None:
        mapping = QboMapping(realm="9130", customers={"acme": "58"})
        store.put_mapping(TENANT_A, mapping)
        store.put_tenant(tenant(TENANT_A, name="Acme Renamed"))
        assert store.get_mapping(TENANT_A) == mapping
        assert store.get_tenant(TENANT_A) == tenant(TENANT_A, name="Acme Renamed")

    def test_mapping_for_an_unknown_tenant_is_refused(self, store: Store) -> None:
        with pytest.raises(LookupError):
            store.put_mapping("nobody", QboMapping(realm="1"))
        assert store.get_mapping("nobody") is None

    # -- accept ----------------------------------------------------------------------------

    def test_accept_creates_a_received_item(self, store: Store) -> None:
        new = new_item(received_at=at(0).astimezone(CEST))  # stored as UTC, same instant
        item, created = store.accept(new)
        assert created is True
        assert kept_fields(item) == kept_fields(new)
        assert item.entry is not None
        assert new.entry is not None
        assert item.entry.model_dump_json() == new.entry.model_dump_json()
        assert (item.status, item.attempts, item.decision) == (Status.RECEIVED, 0, None)
        assert (item.lease_until, item.next_attempt_at, item.last_error) == (None, None, None)
        assert store.get(TENANT_A, item.id) == item

    @pytest.mark.parametrize(
        "offset",
        [timedelta(hours=23, minutes=59), timedelta(hours=-23, minutes=-59),
         timedelta(hours=1, microseconds=1), timedelta(hours=5, minutes=30, seconds=15)],
        ids=["+23:59", "-23:59", "microseconds", "seconds"],
    )  # fmt: skip
    def test_any_offset_python_allows_is_the_same_instant(
        self, store: Store, offset: timedelta
    ) -> None:
        """Times are instants: one in any offset a ``datetime`` can carry (PostgreSQL reads
        only up to +/-15:59, and no fraction of a second) is stored and compared as UTC."""
        zone = timezone(offset)
        item, _ = store.accept(new_item(received_at=at(0).astimezone(zone)))
        assert item.received_at == at(0)
        got = store.claim(TENANT_A, item.id, now=at(1).astimezone(zone), lease_s=LEASE_S)
        assert got is not None
        assert got.lease_until == at(2)
        assert store.claim(TENANT_A, item.id, now=at(1.5).astimezone(zone), lease_s=LEASE_S) is None
        store.finish(TENANT_A, item.id, Status.RETRYING, now=at(2).astimezone(zone),
                     next_attempt_at=at(5).astimezone(zone))  # fmt: skip
        assert store.due(now=at(4).astimezone(zone)) == []
        assert store.due(now=at(5).astimezone(zone)) == [(TENANT_A, item.id)]

    def test_an_entry_with_a_nul_from_a_tracker_is_kept_without_it(self, store: Store) -> None:
        """PostgreSQL refuses a NUL in text for good: a polled entry holding one blocked the
        poll at that page on Supabase while SQLite kept it. The entry drops it, in both."""
        entry = time_entry(description="drive\x00 to depot", tags=("on\x00site",),
                           user_name="Dana\x00", external_id="te-\x001001")  # fmt: skip
        item, created = store.accept(new_item(entry=entry))
        assert created is True
        assert item.entry is not None
        got = (item.entry.description, item.entry.tags, item.entry.user_name)
        assert got == ("drive to depot", ("onsite",), "Dana")
        assert item.entry.external_id == "te-1001"
        assert store.get(TENANT_A, item.id) == item

    def test_accept_keeps_an_id_only_event(self, store: Store) -> None:
        new = ref_item()
        item, created = store.accept(new)
        assert created is True
        assert (item.entry, item.ref) == (None, new.ref)
        assert store.get(TENANT_A, item.id) == item

    def test_duplicate_returns_the_same_item(self, store: Store) -> None:
        first, _ = store.accept(new_item("evt-1"))
        again = new_item("evt-1", received_at=at(5), event_type="time_entry.created")
        second, created = store.accept(again)
        assert created is False
        assert second.id == first.id
        assert second == first  # the first delivery's content is kept
        assert [i.id for i in store.items(TENANT_A)] == [first.id]

    def test_same_key_in_another_source_or_tenant_is_new(self, store: Store) -> None:
        a, _ = store.accept(new_item("evt-1"))
        b, b_new = store.accept(new_item("evt-1", source=Source.CLOCKIFY))
        c, c_new = store.accept(new_item("evt-1", tenant_id=TENANT_B))
        assert (b_new, c_new) == (True, True)
        assert len({a.id, b.id, c.id}) == 3
        assert len(store.items(TENANT_A)) == 2
        assert [i.id for i in store.items(TENANT_B)] == [c.id]

    def test_twenty_simultaneous_deliveries_create_one_item(self, store: Store) -> None:
        results = race(20, lambda _: store.accept(new_item("evt-race")))
        assert sum(created for _, created in results) == 1
        assert len({item.id for item, _ in results}) == 1
        assert len(store.items(TENANT_A)) == 1

    # -- claim -----------------------------------------------------------------------------

    def test_received_item_is_claimed_once(self, store: Store) -> None:
        item, _ = store.accept(new_item())
        got = store.claim(TENANT_A, item.id, now=at(1), lease_s=LEASE_S)
        assert got is not None
        assert (got.id, got.status, got.attempts) == (item.id, Status.PROCESSING, 1)
        assert got.lease_until == at(1) + timedelta(seconds=LEASE_S)
        assert store.claim(TENANT_A, item.id, now=at(1), lease_s=LEASE_S) is None
        assert store.get(TENANT_A, item.id) == got

    def test_processing_is_claimable_only_after_its_lease(self, store: Store) -> None:
        item, _ = store.accept(new_item())
        claimed(store, item, minutes=1)
        assert store.claim(TENANT_A, item.id, now=at(1, seconds=59), lease_s=LEASE_S) is None
        again = store.claim(TENANT_A, item.id, now=at(2, seconds=1), lease_s=LEASE_S)
        assert again is not None
        assert again.attempts == 2
        assert again.lease_until == at(2, seconds=1) + timedelta(seconds=LEASE_S)

    def test_retrying_is_claimable_once_due(self, store: Store) -> None:
        item, _ = store.accept(new_item())
        claimed(store, item)
        store.finish(TENANT_A, item.id, Status.RETRYING, now=at(2), next_attempt_at=at(10))
        assert store.claim(TENANT_A, item.id, now=at(9, seconds=59), lease_s=LEASE_S) is None
        got = store.claim(TENANT_A, item.id, now=at(10), lease_s=LEASE_S)
        assert got is not None
        assert (got.status, got.attempts) == (Status.PROCESSING, 2)

    @pytest.mark.parametrize("status", NOT_CLAIMABLE)
    def test_finished_waiting_and_dead_items_are_not_claimable(
        self, store: Store, status: Status
    ) -> None:
        item, _ = store.accept(new_item())
        claimed(store, item)
        store.finish(TENANT_A, item.id, status, now=at(2))
        assert store.claim(TENANT_A, item.id, now=at(60 * 24 * 30), lease_s=LEASE_S) is None
        got = store.get(TENANT_A, item.id)
        assert got is not None
        assert (got.status, got.attempts) == (status, 1)

    def test_claim_of_an_unknown_item_is_none(self, store: Store) -> None:
        assert store.claim(TENANT_A, "no-such-item", now=at(1), lease_s=LEASE_S) is None

    def test_ten_workers_claiming_one_item_one_wins(self, store: Store) -> None:
        item, _ = store.accept(new_item())
        results = race(10, lambda _: store.claim(TENANT_A, item.id, now=at(1), lease_s=LEASE_S))
        assert len([r for r in results if r is not None]) == 1
        got = store.get(TENANT_A, item.id)
        assert got is not None
        assert (got.status, got.attempts) == (Status.PROCESSING, 1)

    # -- finish ----------------------------------------------------------------------------

    def test_finish_records_the_decision_exactly(self, store: Store) -> None:
        item, _ = store.accept(new_item())
        claimed(store, item)
        made = decision()
        store.finish(TENANT_A, item.id, Status.POSTED, now=at(3), decision=made)
        got = store.get(TENANT_A, item.id)
        assert got is not None
        assert got.decision == made
        assert got.decision.model_dump_json() == made.model_dump_json()
        assert (got.status, got.lease_until, got.last_error) == (Status.POSTED, None, None)
        assert got.updated_at == at(3)

    def test_a_new_decision_replaces_and_none_keeps_it(self, store: Store) -> None:
        item, _ = store.accept(new_item())
        claimed(store, item)
        store.finish(TENANT_A, item.id, Status.RETRYING, now=at(2), decision=decision("A"))
        claimed(store, item, minutes=3)
        redo = decision("B", stage=Stage.CLAUDE, needs_review=True)
        store.finish(TENANT_A, item.id, Status.NEEDS_REVIEW, now=at(4), decision=redo)
        store.finish(TENANT_A, item.id, Status.WAITING, now=at(5))
        got = store.get(TENANT_A, item.id)
        assert got is not None
        assert (got.status, got.decision) == (Status.WAITING, redo)

    def test_finish_retrying_records_error_and_next_try(self, store: Store) -> None:
        item, _ = store.accept(new_item())
        claimed(store, item)
        store.finish(
            TENANT_A, item.id, Status.RETRYING, now=at(2),
            error="quickbooks server: 503", next_attempt_at=at(7),
        )  # fmt: skip
        got = store.get(TENANT_A, item.id)
        assert got is not None
        assert (got.status, got.last_error, got.next_attempt_at) == (
            Status.RETRYING, "quickbooks server: 503", at(7),
        )  # fmt: skip
        assert (got.lease_until, got.decision, got.attempts) == (None, None, 1)

    def test_trail_lists_each_finish_in_order(self, store: Store) -> None:
        item, _ = store.accept(new_item())
        claimed(store, item)
        store.finish(
            TENANT_A, item.id, Status.RETRYING, now=at(2), error="writer failed: ConnectError",
            next_attempt_at=at(3),
        )  # fmt: skip
        claimed(store, item, minutes=3)
        store.finish(TENANT_A, item.id, Status.POSTED, now=at(4), decision=decision())
        store.finish(TENANT_A, item.id, Status.SKIPPED, now=at(5))
        trail = store.trail(TENANT_A, item.id)
        assert all(isinstance(e, AuditEvent) and e.item_id == item.id for e in trail)
        assert [(e.at, e.status) for e in trail] == [
            (at(2), Status.RETRYING), (at(4), Status.POSTED), (at(5), Status.SKIPPED),
        ]  # fmt: skip
        assert "writer failed: ConnectError" in trail[0].detail
        assert "ACME-STRAT" in trail[1].detail
        assert "rules" in trail[1].detail
        assert "skipped" in trail[2].detail

    def test_trail_of_an_untouched_item_is_empty(self, store: Store) -> None:
        item, _ = store.accept(new_item())
        assert store.trail(TENANT_A, item.id) == []
        assert store.trail(TENANT_A, "no-such-item") == []

    # -- queries ---------------------------------------------------------------------------

    def test_due_lists_pending_work_oldest_first(self, store: Store) -> None:
        now = at(60)

        def make(key: str, minute: int, tenant_id: str = TENANT_A) -> str:
            item, _ = store.accept(new_item(key, tenant_id=tenant_id, received_at=at(minute)))
            return item.id

        ids = {k: make(k, m) for k, m in [("new", 5), ("due", 1), ("later", 2), ("stale", 3)]}
        ids |= {k: make(k, m) for k, m in [("live", 0), ("posted", 4), ("dead", 6)]}
        other = make("other", 4, TENANT_B)
        for key in ("due", "later"):
            store.claim(TENANT_A, ids[key], now=at(10), lease_s=LEASE_S)
        store.finish(TENANT_A, ids["due"], Status.RETRYING, now=at(11), next_attempt_at=now)
        store.finish(TENANT_A, ids["later"], Status.RETRYING, now=at(11), next_attempt_at=at(61))
        store.claim(TENANT_A, ids["stale"], now=at(50), lease_s=LEASE_S)
        store.claim(TENANT_A, ids["live"], now=at(59, seconds=30), lease_s=LEASE_S)
        for key, status in [("posted", Status.POSTED), ("dead", Status.DEAD_LETTER)]:
            store.finish(TENANT_A, ids[key], status, now=at(12))
        expected = [(TENANT_A, ids["due"]), (TENANT_A, ids["stale"]), (TENANT_B, other)]
        expected.append((TENANT_A, ids["new"]))
        assert store.due(now=now) == expected
        assert store.due(now=now, limit=2) == expected[:2]

    def test_counts_per_tenant_and_state_with_the_oldest_received(self, store: Store) -> None:
        assert store.counts() == []

        def make(key: str, minute: int, status: Status | None, tenant_id: str = TENANT_A) -> None:
            item, _ = store.accept(new_item(key, tenant_id=tenant_id, received_at=at(minute)))
            if status is not None:
                claimed(store, item, minutes=20)
                store.finish(tenant_id, item.id, status, now=at(21))

        make("r1", 3, None)
        make("review-old", 1, Status.NEEDS_REVIEW)
        make("review-new", 5, Status.NEEDS_REVIEW)
        make("dead", 2, Status.DEAD_LETTER)
        make("b-review", 4, Status.NEEDS_REVIEW, TENANT_B)
        counts = {(c.tenant, c.status): (c.n, c.oldest) for c in store.counts()}
        assert counts == {
            (TENANT_A, Status.RECEIVED): (1, at(3)),
            (TENANT_A, Status.NEEDS_REVIEW): (2, at(1)),
            (TENANT_A, Status.DEAD_LETTER): (1, at(2)),
            (TENANT_B, Status.NEEDS_REVIEW): (1, at(4)),
        }
        assert all(c.oldest.utcoffset() is not None for c in store.counts())

    def test_items_newest_first_with_status_filter(self, store: Store) -> None:
        old, _ = store.accept(new_item("a", received_at=at(1)))
        mid, _ = store.accept(new_item("b", received_at=at(2)))
        new, _ = store.accept(new_item("c", received_at=at(3)))
        store.accept(new_item("d", tenant_id=TENANT_B, received_at=at(4)))
        claimed(store, mid)
        store.finish(TENANT_A, mid.id, Status.NEEDS_REVIEW, now=at(5), decision=decision())
        assert [i.id for i in store.items(TENANT_A)] == [new.id, mid.id, old.id]
        assert [i.id for i in store.items(TENANT_A, limit=2)] == [new.id, mid.id]
        reviewed = store.items(TENANT_A, status=Status.NEEDS_REVIEW)
        assert [(i.id, i.decision) for i in reviewed] == [(mid.id, decision())]
        received = store.items(TENANT_A, status=Status.RECEIVED)
        assert [i.id for i in received] == [new.id, old.id]
        assert store.items(TENANT_A, status=Status.POSTED) == []

    # -- writes ----------------------------------------------------------------------------

    def test_recording_a_write_is_idempotent(self, store: Store) -> None:
        item, _ = store.accept(new_item())
        first = store.record_write(
            TENANT_A, item.id, entry_version="v1", system="quickbooks", record_id="qbo-101",
            now=at(2).astimezone(CEST),
        )  # fmt: skip
        assert first == WriteRecord(
            tenant=TENANT_A, item_id=item.id, entry_version="v1", system="quickbooks",
            record_id="qbo-101", written_at=at(2),
        )  # fmt: skip
        again = store.record_write(
            TENANT_A, item.id, entry_version="v1", system="quickbooks", record_id="qbo-999",
            now=at(9),
        )  # fmt: skip
        assert again == first  # the first record, unchanged
        assert store.write_for(TENANT_A, item.id, "v1") == first
        assert store.own_record(TENANT_A, "quickbooks", "qbo-999") is None
        assert store.trail(TENANT_A, item.id) == []

    def test_write_for_finds_the_write_of_that_version(self, store: Store) -> None:
        item, _ = store.accept(new_item())
        assert store.write_for(TENANT_A, item.id, "v1") is None
        v1 = record(store, item, "v1", "qbo-101")
        v2 = record(store, item, "v2", "qbo-102", now=at(5))
        assert store.write_for(TENANT_A, item.id, "v1") == v1
        assert store.write_for(TENANT_A, item.id, "v2") == v2
        assert (v2.record_id, v2.written_at) == ("qbo-102", at(5))
        assert store.write_for(TENANT_A, item.id, "v3") is None
        assert store.write_for(TENANT_A, "no-such-item", "v1") is None

    def test_own_record_finds_our_write_by_system_and_record_id(self, store: Store) -> None:
        item, _ = store.accept(new_item())
        ours = record(store, item, "v1", "qbo-101")
        assert store.own_record(TENANT_A, "quickbooks", "qbo-101") == ours
        assert store.own_record(TENANT_A, "outbox", "qbo-101") is None
        assert store.own_record(TENANT_A, "quickbooks", "qbo-102") is None

    def test_own_record_is_not_seen_across_tenants(self, store: Store) -> None:
        a_item, _ = store.accept(new_item())
        b_item, _ = store.accept(new_item(tenant_id=TENANT_B))
        a_write = record(store, a_item, "v1", "qbo-101")
        assert store.own_record(TENANT_B, "quickbooks", "qbo-101") is None
        assert store.write_for(TENANT_B, a_item.id, "v1") is None
        # Record ids are per tenant: B may hold the same id in its own company.
        b_write = record(store, b_item, "v1", "qbo-101")
        assert b_write.tenant == TENANT_B
        assert store.own_record(TENANT_B, "quickbooks", "qbo-101") == b_write
        assert store.own_record(TENANT_A, "quickbooks", "qbo-101") == a_write

    def test_recording_for_another_tenants_item_raises(self, store: Store) -> None:
        item, _ = store.accept(new_item())
        for tenant_id, item_id in [(TENANT_B, item.id), (TENANT_A, "no-such-item")]:
            with pytest.raises(LookupError):
                store.record_write(
                    tenant_id, item_id, entry_version="v1", system="quickbooks",
                    record_id="qbo-101", now=at(2),
                )  # fmt: skip
        assert store.own_record(TENANT_B, "quickbooks", "qbo-101") is None
        assert store.own_record(TENANT_A, "quickbooks", "qbo-101") is None
        assert store.write_for(TENANT_A, item.id, "v1") is None
        assert record(store, item, "v1", "qbo-101").tenant == TENANT_A  # still free

    def test_a_record_id_kept_for_another_write_is_refused(self, store: Store) -> None:
        first, _ = store.accept(new_item("evt-1"))
        other, _ = store.accept(new_item("evt-2"))
        kept = record(store, first, "v1", "qbo-101")
        for item, version in [(other, "v1"), (first, "v2")]:
            with pytest.raises(ValueError, match="qbo-101"):
                record(store, item, version, "qbo-101")
            assert store.write_for(TENANT_A, item.id, version) is None
        assert store.own_record(TENANT_A, "quickbooks", "qbo-101") == kept

    @pytest.mark.parametrize(
        "bad",
        [{"system": "Quick Books"}, {"system": ""}, {"record_id": ""}, {"entry_version": ""},
         {"record_id": "x" * 301}, {"now": datetime(2026, 3, 2, 9, 0)}],
        ids=["system-format", "system-empty", "record-empty", "version-empty",
             "record-too-long", "naive-time"],
    )  # fmt: skip
    def test_malformed_writes_are_refused(self, store: Store, bad: dict[str, object]) -> None:
        item, _ = store.accept(new_item())
        fields: dict[str, object] = {"entry_version": "v1", "system": "quickbooks",
                                     "record_id": "qbo-101", "now": at(2), **bad}  # fmt: skip
        with pytest.raises(ValueError):  # noqa: PT011 - pydantic's or the adapter's
            store.record_write(TENANT_A, item.id, **fields)  # type: ignore[arg-type]
        assert store.write_for(TENANT_A, item.id, str(fields["entry_version"])) is None

    def test_ten_threads_recording_one_write_get_the_same_record(self, store: Store) -> None:
        item, _ = store.accept(new_item())
        results = race(10, lambda i: record(store, item, "v1", "qbo-101", now=at(2, seconds=i)))
        assert len(set(results)) == 1
        assert store.write_for(TENANT_A, item.id, "v1") == results[0]
        assert store.own_record(TENANT_A, "quickbooks", "qbo-101") == results[0]

    def test_ten_threads_racing_with_their_own_record_ids_keep_one(self, store: Store) -> None:
        """Each caller names another record id, so the ids found afterwards count the rows."""
        item, _ = store.accept(new_item())
        results = race(10, lambda i: record(store, item, "v1", f"qbo-{i}", now=at(2, seconds=i)))
        assert len(set(results)) == 1
        kept = [i for i in range(10) if store.own_record(TENANT_A, "quickbooks", f"qbo-{i}")]
        assert [f"qbo-{i}" for i in kept] == [results[0].record_id]

    # -- isolation and failure -------------------------------------------------------------

    def test_another_tenant_can_neither_see_nor_touch_an_item(self, store: Store) -> None:
        item, _ = store.accept(new_item())
        assert store.get(TENANT_B, item.id) is None
        assert store.items(TENANT_B) == []
        assert store.claim(TENANT_B, item.id, now=at(1), lease_s=LEASE_S) is None
        with pytest.raises(LookupError):
            store.finish(TENANT_B, item.id, Status.POSTED, now=at(2), decision=decision())
        assert store.trail(TENANT_B, item.id) == []
        assert store.get(TENANT_A, item.id) == item  # untouched: no attempt, no decision
        assert store.trail(TENANT_A, item.id) == []

    def test_finish_of_an_unknown_item_raises(self, store: Store) -> None:
        with pytest.raises(LookupError):
            store.finish(TENANT_A, "no-such-item", Status.POSTED, now=at(1))

    def test_storage_failure_raises_instead_of_answering(self, broken_store: Store) -> None:
        calls: list[Callable[[], object]] = [
            lambda: broken_store.accept(new_item("after-failure")),
            lambda: broken_store.get_tenant(TENANT_A),
            lambda: broken_store.put_tenant(tenant(TENANT_A)),
            lambda: broken_store.get(TENANT_A, "any"),
            lambda: broken_store.claim(TENANT_A, "any", now=at(1), lease_s=LEASE_S),
            lambda: broken_store.items(TENANT_A),
            lambda: broken_store.due(now=at(1)),
            lambda: broken_store.trail(TENANT_A, "any"),
            lambda: broken_store.record_write(
                TENANT_A,
                "any",
                entry_version="v1",
                system="quickbooks",
                record_id="qbo-1",
                now=at(1),
            ),
            lambda: broken_store.write_for(TENANT_A, "any", "v1"),
            lambda: broken_store.own_record(TENANT_A, "quickbooks", "qbo-1"),
        ]
        for call in calls:
            fails(call)


def record(
    store: Store, item: InboxItem, version: str, record_id: str, *, now: datetime | None = None
) -> WriteRecord:
    """Record that ``item``'s entry ``version`` was written to QuickBooks as ``record_id``."""
    return store.record_write(
        item.tenant, item.id, entry_version=version, system="quickbooks", record_id=record_id,
        now=now or at(2),
    )  # fmt: skip


def fails(call: Callable[[], object]) -> None:
    try:
        result = call()
    except Exception:  # any error is right; a quiet answer is not
        return
    pytest.fail(f"a broken store answered {result!r} instead of raising")


def kept_fields(item: object) -> dict[str, object]:
    """The fields an accepted item must keep from its ``NewItem``."""
    names = ("tenant", "source", "dedupe_key", "event_type", "ref", "received_at", "entry")
    return {name: getattr(item, name) for name in names}
