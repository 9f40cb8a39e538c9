"""The embedded ``Store``: one SQLite file in WAL mode, safe to share between threads.

Each thread gets its own connection (``threading.local``), so the API, the worker thread and
tests run concurrently; SQLite's write lock plus ``busy_timeout`` serialises the writers, and
each multi-statement change runs in ``BEGIN IMMEDIATE`` so it takes that lock up front.
``accept`` and ``claim`` are single conditional statements, atomic whatever the interleaving.
A thread's connection lives until ``close()``, which closes them all (threads come from bounded
pools: the API's thread pool, one worker).

Datetimes are stored as fixed-width ISO-8601 UTC text (so text order is time order); naive
datetimes are refused. Storage errors propagate as ``sqlite3`` exceptions: the webhook answers
5xx rather than acknowledging what it did not keep. ``finish`` on an item the tenant does not
own raises ``ItemNotFoundError`` (a ``LookupError``).

The schema version lives in ``PRAGMA user_version``. A new file gets the v1 schema and then
every step in ``_STEPS``; an existing file gets the steps past its version, all in one
transaction at open. v2 added ``writes``: what the writer wrote, one row per (tenant, item,
entry version) and per (tenant, system, record id). v3 added ``reviews`` (what people did to
flagged entries, append-only) and ``reviewers`` (who may review a tenant, by token hash).
v4 added ``tenants.qbo_mapping``: the tenant's QuickBooks mapping as JSON (``QboMapping``).
v5 added ``entry_ledger``: per (tenant, writer system, source entry) the records written for it,
the version last taken up, whether it was deleted at the source, and a short lease
(``app/domain/ledger.py``).
v6 (step 5; step 4 is reserved) added ``qbo_realms`` (which tenant connected each QuickBooks
company), ``reviewers.token_used_at`` (sign-in tokens are single-use) and ``review_sessions``
(sessions checked on every action): ``app.adapters.sqlite_access``.
v7 (step 6) added ``qbo_unrouted``: QuickBooks events for companies no tenant connected yet,
kept (deduplicated, bounded) until ``timebill qbo connect`` takes them up:
``app.adapters.sqlite_unrouted``.
v8 (step 7) is another branch's; on this one it is a placeholder that changes nothing.
v9 (step 8) keeps the inbox fast at any size: counts kept by triggers, the review queue's
order as indexed columns, and the archive of finished items past the retention period:
``app.adapters.sqlite_inbox_scale``.
v10 (step 9) added ``memory_snapshots``: each tenant's memory taught by reviews, with the review
it was learned up to, for the next cold worker: ``app.adapters.sqlite_memory``.
v11 (step 10) keeps with each rules version what its back-test measured (``calibration``):
``app.adapters.sqlite_rules``.
v12 (step 11) added ``tally_parts`` and ``tally_totals``: the live worker's running totals of
caps, hours per request and hours per person-day, each entry counted once:
``app.adapters.sqlite_tallies``.
v13 (step 12) keeps with each rules version its validated rule book (``book``), which a cold
worker reads instead of the YAML: ``app.adapters.sqlite_rules``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Self

from pydantic import BaseModel

from app.adapters.sqlite_access import ACCESS_STEP, AccessTables
from app.adapters.sqlite_checkpoint import Checkpointer
from app.adapters.sqlite_group_commit import GroupCommit, begin_eagerly
from app.adapters.sqlite_inbox_scale import ARCHIVED, COUNTS, SCALE_STEP, ArchiveTables
from app.adapters.sqlite_memory import MEMORY_STEP, MemoryTables
from app.adapters.sqlite_rules import BOOK_STEP, CALIBRATION_STEP, RULES_STEP, RulesTables
from app.adapters.sqlite_tallies import TALLY_STEP, TallyTables
from app.adapters.sqlite_unrouted import UNROUTED_STEP, UnroutedTables
from app.domain.decisions import Decision
from app.domain.entries import TimeEntry
from app.domain.inbox import (
    AuditEvent,
    EntityRef,
    InboxItem,
    NewItem,
    Status,
    StatusCount,
    Tenant,
    WriteRecord,
)
from app.domain.review_actions import ReviewAction
from app.errors import ItemNotFoundError, WriteConflictError

if TYPE_CHECKING:
    # Loaded where used: the webhook's cold path opens the store and inserts, nothing else
    # (tests/service/test_cold_path.py).
    from app.domain.ledger import EntryLedger
    from app.domain.mapping import QboMapping
    from app.domain.reviews import Reviewer, ReviewRecord
    from app.ports import QueueOrder

SCHEMA_VERSION = 13
_ACTIONS = ", ".join(f"'{a.value}'" for a in ReviewAction)
_STATUSES = ", ".join(f"'{s.value}'" for s in Status)
# The v1 schema, as v1 created it: never edit it, add a step to _STEPS instead.
_SCHEMA_V1 = (
    """CREATE TABLE IF NOT EXISTS tenants (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, sources TEXT NOT NULL,
        paused INTEGER NOT NULL DEFAULT 0) STRICT""",
    f"""CREATE TABLE IF NOT EXISTS inbox (
        id TEXT PRIMARY KEY, tenant TEXT NOT NULL, source TEXT NOT NULL,
        dedupe_key TEXT NOT NULL, event_type TEXT NOT NULL, entry TEXT, ref TEXT,
        received_at TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ({_STATUSES})),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0), next_attempt_at TEXT,
        lease_until TEXT, last_error TEXT, updated_at TEXT NOT NULL,
        UNIQUE (tenant, source, dedupe_key), UNIQUE (tenant, id)) STRICT""",
    "CREATE INDEX IF NOT EXISTS inbox_pending ON inbox (status, received_at)",
    "CREATE INDEX IF NOT EXISTS inbox_recent ON inbox (tenant, received_at)",
    """CREATE TABLE IF NOT EXISTS decisions (
        tenant TEXT NOT NULL, item_id TEXT NOT NULL, decision TEXT NOT NULL,
        updated_at TEXT NOT NULL, PRIMARY KEY (tenant, item_id),
        FOREIGN KEY (tenant, item_id) REFERENCES inbox (tenant, id)) STRICT""",
    """CREATE TABLE IF NOT EXISTS audit (
        seq INTEGER PRIMARY KEY, tenant TEXT NOT NULL, item_id TEXT NOT NULL,
        at TEXT NOT NULL, status TEXT NOT NULL, detail TEXT NOT NULL,
        FOREIGN KEY (tenant, item_id) REFERENCES inbox (tenant, id)) STRICT""",
    "CREATE INDEX IF NOT EXISTS audit_item ON audit (tenant, item_id, seq)",
    """CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END""",
)
# _STEPS[v] takes a file from version v to v + 1.
_STEPS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE IF NOT EXISTS writes (
            tenant TEXT NOT NULL, item_id TEXT NOT NULL, entry_version TEXT NOT NULL,
            system TEXT NOT NULL, record_id TEXT NOT NULL, written_at TEXT NOT NULL,
            UNIQUE (tenant, item_id, entry_version), UNIQUE (tenant, system, record_id),
            FOREIGN KEY (tenant, item_id) REFERENCES inbox (tenant, id)) STRICT""",
        """CREATE TRIGGER IF NOT EXISTS writes_no_update BEFORE UPDATE ON writes
            BEGIN SELECT RAISE(ABORT, 'writes are append-only'); END""",
        """CREATE TRIGGER IF NOT EXISTS writes_no_delete BEFORE DELETE ON writes
            BEGIN SELECT RAISE(ABORT, 'writes are append-only'); END""",
    ),
    2: (
        f"""CREATE TABLE IF NOT EXISTS reviews (
            seq INTEGER PRIMARY KEY, id TEXT NOT NULL, tenant TEXT NOT NULL,
            item_id TEXT NOT NULL, reviewer TEXT NOT NULL, at TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ({_ACTIONS})), before TEXT,
            after TEXT NOT NULL, why TEXT NOT NULL, client_id TEXT, description TEXT NOT NULL,
            pattern TEXT NOT NULL,
            UNIQUE (tenant, id),
            FOREIGN KEY (tenant, item_id) REFERENCES inbox (tenant, id)) STRICT""",
        "CREATE INDEX IF NOT EXISTS reviews_item ON reviews (tenant, item_id, seq)",
        "CREATE INDEX IF NOT EXISTS reviews_pattern ON reviews (tenant, pattern, seq)",
        """CREATE TRIGGER IF NOT EXISTS reviews_no_update BEFORE UPDATE ON reviews
            BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END""",
        """CREATE TRIGGER IF NOT EXISTS reviews_no_delete BEFORE DELETE ON reviews
            BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END""",
        """CREATE TABLE IF NOT EXISTS reviewers (
            tenant TEXT NOT NULL REFERENCES tenants (id), name TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (tenant, name)) STRICT""",
        "CREATE INDEX IF NOT EXISTS inbox_review ON inbox (tenant, status)",
    ),
    3: ("ALTER TABLE tenants ADD COLUMN qbo_mapping TEXT",),
    4: (
        """CREATE TABLE IF NOT EXISTS entry_ledger (
            tenant TEXT NOT NULL, system TEXT NOT NULL, entry_key TEXT NOT NULL,
            records TEXT NOT NULL DEFAULT '[]', content TEXT NOT NULL DEFAULT '',
            written TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            generation INTEGER NOT NULL DEFAULT 0 CHECK (generation >= 0),
            item_id TEXT, review_id TEXT, as_of TEXT, item_seq INTEGER NOT NULL DEFAULT 0,
            holder TEXT, lease_until TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (tenant, system, entry_key)) STRICT""",
    ),
    5: ACCESS_STEP,
    6: UNROUTED_STEP,
    7: RULES_STEP,
    8: SCALE_STEP,
    9: MEMORY_STEP,
    10: CALIBRATION_STEP,
    11: TALLY_STEP,
    12: BOOK_STEP,
}
_ITEM = """SELECT i.*, i.rowid AS seq, d.decision FROM inbox i
    LEFT JOIN decisions d ON d.tenant = i.tenant AND d.item_id = i.id"""
