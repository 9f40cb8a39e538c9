"""The memory snapshots of 0013 act only for the tenant in the JWT claim: tenant A's worker
cannot read B's snapshot or write one for B, may not delete its own, and an older snapshot
never replaces a newer one."""

from __future__ import annotations

import psycopg
import pytest

from tests.postgres.pg_server import PgDatabase
from tests.postgres.tenancy import A, B, acting_as, seed

pytestmark = pytest.mark.postgres
SAVE = "select timebill.tb_save_memory(%s, %s, encode(convert_to(%s, 'UTF8'), 'base64'), now())"
LOAD = """select tenant_id, review_seq, convert_from(decode(body, 'base64'), 'UTF8')
          from timebill.tb_load_memory(%s)"""


@pytest.fixture(scope="module")
def seeded(pg_db: PgDatabase) -> PgDatabase:
    seed(pg_db)  # each tenant: a snapshot at review 1
    return pg_db


def test_a_tenant_loads_only_its_own_snapshot(seeded: PgDatabase) -> None:
    with acting_as(seeded, A) as conn:
        assert conn.execute(LOAD, [A]).fetchall() == [(A, 1, f"memory of {A}")]
        assert conn.execute(LOAD, [B]).fetchall() == []


def test_a_tenant_cannot_save_for_another(seeded: PgDatabase) -> None:
    with acting_as(seeded, A) as conn:
        assert conn.execute(SAVE, [B, 50, "forged"]).fetchone() == (None,)  # B is invisible
        assert conn.execute(SAVE, [A, 50, "learned"]).fetchone() == (True,)
        assert conn.execute(SAVE, [A, 20, "stale"]).fetchone() == (False,)
        assert conn.execute(LOAD, [A]).fetchall() == [(A, 50, "learned")]
    with acting_as(seeded, B) as conn:
        assert conn.execute(LOAD, [B]).fetchall() == [(B, 1, f"memory of {B}")]


def test_the_worker_cannot_delete_or_move_a_snapshot(seeded: PgDatabase) -> None:
    with acting_as(seeded, A) as conn:
        for statement in (
            "delete from timebill.memory_snapshots",
            "update timebill.memory_snapshots set tenant_id = tenant_id",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(statement)


def test_client_roles_get_nothing(seeded: PgDatabase) -> None:
    for role in ("anon", "authenticated"):
        with acting_as(seeded, A, role) as conn:
            for statement, args in (("select * from timebill.memory_snapshots", None),
                                    (LOAD, [A]), (SAVE, [A, 9, "x"])):  # fmt: skip
                with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                    conn.execute(statement, args)
