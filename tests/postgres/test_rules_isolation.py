"""The rules tables and functions of 0011 act only for the tenant in the JWT claim: tenant A's
worker cannot read B's rules versions or which one B has in force, cannot publish into B or
switch B's version, and nobody rewrites or deletes an approved version (0017: a worker may
keep a version's rule book, its own tenant's only)."""

from __future__ import annotations

import psycopg
import pytest

from tests.postgres.pg_server import PgDatabase
from tests.postgres.tenancy import A, B, acting_as, seed

pytestmark = pytest.mark.postgres
PUBLISH = """select timebill.tb_add_rules_version(%s, '{"_firm.yaml": "x"}', 'sha', 'eve', now(),
             'import', '', %s)"""
SWITCH = "select timebill.tb_switch_rules(%s, 1, 'eve', now())"


@pytest.fixture(scope="module")
def seeded(pg_db: PgDatabase) -> PgDatabase:
    seed(pg_db)  # each tenant: rules v1, in force
    return pg_db


def test_a_tenant_reads_only_its_own_rules(seeded: PgDatabase) -> None:
    with acting_as(seeded, A) as conn:
        versions = conn.execute("select tenant_id, number, files from timebill.rules_versions")
        assert [(r[0], r[1]) for r in versions] == [(A, 1)]
        assert conn.execute("select tenant_id from timebill.rules_current").fetchall() == [(A,)]
        asked = "select count(*) from timebill.rules_versions where tenant_id = %s"
        assert conn.execute(asked, [B]).fetchone() == (0,)


def test_a_tenant_cannot_publish_into_or_switch_another(seeded: PgDatabase) -> None:
    with acting_as(seeded, A) as conn:
        assert conn.execute(PUBLISH, [B, 1]).fetchone() == (None,)  # B is invisible: no tenant
        assert conn.execute(SWITCH, [B]).fetchone() == (False,)
        assert conn.execute(PUBLISH, [A, 1]).fetchone() == (2,)  # its own: v2, in force
        assert conn.execute("select number from timebill.rules_current").fetchall() == [(2,)]
    with seeded.connect() as conn:  # B untouched (and A's publish rolled back)
        rows = conn.execute("""select tenant_id, number from timebill.rules_current
                               order by tenant_id""").fetchall()  # fmt: skip
        assert rows == [(A, 1), (B, 1)]


def test_a_publish_from_a_stale_version_stores_nothing(seeded: PgDatabase) -> None:
    with acting_as(seeded, A) as conn:
        assert conn.execute(PUBLISH, [A, None]).fetchone() == (0,)  # v1 is in force, not none
        count = conn.execute("select count(*) from timebill.rules_versions").fetchone()
        assert count == (1,)


def test_approved_versions_cannot_be_rewritten_or_deleted(seeded: PgDatabase) -> None:
    with acting_as(seeded, A) as conn:
        for statement in ("update timebill.rules_versions set files = '{}'",
                          "delete from timebill.rules_versions",
                          "delete from timebill.rules_current"):  # fmt: skip
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(statement)


def test_a_tenant_keeps_a_rule_book_only_on_its_own_versions(seeded: PgDatabase) -> None:
    keep = 'select timebill.tb_keep_rules_book(%s, 1, \'{"format": "x"}\')'
    with acting_as(seeded, A) as conn:
        assert conn.execute(keep, [B]).fetchone() == (False,)  # B's row is invisible to A
        assert conn.execute(keep, [A]).fetchone() == (True,)
        kept = "select book, files from timebill.rules_versions where number = 1"
        assert conn.execute(kept).fetchone() == ({"format": "x"}, {"_firm.yaml": "codes: []"})
    with acting_as(seeded, B) as conn:
        book = "select book from timebill.rules_versions where number = 1"
        assert conn.execute(book).fetchone() == (None,)


def test_the_pointer_can_only_name_a_version_of_its_own_tenant(seeded: PgDatabase) -> None:
    with acting_as(seeded, A) as conn, pytest.raises(psycopg.errors.ForeignKeyViolation):
        conn.execute("update timebill.rules_current set number = 9")


def test_client_roles_get_nothing(seeded: PgDatabase) -> None:
    for role in ("anon", "authenticated"):
        with acting_as(seeded, A, role) as conn:
            for statement in ("select * from timebill.rules_current", PUBLISH):
                with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                    conn.execute(statement, [A, 1] if statement == PUBLISH else None)