_PENDING = """(status = 'received'
    OR (status = 'retrying' AND coalesce(next_attempt_at, '') <= :now)
    OR (status = 'processing' AND coalesce(lease_until, '') <= :now))"""
_CLAIM = f"""UPDATE inbox SET status = 'processing', attempts = attempts + 1,
    lease_until = :lease, updated_at = :now
    WHERE tenant = :tenant AND id = :id AND {_PENDING} RETURNING id"""  # noqa: S608
_NEW = ("id", "tenant", "source", "dedupe_key", "event_type", "entry", "ref", "received_at",
        "status", "updated_at")  # fmt: skip
_ACCEPT = f"""INSERT INTO inbox ({", ".join(_NEW)}) VALUES ({", ".join(":" + c for c in _NEW)})
    ON CONFLICT (tenant, source, dedupe_key) DO NOTHING RETURNING id"""  # noqa: S608
_DETAIL_MAX = 300
_JSON_COLUMNS: dict[str, type[BaseModel]] = {
    "entry": TimeEntry,
    "ref": EntityRef,
    "decision": Decision,
}
_WRITE_COLUMNS = "tenant, item_id, entry_version, system, record_id, written_at"
_REVIEW_COLUMNS = ("id", "tenant", "item_id", "reviewer", "at", "action", "before", "after", "why",
                   "client_id", "description", "pattern")  # fmt: skip
