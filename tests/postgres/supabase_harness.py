"""The real ``SupabaseStore`` wired to a test database through respx and the PostgREST bridge."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import jwt
import respx

from app.adapters.supabase_tokens import SupabaseTokenStore
from app.config import Settings
from tests.postgres.pg_server import PgDatabase
from tests.postgres.postgrest_bridge import PostgrestBridge

BASE_URL = "https://tbtest.supabase.local"
JWT_SECRET = "timebill-test-jwt-secret-0123456789abcdef"  # HS256 wants >= 32 bytes
ANON_KEY = jwt.encode({"role": "anon", "iss": "supabase-test"}, JWT_SECRET, algorithm="HS256")
SCHEMAS = ("timebill",)


def store_settings(**overrides: Any) -> Settings:
    fields: dict[str, Any] = {
        "store": "supabase",
        "supabase_url": BASE_URL,
        "supabase_key": ANON_KEY,
        "supabase_jwt_secret": JWT_SECRET,
    }
    return Settings.model_validate({**fields, **overrides})


@contextmanager
def bridge_for(db: PgDatabase) -> Iterator[PostgrestBridge]:
    """PostgREST semantics on ``db``, logging in as ``authenticator`` like the real one."""
    bridge = PostgrestBridge(db.conninfo("authenticator"), jwt_secret=JWT_SECRET, schemas=SCHEMAS)
    try:
        yield bridge
    finally:
        bridge.close()


@contextmanager
def routed(bridge: PostgrestBridge) -> Iterator[respx.MockRouter]:
    """respx answering ``BASE_URL`` with the bridge; any other request fails the test."""
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        bridge.install(router)
        yield router


@contextmanager
def supabase_token_store(db: PgDatabase, tenants: list[str]) -> Iterator[SupabaseTokenStore]:
    """The real ``SupabaseTokenStore`` on an emptied ``db`` holding ``tenants``."""
    db.reset()
    with db.connect() as conn:
        for tenant in tenants:
            conn.execute("insert into timebill.tenants (tenant_id, name) values (%s, %s)",
                         [tenant, tenant])  # fmt: skip
    with bridge_for(db) as bridge, routed(bridge):
        store = SupabaseTokenStore.from_settings(store_settings())
        try:
            yield store
        finally:
            store.close()
