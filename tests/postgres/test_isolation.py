"""Row-level security at work: connected as PostgREST does (``authenticator`` becoming the API
role, the tenant in ``request.jwt.claims``), tenant A cannot read, change, delete or create
tenant B's rows in any table (reference/reliability.md, checklist item 28)."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
import pytest

from tests.postgres.pg_server import TABLES, PgDatabase
from tests.postgres.tenancy import (
    EXPOSED,
    ITEM,
    NEW_ROW,
    SAME_VALUE,
    SWEEPER,
    WORKER,
    A,
    B,
    acting_as,
    impersonate,
    rowcount_or_denied,
    seed,
)

pytestmark = pytest.mark.postgres
LATER = datetime(2100, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def seeded(pg_db: PgDatabase) -> PgDatabase:
    seed(pg_db)
    return pg_db


def count(conn: psycopg.Connection, relation: str, where: str = "true") -> int:
    return conn.execute(f"select count(*) from timebill.{relation} where {where}").fetchone()[0]


@pytest.mark.parametrize("relation", EXPOSED)
def test_a_tenant_reads_only_its_own_rows(seeded: PgDatabase, relation: str) -> None:
    with acting_as(seeded, A) as conn:
        assert count(conn, relation, f"tenant_id = '{B}'") == 0
        assert count(conn, relation) == count(conn, relation, f"tenant_id = '{A}'") > 0


@pytest.mark.parametrize("relation", EXPOSED)
def test_without_a_tenant_claim_nothing_is_visible(seeded: PgDatabase, relation: str) -> None:
    with acting_as(seeded, None) as conn:
        assert count(conn, relation) == 0


@pytest.mark.parametrize("table", TABLES)
def test_updates_and_deletes_never_reach_another_tenant(seeded: PgDatabase, table: str) -> None:
    col = SAME_VALUE[table]
    update = f"update timebill.{table} set {col} = {col} where tenant_id = %(t)s"
    delete = f"delete from timebill.{table} where tenant_id = %(t)s"
    with acting_as(seeded, A) as conn:
        assert rowcount_or_denied(conn, update, B) in (0, None)
        assert rowcount_or_denied(conn, delete, B) in (0, None)
        if table in ("tenants", "inbox"):  # the worker may update these: its own rows only
            assert rowcount_or_denied(conn, update.replace("where tenant_id = %(t)s", ""), A) == 1


@pytest.mark.parametrize("table", TABLES)
def test_inserting_a_row_for_another_tenant_fails(seeded: PgDatabase, table: str) -> None:
    # Only the sweep's definer function writes the archive: the worker may not insert at all.
    why = "permission denied" if table == "inbox_archive" else "row-level security"
    denied = pytest.raises(psycopg.errors.InsufficientPrivilege, match=why)
    with acting_as(seeded, A) as conn, denied:
        conn.execute(NEW_ROW[table], {"t": B, "id": ITEM[B]})


@pytest.mark.parametrize("table", TABLES)
def test_rls_alone_holds_even_with_every_privilege(seeded: PgDatabase, table: str) -> None:
    """Grants are the second fence; take it away and RLS still keeps B's rows out of reach."""
    with seeded.connect(autocommit=False) as conn:
        try:
            conn.execute(f"grant all on timebill.{table} to {WORKER}")
            impersonate(conn, A)
            params = {"t": B, "id": ITEM[B]}
            assert conn.execute(f"update timebill.{table} set tenant_id = tenant_id "
                                "where tenant_id = %(t)s", params).rowcount == 0  # fmt: skip
            assert conn.execute(f"delete from timebill.{table} where tenant_id = %(t)s",
                                params).rowcount == 0  # fmt: skip
            assert conn.execute(f"select * from timebill.{table} where tenant_id = %(t)s",
                                params).fetchall() == []  # fmt: skip
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
                conn.execute(NEW_ROW[table], params)
        finally:
            conn.rollback()


