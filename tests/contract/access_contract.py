"""What every ``Store`` must do for access (schema v6 / migration 0009), against the protocol:

- ``link_realm``/``tenant_for_realm``: one QuickBooks company belongs to one tenant; the app-level
  webhook finds it by realm; another tenant cannot take it over.
- ``redeem_token``: a sign-in token works once, only while fresh, only for an enabled reviewer;
  a new token (``put_reviewer``) is usable again; two racing redemptions give one reviewer.
- sessions: active until signed out, expired, or (token reviewers) the reviewer is disabled.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.reviews import Reviewer, ReviewSession
from app.ports import Store
from tests.contract.builders import TENANT_A, TENANT_B, at, tenant
from tests.contract.store_contract import race

HASH_1, HASH_2 = "d" * 64, "e" * 64
SESSION = "s" * 20


def _reviewer(
    store: Store, name: str = "dana", token_hash: str = HASH_1, minutes: float = 0
) -> None:
    store.put_tenant(tenant(TENANT_A))
    store.put_reviewer(
        Reviewer(tenant=TENANT_A, name=name, token_hash=token_hash, created_at=at(minutes))
    )


def _session(store: Store, ident: str = SESSION, hours: float = 8) -> ReviewSession:
    session = ReviewSession(
        tenant=TENANT_A, id=ident, reviewer="dana", via="token", created_at=at(1),
        expires_at=at(1) + timedelta(hours=hours),
    )  # fmt: skip
    store.start_session(session)
    return session


class AccessStoreContract:
    def test_a_realm_routes_to_the_tenant_that_connected_it(self, store: Store) -> None:
        store.put_tenant(tenant(TENANT_A))
        store.put_tenant(tenant(TENANT_B))
        assert store.tenant_for_realm("9130") is None
        store.link_realm(TENANT_A, "9130", now=at())
        store.link_realm(TENANT_A, "9130", now=at(5))  # connecting again is a no-op
        store.link_realm(TENANT_B, "4620", now=at())
        assert (store.tenant_for_realm("9130"), store.tenant_for_realm("4620")) == (
            TENANT_A, TENANT_B,
        )  # fmt: skip

    def test_another_tenant_cannot_take_a_connected_realm(self, store: Store) -> None:
        store.put_tenant(tenant(TENANT_A))
        store.put_tenant(tenant(TENANT_B))
        store.link_realm(TENANT_A, "9130", now=at())
        with pytest.raises(ValueError, match="another tenant"):
            store.link_realm(TENANT_B, "9130", now=at(1))
        assert store.tenant_for_realm("9130") == TENANT_A
        with pytest.raises(LookupError):
            store.link_realm("no-such-tenant", "7777", now=at())
        assert store.tenant_for_realm("7777") is None

    def test_a_sign_in_token_works_once(self, store: Store) -> None:
        _reviewer(store)
        first = store.redeem_token(TENANT_A, HASH_1, now=at(2), issued_after=at(-15))
        assert first is not None
        assert first.name == "dana"
        assert store.redeem_token(TENANT_A, HASH_1, now=at(3), issued_after=at(-15)) is None

    def test_a_stale_token_or_another_tenants_does_not_sign_in(self, store: Store) -> None:
        _reviewer(store)
        assert store.redeem_token(TENANT_A, HASH_1, now=at(20), issued_after=at(5)) is None
        assert store.redeem_token(TENANT_B, HASH_1, now=at(2), issued_after=at(-15)) is None
        assert store.redeem_token(TENANT_A, HASH_2, now=at(2), issued_after=at(-15)) is None

    def test_a_new_token_is_usable_and_a_disabled_reviewer_is_not(self, store: Store) -> None:
        _reviewer(store)
        assert store.redeem_token(TENANT_A, HASH_1, now=at(2), issued_after=at(-15)) is not None
        _reviewer(store, token_hash=HASH_2, minutes=3)
        assert store.disable_reviewer(TENANT_A, "dana") is True
        assert store.redeem_token(TENANT_A, HASH_2, now=at(4), issued_after=at(-15)) is None
        assert store.disable_reviewer(TENANT_A, "nobody") is False

    def test_racing_redemptions_sign_in_once(self, store: Store) -> None:
        _reviewer(store)
        got = race(6, lambda _i: store.redeem_token(
            TENANT_A, HASH_1, now=at(2), issued_after=at(-15)))  # fmt: skip
        assert sum(found is not None for found in got) == 1

    def test_a_session_ends_on_sign_out_expiry_or_disabling(self, store: Store) -> None:
        _reviewer(store)
        _session(store)
        _session(store, "t" * 20)
        _session(store, "u" * 20, hours=1)
        assert store.session_active(TENANT_A, SESSION, now=at(2))
        assert not store.session_active(TENANT_B, SESSION, now=at(2))
        assert not store.session_active(TENANT_A, "u" * 20, now=at(2) + timedelta(hours=2))
        store.end_session(TENANT_A, SESSION, now=at(3))
        assert not store.session_active(TENANT_A, SESSION, now=at(4))
        assert store.session_active(TENANT_A, "t" * 20, now=at(4))
        store.disable_reviewer(TENANT_A, "dana")
        assert not store.session_active(TENANT_A, "t" * 20, now=at(5))
        store.end_session(TENANT_A, "x" * 20, now=at(5))  # unknown: a no-op
