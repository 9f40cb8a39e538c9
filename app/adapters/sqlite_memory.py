"""The SQLite store's memory snapshots (schema step 9, file version 10): per tenant, the memory
its reviews taught, as bytes, with the review log position it was learned up to
(``app.review.learning``), so a cold worker loads it and reads only the reviews since.

A mixin of ``SqliteStore`` (it lends ``_conn`` and ``_tx``). A save is one conditional upsert:
of two writers the later position is kept whatever order they commit in.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from datetime import UTC, datetime

from app.domain.memory_snapshots import MemorySnapshot
from app.errors import ItemNotFoundError

MEMORY_STEP = (
    """CREATE TABLE IF NOT EXISTS memory_snapshots (
        tenant TEXT PRIMARY KEY REFERENCES tenants (id),
        review_seq INTEGER NOT NULL CHECK (review_seq >= 0),
        body BLOB NOT NULL, saved_at TEXT NOT NULL) STRICT""",
)
_SAVE = """INSERT INTO memory_snapshots (tenant, review_seq, body, saved_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (tenant) DO UPDATE SET review_seq = excluded.review_seq, body = excluded.body,
    saved_at = excluded.saved_at WHERE excluded.review_seq >= memory_snapshots.review_seq
    RETURNING 1"""


class MemoryTables:
    """``Store.save_memory`` / ``load_memory`` over ``memory_snapshots``."""

    def _conn(self) -> sqlite3.Connection:
        raise NotImplementedError  # SqliteStore's

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # SqliteStore's

    def save_memory(self, snapshot: MemorySnapshot) -> bool:
        saved_at = snapshot.saved_at.astimezone(UTC).isoformat(timespec="microseconds")
        row = (snapshot.tenant, snapshot.position, snapshot.body, saved_at)
        try:
            with self._tx() as conn:
                return conn.execute(_SAVE, row).fetchone() is not None
        except sqlite3.IntegrityError as exc:  # the tenant's foreign key
            raise ItemNotFoundError(f"no tenant {snapshot.tenant!r}") from exc

    def load_memory(self, tenant: str) -> MemorySnapshot | None:
        sql = "SELECT review_seq, body, saved_at FROM memory_snapshots WHERE tenant = ?"
        row = self._conn().execute(sql, (tenant,)).fetchone()
        if row is None:
            return None
        return MemorySnapshot(tenant=tenant, position=row[0], body=bytes(row[1]),
                              saved_at=datetime.fromisoformat(row[2]))  # fmt: skip