# Both orders read an index (inbox_queue, inbox_oldest): no sort, whatever the queue's size.
_QUEUE_ORDER = {
    "stake": "i.stake DESC, i.confidence, i.received_at, i.rowid",
    "oldest": "i.received_at, i.rowid",
}
_MIN_SQLITE = (3, 37, 0)  # RETURNING needs 3.35, STRICT tables 3.37


class SqliteStore(
    AccessTables, UnroutedTables, RulesTables, ArchiveTables, MemoryTables, TallyTables
):
    """``Store`` on one SQLite file. Call ``close()`` (or use ``with``) to release it."""

    def __init__(self, path: Path | str, *, busy_timeout_s: float = 5.0) -> None:
        if sqlite3.sqlite_version_info < _MIN_SQLITE:
            raise RuntimeError(f"SqliteStore needs SQLite >= 3.37, not {sqlite3.sqlite_version}")
        if str(path) in {"", ":memory:"}:
            raise ValueError("SqliteStore needs a file path (each thread opens its own connection)")
        self.path = Path(path)
        _create_owner_only(self.path)
        self._busy_ms = int(busy_timeout_s * 1000)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._conns: list[sqlite3.Connection] = []
        self._closed = False
        self._checkpoints = Checkpointer(self._connect)
        self._accepts: GroupCommit[tuple[sqlite3.Row, bool]] = GroupCommit(
            partial(self._tx, eager=True), after_commit=self._checkpoints.poke
        )
        try:
            self._migrate(self._conn())
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _to_item(row: sqlite3.Row) -> InboxItem:
        return _item(row)

    def close(self) -> None:
        """Close every thread's connection; later calls raise ``sqlite3.ProgrammingError``."""
        self._checkpoints.close()
        with self._lock:
            self._closed = True
            conns, self._conns = self._conns, []
        for conn in conns:
            conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _conn(self) -> sqlite3.Connection:
        if self._closed:
            raise sqlite3.ProgrammingError("Cannot operate on a closed SqliteStore.")
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._open()
            self._local.conn = conn
        return conn

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(
            self.path, timeout=self._busy_ms / 1000, isolation_level=None, check_same_thread=False
        )

    def _open(self) -> sqlite3.Connection:
        conn = self._connect()
        with self._lock:
            if self._closed:  # close() ran while this thread was connecting
                conn.close()
                raise sqlite3.ProgrammingError("Cannot operate on a closed SqliteStore.")
            self._conns.append(conn)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {self._busy_ms:d}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")  # an acknowledged row survives power loss
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            raise sqlite3.OperationalError(f"could not enable WAL (journal_mode is {mode})")
        if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return  # current: no write transaction, so no fsync, on every cold start
        with self._tx() as tx:
            version = tx.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise RuntimeError(f"database schema v{version} is newer than v{SCHEMA_VERSION}")
            if version < 1:
                for statement in _SCHEMA_V1:
                    tx.execute(statement)
            for step in range(max(version, 1), SCHEMA_VERSION):
                for statement in _STEPS[step]:
                    tx.execute(statement)
            tx.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")

    @contextmanager
    def _tx(self, *, eager: bool = False) -> Iterator[sqlite3.Connection]:
        """A write transaction. ``eager`` (the webhook's inserts): ask for the write lock every
        millisecond (``sqlite_group_commit.begin_eagerly``) instead of through SQLite's busy
        handler, and leave
        checkpoints to the store's checkpointer (``sqlite_checkpoint``)."""
        conn = self._conn()
        if eager:
            conn.execute("PRAGMA wal_autocheckpoint = 0")
            begin_eagerly(conn, self._busy_ms)
        else:
            conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # also after a failed COMMIT, so the next BEGIN works
                conn.execute("ROLLBACK")
            raise

    # -- tenants -----------------------------------------------------------------------------

    def get_tenant(self, tenant_id: str) -> Tenant | None:
        sql = "SELECT id, name, sources, paused FROM tenants WHERE id = ?"
        row = self._conn().execute(sql, (tenant_id,)).fetchone()
        return None if row is None else _tenant(row)

    def tenant_ids(self) -> list[str]:
        return [row["id"] for row in self._conn().execute("SELECT id FROM tenants ORDER BY id")]

    def put_tenant(self, tenant: Tenant) -> None:
        sources = {
            src.value: {
                "secrets": [s.get_secret_value() for s in acc.secrets],
                "accounts": acc.accounts,
                **({"api_key": acc.api_key.get_secret_value()} if acc.api_key else {}),
                **({"writes": acc.writes} if acc.writes != "quickbooks" else {}),
                **({"field_ids": dict(acc.field_ids)} if acc.field_ids else {}),
            }
            for src, acc in tenant.sources.items()
        }
        with self._tx() as conn:
            conn.execute(
                """INSERT INTO tenants (id, name, sources, paused) VALUES (?, ?, ?, ?)
                   ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                   sources = excluded.sources, paused = excluded.paused""",
                (tenant.id, tenant.name, json.dumps(sources), int(tenant.paused)),
            )

    def get_mapping(self, tenant: str) -> QboMapping | None:
        sql = "SELECT qbo_mapping FROM tenants WHERE id = ?"
        row = self._conn().execute(sql, (tenant,)).fetchone()
        if row is None or row["qbo_mapping"] is None:
            return None
        from app.domain.mapping import QboMapping  # noqa: PLC0415 - off the webhook's cold path

        return QboMapping.model_validate_json(row["qbo_mapping"])

    def put_mapping(self, tenant: str, mapping: QboMapping) -> None:
        with self._tx() as conn:
            sql = "UPDATE tenants SET qbo_mapping = ? WHERE id = ? RETURNING id"
            if conn.execute(sql, (mapping.model_dump_json(), tenant)).fetchone() is None:
                raise ItemNotFoundError(f"no tenant {tenant!r}")

    # -- inbox -------------------------------------------------------------------------------

    def accept(self, item: NewItem) -> tuple[InboxItem, bool]:
        """One idempotent insert, committed (with whatever other deliveries arrived meanwhile:
        ``app.adapters.sqlite_group_commit``) before it returns."""
        received = _ts(item.received_at)
        row = {
            "id": str(uuid.uuid4()), "tenant": item.tenant, "source": item.source.value,
            "dedupe_key": item.dedupe_key, "event_type": item.event_type,
            "entry": item.entry.model_dump_json() if item.entry else None,
            "ref": item.ref.model_dump_json() if item.ref else None,
            "received_at": received, "status": Status.RECEIVED.value, "updated_at": received,
        }  # fmt: skip
        found, inserted = self._accepts.run(partial(_accept_row, row))
        return _item(found), inserted

    def get(self, tenant: str, item_id: str) -> InboxItem | None:
        sql = f"{_ITEM} WHERE i.tenant = ? AND i.id = ?"
        row = self._conn().execute(sql, (tenant, item_id)).fetchone()
        return None if row is None else _item(row)

    def claim(
        self, tenant: str, item_id: str, *, now: datetime, lease_s: float
    ) -> InboxItem | None:
        args = {
            "tenant": tenant, "id": item_id, "now": _ts(now),
            "lease": _ts(now + timedelta(seconds=lease_s)),
        }  # fmt: skip
        with self._tx() as conn:
            if not conn.execute(_CLAIM, args).fetchall():
                return None
            row = conn.execute(f"{_ITEM} WHERE i.tenant = ? AND i.id = ?", (tenant, item_id))
            return _item(row.fetchone())

    def finish(
        self,
        tenant: str,
        item_id: str,
        status: Status,
        *,
        now: datetime,
        decision: Decision | None = None,
        error: str | None = None,
        next_attempt_at: datetime | None = None,
    ) -> None:
        status, at = Status(status), _ts(now)
        retry_at = next_attempt_at and _ts(next_attempt_at)
        with self._tx() as conn:
            updated = conn.execute(
                """UPDATE inbox SET status = ?, last_error = ?, next_attempt_at = ?,
                   lease_until = NULL, updated_at = ? WHERE tenant = ? AND id = ? RETURNING id""",
                (status.value, error, retry_at, at, tenant, item_id),
            ).fetchall()
            if not updated:
                raise ItemNotFoundError(f"no inbox item {item_id!r} for tenant {tenant!r}")
            if decision is not None:
                conn.execute(
                    "UPDATE inbox SET stake = ?, confidence = ? WHERE tenant = ? AND id = ?",
                    (float(decision.amount), decision.confidence, tenant, item_id),
                )
                conn.execute(
                    """INSERT INTO decisions (tenant, item_id, decision, updated_at)
                       VALUES (?, ?, ?, ?) ON CONFLICT (tenant, item_id) DO UPDATE
                       SET decision = excluded.decision, updated_at = excluded.updated_at""",
                    (tenant, item_id, decision.model_dump_json(), at),
                )
            conn.execute(
                "INSERT INTO audit (tenant, item_id, at, status, detail) VALUES (?, ?, ?, ?, ?)",
                (tenant, item_id, at, status.value, _detail(status, decision, error)),
            )

    def items(
        self, tenant: str, *, status: Status | None = None, limit: int = 100
    ) -> list[InboxItem]:
        where, args = "i.tenant = ?", [tenant]
        if status is not None:
            where, args = where + " AND i.status = ?", [*args, Status(status).value]
        sql = f"{_ITEM} WHERE {where} ORDER BY i.received_at DESC, i.rowid DESC LIMIT ?"
        return [_item(r) for r in self._conn().execute(sql, (*args, limit))]

    def due(self, *, now: datetime, limit: int = 100) -> list[tuple[str, str]]:
        sql = f"""SELECT tenant, id FROM inbox WHERE {_PENDING}
                  ORDER BY received_at, rowid LIMIT :limit"""  # noqa: S608
        rows = self._conn().execute(sql, {"now": _ts(now), "limit": limit})
        return [(r["tenant"], r["id"]) for r in rows]

    def counts(self) -> list[StatusCount]:
        rows = self._conn().execute(COUNTS)
        return [
            StatusCount(r["tenant"], Status(r["status"]), r["n"],
                        datetime.fromisoformat(r["oldest"]))
            for r in rows
        ]  # fmt: skip

    def trail(self, tenant: str, item_id: str) -> list[AuditEvent]:
        sql = """SELECT at, item_id, status, detail FROM audit
                 WHERE tenant = ? AND item_id = ? ORDER BY seq"""
        rows = self._conn().execute(sql, (tenant, item_id))
        return [AuditEvent.model_validate(dict(r)) for r in rows]

    # -- writes ------------------------------------------------------------------------------

    def record_write(
        self,
        tenant: str,
        item_id: str,
        *,
        entry_version: str,
        system: str,
        record_id: str,
        now: datetime,
    ) -> WriteRecord:
        # Malformed arguments raise ValueError here, as in every Store.
        WriteRecord(
            tenant=tenant, item_id=item_id, entry_version=entry_version, system=system,
            record_id=record_id, written_at=now,
        )  # fmt: skip
        row = (tenant, item_id, entry_version, system, record_id, _ts(now))
        with self._tx() as conn:
            sql = "SELECT 1 FROM inbox WHERE tenant = ? AND id = ?"
            if conn.execute(sql, (tenant, item_id)).fetchone() is None:
                raise ItemNotFoundError(f"no inbox item {item_id!r} for tenant {tenant!r}")
            # No conflict target: a clash on either unique key inserts nothing.
            conn.execute(
                f"INSERT INTO writes ({_WRITE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)"  # noqa: S608
                " ON CONFLICT DO NOTHING",
                row,
            )
            found = self._write_where(conn, "item_id = ? AND entry_version = ?",
                                      tenant, item_id, entry_version)  # fmt: skip
        if found is None:  # the record id belongs to another write
            raise WriteConflictError(
                f"{system} record {record_id!r} is already recorded for another write"
            )
        return found

    def write_for(self, tenant: str, item_id: str, entry_version: str) -> WriteRecord | None:
        where = "item_id = ? AND entry_version = ?"
        return self._write_where(self._conn(), where, tenant, item_id, entry_version)

    def own_record(self, tenant: str, system: str, record_id: str) -> WriteRecord | None:
        where = "system = ? AND record_id = ?"
        return self._write_where(self._conn(), where, tenant, system, record_id)

    # -- the entry ledger: one entry, its records, for its whole life -------------------------

    def entry_ledger(self, tenant: str, system: str, entry_key: str) -> EntryLedger | None:
        sql = "SELECT * FROM entry_ledger WHERE tenant = ? AND system = ? AND entry_key = ?"
        row = self._conn().execute(sql, (tenant, system, entry_key)).fetchone()
        return None if row is None else _ledger(row)

    def lock_entry(
        self, tenant: str, system: str, entry_key: str, *, holder: str, now: datetime,
        lease_s: float,
    ) -> EntryLedger | None:  # fmt: skip
        from app.domain.ledger import EntryLedger  # noqa: PLC0415 - off the webhook's cold path

        EntryLedger(tenant=tenant, system=system, entry_key=entry_key)  # ValueError if malformed
        if lease_s <= 0 or not holder:
            raise ValueError("a lock needs a holder and a positive lease")
        args = {"tenant": tenant, "system": system, "key": entry_key, "holder": holder,
                "now": _ts(now), "lease": _ts(now + timedelta(seconds=lease_s))}  # fmt: skip
        with self._tx() as conn:
            conn.execute(
                """INSERT INTO entry_ledger (tenant, system, entry_key, updated_at)
                   VALUES (:tenant, :system, :key, :now) ON CONFLICT DO NOTHING""",
                args,
            )
            row = conn.execute(
                """UPDATE entry_ledger SET holder = :holder, lease_until = :lease
                   WHERE tenant = :tenant AND system = :system AND entry_key = :key
                   AND (holder IS NULL OR holder = :holder OR coalesce(lease_until, '') <= :now)
                   RETURNING *""",
                args,
            ).fetchone()
        return None if row is None else _ledger(row)

    def save_entry(self, ledger: EntryLedger, *, holder: str, now: datetime) -> bool:
        with self._tx() as conn:
            done = conn.execute(
                """UPDATE entry_ledger SET records = ?, content = ?, written = ?, deleted = ?,
                   generation = ?, item_id = ?, review_id = ?, as_of = ?, item_seq = ?,
                   updated_at = ?,
                   holder = NULL, lease_until = NULL
                   WHERE tenant = ? AND system = ? AND entry_key = ? AND holder = ?
                   RETURNING 1""",
                (json.dumps(list(ledger.records)), ledger.content, ledger.written,
                 int(ledger.deleted),
                 ledger.generation, ledger.item_id, ledger.review_id,
                 ledger.as_of and _ts(ledger.as_of), ledger.item_seq, _ts(now), ledger.tenant,
                 ledger.system,
                 ledger.entry_key, holder),
            ).fetchall()  # fmt: skip
        return bool(done)

    def unlock_entry(self, tenant: str, system: str, entry_key: str, *, holder: str) -> None:
        with self._tx() as conn:
            conn.execute(
                """UPDATE entry_ledger SET holder = NULL, lease_until = NULL
                   WHERE tenant = ? AND system = ? AND entry_key = ? AND holder = ?""",
                (tenant, system, entry_key, holder),
            )

    # -- reviews -----------------------------------------------------------------------------

    def record_review(self, review: ReviewRecord) -> ReviewRecord:
        with self._tx() as conn:
            status = self._item_status(conn, review.tenant, review.item_id)
            return self._insert_review(conn, review, status)

    def claim_review(self, review: ReviewRecord, *, seen: int) -> ReviewRecord:
        with self._tx() as conn:
            status = self._item_status(conn, review.tenant, review.item_id)
            kept = conn.execute(
                "SELECT * FROM reviews WHERE tenant = ? AND id = ?", (review.tenant, review.id)
            ).fetchone()
            if kept is not None:  # the same review again: the first one stands
                return _review(kept)
            state = self._state(conn, review.tenant, review.item_id)
            if status != Status.NEEDS_REVIEW.value or state != seen:
                last = conn.execute(
                    """SELECT reviewer, at FROM reviews WHERE tenant = ? AND item_id = ?
                       ORDER BY seq DESC LIMIT 1""",
                    (review.tenant, review.item_id),
                ).fetchone()
                event = conn.execute(
                    """SELECT at, detail FROM audit WHERE tenant = ? AND item_id = ?
                       ORDER BY seq DESC LIMIT 1""",
                    (review.tenant, review.item_id),
                ).fetchone()
                from app.domain.reviews import review_conflict  # noqa: PLC0415 - off the webhook's cold path

                raise review_conflict(
                    Status(status),
                    by=last["reviewer"] if last else None,
                    by_at=datetime.fromisoformat(last["at"]) if last else None,
                    changed_at=datetime.fromisoformat(event["at"]) if event else None,
                    detail=event["detail"] if event else "",
                )
            return self._insert_review(conn, review, status)

    def review_state(self, tenant: str, item_id: str) -> int:
        return self._state(self._conn(), tenant, item_id)

    def supersede(self, tenant: str, item_id: str, *, now: datetime, note: str) -> bool:
        at = _ts(now)
        with self._tx() as conn:
            done = conn.execute(
                """UPDATE inbox SET status = 'skipped', last_error = ?, next_attempt_at = NULL,
                   lease_until = NULL, updated_at = ?
                   WHERE tenant = ? AND id = ? AND status = 'needs_review' RETURNING id""",
                (note, at, tenant, item_id),
            ).fetchall()
            if done:
                conn.execute(
                    "INSERT INTO audit (tenant, item_id, at, status, detail) VALUES "
                    "(?, ?, ?, 'skipped', ?)",
                    (tenant, item_id, at, _clip(note)),
                )
        return bool(done)

    @staticmethod
    def _item_status(conn: sqlite3.Connection, tenant: str, item_id: str) -> str:
        found = conn.execute(
            "SELECT status FROM inbox WHERE tenant = ? AND id = ?", (tenant, item_id)
        ).fetchone()
        if found is None:
            raise ItemNotFoundError(f"no inbox item {item_id!r} for tenant {tenant!r}")
        return str(found["status"])

    @staticmethod
    def _state(conn: sqlite3.Connection, tenant: str, item_id: str) -> int:
        sql = "SELECT coalesce(max(seq), 0) FROM audit WHERE tenant = ? AND item_id = ?"
        return int(conn.execute(sql, (tenant, item_id)).fetchone()[0])

    @staticmethod
    def _insert_review(conn: sqlite3.Connection, review: ReviewRecord, status: str) -> ReviewRecord:
        from app.domain.reviews import review_detail  # noqa: PLC0415 - off the webhook's cold path

        inserted = conn.execute(
            f"INSERT INTO reviews ({', '.join(_REVIEW_COLUMNS)}) VALUES "  # noqa: S608
            f"({', '.join('?' for _ in _REVIEW_COLUMNS)}) "
            "ON CONFLICT (tenant, id) DO NOTHING RETURNING seq",
            _review_row(review),
        ).fetchall()
        if inserted:
            conn.execute(
                "INSERT INTO audit (tenant, item_id, at, status, detail) VALUES (?, ?, ?, ?, ?)",
                (review.tenant, review.item_id, _ts(review.at), status,
                 _clip(review_detail(review))),
            )  # fmt: skip
        kept = conn.execute(
            "SELECT * FROM reviews WHERE tenant = ? AND id = ?", (review.tenant, review.id)
        ).fetchone()
        return _review(kept)

    def reviews(
        self,
        tenant: str,
        *,
        item_id: str | None = None,
        pattern: str | None = None,
        after_seq: int = 0,
        limit: int = 1000,
    ) -> list[ReviewRecord]:
        where, args = "tenant = ? AND seq > ?", [tenant, after_seq]
        if item_id is not None:
            where, args = where + " AND item_id = ?", [*args, item_id]
        if pattern is not None:
            where, args = where + " AND pattern = ?", [*args, pattern]
        sql = f"SELECT * FROM reviews WHERE {where} ORDER BY seq LIMIT ?"  # noqa: S608
        return [_review(r) for r in self._conn().execute(sql, (*args, max(limit, 0)))]

    def review_queue(
        self, tenant: str, *, limit: int = 500, order: QueueOrder = "stake"
    ) -> list[InboxItem]:
        sql = (f"{_ITEM} WHERE i.tenant = ? AND i.status = 'needs_review' "
               f"ORDER BY {_QUEUE_ORDER[order]} LIMIT ?")  # fmt: skip
        return [_item(r) for r in self._conn().execute(sql, (tenant, max(limit, 0)))]

    def put_reviewer(self, reviewer: Reviewer) -> None:
        with self._tx() as conn:
            conn.execute(
                """INSERT INTO reviewers (tenant, name, token_hash, created_at, disabled)
                   VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant, name) DO UPDATE SET
                   token_hash = excluded.token_hash, created_at = excluded.created_at,
                   disabled = excluded.disabled, token_used_at = NULL""",
                (reviewer.tenant, reviewer.name, reviewer.token_hash,
                 _ts(reviewer.created_at), int(reviewer.disabled)),
            )  # fmt: skip

    def reviewer_by_token(self, tenant: str, token_hash: str) -> Reviewer | None:
        sql = """SELECT tenant, name, token_hash, created_at, disabled FROM reviewers
                 WHERE tenant = ? AND token_hash = ? AND disabled = 0"""
        row = self._conn().execute(sql, (tenant, token_hash)).fetchone()
        from app.domain.reviews import Reviewer  # noqa: PLC0415 - off the webhook's cold path

        return None if row is None else Reviewer.model_validate(dict(row))

    @staticmethod
    def _write_where(
        conn: sqlite3.Connection, where: str, tenant: str, *args: str
    ) -> WriteRecord | None:
        sql = f"SELECT {_WRITE_COLUMNS} FROM writes WHERE tenant = ? AND {where}"  # noqa: S608
        row = conn.execute(sql, (tenant, *args)).fetchone()
        return None if row is None else WriteRecord.model_validate(dict(row))


