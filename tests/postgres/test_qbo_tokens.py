"""``timebill.qbo_tokens`` (migration 0005) in PostgreSQL itself: the refresh lease under real
contention (separate connections, released at once, as ten Lambdas would call PostgREST), and
one tenant's worker unable to read, lease or overwrite another tenant's QuickBooks tokens.
The table is also in ``pg_server.TABLES``, so test_isolation and test_schema cover it."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from app.adapters.quickbooks_tokens import ConnectionStatus, RealmTokens
from app.factory import qbo_health
from tests.postgres.pg_server import PgDatabase
from tests.postgres.supabase_harness import store_settings, supabase_token_store
from tests.postgres.tenancy import SWEEPER, WORKER, A, B, acting_as, impersonate, seed

pytestmark = pytest.mark.postgres
T0 = datetime(2026, 10, 14, 16, 0, tzinfo=UTC)
REALM = "9130"  # the realm tenancy.seed gives both tenants
LEASE = "select timebill.tb_qbo_try_lease(%s, %s, %s, %s, 90)"
PUT = "select timebill.tb_qbo_put(%s, %s, %s, 'AT', null, null, 'connected', %s)"


@pytest.fixture
def seeded(pg_db: PgDatabase) -> PgDatabase:
    seed(pg_db)
    return pg_db


def race_for_the_lease(
    db: PgDatabase, tenant: str, count: int, now: datetime, prefix: str = "lambda"
) -> list[bool]:
    """``count`` connections as the worker of ``tenant`` each ask for the lease at once, as
    holders ``<prefix>-0`` ... (a holder may renew its own lease, so rounds differ)."""
    barrier = threading.Barrier(count, timeout=30)

    def attempt(conn: psycopg.Connection, holder: str) -> bool:
        with conn.transaction():
            impersonate(conn, tenant)
            barrier.wait()
            row = conn.execute(LEASE, [tenant, REALM, holder, now]).fetchone()
            assert row is not None
            return bool(row[0])

    with ExitStack() as stack, ThreadPoolExecutor(max_workers=count) as pool:
        conns = [stack.enter_context(db.connect("authenticator")) for _ in range(count)]
        return list(pool.map(attempt, conns, [f"{prefix}-{n}" for n in range(count)]))


def lease_of(db: PgDatabase, tenant: str) -> tuple[str | None, datetime | None]:
    with db.connect() as conn:
        row = conn.execute(
            "select lease_holder, lease_until from timebill.qbo_tokens"
            " where tenant_id = %s and realm = %s",
            [tenant, REALM],
        ).fetchone()
    assert row is not None
    return row[0], row[1]


def test_ten_concurrent_leases_have_exactly_one_winner(seeded: PgDatabase) -> None:
    won = race_for_the_lease(seeded, A, 10, T0)
    assert won.count(True) == 1
    holder, until = lease_of(seeded, A)
    assert holder == f"lambda-{won.index(True)}"
    assert until == T0 + timedelta(seconds=90)


def test_after_the_lease_expires_exactly_one_new_winner(seeded: PgDatabase) -> None:
    assert race_for_the_lease(seeded, A, 10, T0).count(True) == 1
    later = race_for_the_lease(seeded, A, 10, T0 + timedelta(seconds=30), prefix="early")
    assert later.count(True) == 0
    expired = race_for_the_lease(seeded, A, 10, T0 + timedelta(seconds=91), prefix="late")
    assert expired.count(True) == 1
    assert lease_of(seeded, A)[0] == f"late-{expired.index(True)}"


def test_a_tenant_cannot_read_lease_or_overwrite_anothers_tokens(seeded: PgDatabase) -> None:
    with acting_as(seeded, A) as conn:
        assert (
            conn.execute("select * from timebill.tb_qbo_get(%s, %s)", [B, REALM]).fetchall() == []
        )
        own = conn.execute("select refresh_token from timebill.tb_qbo_get(%s, %s)", [A, REALM])
        assert own.fetchall() == [(f"RT-{A}",)]
        assert conn.execute(LEASE, [B, REALM, "thief", T0]).fetchone() == (False,)
        assert conn.execute(
            "select timebill.tb_qbo_release(%s, %s, 'thief')", [B, REALM]
        ).fetchone() == (False,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(PUT, [B, REALM, "RT-forged", T0])
    with seeded.connect() as su:
        kept = su.execute(
            "select refresh_token, lease_holder from timebill.qbo_tokens where tenant_id = %s",
            [B],
        ).fetchall()
    assert kept == [(f"RT-{B}", None)]


def test_a_lease_on_a_realm_without_tokens_is_refused(seeded: PgDatabase) -> None:
    with acting_as(seeded, A) as conn:
        assert conn.execute(LEASE, [A, "no-such-realm", "x", T0]).fetchone() == (False,)


def test_put_keeps_the_lease_and_replaces_the_tokens(seeded: PgDatabase) -> None:
    with acting_as(seeded, A) as conn:
        assert conn.execute(LEASE, [A, REALM, "holder", T0]).fetchone() == (True,)
        assert conn.execute(PUT, [A, REALM, "RT-2", T0]).fetchone() == (True,)
        row = conn.execute(
            "select refresh_token, lease_holder from timebill.qbo_tokens where realm = %s",
            [REALM],
        ).fetchone()
        assert row == ("RT-2", "holder")


def test_only_the_worker_may_touch_tokens(seeded: PgDatabase) -> None:
    with seeded.connect() as su:
        for role, granted in [(WORKER, True), (SWEEPER, False), ("anon", False),
                              ("authenticated", False)]:  # fmt: skip
            for privilege in ("select", "insert"):
                query = "select has_table_privilege(%s, 'timebill.qbo_tokens', %s)"
                assert su.execute(query, [role, privilege]).fetchone() == (granted,), role
            query = "select has_table_privilege(%s, 'timebill.qbo_tokens', 'delete, truncate')"
            assert su.execute(query, [role]).fetchone() == (False,), role
            query = (
                "select has_function_privilege(%s, 'timebill.tb_qbo_get(text, text)', 'execute')"
            )
            assert su.execute(query, [role]).fetchone() == (granted,), role


def test_health_reads_reconnect_needed_from_supabase(pg_db: PgDatabase, tmp_path: Path) -> None:
    """With the Supabase store, the health check reads the realms' state from qbo_tokens."""
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(f"tenants:\n  {A}:\n    realm: '{REALM}'\n", encoding="utf-8")
    settings = store_settings(
        writer="quickbooks", qbo_client_id="id", qbo_client_secret="s",
        qbo_mapping_path=mapping, qbo_token_path=tmp_path / "no.sqlite3",
    )  # fmt: skip
    with supabase_token_store(pg_db, [A]) as tokens:
        health = qbo_health(settings, ttl_s=0)
        assert health.state() == "not_connected"
        tokens.put(RealmTokens(tenant=A, realm=REALM, refresh_token="RT"))
        assert health.state() == "connected"
        tokens.put(RealmTokens(tenant=A, realm=REALM, refresh_token="RT",
                               status=ConnectionStatus.RECONNECT_NEEDED))  # fmt: skip
        assert health.state() == "reconnect_needed"
    assert not (tmp_path / "no.sqlite3").exists()
