"""The SQLite inbox at size: bulk preload, then the review page's query, the sweep's
queries and one retention chunk, timed in process (used by webhook_bench.py; runs alone too).

    python bench/inbox_scale.py [--rows 1000000]

Preload (``preload``): rows are cloned in SQL from real items the service made (a template
database, e.g. the one webhook_bench.py's first phase left, or one item per final state made
here through the store API), each with its own id, delivery key, entry id, description and
receipt time, spread evenly over the last 730 days; states 92% posted, 3% skipped, 3%
needs_review, 1% dead_letter, 1% waiting; amounts 0-2,000 and confidences 0-1 drawn per row
(written into the decision JSON and, as the store does, into ``stake`` / ``confidence``); one
audit line per item. Inserted through the store's own schema, so the count triggers run.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app.adapters.sqlite_store import SqliteStore  # noqa: E402
from app.service.retention import CHUNK  # noqa: E402

TENANT = "demo"
SPAN_DAYS = 730
RETENTION_DAYS = 400
# Before this change, on the same rows: the sweep's count and the review page's sort.
OLD_COUNTS = """SELECT tenant, status, count(*) AS n, min(received_at) AS oldest FROM inbox
    GROUP BY tenant, status ORDER BY tenant, status"""
OLD_QUEUE = """SELECT i.*, d.decision FROM inbox i LEFT JOIN decisions d
    ON d.tenant = i.tenant AND d.item_id = i.id WHERE i.tenant = ? AND i.status = 'needs_review'
    ORDER BY CAST(coalesce(json_extract(d.decision, '$.amount'), '0') AS REAL) DESC,
    coalesce(json_extract(d.decision, '$.confidence'), 0) ASC, i.received_at, i.rowid LIMIT 1000"""
NEW_QUEUE = """SELECT i.*, d.decision FROM inbox i LEFT JOIN decisions d
    ON d.tenant = i.tenant AND d.item_id = i.id WHERE i.tenant = ? AND i.status = 'needs_review'
    ORDER BY i.stake DESC, i.confidence, i.received_at, i.rowid LIMIT 1000"""
_STATE = """CASE WHEN x % 100 < 92 THEN 'posted' WHEN x % 100 < 95 THEN 'skipped'
    WHEN x % 100 < 98 THEN 'needs_review' WHEN x % 100 < 99 THEN 'dead_letter' ELSE 'waiting' END"""
_UUID = """lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
    substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' ||
    hex(randomblob(6)))"""


def preload(db: Path, template: Path, rows: int, now: datetime) -> float:
    """Add ``rows`` items to ``db`` cloned from ``template``'s decided items; seconds taken."""
    started = time.perf_counter()
    start = (now - timedelta(days=SPAN_DAYS)).timestamp()
    step = SPAN_DAYS * 86400 / rows
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")  # a bulk load of rows made consistent below
    conn.execute("ATTACH DATABASE ? AS tpl", (str(template),))
    conn.execute("""CREATE TEMP TABLE t AS SELECT row_number() OVER () - 1 AS k, i.entry,
        i.event_type, i.source, d.decision FROM tpl.inbox i JOIN tpl.decisions d
        ON d.tenant = i.tenant AND d.item_id = i.id WHERE i.entry IS NOT NULL""")
    kinds = conn.execute("SELECT count(*) FROM t").fetchone()[0]
    if kinds == 0:
        raise SystemExit(f"{template}: no decided items to clone")
    conn.execute("BEGIN")
    conn.execute(f"""CREATE TEMP TABLE g AS WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL
        SELECT x + 1 FROM n WHERE x + 1 < {rows:d}) SELECT x, {_UUID} AS id, {_STATE} AS status,
        strftime('%Y-%m-%dT%H:%M:%S', {start} + x * {step}, 'unixepoch') || '.000000+00:00'
        AS at, abs(random() % 200000) / 100.0 AS amount, abs(random() % 1000) / 1000.0 AS conf
        FROM n""")
    conn.execute(f"""INSERT INTO inbox (id, tenant, source, dedupe_key, event_type, entry,
        received_at, status, attempts, updated_at, stake, confidence)
        SELECT g.id, '{TENANT}', t.source, 'preload-' || g.x, t.event_type,
        json_set(t.entry, '$.external_id', 'pre' || g.x,
                 '$.description', json_extract(t.entry, '$.description') || ' #' || g.x),
        g.at, g.status, 1, g.at, g.amount, g.conf
        FROM g JOIN t ON t.k = g.x % {kinds:d}""")
    conn.execute(f"""INSERT INTO decisions (tenant, item_id, decision, updated_at)
        SELECT '{TENANT}', g.id, json_set(t.decision, '$.amount', printf('%.2f', g.amount),
        '$.confidence', g.conf, '$.entry_key', 'clockify:pre' || g.x), g.at
        FROM g JOIN t ON t.k = g.x % {kinds:d} WHERE g.status <> 'waiting'""")
    conn.execute(f"""INSERT INTO audit (tenant, item_id, at, status, detail)
        SELECT '{TENANT}', g.id, g.at, g.status, 'preloaded' FROM g""")
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    return time.perf_counter() - started


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and max milliseconds of ``runs`` calls."""
    took = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        took.append((time.perf_counter() - started) * 1000)
    return statistics.median(took), max(took)


def measure(db: Path, now: datetime, runs: int = 15) -> None:
    """Print the review page's query, the sweep's queries and retention chunks at this size."""
    with SqliteStore(db) as store:
        conn = store._conn()
        total = conn.execute("SELECT count(*) FROM inbox").fetchone()[0]
        review = conn.execute(
            "SELECT count(*) FROM inbox WHERE status = 'needs_review'"
        ).fetchone()[0]
        print(
            f"in process, {total:,} inbox rows ({review:,} needs_review), median/max of {runs} runs:"
        )
        rows = [
            ("review page query, money at stake first (limit 1000)",
             lambda: store.review_queue(TENANT, limit=1000, order="stake")),
            ("review page query, oldest first (limit 1000)",
             lambda: store.review_queue(TENANT, limit=1000, order="oldest")),
            ("  its SQL alone, rows fetched, no models (raw SQL)",
             lambda: conn.execute(NEW_QUEUE, (TENANT,)).fetchall()),
            ("  before this change: JSON sort, same rows (raw SQL)",
             lambda: conn.execute(OLD_QUEUE, (TENANT,)).fetchall()),
            ("sweep: counts()", store.counts),
            ("  before this change: GROUP BY scan (raw SQL)",
             lambda: conn.execute(OLD_COUNTS).fetchall()),
            ("sweep: due(limit=500)", lambda: store.due(now=now, limit=500)),
        ]  # fmt: skip
        for label, action in rows:
            median, worst = timed(action, runs if "before" not in label else 3)
            print(f"  {label:<58} {median:9.2f} ms  max {worst:9.2f} ms")
        before = now - timedelta(days=RETENTION_DAYS)
        chunks = []
        for _ in range(runs):
            started = time.perf_counter()
            moved = store.archive_finished(before=before, now=now, limit=CHUNK)
            chunks.append(((time.perf_counter() - started) * 1000, moved))
        took = sorted(c[0] for c in chunks)
        print(
            f"  sweep: retention chunk (archive_finished, limit {CHUNK}), {runs} chunks"
            f" moving {sum(c[1] for c in chunks):,}: median {statistics.median(took):.2f} ms"
            f"  max {took[-1]:.2f} ms"
        )
        sweep = [timed(store.counts, 1)[0] + timed(lambda: store.due(now=now, limit=500), 1)[0]
                 for _ in range(runs)]  # fmt: skip
        print(
            f"  sweep total (counts + due + one retention chunk): median"
            f" {statistics.median(sweep) + statistics.median(took):.2f} ms"
        )


def _template(path: Path) -> None:
    """One decided item per final state, made through the store API (when run alone)."""
    from app.domain.decisions import Decision  # noqa: PLC0415
    from app.domain.entries import Source, TimeEntry  # noqa: PLC0415
    from app.domain.inbox import NewItem, Status  # noqa: PLC0415

    entry = TimeEntry.model_validate({
        "source": Source.CLOCKIFY, "external_id": "te-1", "version": "v1", "tenant": TENANT,
        "client": "Northwind Freight", "project": "Northwind - DOT Compliance", "task": "",
        "description": "drive to Stockton depot for mock audit", "work_date": "2026-10-14",
        "start": "2026-10-14T15:00:00Z", "end": "2026-10-14T17:00:00Z", "hours": "2",
        "billable_flag": True, "user_ref": "6702a1c4e2b9f43d1a5c7e10",
    })  # fmt: skip
    decision = Decision.model_validate({
        "entry_key": "clockify:te-1", "entry_version": "v1", "client_id": "nwf",
        "code": "NWF-DOT", "billable": True, "billable_fraction": "1", "rate": "250",
        "amount": "500", "hours": "2", "basis": "hourly", "confidence": 0.9, "stage": "rules",
        "needs_review": False, "reason": "rule nwf-dot",
    })  # fmt: skip
    now = datetime.now(UTC)
    with SqliteStore(path) as store:
        from app.service.local import ensure_demo_tenant  # noqa: PLC0415

        ensure_demo_tenant(store)
        new = NewItem(tenant=TENANT, source=Source.CLOCKIFY, dedupe_key="t1",
                      event_type="NEW_TIME_ENTRY", entry=entry, received_at=now)  # fmt: skip
        item, _ = store.accept(new)
        store.claim(TENANT, item.id, now=now, lease_s=60)
        store.finish(TENANT, item.id, Status.POSTED, now=now, decision=decision)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as tmp:
        template, db = Path(tmp) / "template.sqlite3", Path(tmp) / "inbox.sqlite3"
        _template(template)
        SqliteStore(db).close()
        print(f"preloaded {args.rows:,} rows in {preload(db, template, args.rows, now):.1f} s")
        measure(db, now)


if __name__ == "__main__":
    main()
