"""The atomic operations under real contention: separate connections on threads, released at
once, each acting as the worker role for the same tenant (checklist items 10-11)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest

from tests.postgres.pg_server import PgDatabase
from tests.postgres.tenancy import A, impersonate

pytestmark = pytest.mark.postgres
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ACCEPT = """select created, (item).id from timebill.tb_accept(
    %s, 'toggl', %s, 'time_entry.updated', '{"description": "race"}', null, %s)"""
CLAIM = "select id, attempts from timebill.tb_claim(%s, %s, %s, 60)"
RECORD = """select record_id, written_at from timebill.tb_record_write(
    %s, %s, 'v1', 'quickbooks', %s, %s)"""


@pytest.fixture
def db(pg_db: PgDatabase) -> PgDatabase:
    pg_db.reset()
    with pg_db.connect() as conn:
        conn.execute("insert into timebill.tenants (tenant_id, name) values (%s, 'A')", [A])
    return pg_db


@pytest.fixture
def workers(db: PgDatabase) -> Iterator[Callable[[int], list[psycopg.Connection]]]:
    """Opens n connections as the worker of tenant A (autocommit: one transaction per call,
    as PostgREST runs each request); all are closed afterwards."""
    with ExitStack() as stack:

        def open_n(n: int) -> list[psycopg.Connection]:
            return [stack.enter_context(db.connect("authenticator")) for _ in range(n)]

        yield open_n


def race(conns: list[psycopg.Connection], query: str, params: list[Any]) -> list[list[Any]]:
    """Run ``query`` on every connection at the same instant, each in its own transaction."""
    barrier = threading.Barrier(len(conns), timeout=30)

    def run(conn: psycopg.Connection) -> list[Any]:
        with conn.transaction():
            impersonate(conn, A)
            barrier.wait()
            return conn.execute(query, params).fetchall()

    with ThreadPoolExecutor(max_workers=len(conns)) as pool:
        return list(pool.map(run, conns))


def test_twenty_simultaneous_accepts_create_one_row(db: PgDatabase, workers: Any) -> None:
    results = race(workers(20), ACCEPT, [A, "evt-race", T0])
    rows = [row for result in results for row in result]
    assert len(rows) == 20
    assert sum(created for created, _ in rows) == 1
    assert len({item_id for _, item_id in rows}) == 1
    with db.connect() as conn:
        assert conn.execute("select count(*) from timebill.inbox").fetchone() == (1,)


def test_ten_simultaneous_claims_have_one_winner(db: PgDatabase, workers: Any) -> None:
    conns = workers(10)
    with conns[0].transaction():
        impersonate(conns[0], A)
        ((_, item_id),) = conns[0].execute(ACCEPT, [A, "evt-claim", T0]).fetchall()
    results = race(conns, CLAIM, [A, item_id, T0])
    winners = [result for result in results if result]
    assert len(winners) == 1
    assert winners[0] == [(item_id, 1)]
    with db.connect() as conn:
        row = conn.execute("select status, attempts from timebill.inbox").fetchone()
        assert row == ("processing", 1)


@pytest.mark.parametrize("same_record", [True, False], ids=["same-record", "record-per-caller"])
def test_ten_simultaneous_records_of_one_write_keep_one_row(
    db: PgDatabase, workers: Any, same_record: bool
) -> None:
    """A retry racing the first attempt: every caller gets the one row kept, none fails. With
    the same record id, a conflict target naming only the version key would make the losers
    hit the record key's unique index and fail instead."""
    conns = workers(10)
    with conns[0].transaction():
        impersonate(conns[0], A)
        ((_, item_id),) = conns[0].execute(ACCEPT, [A, "evt-write", T0]).fetchall()
    barrier = threading.Barrier(len(conns), timeout=30)

    def run(i: int) -> list[Any]:
        conn = conns[i]
        with conn.transaction():
            impersonate(conn, A)
            barrier.wait()
            record = "qbo-1" if same_record else f"qbo-{i}"
            return conn.execute(RECORD, [A, item_id, record, T0 + timedelta(seconds=i)]).fetchall()

    with ThreadPoolExecutor(max_workers=len(conns)) as pool:
        results = list(pool.map(run, range(len(conns))))
    assert all(len(result) == 1 for result in results)
    assert len({result[0] for result in results}) == 1
    with db.connect() as conn:
        rows = conn.execute("select record_id, written_at from timebill.writes").fetchall()
    assert rows == results[0]


