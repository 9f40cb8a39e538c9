"""What every ``Store`` must do so the inbox stays fast and small at any size.

- ``counts`` agrees with the items themselves after every kind of change (accept, claim,
  finish, supersede, archive), also when many workers change items at once.
- ``archive_finished`` moves only ``ARCHIVABLE`` items received and last changed before the
  cut-off, at most ``limit`` per call, across tenants; ``archived`` lists them (newest first,
  with their decision); the inbox, the counts and the queue no longer have them; their trail
  stays readable; and a delivery of an archived key is a repeat: ``accept`` answers the
  archived item with ``False`` and nothing new enters the inbox, so it is never worked (or
  billed) again.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from app.domain.inbox import ARCHIVABLE, InboxItem, Status
from app.ports import Store
from tests.contract.builders import TENANT_A, TENANT_B, at, decision, new_item
from tests.contract.store_contract import LEASE_S, claimed, race

DAYS = timedelta(days=1)


def finished(store: Store, key: str, status: Status, *, tenant_id: str = TENANT_A,
             minutes: float = 0) -> InboxItem:  # fmt: skip
    item, _ = store.accept(new_item(key, tenant_id=tenant_id, received_at=at(minutes)))
    claimed(store, item, minutes + 1)
    store.finish(tenant_id, item.id, status, now=at(minutes + 2), decision=decision(),
                 error="boom" if status is Status.DEAD_LETTER else None)  # fmt: skip
    return item


def tally(store: Store) -> dict[tuple[str, Status], int]:
    """Counts from the items themselves, for comparison with ``counts``."""
    seen: Counter[tuple[str, Status]] = Counter()
    for tenant_id in (TENANT_A, TENANT_B):
        for item in store.items(tenant_id, limit=10_000):
            seen[(tenant_id, item.status)] += 1
    return dict(seen)


def counted(store: Store) -> dict[tuple[str, Status], int]:
    return {(c.tenant, c.status): c.n for c in store.counts()}


class InboxScaleContract:
    def test_counts_follow_every_change(self, store: Store) -> None:
        posted = finished(store, "evt-1", Status.POSTED)
        review = finished(store, "evt-2", Status.NEEDS_REVIEW, minutes=1)
        finished(store, "evt-3", Status.DEAD_LETTER, tenant_id=TENANT_B, minutes=2)
        store.accept(new_item("evt-4", received_at=at(3)))
        store.accept(new_item("evt-4", received_at=at(4)))  # a repeat counts once
        assert counted(store) == tally(store)
        assert store.supersede(TENANT_A, review.id, now=at(5), note="newer version")
        assert counted(store) == tally(store)
        assert store.archive_finished(before=at(60), now=at(61)) == 2
        assert counted(store) == tally(store)
        assert (TENANT_A, Status.POSTED) not in counted(store)
        assert store.get(TENANT_A, posted.id) is None

    def test_counts_hold_under_concurrent_workers(self, store: Store) -> None:
        items = [store.accept(new_item(f"evt-{i}", received_at=at(i)))[0] for i in range(12)]
        outcome = [Status.POSTED, Status.NEEDS_REVIEW, Status.RETRYING]

        def work(i: int) -> None:
            item = items[i % len(items)]
            got = store.claim(TENANT_A, item.id, now=at(30), lease_s=LEASE_S)
            if got is not None:  # two threads per item: one wins the claim
                store.finish(TENANT_A, item.id, outcome[i % 3], now=at(31),
                             decision=decision())  # fmt: skip
            store.accept(new_item(f"new-{i}", tenant_id=TENANT_B, received_at=at(32)))

        race(2 * len(items), work)
        assert counted(store) == tally(store)
        assert sum(counted(store).values()) == len(items) * 3

    def test_only_finished_items_past_the_cut_off_move_in_bounded_chunks(
        self, store: Store
    ) -> None:
        old = [finished(store, f"old-{i}", Status.POSTED, minutes=i) for i in range(3)]
        skipped = finished(store, "old-skip", Status.SKIPPED, tenant_id=TENANT_B, minutes=4)
        kept = [finished(store, f"keep-{s.value}", s, minutes=5)
                for s in (Status.NEEDS_REVIEW, Status.DEAD_LETTER)]  # fmt: skip
        waiting, _ = store.accept(new_item("keep-received", received_at=at(6)))
        recent = finished(store, "recent", Status.POSTED, minutes=100)
        assert {i.status for i in kept} | {waiting.status} <= set(Status) - ARCHIVABLE
        cut = at(50)
        assert store.archive_finished(before=cut, now=at(200), limit=2) == 2
        assert store.archive_finished(before=cut, now=at(200), limit=2) == 2
        assert store.archive_finished(before=cut, now=at(200), limit=2) == 0
        left = {i.dedupe_key for i in store.items(TENANT_A, limit=100)}
        assert left == {"keep-needs_review", "keep-dead_letter", "keep-received", "recent"}
        archived = store.archived(TENANT_A)
        assert [i.id for i in archived] == [o.id for o in reversed(old)]  # newest first
        assert all(i.status is Status.POSTED and i.decision == decision() for i in archived)
        assert [i.id for i in store.archived(TENANT_B)] == [skipped.id]
        assert store.trail(TENANT_A, old[0].id)  # the trail stays
        assert store.get(TENANT_A, recent.id) is not None

    def test_an_archived_delivery_is_still_a_repeat(self, store: Store) -> None:
        item = finished(store, "evt-1", Status.POSTED)
        assert store.archive_finished(before=at(0) + 400 * DAYS, now=at(0) + 401 * DAYS) == 1
        again, created = store.accept(new_item("evt-1", received_at=at(0) + 402 * DAYS))
        assert created is False
        assert (again.id, again.status, again.decision) == (item.id, Status.POSTED, decision())
        assert store.items(TENANT_A) == []
        assert store.due(now=at(0) + 403 * DAYS) == []
        assert store.claim(TENANT_A, item.id, now=at(0) + 403 * DAYS, lease_s=LEASE_S) is None
        # Another tenant's key of the same name is its own.
        _, theirs = store.accept(new_item("evt-1", tenant_id=TENANT_B))
        assert theirs is True

    def test_an_empty_inbox_moves_nothing_and_naive_times_are_refused(self, store: Store) -> None:
        assert store.archive_finished(before=at(0), now=at(1)) == 0
        assert store.archived(TENANT_A) == []
        with pytest.raises(ValueError, match="timezone"):
            store.archive_finished(before=at(0).replace(tzinfo=None), now=at(1))