# -- row mapping -----------------------------------------------------------------------------


def _create_owner_only(path: Path) -> None:
    """Make a new store file readable by its owner only, before SQLite opens it: it holds the
    tenants' webhook secrets and API keys, and SQLite gives the ``-wal`` and ``-shm`` files the
    database file's mode. An existing file is left as it is; a path that cannot be made is left
    to SQLite's open, which raises its own ``DatabaseError``."""
    with contextlib.suppress(OSError):  # FileExistsError: made before us, or by another process
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _accept_row(row: dict[str, str | None], conn: sqlite3.Connection) -> tuple[sqlite3.Row, bool]:
    """``accept``'s statements, inside a (shared) write transaction."""
    key = (row["tenant"], row["source"], row["dedupe_key"])
    where = "tenant = ? AND source = ? AND dedupe_key = ?"
    archived = conn.execute(f"{ARCHIVED} WHERE {where}", key).fetchone()
    if archived is not None:  # delivered again long after it was done: still a repeat
        return archived, False
    inserted = conn.execute(_ACCEPT, row).fetchall()
    found = conn.execute(
        f"{_ITEM} WHERE i.tenant = ? AND i.source = ? AND i.dedupe_key = ?", key
    ).fetchone()
    return found, bool(inserted)


def _ts(value: datetime) -> str:
    """Fixed-width UTC text, so comparing the text compares the instants."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("SqliteStore needs timezone-aware datetimes")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _tenant(row: sqlite3.Row) -> Tenant:
    try:
        return Tenant.model_validate({**dict(row), "sources": json.loads(row["sources"])})
    except (ValueError, TypeError):  # ValidationError is a ValueError
        # The row holds secrets: say which tenant is broken, never echo its contents.
        raise ValueError(f"stored tenant {row['id']!r} is invalid") from None


def _item(row: sqlite3.Row) -> InboxItem:
    data = dict(row)
    for column, model in _JSON_COLUMNS.items():
        if data[column] is not None:
            data[column] = model.model_validate_json(data[column])
    return InboxItem.model_validate(data)


def _detail(status: Status, decision: Decision | None, error: str | None) -> str:
    if error:
        text = error
    elif decision is not None:
        text = f"decided {decision.code or '-'} by {decision.stage.value}"
    else:
        text = status.value
    return _clip(text)


def _clip(text: str) -> str:
    return text if len(text) <= _DETAIL_MAX else text[: _DETAIL_MAX - 1] + "…"


def _ledger(row: sqlite3.Row) -> EntryLedger:
    from app.domain.ledger import EntryLedger  # noqa: PLC0415 - off the webhook's cold path

    data = dict(row)
    data["records"] = tuple(json.loads(data["records"]))
    data["deleted"] = bool(data["deleted"])
    return EntryLedger.model_validate(data)


def _review_row(review: ReviewRecord) -> tuple[object, ...]:
    after = json.dumps([d.model_dump(mode="json") for d in review.after])
    before = review.before.model_dump_json() if review.before else None
    return (review.id, review.tenant, review.item_id, review.reviewer, _ts(review.at),
            review.action.value, before, after, review.why, review.client_id,
            review.description, review.pattern)  # fmt: skip


def _review(row: sqlite3.Row) -> ReviewRecord:
    from app.domain.reviews import ReviewRecord  # noqa: PLC0415 - off the webhook's cold path

    data = dict(row)
    data["before"] = json.loads(data["before"]) if data["before"] else None
    data["after"] = json.loads(data["after"])
    return ReviewRecord.model_validate(data)