LOCK = "select holder from timebill.tb_lock_entry(%s, 'quickbooks', 'toggl:1', %s, %s, 60)"
CLAIM_REVIEW = """select timebill.tb_claim_review(%s, %s, %s, %s, %s, 'approve', null,
    '[{}]', '', null, '', '', 'review by ' || %s, %s)"""


def test_ten_simultaneous_entry_locks_have_one_holder(db: PgDatabase, workers: Any) -> None:
    """One entry, one writer at a time (0008): the lease on the entry's ledger row."""
    conns = workers(10)
    barrier = threading.Barrier(len(conns), timeout=30)

    def run(i: int) -> list[Any]:
        conn = conns[i]
        with conn.transaction():
            impersonate(conn, A)
            barrier.wait()
            return conn.execute(LOCK, [A, f"item-{i}", T0]).fetchall()

    with ThreadPoolExecutor(max_workers=len(conns)) as pool:
        results = list(pool.map(run, range(len(conns))))
    holders = [row for result in results for row in result]
    assert len(holders) == 1
    with db.connect() as conn:
        assert conn.execute("select holder from timebill.entry_ledger").fetchall() == holders


def test_ten_simultaneous_approvals_keep_one_review(db: PgDatabase, workers: Any) -> None:
    """Ten people submit on the same state of one flagged item: one review is kept, the
    others are told who decided it (0008, ``tb_claim_review`` under the item's row lock)."""
    conns = workers(10)
    with conns[0].transaction():
        impersonate(conns[0], A)
        ((_, item_id),) = conns[0].execute(ACCEPT, [A, "evt-review", T0]).fetchall()
        conns[0].execute(
            "select timebill.tb_finish(%s, %s, 'needs_review', %s, null, null, null)",
            [A, item_id, T0],
        )
        (seen,) = (
            conns[0].execute("select timebill.tb_review_state(%s, %s)", [A, item_id]).fetchone()
        )
    barrier = threading.Barrier(len(conns), timeout=30)

    def run(i: int) -> Any:
        conn = conns[i]
        with conn.transaction():
            impersonate(conn, A)
            barrier.wait()
            args = [A, f"rv-{i}", item_id, f"person{i}", T0, f"person{i}", seen]
            return conn.execute(CLAIM_REVIEW, args).fetchone()[0]

    with ThreadPoolExecutor(max_workers=len(conns)) as pool:
        answers = list(pool.map(run, range(len(conns))))
    kept = [a for a in answers if a["claimed"]]
    refused = [a for a in answers if not a["claimed"]]
    assert (len(kept), len(refused)) == (1, 9)
    assert {a["by"] for a in refused} == {kept[0]["review"]["reviewer"]}
    with db.connect() as conn:
        assert conn.execute("select count(*) from timebill.reviews").fetchone() == (1,)


def test_counts_stay_exact_while_workers_move_items_in_opposite_directions(
    db: PgDatabase, workers: Any
) -> None:
    """Every connection flips its own items between two states, both ways in one statement,
    again and again: the count rows are changed in key order, so no deadlock, and the kept
    counts equal a recount."""
    conns = workers(8)
    with conns[0].transaction():
        impersonate(conns[0], A)
        for n in range(8 * 6):
            conns[0].execute(ACCEPT, [A, f"evt-{n}", T0])
    flip = """update timebill.inbox set status = case when status = 'received'
        then 'retrying'::timebill.item_status else 'received' end
        where tenant_id = %s and dedupe_key = any(%s)"""
    barrier = threading.Barrier(len(conns), timeout=30)

    def run(i: int) -> None:
        mine = [f"evt-{n}" for n in range(i * 6, i * 6 + 6)]
        with conns[i].transaction():  # half of them one way first
            impersonate(conns[i], A)
            conns[i].execute(flip, [A, mine[: 3 if i % 2 else 6]])
        barrier.wait()
        for _ in range(15):
            with conns[i].transaction():
                impersonate(conns[i], A)
                conns[i].execute(flip, [A, mine])

    with ThreadPoolExecutor(max_workers=len(conns)) as pool:
        list(pool.map(run, range(len(conns))))
    with db.connect() as conn:
        kept = conn.execute("""select status, n from timebill.inbox_counts
                               where n <> 0 order by status""").fetchall()
        recount = conn.execute("""select status::text, count(*) from timebill.inbox
                                  group by 1 order by 1""").fetchall()
        assert kept == recount
        assert sum(n for _, n in kept) == 48
