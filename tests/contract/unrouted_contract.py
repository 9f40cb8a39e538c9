"""What every ``Store`` must do with QuickBooks events for realms no tenant connected (schema
v7 / migration 0010): keep each once (Intuit retries), list and summarise them, drop the ones
taken up, and stay bounded (events older than ``KEEP_FOR`` go when a newer one is kept)."""

from __future__ import annotations

from app.domain.unrouted import KEEP_FOR, UnroutedEvent
from app.ports import Store
from tests.contract.builders import at


def event(key: str, minutes: float = 0, realm: str = "777") -> UnroutedEvent:
    body = f'[{{"id":"{key}","intuitaccountid":"{realm}"}}]'
    return UnroutedEvent(realm=realm, dedupe_key=f"qbo:{key}", body=body, received_at=at(minutes))


class UnroutedStoreContract:
    def test_an_event_is_kept_once_and_read_back_as_kept(self, store: Store) -> None:
        assert store.keep_unrouted(event("e1")) is True
        assert store.keep_unrouted(event("e1", minutes=3)) is False  # Intuit's retry
        assert store.keep_unrouted(event("e2", minutes=1)) is True
        assert store.unrouted("777") == [event("e1"), event("e2", minutes=1)]
        assert store.unrouted("888") == []

    def test_realms_are_summarised_with_first_and_last_seen(self, store: Store) -> None:
        for key, minutes, realm in (("a", 5, "777"), ("b", 1, "777"), ("c", 2, "888")):
            store.keep_unrouted(event(key, minutes, realm))
        summary = [(r.realm, r.events, r.first_seen, r.last_seen) for r in store.unrouted_realms()]
        assert summary == [("777", 2, at(1), at(5)), ("888", 1, at(2), at(2))]

    def test_dropping_taken_up_events_leaves_the_rest(self, store: Store) -> None:
        for key in ("a", "b", "c"):
            store.keep_unrouted(event(key))
        store.keep_unrouted(event("a", realm="888"))
        assert store.drop_unrouted("777", ["qbo:a", "qbo:b", "qbo:nope"]) == 2
        assert [e.dedupe_key for e in store.unrouted("777")] == ["qbo:c"]
        assert [e.dedupe_key for e in store.unrouted("888")] == ["qbo:a"]
        assert store.drop_unrouted("777", []) == 0

    def test_events_older_than_the_bound_are_pruned(self, store: Store) -> None:
        store.keep_unrouted(event("old"))
        store.keep_unrouted(event("other-realm", realm="888"))
        later = KEEP_FOR.total_seconds() / 60 + 1
        store.keep_unrouted(event("new", minutes=later))
        assert [e.dedupe_key for e in store.unrouted("777")] == ["qbo:new"]
        assert len(store.unrouted("888")) == 1  # another realm is pruned by its own events
