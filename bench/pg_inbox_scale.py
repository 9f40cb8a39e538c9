"""The PostgreSQL inbox at size: the review queue, the sweep's functions and retention chunks
at a million rows, with the production migrations, on a throwaway local PostgreSQL 15+.

    python bench/pg_inbox_scale.py [--rows 1000000]

Method: initdb a private server (the tests' harness, tests/postgres/pg_server.py: Unix socket
only, fsync off, so write timings are optimistic and reads are what they are), apply
infra/migrations, then bulk-insert --rows items for one tenant with generate_series: a real
entry's JSON with its own id and description per row, receipt times spread evenly over the
last 730 days, states 92% posted, 3% skipped, 3% needs_review, 1% dead_letter, 1% waiting,
amounts 0-2,000 and confidences 0-1 per row in the decision (and, as tb_finish writes them, in
stake / confidence); one decision (not for waiting) and one audit line per item; the count
triggers run on the insert. ANALYZE, then each call is timed as the role that makes it in
production (worker with the tenant's JWT claims, or the sweeper), median and max of repeated
calls, SQL over a local socket (PostgREST's own overhead is not included). For comparison,
the queries these replace (0004's JSON sort, 0006's GROUP BY) run on the same rows.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.postgres.pg_server import PgCluster, find_bin_dir  # noqa: E402
from tests.postgres.tenancy import impersonate  # noqa: E402

TENANT = "demo"
ENTRY = """jsonb_build_object('source', 'clockify', 'external_id', 'pre' || x, 'version', 'v1',
    'tenant', 'demo', 'client', 'Northwind Freight', 'project', 'Northwind - DOT Compliance',
    'description', 'drive to Stockton depot for mock audit #' || x, 'work_date', '2026-10-14',
    'hours', '2', 'billable_flag', true, 'user_ref', '6702a1c4e2b9f43d1a5c7e10')"""
STATE = """case when x % 100 < 92 then 'posted' when x % 100 < 95 then 'skipped'
    when x % 100 < 98 then 'needs_review' when x % 100 < 99 then 'dead_letter'
    else 'waiting' end"""
OLD_QUEUE = """select v.* from timebill.inbox_items as v
    where v.tenant_id = 'demo' and v.status = 'needs_review'
    order by coalesce((v.decision ->> 'amount')::numeric, 0) desc nulls last,
        coalesce((v.decision ->> 'confidence')::double precision, 0) asc, v.received_at, v.seq
    limit 1000"""
OLD_COUNTS = """select i.tenant_id, i.status::text, count(*), min(i.received_at)
    from timebill.inbox as i group by i.tenant_id, i.status order by 1, 2"""


def load(conn: psycopg.Connection, rows: int) -> float:
    started = time.perf_counter()
    conn.execute("insert into timebill.tenants (tenant_id, name) values ('demo', 'Demo')")
    conn.execute(f"""create temp table g as select x, gen_random_uuid() as id, {STATE} as status,
        now() - interval '730 days' + x * (interval '730 days' / {rows:d}) as at,
        (random() * 2000)::numeric(10, 2) as amount, random() as conf
        from generate_series(0, {rows:d} - 1) as x""")
    conn.execute(f"""insert into timebill.inbox (tenant_id, id, source, dedupe_key, event_type,
        entry, received_at, status, attempts, updated_at, stake, confidence)
        select 'demo', id, 'clockify', 'preload-' || x, 'NEW_TIME_ENTRY', {ENTRY}, at,
        status::timebill.item_status, 1, at, amount, conf from g""")
    conn.execute("""insert into timebill.decisions (tenant_id, item_id, entry_key,
        entry_version, code, stage, needs_review, decision, decided_at)
        select 'demo', id, 'clockify:pre' || x, 'v1', 'NWF-DOT', 'rules',
        status = 'needs_review', jsonb_build_object('amount', amount::text, 'confidence', conf,
        'code', 'NWF-DOT', 'stage', 'rules'), at from g where status <> 'waiting'""")
    conn.execute("""insert into timebill.audit (tenant_id, item_id, at, status, detail)
        select 'demo', id, at, status::timebill.item_status, 'preloaded' from g""")
    conn.execute("analyze")
    return time.perf_counter() - started


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    took = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        took.append((time.perf_counter() - started) * 1000)
    return statistics.median(took), max(took)


def as_role(
    conn: psycopg.Connection, sql: str, role: str, tenant: str | None
) -> Callable[[], object]:
    def run() -> object:
        with conn.transaction():
            impersonate(conn, tenant, role)
            return conn.execute(sql).fetchall()

    return run


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(__doc__)
    base = Path(tempfile.mkdtemp(prefix="timebill-pg-bench-"))
    cluster = PgCluster(find_bin_dir(), base)
    try:
        cluster.start()
        with cluster.fresh_database() as db, db.connect() as su:
            print(f"loaded {args.rows:,} rows in {load(su, args.rows):.1f} s")
            with db.connect("authenticator", autocommit=False) as conn:
                worker, sweeper = "timebill_worker", "timebill_sweeper"
                rows = [
                    ("review queue, money at stake first (tb_review_queue, 1000)",
                     as_role(conn, "select * from timebill.tb_review_queue('demo', 1000, 'stake')", worker, TENANT)),
                    ("review queue, oldest first (tb_review_queue, 1000)",
                     as_role(conn, "select * from timebill.tb_review_queue('demo', 1000, 'oldest')", worker, TENANT)),
                    ("  before 0012: JSON sort, same rows", lambda: su.execute(OLD_QUEUE).fetchall()),
                    ("sweep: tb_counts()", as_role(conn, "select * from timebill.tb_counts()", sweeper, None)),
                    ("  before 0012: GROUP BY scan, same rows", lambda: su.execute(OLD_COUNTS).fetchall()),
                    ("sweep: tb_due(now, 500)", as_role(conn, "select * from timebill.tb_due(now(), 500)", sweeper, None)),
                ]  # fmt: skip
                for label, action in rows:
                    median, worst = timed(action, 3 if "before" in label else args.runs)
                    print(f"  {label:<60} {median:9.2f} ms  max {worst:9.2f} ms")
                archive = "select timebill.tb_archive(now() - interval '400 days', now(), 500)"
                moved: list[int] = []
                took = []
                for _ in range(args.runs):
                    started = time.perf_counter()
                    with conn.transaction():
                        impersonate(conn, None, sweeper)
                        moved.append(conn.execute(archive).fetchone()[0])
                    took.append((time.perf_counter() - started) * 1000)
                print(
                    f"  sweep: retention chunk (tb_archive, 500), {args.runs} chunks moving {sum(moved):,}:"
                    f" median {statistics.median(took):.2f} ms  max {max(took):.2f} ms"
                )
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
