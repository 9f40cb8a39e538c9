"""What every ``Store`` must do for the review queue (app/review), against the protocol only.

Mixed into each adapter's contract class next to ``StoreContract``. Choices it fixes:

- ``record_review`` keeps the review append-only with an increasing ``seq``, and appends one
  line to the item's audit trail (the item's current status, ``review by WHO: ACTION ...``).
  The same ``(tenant, id)`` again returns the first review and appends nothing. An item the
  tenant does not own raises ``LookupError`` and keeps nothing.
- ``reviews`` answers oldest first, filtered by ``after_seq``, item and pattern; never another
  tenant's.
- ``review_queue`` answers only the tenant's ``needs_review`` items, by stake (amount, highest
  first, then the least confident) or oldest first.
- ``reviewer_by_token`` finds an enabled reviewer of that tenant only; ``put_reviewer`` on
  the same name replaces the token.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from app.domain.decisions import ReviewReason, Stage
from app.domain.inbox import InboxItem, Status
from app.domain.reviews import ReviewAction, Reviewer, ReviewRecord
from app.ports import Store
from tests.contract.builders import TENANT_A, TENANT_B, at, decision, new_item

HASH_1, HASH_2, HASH_3 = "a" * 64, "b" * 64, "c" * 64


def flagged(
    store: Store, key: str, *, tenant_id: str = TENANT_A, minutes: float = 0, **fields: Any
) -> InboxItem:
    """An item of ``tenant_id`` in ``needs_review`` with a decision built from ``fields``."""
    item, _ = store.accept(new_item(key, tenant_id=tenant_id, received_at=at(minutes)))
    store.claim(tenant_id, item.id, now=at(minutes + 1), lease_s=60)
    proposed = decision(needs_review=True, review_reasons=(ReviewReason.LOW_CONFIDENCE,),
                        **fields)  # fmt: skip
    store.finish(tenant_id, item.id, Status.NEEDS_REVIEW, now=at(minutes + 2), decision=proposed)
    found = store.get(tenant_id, item.id)
    assert found is not None
    return found


def review(item: InboxItem, ident: str = "rv-1", **fields: Any) -> ReviewRecord:
    after = decision(
        "ACME-OPS", needs_review=False, review_reasons=(), stage=Stage.REVIEW, confidence=1.0,
        amount=Decimal("150.00"), reason="reviewed by dana",
    )  # fmt: skip
    data: dict[str, Any] = {
        "id": ident, "tenant": item.tenant, "item_id": item.id, "reviewer": "dana",
        "at": at(10), "action": ReviewAction.CHANGE_CODE, "before": item.decision,
        "after": (after,), "why": "ops work, not strategy", "client_id": "acme",
        "description": "Q3 strategy call w/ Dana — pricing ≥ €10k",
        "pattern": "q3 strategy call dana",
    }  # fmt: skip
    data.update(fields)
    return ReviewRecord.model_validate(data)


class ReviewStoreContract:
    def test_a_review_round_trips_with_its_decisions(self, store: Store) -> None:
        item = flagged(store, "evt-1")
        kept = store.record_review(review(item))
        assert kept.seq > 0
        assert kept.model_copy(update={"seq": 0}) == review(item)
        assert store.reviews(TENANT_A, item_id=item.id) == [kept]
        assert kept.after[0].amount == Decimal("150.00")
        assert kept.before == item.decision

    def test_a_review_adds_one_line_to_the_trail(self, store: Store) -> None:
        item = flagged(store, "evt-1")
        before = store.trail(TENANT_A, item.id)
        store.record_review(review(item))
        trail = store.trail(TENANT_A, item.id)
        assert trail[: len(before)] == before
        [line] = trail[len(before) :]
        assert line.status is Status.NEEDS_REVIEW
        assert line.at == at(10)
        assert line.detail.startswith("review by dana: change_code ACME-STRAT -> ACME-OPS 1.50h")
        assert store.get(TENANT_A, item.id) == item  # the item itself is unchanged

    def test_recording_the_same_review_again_keeps_the_first(self, store: Store) -> None:
        item = flagged(store, "evt-1")
        first = store.record_review(review(item))
        again = store.record_review(review(item, why="something else", at=at(20)))
        assert again == first
        assert len(store.reviews(TENANT_A)) == 1
        assert len([e for e in store.trail(TENANT_A, item.id) if "review by" in e.detail]) == 1

    def test_a_review_of_another_tenants_item_is_refused(self, store: Store) -> None:
        theirs = flagged(store, "evt-b", tenant_id=TENANT_B)
        forged = review(theirs).model_copy(update={"tenant": TENANT_A})
        with pytest.raises(LookupError):
            store.record_review(forged)
        ghost = {"tenant": TENANT_A, "item_id": "00000000-0000-4000-8000-000000000999"}
        with pytest.raises(LookupError):
            store.record_review(review(theirs).model_copy(update=ghost))
        assert store.reviews(TENANT_A) == []
        assert store.reviews(TENANT_B) == []
        assert all("review" not in e.detail for e in store.trail(TENANT_B, theirs.id))

    def test_reviews_filter_and_order(self, store: Store) -> None:
        one, two = flagged(store, "evt-1"), flagged(store, "evt-2", minutes=1)
        r1 = store.record_review(review(one, "rv-1"))
        r2 = store.record_review(review(two, "rv-2", pattern="other"))
        r3 = store.record_review(review(one, "rv-3", action=ReviewAction.RETRY))
        assert r1.seq < r2.seq < r3.seq
        assert [r.id for r in store.reviews(TENANT_A)] == ["rv-1", "rv-2", "rv-3"]
        assert [r.id for r in store.reviews(TENANT_A, after_seq=r1.seq)] == ["rv-2", "rv-3"]
        assert [r.id for r in store.reviews(TENANT_A, item_id=one.id)] == ["rv-1", "rv-3"]
        assert [r.id for r in store.reviews(TENANT_A, pattern="other")] == ["rv-2"]
        assert [r.id for r in store.reviews(TENANT_A, limit=1)] == ["rv-1"]
        assert store.reviews(TENANT_B) == []
        assert store.reviews(TENANT_A, item_id="not-an-id") == []

    def test_the_queue_holds_only_this_tenants_flagged_items(self, store: Store) -> None:
        mine = flagged(store, "evt-1")
        flagged(store, "evt-b", tenant_id=TENANT_B)
        posted, _ = store.accept(new_item("evt-2"))
        store.finish(TENANT_A, posted.id, Status.POSTED, now=at(3), decision=decision())
        assert [i.id for i in store.review_queue(TENANT_A)] == [mine.id]
        [got] = store.review_queue(TENANT_A)
        assert got == store.get(TENANT_A, mine.id)

    def test_the_queue_puts_money_at_stake_then_uncertainty_first(self, store: Store) -> None:
        small = flagged(store, "evt-1", amount=Decimal("90.00"), confidence=0.2)
        big = flagged(store, "evt-2", minutes=1, amount=Decimal("1200.50"), confidence=0.7)
        sure = flagged(store, "evt-3", minutes=2, amount=Decimal("300"), confidence=0.8)
        unsure = flagged(store, "evt-4", minutes=3, amount=Decimal("300"), confidence=0.4)
        stake = [i.id for i in store.review_queue(TENANT_A, order="stake")]
        assert stake == [big.id, unsure.id, sure.id, small.id]
        oldest = [i.id for i in store.review_queue(TENANT_A, order="oldest")]
        assert oldest == [small.id, big.id, sure.id, unsure.id]
        assert len(store.review_queue(TENANT_A, limit=2)) == 2

    def test_reviewers_are_found_by_token_within_their_tenant(self, store: Store) -> None:
        dana = Reviewer(tenant=TENANT_A, name="dana", token_hash=HASH_1, created_at=at(0))
        store.put_reviewer(dana)
        assert store.reviewer_by_token(TENANT_A, HASH_1) == dana
        assert store.reviewer_by_token(TENANT_B, HASH_1) is None
        assert store.reviewer_by_token(TENANT_A, HASH_2) is None

    def test_a_new_token_replaces_the_old_and_disabled_reviewers_are_out(
        self, store: Store
    ) -> None:
        store.put_reviewer(Reviewer(tenant=TENANT_A, name="dana", token_hash=HASH_1,
                                    created_at=at(0)))  # fmt: skip
        renewed = Reviewer(tenant=TENANT_A, name="dana", token_hash=HASH_2,
                           created_at=at(0) + timedelta(days=1))  # fmt: skip
        store.put_reviewer(renewed)
        assert store.reviewer_by_token(TENANT_A, HASH_1) is None
        assert store.reviewer_by_token(TENANT_A, HASH_2) == renewed
        store.put_reviewer(renewed.model_copy(update={"disabled": True}))
        assert store.reviewer_by_token(TENANT_A, HASH_2) is None
        other = Reviewer(tenant=TENANT_B, name="dana", token_hash=HASH_3, created_at=at(0))
        store.put_reviewer(other)
        assert store.reviewer_by_token(TENANT_B, HASH_3) == other
