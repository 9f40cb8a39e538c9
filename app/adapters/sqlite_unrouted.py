"""The SQLite ``Store``'s table of QuickBooks events for realms no tenant connected (schema
step 6): kept deduplicated and bounded (``app.domain.unrouted``), taken up at connect.

A mixin of ``SqliteStore`` (it lends ``_conn`` and ``_tx``). Keeping an event and pruning its
realm is one transaction, committed before the webhook answers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loaded where used: only QuickBooks events of unknown realms need them
    from app.domain.unrouted import UnroutedEvent, UnroutedRealm

UNROUTED_STEP = (
    """CREATE TABLE IF NOT EXISTS qbo_unrouted (
        realm TEXT NOT NULL, dedupe_key TEXT NOT NULL, body TEXT NOT NULL,
        received_at TEXT NOT NULL, PRIMARY KEY (realm, dedupe_key)) STRICT""",
    "CREATE INDEX IF NOT EXISTS qbo_unrouted_age ON qbo_unrouted (realm, received_at)",
)
_KEEP = """INSERT INTO qbo_unrouted (realm, dedupe_key, body, received_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (realm, dedupe_key) DO NOTHING RETURNING 1"""
_PRUNE_OLD = "DELETE FROM qbo_unrouted WHERE realm = ? AND received_at < ?"
_PRUNE_MANY = """DELETE FROM qbo_unrouted WHERE realm = :realm AND rowid NOT IN (
    SELECT rowid FROM qbo_unrouted WHERE realm = :realm
    ORDER BY received_at DESC, rowid DESC LIMIT :keep)"""
_REALMS = """SELECT realm, count(*) AS events, min(received_at) AS first_seen,
    max(received_at) AS last_seen FROM qbo_unrouted GROUP BY realm ORDER BY realm"""


class UnroutedTables:
    """``Store`` methods over ``qbo_unrouted``."""

    def _conn(self) -> sqlite3.Connection:
        raise NotImplementedError  # SqliteStore's

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # SqliteStore's

    def keep_unrouted(self, event: UnroutedEvent) -> bool:
        from app.domain.unrouted import KEEP_FOR, KEEP_PER_REALM  # noqa: PLC0415 - off the webhook's cold path

        at = _at(event.received_at)
        with self._tx() as conn:
            new = conn.execute(_KEEP, (event.realm, event.dedupe_key, event.body, at)).fetchone()
            conn.execute(_PRUNE_OLD, (event.realm, _at(event.received_at - KEEP_FOR)))
            conn.execute(_PRUNE_MANY, {"realm": event.realm, "keep": KEEP_PER_REALM})
        return new is not None

    def unrouted(self, realm: str) -> list[UnroutedEvent]:
        from app.domain.unrouted import UnroutedEvent  # noqa: PLC0415 - off the webhook's cold path

        sql = """SELECT realm, dedupe_key, body, received_at FROM qbo_unrouted WHERE realm = ?
                 ORDER BY received_at, rowid"""
        rows = self._conn().execute(sql, (realm,)).fetchall()
        return [UnroutedEvent.model_validate(dict(row)) for row in rows]

    def drop_unrouted(self, realm: str, dedupe_keys: Sequence[str]) -> int:
        sql = "DELETE FROM qbo_unrouted WHERE realm = ? AND dedupe_key = ?"
        with self._tx() as conn:
            return sum(conn.execute(sql, (realm, key)).rowcount for key in dedupe_keys)

    def unrouted_realms(self) -> list[UnroutedRealm]:
        from app.domain.unrouted import UnroutedRealm  # noqa: PLC0415 - off the webhook's cold path

        rows = self._conn().execute(_REALMS).fetchall()
        return [UnroutedRealm.model_validate(dict(row)) for row in rows]


def _at(value: datetime) -> str:
    """Fixed-width UTC text, as ``sqlite_store`` keeps every time (text order is time order)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("SqliteStore needs timezone-aware datetimes")
    return value.astimezone(UTC).isoformat(timespec="microseconds")
