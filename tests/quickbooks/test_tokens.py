"""Token stores and the refresh lock, without HTTP: a fake refresher counts the refreshes.

The SQLite store is tested as two processes would use it: separate store and manager
objects on one file, so only the lease row (not a shared Python lock) keeps them apart."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.adapters.quickbooks_token_sqlite import SqliteTokenStore
from app.adapters.quickbooks_tokens import (
    ConnectionStatus,
    InvalidGrantError,
    MemoryTokenStore,
    RealmTokens,
    TokenGrant,
    TokenManager,
    TokenStore,
)
from app.adapters.sqlite_store import SqliteStore
from app.errors import UpstreamError, UpstreamKind
from tests.postgres.pg_server import PgDatabase, session_cluster
from tests.postgres.supabase_harness import supabase_token_store

NOW = datetime(2026, 10, 14, 16, 0, tzinfo=UTC)
T, R = "northwind", "9130355377"


@dataclass
class FakeRefresher:
    """Hands out RT-1, RT-2 ... ; ``delay_s`` keeps the refresh in flight a while."""

    delay_s: float = 0.0
    invalid: bool = False
    seen: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def refresh(self, refresh_token: str) -> TokenGrant:
        with self.lock:
            self.seen.append(refresh_token)
            n = len(self.seen)
        time.sleep(self.delay_s)
        if self.invalid:
            raise InvalidGrantError()
        return TokenGrant(f"AT-{n}", f"RT-{n}", expires_in_s=3600, refresh_expires_in_s=8726400)


def seeded(store: TokenStore, *, expires_in_s: float) -> TokenStore:
    store.put(
        RealmTokens(
            tenant=T,
            realm=R,
            refresh_token="RT-0",
            access_token="AT-0",
            access_expires_at=NOW + timedelta(seconds=expires_in_s),
        )
    )
    return store


def manager(store: TokenStore, refresher: FakeRefresher, **kw: float) -> TokenManager:
    return TokenManager(store, refresher, clock=lambda: NOW, poll_s=0.01, **kw)


@pytest.fixture(scope="module")
def token_db(request: pytest.FixtureRequest) -> Iterator[PgDatabase]:
    """A migrated PostgreSQL database, started only when a Supabase case asks for it."""
    with session_cluster(request.config).fresh_database() as db:
        yield db


@pytest.fixture(params=["memory", "sqlite", pytest.param("supabase", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TokenStore]:
    """The same behaviour from every ``TokenStore``: in memory, SQLite, and Supabase (the real
    adapter through the PostgREST emulation onto PostgreSQL 15 with the migrations)."""
    if request.param == "memory":
        yield MemoryTokenStore()
        return
    if request.param == "supabase":
        with supabase_token_store(request.getfixturevalue("token_db"), [T]) as supabase:
            yield supabase
        return
    sqlite_store = SqliteTokenStore(tmp_path / "tokens.sqlite3")
    yield sqlite_store
    sqlite_store.close()


def test_a_token_far_from_expiry_is_reused(store: TokenStore) -> None:
    refresher = FakeRefresher()
    tokens = manager(seeded(store, expires_in_s=3000), refresher)
    assert tokens.access_token(T, R) == "AT-0"
    assert refresher.seen == []


def test_a_token_close_to_expiry_is_refreshed_and_stored(store: TokenStore) -> None:
    refresher = FakeRefresher()
    tokens = manager(seeded(store, expires_in_s=120), refresher, skew_s=300)
    assert tokens.access_token(T, R) == "AT-1"
    assert refresher.seen == ["RT-0"]
    kept = store.get(T, R)
    assert kept is not None
    assert (kept.refresh_token, kept.access_token) == ("RT-1", "AT-1")
    assert kept.access_expires_at == NOW + timedelta(seconds=3600)
    assert kept.refresh_expires_at == NOW + timedelta(seconds=8726400)
    assert tokens.access_token(T, R) == "AT-1"  # and reused after that
    assert refresher.seen == ["RT-0"]


def test_a_401_after_a_sibling_refreshed_takes_the_siblings_token(store: TokenStore) -> None:
    refresher = FakeRefresher()
    tokens = manager(seeded(store, expires_in_s=3000), refresher)
    assert tokens.after_unauthorized(T, R, rejected="AT-0") == "AT-1"
    assert tokens.after_unauthorized(T, R, rejected="AT-0") == "AT-1"  # a late sibling
    assert refresher.seen == ["RT-0"]


def test_invalid_grant_marks_the_realm_and_stops(store: TokenStore) -> None:
    refresher = FakeRefresher(invalid=True)
    tokens = manager(seeded(store, expires_in_s=-60), refresher)
    for _ in range(2):
        with pytest.raises(UpstreamError) as caught:
            tokens.access_token(T, R)
        assert (caught.value.kind, caught.value.retryable) == (UpstreamKind.AUTH, False)
    assert refresher.seen == ["RT-0"]
    assert tokens.status(T, R) is ConnectionStatus.RECONNECT_NEEDED
    kept = store.get(T, R)
    assert kept is not None
    assert kept.access_token is None


@pytest.mark.parametrize("sibling_fresh", [True, False])
def test_invalid_grant_after_a_sibling_rotated_keeps_the_siblings_tokens(
    store: TokenStore, sibling_fresh: bool
) -> None:
    """Our lease lapsed mid-refresh and another worker rotated the token first."""
    sibling = RealmTokens(
        tenant=T, realm=R, refresh_token="RT-sibling", access_token="AT-sibling",
        access_expires_at=NOW + timedelta(minutes=50 if sibling_fresh else -1),
    )  # fmt: skip

    class RacedRefresher(FakeRefresher):
        def refresh(self, refresh_token: str) -> TokenGrant:
            store.put(sibling)
            raise InvalidGrantError()

    tokens = manager(seeded(store, expires_in_s=-60), RacedRefresher())
    if sibling_fresh:
        assert tokens.access_token(T, R) == "AT-sibling"
    else:
        with pytest.raises(UpstreamError) as caught:
            tokens.access_token(T, R)
        assert caught.value.retryable
    assert store.get(T, R) == sibling  # connected, and the sibling's token not overwritten


def test_an_unknown_realm_is_not_connected(store: TokenStore) -> None:
    with pytest.raises(UpstreamError, match="not connected") as caught:
        manager(store, FakeRefresher()).access_token(T, R)
    assert not caught.value.retryable


def test_connect_stores_the_first_grant(store: TokenStore) -> None:
    tokens = manager(store, FakeRefresher())
    tokens.connect(T, R, TokenGrant("AT-c", "RT-c", expires_in_s=3600))
    assert tokens.access_token(T, R) == "AT-c"
    assert tokens.status(T, R) is ConnectionStatus.CONNECTED


def test_tokens_stay_out_of_reprs() -> None:
    tokens = RealmTokens(tenant=T, realm=R, refresh_token="RT-secret", access_token="AT-secret")
    grant = TokenGrant("AT-secret", "RT-secret", expires_in_s=1)
    assert "secret" not in repr(tokens) + repr(grant)


# -- single flight ---------------------------------------------------------------------------


def run_together(count: int, work: list[TokenManager]) -> list[str]:
    start = threading.Barrier(count)
    got: list[str] = []

    def run(tokens: TokenManager) -> None:
        start.wait()
        got.append(tokens.access_token(T, R))

    threads = [threading.Thread(target=run, args=(work[n % len(work)],)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return got


def test_threads_of_one_process_refresh_once(store: TokenStore) -> None:
    refresher = FakeRefresher(delay_s=0.1)
    tokens = manager(seeded(store, expires_in_s=-60), refresher)
    assert run_together(10, [tokens]) == ["AT-1"] * 10
    assert refresher.seen == ["RT-0"]


def test_managers_that_share_only_the_store_refresh_once(store: TokenStore) -> None:
    """Two "Lambdas": separate managers (separate thread locks), only the store's lease."""
    refresher = FakeRefresher(delay_s=0.2)
    seeded(store, expires_in_s=-60)
    got = run_together(8, [manager(store, refresher), manager(store, refresher)])
    assert got == ["AT-1"] * 8
    assert refresher.seen == ["RT-0"]


