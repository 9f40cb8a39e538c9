"""What every ``Store`` must do for the entry ledger and for people's actions (issue 11),
against the protocol only; mixed into each adapter's contract class (SQLite, and Supabase on
the real PostgreSQL the suite starts).

Choices it fixes:

- ``lock_entry`` creates an empty ledger row on first use and hands the lease to one holder at
  a time: another holder gets ``None`` while ``now < lease_until``, the same holder may take
  it again, anyone may take it once it has run out; of simultaneous callers exactly one wins.
- ``save_entry`` stores the ledger and releases the lease only for the holder; anyone else
  gets ``False`` and nothing is stored. ``unlock_entry`` releases without storing.
- ``claim_review`` keeps a review only while the item is ``needs_review`` in the state the
  person saw (``review_state``); of simultaneous claims on one state exactly one is kept, the
  others raise ``ReviewConflictError`` naming the winner, and nothing else is kept.
- ``supersede`` moves only an item waiting for review to ``skipped``, with one trail line.
"""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.inbox import Status
from app.domain.ledger import EntryLedger
from app.domain.reviews import ReviewRecord
from app.errors import ReviewConflictError
from app.ports import Store
from tests.contract.builders import TENANT_A, TENANT_B, at, decision, new_item
from tests.contract.review_contract import flagged, review
from tests.contract.store_contract import race

KEY = "toggl:te-1001"
QBO = "quickbooks"


def locked(store: Store, holder: str = "item-1", minutes: float = 0, **kw: Any) -> EntryLedger:
    got = store.lock_entry(TENANT_A, QBO, kw.get("key", KEY), holder=holder, now=at(minutes),
                           lease_s=60)  # fmt: skip
    assert got is not None
    return got


