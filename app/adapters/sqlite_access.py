"""The SQLite ``Store``'s access tables (schema step 5): which tenant connected each QuickBooks
company, single-use sign-in tokens, and review sessions checked on every action.

A mixin of ``SqliteStore`` (it lends ``_conn`` and ``_tx``), kept apart so the store module
stays readable. Each check-and-change is one conditional statement, atomic under concurrency.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from app.errors import ItemNotFoundError, WriteConflictError

if TYPE_CHECKING:  # loaded where used: the webhook's cold path opens the store, never these
    from app.domain.reviews import Reviewer, ReviewSession

REVIEWER_COLUMNS = "tenant, name, token_hash, created_at, disabled"
ACCESS_STEP = (
    """CREATE TABLE IF NOT EXISTS qbo_realms (
        realm TEXT PRIMARY KEY, tenant TEXT NOT NULL REFERENCES tenants (id),
        linked_at TEXT NOT NULL) STRICT""",
    "ALTER TABLE reviewers ADD COLUMN token_used_at TEXT",
    """CREATE TABLE IF NOT EXISTS review_sessions (
        tenant TEXT NOT NULL REFERENCES tenants (id), id TEXT NOT NULL,
        reviewer TEXT NOT NULL, via TEXT NOT NULL CHECK (via IN ('token', 'supabase')),
        created_at TEXT NOT NULL, expires_at TEXT NOT NULL, ended_at TEXT,
        PRIMARY KEY (tenant, id)) STRICT""",
)
_REDEEM = f"""UPDATE reviewers SET token_used_at = :now
    WHERE tenant = :tenant AND token_hash = :hash AND disabled = 0 AND token_used_at IS NULL
    AND created_at > :after RETURNING {REVIEWER_COLUMNS}"""  # noqa: S608
_ACTIVE = """SELECT 1 FROM review_sessions s
    LEFT JOIN reviewers r ON r.tenant = s.tenant AND r.name = s.reviewer
    WHERE s.tenant = ? AND s.id = ? AND s.ended_at IS NULL AND s.expires_at > ?
    AND (s.via <> 'token' OR coalesce(r.disabled, 1) = 0)"""


class AccessTables:
    """``Store`` methods over ``qbo_realms``, ``reviewers.token_used_at``, ``review_sessions``."""

    def _conn(self) -> sqlite3.Connection:
        raise NotImplementedError  # SqliteStore's

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # SqliteStore's

    # -- sign-in tokens and sessions -------------------------------------------------------

    def redeem_token(
        self, tenant: str, token_hash: str, *, now: datetime, issued_after: datetime
    ) -> Reviewer | None:
        from app.domain.reviews import Reviewer  # noqa: PLC0415 - off the webhook's cold path

        args = {"now": _at(now), "tenant": tenant, "hash": token_hash, "after": _at(issued_after)}
        with self._tx() as conn:
            row = conn.execute(_REDEEM, args).fetchone()
        return None if row is None else Reviewer.model_validate(dict(row))

    def disable_reviewer(self, tenant: str, name: str) -> bool:
        sql = "UPDATE reviewers SET disabled = 1 WHERE tenant = ? AND name = ? RETURNING name"
        with self._tx() as conn:
            return conn.execute(sql, (tenant, name)).fetchone() is not None

    def start_session(self, session: ReviewSession) -> None:
        sql = """INSERT INTO review_sessions (tenant, id, reviewer, via, created_at, expires_at)
                 VALUES (?, ?, ?, ?, ?, ?)"""
        with self._tx() as conn:
            conn.execute(sql, (session.tenant, session.id, session.reviewer, session.via,
                               _at(session.created_at), _at(session.expires_at)))  # fmt: skip

    def session_active(self, tenant: str, session_id: str, *, now: datetime) -> bool:
        return self._conn().execute(_ACTIVE, (tenant, session_id, _at(now))).fetchone() is not None

    def end_session(self, tenant: str, session_id: str, *, now: datetime) -> None:
        sql = """UPDATE review_sessions SET ended_at = ?
                 WHERE tenant = ? AND id = ? AND ended_at IS NULL"""
        with self._tx() as conn:
            conn.execute(sql, (_at(now), tenant, session_id))

    # -- QuickBooks companies ----------------------------------------------------------------

    def link_realm(self, tenant: str, realm: str, *, now: datetime) -> None:
        with self._tx() as conn:
            if conn.execute("SELECT 1 FROM tenants WHERE id = ?", (tenant,)).fetchone() is None:
                raise ItemNotFoundError(f"no tenant {tenant!r}")
            sql = """INSERT INTO qbo_realms (realm, tenant, linked_at) VALUES (?, ?, ?)
                     ON CONFLICT (realm) DO NOTHING"""
            conn.execute(sql, (realm, tenant, _at(now)))
            owner = conn.execute("SELECT tenant FROM qbo_realms WHERE realm = ?", (realm,))
            if owner.fetchone()[0] != tenant:
                raise WriteConflictError(
                    f"QuickBooks company {realm} is connected to another tenant"
                )

    def tenant_for_realm(self, realm: str) -> str | None:
        row = self._conn().execute("SELECT tenant FROM qbo_realms WHERE realm = ?", (realm,))
        found = row.fetchone()
        return None if found is None else str(found[0])


def _at(value: datetime) -> str:
    """Fixed-width UTC text, as ``sqlite_store`` keeps every time (text order is time order)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("SqliteStore needs timezone-aware datetimes")
    return value.astimezone(UTC).isoformat(timespec="microseconds")
