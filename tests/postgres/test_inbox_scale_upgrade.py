"""0012 on a database that already holds items: counts and the queue's order backfilled, and
the archive usable for rows written before it."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.types.json import Jsonb

from tests.postgres.pg_server import INFRA, PgCluster, PgDatabase

pytestmark = pytest.mark.postgres
STEP = "0012_inbox_scale.sql"
A, B = "tenant-a", "tenant-b"


def apply(cluster: PgCluster, db: PgDatabase, files: list[Path]) -> None:
    for file in files:
        done = subprocess.run(
            [cluster.bin_dir / "psql", db.conninfo(), "--no-psqlrc", "--quiet",
             "--set", "ON_ERROR_STOP=1", "--single-transaction", "--file", file],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, f"{file.name}: {done.stderr}"


@pytest.fixture(scope="module")
def before_0012(pg_cluster: PgCluster) -> Iterator[PgDatabase]:
    """A database migrated up to (not including) 0012, as production was."""
    db = PgDatabase(pg_cluster, f"tb_before_0012_{os.getpid()}")
    with psycopg.connect(pg_cluster.conninfo("postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("drop database if exists {} with (force)").format(
            sql.Identifier(db.name)))  # fmt: skip
        admin.execute(sql.SQL("create database {}").format(sql.Identifier(db.name)))
    files = sorted((INFRA / "migrations").glob("[0-9][0-9][0-9][0-9]_*.sql"))
    apply(pg_cluster, db, [f for f in files if f.name < STEP])
    try:
        yield db
    finally:
        with psycopg.connect(pg_cluster.conninfo("postgres"), autocommit=True) as admin:
            admin.execute(sql.SQL("drop database {} with (force)").format(
                sql.Identifier(db.name)))  # fmt: skip


def _seed(conn: psycopg.Connection) -> None:
    for t in (A, B):
        conn.execute("insert into timebill.tenants (tenant_id, name) values (%s, %s)", [t, t])
    rows = [(A, "r1", "needs_review", "300", 0.8), (A, "r2", "needs_review", "1200.50", 0.7),
            (A, "r3", "needs_review", "300", 0.4), (A, "p1", "posted", "50", 0.9),
            (B, "b1", "received", None, None)]  # fmt: skip
    for minute, (tenant, key, status, amount, confidence) in enumerate(rows):
        [(item,)] = conn.execute(
            """insert into timebill.inbox (tenant_id, source, dedupe_key, received_at, status,
               updated_at) values (%s, 'toggl', %s, '2026-01-01'::timestamptz
               + make_interval(mins => %s), %s, '2026-01-01') returning id""",
            [tenant, key, minute, status],
        ).fetchall()
        if amount is not None:
            decision = Jsonb({"amount": amount, "confidence": confidence})
            conn.execute(
                """insert into timebill.decisions (tenant_id, item_id, entry_key, entry_version,
                   stage, needs_review, decision, decided_at)
                   values (%s, %s, 'k', '1', 'rules', false, %s, now())""",
                [tenant, item, decision],
            )
            conn.execute("""insert into timebill.audit (tenant_id, item_id, at, status)
                            values (%s, %s, now(), %s)""", [tenant, item, status])  # fmt: skip


def test_0012_backfills_counts_and_the_queue_order_of_existing_items(
    pg_cluster: PgCluster, before_0012: PgDatabase
) -> None:
    with before_0012.connect() as conn:
        _seed(conn)
    apply(pg_cluster, before_0012, [INFRA / "migrations" / STEP])
    with before_0012.connect() as conn:
        counts = conn.execute("select tenant_id, status, n from timebill.tb_counts()").fetchall()
        assert counts == [(A, "needs_review", 3), (A, "posted", 1), (B, "received", 1)]
        queue = conn.execute("""select dedupe_key from timebill.tb_review_queue(%s, 10, 'stake')""",
                             [A]).fetchall()  # fmt: skip
        assert [k for (k,) in queue] == ["r2", "r3", "r1"]
        moved = conn.execute("select timebill.tb_archive('2026-02-01', now(), 100)").fetchone()
        assert moved == (1,)
        assert conn.execute("select count(*) from timebill.audit").fetchone() == (4,)
        counts = conn.execute("select tenant_id, status, n from timebill.tb_counts()").fetchall()
        assert counts == [(A, "needs_review", 3), (B, "received", 1)]
        [(created, item)] = conn.execute(
            """select created, (item).dedupe_key from timebill.tb_accept(%s, 'toggl', 'p1', '',
               null, null, now())""", [A]).fetchall()  # fmt: skip
        assert (created, item) == (False, "p1")