class LedgerStoreContract:
    # -- the entry ledger ---------------------------------------------------------------------

    def test_the_first_lock_makes_an_empty_ledger(self, store: Store) -> None:
        assert store.entry_ledger(TENANT_A, QBO, KEY) is None
        ledger = locked(store)
        assert (ledger.tenant, ledger.system, ledger.entry_key) == (TENANT_A, QBO, KEY)
        assert (ledger.records, ledger.content, ledger.deleted, ledger.generation) == (
            (), "", False, 0)  # fmt: skip
        assert ledger.item_id is None

    def test_one_holder_at_a_time_until_the_lease_runs_out(self, store: Store) -> None:
        locked(store, "item-1")
        assert store.lock_entry(TENANT_A, QBO, KEY, holder="item-2", now=at(0.5),
                                lease_s=60) is None  # fmt: skip
        assert store.lock_entry(TENANT_A, QBO, KEY, holder="item-1", now=at(0.5),
                                lease_s=60) is not None  # the same holder again  # fmt: skip
        assert store.lock_entry(TENANT_A, QBO, KEY, holder="item-2", now=at(2),
                                lease_s=60) is not None  # ran out  # fmt: skip

    def test_save_stores_and_releases_for_the_holder_only(self, store: Store) -> None:
        item, _ = store.accept(new_item("evt-1"))
        ledger = locked(store, "item-1")
        changed = ledger.model_copy(update={
            "records": ("1001", "1002"), "content": "c0ffee", "written": "c0ffee",
            "generation": 2, "item_id": item.id, "review_id": "rv-1", "as_of": at(0),
        })  # fmt: skip
        assert store.save_entry(changed, holder="item-2", now=at(0.1)) is False
        untouched = store.entry_ledger(TENANT_A, QBO, KEY)
        assert untouched is not None
        assert (untouched.records, untouched.content, untouched.item_id) == ((), "", None)
        assert store.save_entry(changed, holder="item-1", now=at(0.2)) is True
        kept = store.entry_ledger(TENANT_A, QBO, KEY)
        assert kept is not None
        assert kept.model_copy(update={"updated_at": None}) == changed.model_copy(
            update={"updated_at": None})  # fmt: skip
        assert kept.as_of == at(0)
        assert locked(store, "item-2", 0.3) == kept  # released by the save

    def test_unlock_releases_without_storing(self, store: Store) -> None:
        locked(store, "item-1")
        store.unlock_entry(TENANT_A, QBO, KEY, holder="item-2")  # not theirs: nothing
        assert store.lock_entry(TENANT_A, QBO, KEY, holder="item-2", now=at(0.1),
                                lease_s=60) is None  # fmt: skip
        store.unlock_entry(TENANT_A, QBO, KEY, holder="item-1")
        assert locked(store, "item-2", 0.2).records == ()

    def test_ledgers_are_per_tenant_and_system(self, store: Store) -> None:
        locked(store, "item-1")
        assert store.lock_entry(TENANT_B, QBO, KEY, holder="b", now=at(0), lease_s=60)
        assert store.lock_entry(TENANT_A, "outbox", KEY, holder="o", now=at(0), lease_s=60)
        assert store.entry_ledger(TENANT_B, "outbox", KEY) is None

    def test_ten_simultaneous_locks_have_one_winner(self, store: Store) -> None:
        got = race(10, lambda i: store.lock_entry(TENANT_A, QBO, KEY, holder=f"item-{i}",
                                                  now=at(0), lease_s=60))  # fmt: skip
        assert len([g for g in got if g is not None]) == 1

    # -- people's actions, compare-and-set ------------------------------------------------------

    def test_a_review_is_kept_when_the_item_is_as_the_person_saw_it(self, store: Store) -> None:
        item = flagged(store, "evt-1")
        seen = store.review_state(TENANT_A, item.id)
        assert seen > 0
        kept = store.claim_review(review(item), seen=seen)
        assert store.reviews(TENANT_A, item_id=item.id) == [kept]
        assert store.review_state(TENANT_A, item.id) > seen  # the review moved the state on
        assert store.claim_review(review(item), seen=seen) == kept  # the same review again

    def test_a_review_of_a_changed_item_is_refused_and_keeps_nothing(self, store: Store) -> None:
        item = flagged(store, "evt-1")
        seen = store.review_state(TENANT_A, item.id)
        store.finish(TENANT_A, item.id, Status.NEEDS_REVIEW, now=at(5), error="re-read")
        with pytest.raises(ReviewConflictError, match="changed since you opened it"):
            store.claim_review(review(item), seen=seen)
        assert store.reviews(TENANT_A, item_id=item.id) == []

    def test_a_second_decision_is_answered_with_who_decided_first(self, store: Store) -> None:
        item = flagged(store, "evt-1")
        seen = store.review_state(TENANT_A, item.id)
        store.claim_review(review(item, "rv-1", reviewer="dana"), seen=seen)
        with pytest.raises(ReviewConflictError) as caught:
            store.claim_review(review(item, "rv-2", reviewer="eve"), seen=seen)
        assert caught.value.by == "dana"
        assert "already decided by dana at" in caught.value.message
        assert [r.id for r in store.reviews(TENANT_A, item_id=item.id)] == ["rv-1"]

    def test_ten_simultaneous_decisions_keep_exactly_one(self, store: Store) -> None:
        item = flagged(store, "evt-1")
        seen = store.review_state(TENANT_A, item.id)

        def decide(i: int) -> ReviewRecord | ReviewConflictError:
            try:
                return store.claim_review(review(item, f"rv-{i}", reviewer=f"person{i}"),
                                          seen=seen)  # fmt: skip
            except ReviewConflictError as exc:
                return exc

        results = race(10, decide)
        kept = [r for r in results if isinstance(r, ReviewRecord)]
        refused = [r for r in results if isinstance(r, ReviewConflictError)]
        assert (len(kept), len(refused)) == (1, 9)
        assert {r.by for r in refused} == {kept[0].reviewer}
        assert store.reviews(TENANT_A, item_id=item.id) == kept

    def test_a_posted_item_cannot_be_decided(self, store: Store) -> None:
        item, _ = store.accept(new_item("evt-1"))
        store.finish(TENANT_A, item.id, Status.POSTED, now=at(1), decision=decision())
        with pytest.raises(ReviewConflictError, match="now posted"):
            store.claim_review(review(item), seen=store.review_state(TENANT_A, item.id))

    def test_a_review_of_another_tenants_item_is_not_found(self, store: Store) -> None:
        item = flagged(store, "evt-1", tenant_id=TENANT_B)
        with pytest.raises(LookupError):
            store.claim_review(review(item).model_copy(update={"tenant": TENANT_A}), seen=1)
        assert store.review_state(TENANT_A, item.id) == 0

    def test_supersede_ends_only_an_item_waiting_for_review(self, store: Store) -> None:
        item = flagged(store, "evt-1")
        assert store.supersede(TENANT_A, item.id, now=at(9), note="superseded by item x")
        found = store.get(TENANT_A, item.id)
        assert found is not None
        assert (found.status, found.last_error) == (Status.SKIPPED, "superseded by item x")
        assert store.trail(TENANT_A, item.id)[-1].detail == "superseded by item x"
        lines = len(store.trail(TENANT_A, item.id))
        assert not store.supersede(TENANT_A, item.id, now=at(10), note="again")
        assert len(store.trail(TENANT_A, item.id)) == lines
        posted, _ = store.accept(new_item("evt-2"))
        store.finish(TENANT_A, posted.id, Status.POSTED, now=at(1), decision=decision())
        assert not store.supersede(TENANT_A, posted.id, now=at(2), note="no")
