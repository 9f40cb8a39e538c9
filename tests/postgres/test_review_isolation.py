"""The review functions and tables of 0004 act only for the tenant in the JWT claim: tenant A
cannot record a review of B's item, read B's queue, reviews or reviewers, or rewrite history."""

from __future__ import annotations

import psycopg
import pytest

from tests.postgres.pg_server import PgDatabase
from tests.postgres.tenancy import ITEM, A, B, acting_as, seed

pytestmark = pytest.mark.postgres
RECORD = """select * from timebill.tb_record_review(%s, 'rv-x', %s, 'eve', now(), 'approve',
            null, '[{}]', '', null, '', '', 'review by eve')"""


@pytest.fixture(scope="module")
def seeded(pg_db: PgDatabase) -> PgDatabase:
    seed(pg_db)
    with pg_db.connect() as conn:  # B's item waits for review
        conn.execute("update timebill.inbox set status = 'needs_review'")
    return pg_db


def test_a_review_of_another_tenants_item_records_nothing(seeded: PgDatabase) -> None:
    with acting_as(seeded, A) as conn:
        assert conn.execute(RECORD, [A, ITEM[B]]).fetchall() == []  # B's item as A's: no row
        assert conn.execute(RECORD, [B, ITEM[B]]).fetchall() == []  # named as B's: RLS hides it
        assert conn.execute(RECORD, [A, ITEM[A]]).fetchall() != []  # its own: kept
    with seeded.connect() as conn:  # all rolled back
        assert conn.execute(
            "select count(*) from timebill.reviews where id = 'rv-x'"
        ).fetchone() == (0,)


def test_the_queue_and_reviewers_of_another_tenant_are_invisible(seeded: PgDatabase) -> None:
    with acting_as(seeded, A) as conn:
        queue = "select id from timebill.tb_review_queue(%s, 100, 'stake')"
        assert conn.execute(queue, [B]).fetchall() == []
        assert [str(r[0]) for r in conn.execute(queue, [A])] == [ITEM[A]]
        assert conn.execute("select tenant_id from timebill.reviewers").fetchall() == [(A,)]
        assert conn.execute("select tenant_id from timebill.reviews").fetchall() == [(A,)]


def test_reviews_cannot_be_changed_or_deleted(seeded: PgDatabase) -> None:
    with acting_as(seeded, A) as conn:
        for statement in ("update timebill.reviews set why = 'x'", "delete from timebill.reviews"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(statement)
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute("update timebill.reviewers set tenant_id = %s", [B])
