"""``TokenStore`` on SQLite: QuickBooks tokens and the refresh lease in their own two tables.

The file may be a separate one or the embedded store's own file: the tables here are named
``qbo_tokens`` and ``qbo_token_leases`` and nothing else in the file is touched (not even
``PRAGMA user_version``, which belongs to ``SqliteStore``'s migrations).

The lease is what makes a refresh single-flight across processes: ``try_lease`` runs in
``BEGIN IMMEDIATE``, which takes SQLite's write lock before reading, so two processes can
never both see the lease free and both take it. The lease has an expiry, so a worker that
dies mid-refresh blocks its realm for ``lease_s`` at most. Tokens are stored in clear text:
this store is the embedded default, for one machine; a file it creates is made owner-only.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from app.adapters.quickbooks_tokens import ConnectionStatus, RealmTokens

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS qbo_tokens (
        tenant TEXT NOT NULL, realm TEXT NOT NULL, refresh_token TEXT NOT NULL,
        access_token TEXT, access_expires_at TEXT, refresh_expires_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('connected', 'reconnect_needed')),
        updated_at TEXT, PRIMARY KEY (tenant, realm)) STRICT""",
    """CREATE TABLE IF NOT EXISTS qbo_token_leases (
        tenant TEXT NOT NULL, realm TEXT NOT NULL, holder TEXT NOT NULL,
        until TEXT NOT NULL, PRIMARY KEY (tenant, realm)) STRICT""",
)
_COLUMNS = (
    "tenant, realm, refresh_token, access_token, access_expires_at, refresh_expires_at,"
    " status, updated_at"
)


class SqliteTokenStore:
    """One connection per thread; ``close()`` releases them all."""

    def __init__(self, path: Path | str, *, busy_timeout_s: float = 5.0) -> None:
        self.path = Path(path)
        self._busy_s = busy_timeout_s
        self._local = threading.local()
        self._lock = threading.Lock()
        self._conns: list[sqlite3.Connection] = []
        created = not self.path.exists()
        with self._tx() as conn:
            for statement in _SCHEMA:
                conn.execute(statement)
        if created:
            os.chmod(self.path, 0o600)

    def close(self) -> None:
        with self._lock:
            conns, self._conns = self._conns, []
        for conn in conns:
            conn.close()

    def get(self, tenant: str, realm: str) -> RealmTokens | None:
        sql = f"SELECT {_COLUMNS} FROM qbo_tokens WHERE tenant = ? AND realm = ?"  # noqa: S608
        row = self._conn().execute(sql, (tenant, realm)).fetchone()
        return None if row is None else _tokens(row)

    def put(self, tokens: RealmTokens) -> None:
        row = (
            tokens.tenant, tokens.realm, tokens.refresh_token, tokens.access_token,
            _ts(tokens.access_expires_at), _ts(tokens.refresh_expires_at),
            tokens.status.value, _ts(tokens.updated_at),
        )  # fmt: skip
        updates = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS.split(", ")[2:])
        with self._tx() as conn:
            conn.execute(
                f"INSERT INTO qbo_tokens ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"  # noqa: S608
                f" ON CONFLICT (tenant, realm) DO UPDATE SET {updates}",
                row,
            )

    def try_lease(
        self, tenant: str, realm: str, *, holder: str, now: datetime, lease_s: float
    ) -> bool:
        key = (tenant, realm)
        with self._tx() as conn:
            held = conn.execute(
                "SELECT holder, until FROM qbo_token_leases WHERE tenant = ? AND realm = ?", key
            ).fetchone()
            if held is not None and held[0] != holder and held[1] > _ts(now):
                return False
            conn.execute(
                "INSERT INTO qbo_token_leases (tenant, realm, holder, until) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (tenant, realm) DO UPDATE SET holder = excluded.holder,"
                " until = excluded.until",
                (*key, holder, _ts(now + timedelta(seconds=lease_s))),
            )
            return True

    def release(self, tenant: str, realm: str, *, holder: str) -> None:
        with self._tx() as conn:
            conn.execute(
                "DELETE FROM qbo_token_leases WHERE tenant = ? AND realm = ? AND holder = ?",
                (tenant, realm, holder),
            )

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self.path, timeout=self._busy_s, isolation_level=None, check_same_thread=False
            )
            conn.execute(f"PRAGMA busy_timeout = {int(self._busy_s * 1000):d}")
            conn.execute("PRAGMA synchronous = FULL")  # a stored refresh token survives a crash
            with self._lock:
                self._conns.append(conn)
            self._local.conn = conn
        return conn

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def _ts(value: datetime | None) -> str | None:
    """Fixed-width UTC text, so comparing the text compares the instants."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("SqliteTokenStore needs timezone-aware datetimes")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _dt(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _tokens(row: tuple[Any, ...]) -> RealmTokens:
    tenant, realm, refresh, access, access_exp, refresh_exp, status, updated = row
    return RealmTokens(
        tenant=tenant, realm=realm, refresh_token=refresh, access_token=access,
        access_expires_at=_dt(access_exp), refresh_expires_at=_dt(refresh_exp),
        status=ConnectionStatus(status), updated_at=_dt(updated),
    )  # fmt: skip