def test_the_lease_is_exclusive_until_released_or_expired(store: TokenStore) -> None:
    seeded(store, expires_in_s=60)
    assert store.try_lease(T, R, holder="a", now=NOW, lease_s=60)
    assert store.try_lease(T, R, holder="a", now=NOW, lease_s=60)  # the holder may renew it
    assert not store.try_lease(T, R, holder="b", now=NOW + timedelta(seconds=59), lease_s=60)
    store.release(T, R, holder="b")  # not b's to release
    assert not store.try_lease(T, R, holder="b", now=NOW, lease_s=60)
    assert store.try_lease(T, R, holder="b", now=NOW + timedelta(seconds=61), lease_s=60)
    store.release(T, R, holder="b")
    assert store.try_lease(T, R, holder="a", now=NOW, lease_s=60)
    kept = store.get(T, R)
    assert kept is not None
    assert kept.refresh_token == "RT-0"  # leasing leaves the tokens alone
    store.put(replace(kept, access_token="AT-x"))
    assert not store.try_lease(T, R, holder="b", now=NOW, lease_s=60)  # and storing the lease


def test_two_processes_on_one_sqlite_file_refresh_once(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    refresher = FakeRefresher(delay_s=0.2)  # one Intuit behind both "processes"
    stores = [SqliteTokenStore(path), SqliteTokenStore(path)]
    seeded(stores[0], expires_in_s=-60)
    try:
        got = run_together(8, [manager(s, refresher) for s in stores])
    finally:
        for each in stores:
            each.close()
    assert got == ["AT-1"] * 8
    assert refresher.seen == ["RT-0"]


def test_sqlite_lease_is_exclusive_until_released_or_expired(tmp_path: Path) -> None:
    first, second = SqliteTokenStore(tmp_path / "t.db"), SqliteTokenStore(tmp_path / "t.db")
    assert first.try_lease(T, R, holder="a", now=NOW, lease_s=60)
    assert not second.try_lease(T, R, holder="b", now=NOW + timedelta(seconds=59), lease_s=60)
    second.release(T, R, holder="b")  # not b's to release
    assert not second.try_lease(T, R, holder="b", now=NOW, lease_s=60)
    assert second.try_lease(T, R, holder="b", now=NOW + timedelta(seconds=61), lease_s=60)
    second.release(T, R, holder="b")
    assert first.try_lease(T, R, holder="a", now=NOW, lease_s=60)
    first.close()
    second.close()


def test_a_held_lease_makes_a_caller_give_up_retryably(tmp_path: Path) -> None:
    store = SqliteTokenStore(tmp_path / "t.db")
    seeded(store, expires_in_s=-60)
    assert store.try_lease(T, R, holder="elsewhere", now=NOW, lease_s=600)
    refresher = FakeRefresher()
    tokens = TokenManager(store, refresher, clock=lambda: NOW, sleep=lambda _s: None, wait_s=1)
    with pytest.raises(UpstreamError) as caught:
        tokens.access_token(T, R)
    assert caught.value.retryable
    assert refresher.seen == []
    store.close()


def test_sqlite_tokens_share_a_file_with_the_main_store(tmp_path: Path) -> None:
    path = tmp_path / "timebill.sqlite3"
    main = SqliteStore(path)
    before = user_version(path)
    tokens = SqliteTokenStore(path)
    seeded(tokens, expires_in_s=60)
    assert tokens.get(T, R) is not None
    assert user_version(path) == before  # the main store's migrations are left alone
    tokens.close()
    main.close()


def user_version(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def test_a_new_sqlite_token_file_is_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "tokens.sqlite3"
    SqliteTokenStore(path).close()
    assert path.stat().st_mode & 0o077 == 0
