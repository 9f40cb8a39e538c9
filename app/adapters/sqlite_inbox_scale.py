"""What keeps the SQLite inbox fast at any size (schema step 8, v8 -> v9).

- ``inbox_counts``: how many items each tenant has in each state, kept by triggers in the
  transaction of every insert, status change and delete, so ``counts()`` reads one row per
  (tenant, state) and finds each oldest ``received_at`` by one probe of ``inbox_oldest``,
  instead of scanning the inbox on every sweep.
- ``inbox.stake`` / ``inbox.confidence``: the decision's amount and confidence, written with the
  decision, so the review queue is read in the order of ``inbox_queue`` (no JSON sort).
- ``inbox_archive``: finished items (``ARCHIVABLE``) moved out of the inbox after the retention
  period, in bounded chunks by the sweep; their delivery keys still deduplicate (``accept``
  looks here first), and ``timebill entries --archived`` lists them. Their audit trail, writes
  and reviews stay where they are, so those tables lose their foreign key to ``inbox``
  (rebuilt here, rows and ``seq`` kept).

A mixin of ``SqliteStore`` (it lends ``_conn`` and ``_tx``).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import AbstractContextManager
from datetime import UTC, datetime

from app.domain.inbox import ARCHIVABLE, InboxItem
from app.domain.review_actions import ReviewAction

_COUNT = """INSERT INTO inbox_counts (tenant, status, n) VALUES ({row}.tenant, {row}.status, 1)
    ON CONFLICT (tenant, status) DO UPDATE SET n = n + 1"""
_UNCOUNT = "UPDATE inbox_counts SET n = n - 1 WHERE tenant = old.tenant AND status = old.status"
_STAKE = "CAST(coalesce(json_extract(decision, '$.amount'), '0') AS REAL)"
_CONFIDENCE = "coalesce(json_extract(decision, '$.confidence'), 0.0)"
_ACTIONS = ", ".join(f"'{a.value}'" for a in ReviewAction)
_DONE = ", ".join(f"'{s.value}'" for s in sorted(ARCHIVABLE))
_ARCHIVE_COLUMNS = ("id, tenant, source, dedupe_key, event_type, entry, ref, received_at, "
                    "status, attempts, last_error, updated_at")  # fmt: skip

# What the dropped foreign key checked, for rows written from now on: the tenant's own item,
# in the inbox or the archive.
_OWN_ITEM = """CREATE TRIGGER {table}_own_item BEFORE INSERT ON {table} WHEN NOT EXISTS
    (SELECT 1 FROM inbox WHERE tenant = new.tenant AND id = new.item_id) AND NOT EXISTS
    (SELECT 1 FROM inbox_archive WHERE tenant = new.tenant AND id = new.item_id)
    BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: not an item of the tenant'); END"""

