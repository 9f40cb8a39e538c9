"""The SQLite store's v9 step on files that existed before it, and the plans it promises."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from decimal import Decimal
from pathlib import Path

from app.adapters.sqlite_inbox_scale import COUNTS
from app.adapters.sqlite_store import _SCHEMA_V1, _STEPS, SqliteStore
from app.domain.inbox import Status
from tests.contract.builders import TENANT_A, TENANT_B, at, decision, new_item, tenant
from tests.contract.review_contract import flagged, review
from tests.contract.store_contract import claimed, record


def v7_file(path: Path) -> None:
    """A file as the v7 store (main before this step) made it: v1 and steps 1 to 6."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        for statement in _SCHEMA_V1:
            conn.execute(statement)
        for step in range(1, 7):
            for statement in _STEPS[step]:
                conn.execute(statement)
        conn.execute("PRAGMA user_version = 7")


def test_a_v7_file_with_items_gets_counts_and_the_queue_order_backfilled(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v7.db"
    v7_file(path)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 7
        assert "stake" not in [r[1] for r in conn.execute("PRAGMA table_info(inbox)")]
    _fill_as_v7(path)
    with SqliteStore(path) as store:
        counts = {(c.tenant, c.status): c.n for c in store.counts()}
        assert counts == {(TENANT_A, Status.NEEDS_REVIEW): 3, (TENANT_A, Status.POSTED): 1,
                          (TENANT_B, Status.RECEIVED): 1}  # fmt: skip
        queue = [i.dedupe_key for i in store.review_queue(TENANT_A)]
        assert queue == ["big", "unsure", "sure"]  # amount, then the least confident
        [posted] = store.items(TENANT_A, status=Status.POSTED)
        assert store.write_for(TENANT_A, posted.id, "v1") is not None
        assert len(store.reviews(TENANT_A)) == 1
        assert store.archive_finished(before=at(60), now=at(61)) == 1
        assert store.trail(TENANT_A, posted.id)  # the trail outlives the inbox row
        assert store.write_for(TENANT_A, posted.id, "v1") is not None
        assert store.accept(new_item("posted", received_at=at(70)))[1] is False


def _fill_as_v7(path: Path) -> None:
    """Items in several states, a write and a review, through a store whose schema is v7:
    the v7 store is gone, so its writes are replayed as the SQL it ran."""
    scratch = path.with_name("scratch.db")
    with SqliteStore(scratch) as store:
        store.put_tenant(tenant(TENANT_A))
        store.put_tenant(tenant(TENANT_B))
        flagged(store, "sure", minutes=1, amount=Decimal("300"), confidence=0.8)
        flagged(store, "big", minutes=2, amount=Decimal("1200.50"), confidence=0.7)
        unsure = flagged(store, "unsure", minutes=3, amount=Decimal("300"), confidence=0.4)
        store.record_review(review(unsure))
        item, _ = store.accept(new_item("posted"))
        claimed(store, item)
        store.finish(TENANT_A, item.id, Status.POSTED, now=at(2), decision=decision())
        record(store, item, "v1", "qbo-1")
        store.accept(new_item("b-1", tenant_id=TENANT_B))
    copy = ("tenants", "inbox", "decisions", "audit", "writes", "reviews")
    columns = {t: _v7_columns(path, t) for t in copy}
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("ATTACH DATABASE ? AS src", (str(scratch),))
        for table in copy:
            names = ", ".join(columns[table])
            conn.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM src.{table}")


def _v7_columns(path: Path, table: str) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def test_counts_and_both_queue_orders_read_indexes_not_the_whole_inbox(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "t.db") as store:
        conn = store._conn()
        plan = " ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {COUNTS}"))
        assert "USING COVERING INDEX inbox_oldest" in plan
        assert "SCAN i" not in plan
        for order, index in (("i.stake DESC, i.confidence, i.received_at, i.rowid", "queue"),
                             ("i.received_at, i.rowid", "oldest")):  # fmt: skip
            plan = " ".join(r[3] for r in conn.execute(
                "EXPLAIN QUERY PLAN SELECT * FROM inbox AS i WHERE i.tenant = 'a' AND "
                f"i.status = 'needs_review' ORDER BY {order} LIMIT 50"))  # fmt: skip
            assert f"USING INDEX inbox_{index}" in plan
            assert "TEMP B-TREE" not in plan  # no sort