def test_rows_cannot_be_moved_to_another_tenant(seeded: PgDatabase) -> None:
    with seeded.connect(autocommit=False) as conn:
        try:
            conn.execute(f"grant update on timebill.inbox to {WORKER}")
            impersonate(conn, A)
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
                conn.execute(f"update timebill.inbox set tenant_id = '{B}'")
        finally:
            conn.rollback()


def test_functions_act_only_for_the_claimed_tenant(seeded: PgDatabase) -> None:
    with acting_as(seeded, A) as conn:
        claim = "select * from timebill.tb_claim(%s, %s, %s, 60)"
        assert conn.execute(claim, [B, ITEM[B], LATER]).fetchall() == []
        finish = "select timebill.tb_finish(%s, %s, 'posted', now(), null, null, null)"
        assert conn.execute(finish, [B, ITEM[B]]).fetchone() == (False,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("select * from timebill.tb_accept(%s, 'toggl', 'evt-9', '', null, "
                         "null, now())", [B])  # fmt: skip
    with acting_as(seeded, B) as conn:
        assert conn.execute("select status, attempts from timebill.inbox").fetchall() == [
            ("received", 0)
        ]


def test_write_functions_act_only_for_the_claimed_tenant(seeded: PgDatabase) -> None:
    record = "select * from timebill.tb_record_write(%s, %s, '7', 'quickbooks', 'qbo-7', now())"
    with acting_as(seeded, A) as conn:
        # B's item, named as B's or claimed as A's: no row, nothing written.
        assert conn.execute(record, [B, ITEM[B]]).fetchall() == []
        assert conn.execute(record, [A, ITEM[B]]).fetchall() == []
        assert conn.execute("select * from timebill.tb_write_for(%s, %s, '1')",
                            [B, ITEM[B]]).fetchall() == []  # fmt: skip
        own = "select item_id::text from timebill.tb_own_record(%s, 'quickbooks', 'qbo-1')"
        assert conn.execute(own, [B]).fetchall() == []
        assert conn.execute(own, [A]).fetchall() == [(ITEM[A],)]
        assert [r[0] for r in conn.execute(record, [A, ITEM[A]])] == [A]
    with seeded.connect() as conn:  # all rolled back; B's rows as seeded
        assert count(conn, "writes", "entry_version = '7'") == 0
        assert count(conn, "writes", f"tenant_id = '{B}'") == 1


def test_the_tally_function_acts_only_for_the_claimed_tenant(seeded: PgDatabase) -> None:
    tally = "select timebill.tb_tally(%s, 'toggl:1', '{\"cap|acme|h|X|2026-11\": \"9\"}')"
    with acting_as(seeded, A) as conn:
        assert conn.execute(tally, [B]).fetchone() == (None,)  # B is hidden: unknown
        assert conn.execute(tally, [A]).fetchone() == (
            {"cap|acme|h|X|2026-11": "9.0"},
        )  # 2.5 replaced by 9
    with seeded.connect() as conn:  # all rolled back; B's rows as seeded
        assert count(conn, "tally_totals", f"tenant_id = '{B}' and total = 2.5") == 1
        assert count(conn, "tally_parts", f"tenant_id = '{B}' and amount = 2.5") == 1


def test_a_forged_claim_for_another_role_is_refused(seeded: PgDatabase) -> None:
    """The authenticator can become only the roles granted to it, never the table owner."""
    with seeded.connect("authenticator", autocommit=False) as conn:
        try:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("select set_config('role', 'postgres', true)")
        finally:
            conn.rollback()


def test_the_sweeper_sees_pending_ids_of_all_tenants_and_nothing_else(
    seeded: PgDatabase,
) -> None:
    with acting_as(seeded, None, SWEEPER) as conn:
        due = conn.execute("select * from timebill.tb_due(%s, 10)", [LATER]).fetchall()
        assert sorted((t, str(i)) for t, i in due) == [(A, ITEM[A]), (B, ITEM[B])]
        for denied in (
            "select entry from timebill.inbox",
            "select * from timebill.inbox_items",
            "select * from timebill.tenants",
            "update timebill.inbox set status = 'posted'",
            "select * from timebill.tb_claim('tenant-a', gen_random_uuid(), now(), 60)",
            "select * from timebill.writes",
            "select * from timebill.tb_own_record('tenant-a', 'quickbooks', 'qbo-1')",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(denied)


def test_the_sweeper_does_not_see_finished_items(seeded: PgDatabase) -> None:
    with seeded.connect(autocommit=False) as conn:
        try:
            conn.execute("update timebill.inbox set status = 'posted' where tenant_id = %s", [B])
            impersonate(conn, None, SWEEPER)
            assert [r[0] for r in conn.execute("select tenant_id from timebill.inbox")] == [A]
        finally:
            conn.rollback()


def test_the_mapping_function_acts_only_for_the_claimed_tenant(seeded: PgDatabase) -> None:
    put = "select timebill.tb_put_qbo_mapping(%s, %s::jsonb)"
    with acting_as(seeded, A) as conn:
        assert conn.execute(put, [B, '{"realm": "666"}']).fetchone() == (None,)  # B unseen
        assert conn.execute(put, [A, '{"realm": "111"}']).fetchone() == (True,)
        got = conn.execute("select tenant_id, qbo_mapping from timebill.tenants").fetchall()
        assert got == [(A, {"realm": "111"})]
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(put, [A, '["not", "a", "mapping"]'])
    with (
        acting_as(seeded, None, SWEEPER) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute(put, [A, '{"realm": "111"}'])
    with seeded.connect() as conn:  # all rolled back
        assert count(conn, "tenants", "qbo_mapping is not null") == 0


def test_a_tenants_role_cannot_read_or_change_unrouted_events(seeded: PgDatabase) -> None:
    """Events of companies nobody connected are no tenant's: a tenant's JWT role can neither
    see them, nor add, change or remove any, nor call the sweeper's functions for them."""
    with seeded.connect() as conn:
        conn.execute("""insert into timebill.qbo_unrouted (realm_id, dedupe_key, body, received_at)
                        values ('777', 'qbo:e1', '[]', now())""")
    try:
        for tenant in (A, B):
            with acting_as(seeded, tenant) as conn:
                for denied in (
                    "select * from timebill.qbo_unrouted",
                    "delete from timebill.qbo_unrouted",
                    "update timebill.qbo_unrouted set body = '{}'",
                    "insert into timebill.qbo_unrouted values ('9', 'k', '[]', now())",
                    "select * from timebill.tb_unrouted_realms()",
                    "select timebill.tb_keep_unrouted('9', 'k', '[]', now())",
                    "select timebill.tb_drop_unrouted('777', array['qbo:e1'])",
                ):
                    with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                        conn.execute(denied)
        with acting_as(seeded, None, SWEEPER) as conn:
            assert count(conn, "qbo_unrouted") == 1
            rows = conn.execute("select realm, events from timebill.tb_unrouted_realms()")
            assert rows.fetchall() == [("777", 1)]
    finally:
        with seeded.connect() as conn:
            conn.execute("delete from timebill.qbo_unrouted")


def test_keeping_an_unrouted_event_prunes_the_realm_to_500(seeded: PgDatabase) -> None:
    with seeded.connect() as conn:
        conn.execute("""insert into timebill.qbo_unrouted (realm_id, dedupe_key, body, received_at)
                        select '777', 'qbo:' || n, '[]', now() - n * interval '1 minute'
                        from generate_series(1, 500) as n""")
    try:
        with acting_as(seeded, None, SWEEPER) as conn:
            kept = conn.execute("select timebill.tb_keep_unrouted('777', 'qbo:new', '[]', now())")
            assert kept.fetchone() == (True,)
            assert count(conn, "qbo_unrouted") == 500
            assert count(conn, "qbo_unrouted", "dedupe_key = 'qbo:500'") == 0  # the oldest
            assert count(conn, "qbo_unrouted", "dedupe_key = 'qbo:new'") == 1
    finally:
        with seeded.connect() as conn:
            conn.execute("delete from timebill.qbo_unrouted")