SCALE_STEP = (
    # The review queue's order, as columns written with the decision (backfilled here).
    "ALTER TABLE inbox ADD COLUMN stake REAL NOT NULL DEFAULT 0",
    "ALTER TABLE inbox ADD COLUMN confidence REAL NOT NULL DEFAULT 0",
    f"""UPDATE inbox SET stake = d.stake, confidence = d.confidence
        FROM (SELECT tenant, item_id, {_STAKE} AS stake, {_CONFIDENCE} AS confidence
              FROM decisions) AS d
        WHERE d.tenant = inbox.tenant AND d.item_id = inbox.id""",  # noqa: S608
    "DROP INDEX IF EXISTS inbox_review",  # a prefix of inbox_oldest
    "CREATE INDEX inbox_oldest ON inbox (tenant, status, received_at)",
    "CREATE INDEX inbox_queue ON inbox (tenant, status, stake DESC, confidence, received_at)",
    # Counts per (tenant, state), kept in the writer's transaction.
    """CREATE TABLE inbox_counts (tenant TEXT NOT NULL, status TEXT NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (tenant, status)) STRICT, WITHOUT ROWID""",
    "INSERT INTO inbox_counts SELECT tenant, status, count(*) FROM inbox GROUP BY 1, 2",
    f"CREATE TRIGGER inbox_count_new AFTER INSERT ON inbox BEGIN {_COUNT.format(row='new')}; END",
    f"""CREATE TRIGGER inbox_count_move AFTER UPDATE OF status ON inbox
        WHEN old.status IS NOT new.status
        BEGIN {_UNCOUNT}; {_COUNT.format(row="new")}; END""",
    f"CREATE TRIGGER inbox_count_gone AFTER DELETE ON inbox BEGIN {_UNCOUNT}; END",
    # Finished items past the retention period.
    """CREATE TABLE inbox_archive (
        id TEXT NOT NULL, tenant TEXT NOT NULL, source TEXT NOT NULL, dedupe_key TEXT NOT NULL,
        event_type TEXT NOT NULL, entry TEXT, ref TEXT, received_at TEXT NOT NULL,
        status TEXT NOT NULL, attempts INTEGER NOT NULL, last_error TEXT,
        updated_at TEXT NOT NULL, decision TEXT, seq INTEGER NOT NULL, archived_at TEXT NOT NULL,
        PRIMARY KEY (tenant, id), UNIQUE (tenant, source, dedupe_key)) STRICT""",
    "CREATE INDEX inbox_archive_recent ON inbox_archive (tenant, received_at)",
    # audit, writes and reviews outlive their inbox row: the same tables without that key.
    """CREATE TABLE audit_v9 (
        seq INTEGER PRIMARY KEY, tenant TEXT NOT NULL, item_id TEXT NOT NULL,
        at TEXT NOT NULL, status TEXT NOT NULL, detail TEXT NOT NULL) STRICT""",
    "INSERT INTO audit_v9 SELECT seq, tenant, item_id, at, status, detail FROM audit",
    "DROP TABLE audit",
    "ALTER TABLE audit_v9 RENAME TO audit",
    "CREATE INDEX audit_item ON audit (tenant, item_id, seq)",
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END""",
    _OWN_ITEM.format(table="audit"),
    """CREATE TABLE writes_v9 (
        tenant TEXT NOT NULL, item_id TEXT NOT NULL, entry_version TEXT NOT NULL,
        system TEXT NOT NULL, record_id TEXT NOT NULL, written_at TEXT NOT NULL,
        UNIQUE (tenant, item_id, entry_version), UNIQUE (tenant, system, record_id)) STRICT""",
    """INSERT INTO writes_v9 SELECT tenant, item_id, entry_version, system, record_id,
        written_at FROM writes ORDER BY rowid""",
    "DROP TABLE writes",
    "ALTER TABLE writes_v9 RENAME TO writes",
    """CREATE TRIGGER writes_no_update BEFORE UPDATE ON writes
        BEGIN SELECT RAISE(ABORT, 'writes are append-only'); END""",
    """CREATE TRIGGER writes_no_delete BEFORE DELETE ON writes
        BEGIN SELECT RAISE(ABORT, 'writes are append-only'); END""",
    _OWN_ITEM.format(table="writes"),
    f"""CREATE TABLE reviews_v9 (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL, tenant TEXT NOT NULL,
        item_id TEXT NOT NULL, reviewer TEXT NOT NULL, at TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ({_ACTIONS})),
        before TEXT, after TEXT NOT NULL, why TEXT NOT NULL, client_id TEXT,
        description TEXT NOT NULL, pattern TEXT NOT NULL, UNIQUE (tenant, id)) STRICT""",
    "INSERT INTO reviews_v9 SELECT * FROM reviews",
    "DROP TABLE reviews",
    "ALTER TABLE reviews_v9 RENAME TO reviews",
    "CREATE INDEX reviews_item ON reviews (tenant, item_id, seq)",
    "CREATE INDEX reviews_pattern ON reviews (tenant, pattern, seq)",
    """CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
        BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END""",
    """CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
        BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END""",
    _OWN_ITEM.format(table="reviews"),
)
COUNTS = """SELECT c.tenant, c.status, c.n, (SELECT min(i.received_at) FROM inbox AS i
        WHERE i.tenant = c.tenant AND i.status = c.status) AS oldest
    FROM inbox_counts AS c WHERE c.n > 0 ORDER BY c.tenant, c.status"""
# Finished long enough ago: received and last changed before the cut-off.
_OLD = f"""SELECT rowid FROM inbox WHERE status IN ({_DONE})
    AND received_at < :cut AND updated_at < :cut LIMIT :limit"""  # noqa: S608
_CHUNK = "rowid IN (SELECT value FROM json_each(:ids))"
_MOVE = f"""INSERT INTO inbox_archive ({_ARCHIVE_COLUMNS}, decision, seq, archived_at)
    SELECT {", ".join(f"i.{c.strip()}" for c in _ARCHIVE_COLUMNS.split(","))}, d.decision,
        i.rowid, :now
    FROM inbox AS i LEFT JOIN decisions AS d ON d.tenant = i.tenant AND d.item_id = i.id
    WHERE i.{_CHUNK}"""  # noqa: S608
_DROP_DECISIONS = f"""DELETE FROM decisions WHERE (tenant, item_id) IN
    (SELECT tenant, id FROM inbox WHERE {_CHUNK})"""  # noqa: S608
ARCHIVED = "SELECT *, NULL AS next_attempt_at, NULL AS lease_until FROM inbox_archive"


class ArchiveTables:
    """``Store`` methods over ``inbox_archive``."""

    def _conn(self) -> sqlite3.Connection:
        raise NotImplementedError  # SqliteStore's

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # SqliteStore's

    def archive_finished(self, *, before: datetime, now: datetime, limit: int = 500) -> int:
        with self._tx() as conn:
            rows = conn.execute(_OLD, {"cut": _at(before), "limit": max(limit, 0)}).fetchall()
            ids = json.dumps([r[0] for r in rows])
            conn.execute(_MOVE, {"ids": ids, "now": _at(now)})
            conn.execute(_DROP_DECISIONS, {"ids": ids})
            conn.execute(f"DELETE FROM inbox WHERE {_CHUNK}", {"ids": ids})  # noqa: S608
        return len(rows)

    @staticmethod
    def _to_item(row: sqlite3.Row) -> InboxItem:
        raise NotImplementedError  # SqliteStore's row mapping

    def archived(self, tenant: str, *, limit: int = 100) -> list[InboxItem]:
        sql = f"{ARCHIVED} WHERE tenant = ? ORDER BY received_at DESC, seq DESC LIMIT ?"
        return [self._to_item(r) for r in self._conn().execute(sql, (tenant, max(limit, 0)))]


def _at(value: datetime) -> str:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("SqliteStore needs timezone-aware datetimes")
    return value.astimezone(UTC).isoformat(timespec="microseconds")
