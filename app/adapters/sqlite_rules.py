"""The SQLite store's rules tables (schema step 7, file version 8): every approved rules set
of each tenant (``rules_versions``), the one in force (``rules_current``) and the rules the
review page proposes, waiting for a person (``rules_proposed``). Step 10 (file version 11)
keeps with each version what its back-test measured (``calibration``, JSON; NULL for a set
published with no history and for versions written before it). Step 12 (file version 13)
keeps its validated rule book (``book``, JSON: ``app.domain.rulebook_snapshot``), which a cold
worker reads instead of the YAML; NULL for versions written before it, until a worker that
parsed their files fills it in (``keep_rules_book``: the one column a version row may change).

A mixin of ``SqliteStore`` (it lends ``_conn`` and ``_tx``). A publish is one ``BEGIN
IMMEDIATE`` transaction: the next number, the row, the pointer; a reader sees the old
pointer or the new one, never a version without its files.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from app.errors import ItemNotFoundError, WriteConflictError

if TYPE_CHECKING:  # loaded where used: the webhook's cold path opens the store, never these
    from app.domain.rules_versions import NewRulesVersion, ProposedRule, RulesPointer, RulesVersion

RULES_STEP = (
    """CREATE TABLE IF NOT EXISTS rules_versions (
        tenant TEXT NOT NULL REFERENCES tenants (id),
        number INTEGER NOT NULL CHECK (number >= 1),
        files TEXT NOT NULL, sha256 TEXT NOT NULL,
        approved_by TEXT NOT NULL, approved_at TEXT NOT NULL,
        source TEXT NOT NULL, backtest TEXT NOT NULL,
        PRIMARY KEY (tenant, number)) STRICT""",
    """CREATE TABLE IF NOT EXISTS rules_current (
        tenant TEXT PRIMARY KEY REFERENCES tenants (id),
        number INTEGER NOT NULL, switched_by TEXT NOT NULL, switched_at TEXT NOT NULL,
        FOREIGN KEY (tenant, number) REFERENCES rules_versions (tenant, number)) STRICT""",
    """CREATE TABLE IF NOT EXISTS rules_proposed (
        tenant TEXT NOT NULL REFERENCES tenants (id), rule_id TEXT NOT NULL,
        rules_file TEXT NOT NULL, rule TEXT NOT NULL, proposed_at TEXT NOT NULL,
        closed_at TEXT, PRIMARY KEY (tenant, rule_id)) STRICT""",
)
CALIBRATION_STEP = ("ALTER TABLE rules_versions ADD COLUMN calibration TEXT",)
BOOK_STEP = ("ALTER TABLE rules_versions ADD COLUMN book TEXT",)
_LISTED = "tenant, number, files, approved_by, approved_at, source, backtest, calibration"
_COLUMNS = f"{_LISTED}, book"
_MARKS = ", ".join("?" * 10)  # the columns and sha256
# A rule id closed before (accepted, dismissed) may be proposed again; a waiting one is kept.
_PROPOSE = """INSERT INTO rules_proposed (tenant, rule_id, rules_file, rule, proposed_at)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant, rule_id) DO UPDATE SET
    rules_file = excluded.rules_file, rule = excluded.rule, proposed_at = excluded.proposed_at,
    closed_at = NULL WHERE rules_proposed.closed_at IS NOT NULL RETURNING 1"""
_POINT = """INSERT INTO rules_current (tenant, number, switched_by, switched_at)
    VALUES (?, ?, ?, ?) ON CONFLICT (tenant) DO UPDATE SET number = excluded.number,
    switched_by = excluded.switched_by, switched_at = excluded.switched_at"""


class RulesTables:
    """``RulesStore`` over ``rules_versions`` and ``rules_current``."""

    def _conn(self) -> sqlite3.Connection:
        raise NotImplementedError  # SqliteStore's

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # SqliteStore's

    def current_rules(self, tenant: str) -> RulesPointer | None:
        from app.domain.rules_versions import RulesPointer  # noqa: PLC0415 - off the webhook's cold path

        sql = "SELECT number, switched_by, switched_at FROM rules_current WHERE tenant = ?"
        row = self._conn().execute(sql, (tenant,)).fetchone()
        if row is None:
            return None
        return RulesPointer(tenant=tenant, number=row[0], switched_by=row[1],
                            switched_at=datetime.fromisoformat(row[2]))  # fmt: skip

    def rules_version(self, tenant: str, number: int) -> RulesVersion | None:
        sql = f"SELECT {_COLUMNS} FROM rules_versions WHERE tenant = ? AND number = ?"  # noqa: S608
        row = self._conn().execute(sql, (tenant, number)).fetchone()
        return None if row is None else _version(row)

    def rules_history(self, tenant: str) -> list[RulesVersion]:
        sql = f"SELECT {_LISTED}, NULL FROM rules_versions WHERE tenant = ? ORDER BY number"  # noqa: S608
        return [_version(row) for row in self._conn().execute(sql, (tenant,))]

    def add_rules_version(self, version: NewRulesVersion, *, based_on: int | None) -> RulesVersion:
        from app.domain.rules_versions import RulesVersion  # noqa: PLC0415 - off the webhook's cold path

        tenant = version.tenant
        with self._tx() as conn:
            if conn.execute("SELECT 1 FROM tenants WHERE id = ?", (tenant,)).fetchone() is None:
                raise ItemNotFoundError(f"no tenant {tenant!r}")
            row = conn.execute("SELECT number FROM rules_current WHERE tenant = ?", (tenant,))
            current = row.fetchone()
            if (current[0] if current else None) != based_on:
                raise _moved(tenant, current[0] if current else None, based_on)
            top = conn.execute(
                "SELECT coalesce(max(number), 0) FROM rules_versions WHERE tenant = ?", (tenant,)
            ).fetchone()[0]
            stored = RulesVersion(**version.model_dump(), number=top + 1)
            conn.execute(
                f"INSERT INTO rules_versions ({_COLUMNS}, sha256) VALUES ({_MARKS})",  # noqa: S608
                (tenant, stored.number, json.dumps(stored.files, sort_keys=True),
                 stored.approved_by, _at(stored.approved_at), stored.source, stored.backtest,
                 stored.calibration.model_dump_json() if stored.calibration else None,
                 _json(stored.book), stored.sha256),
            )  # fmt: skip
            conn.execute(_POINT, (tenant, stored.number, stored.approved_by,
                                  _at(stored.approved_at)))  # fmt: skip
        return stored

    def keep_rules_book(self, tenant: str, number: int, book: dict[str, Any]) -> bool:
        with self._tx() as conn:
            sql = "UPDATE rules_versions SET book = ? WHERE tenant = ? AND number = ? RETURNING 1"
            return conn.execute(sql, (_json(book), tenant, number)).fetchone() is not None

    def switch_rules(self, tenant: str, number: int, *, by: str, now: datetime) -> RulesPointer:
        from app.domain.rules_versions import RulesPointer, version_id  # noqa: PLC0415 - off the webhook's cold path

        with self._tx() as conn:
            sql = "SELECT 1 FROM rules_versions WHERE tenant = ? AND number = ?"
            if conn.execute(sql, (tenant, number)).fetchone() is None:
                raise ItemNotFoundError(f"tenant {tenant!r} has no rules {version_id(number)}")
            conn.execute(_POINT, (tenant, number, by, _at(now)))
        return RulesPointer(tenant=tenant, number=number, switched_by=by,
                            switched_at=now.astimezone(UTC))  # fmt: skip

    def propose_rule(self, proposed: ProposedRule) -> bool:
        with self._tx() as conn:
            known = conn.execute("SELECT 1 FROM tenants WHERE id = ?", (proposed.tenant,))
            if known.fetchone() is None:
                raise ItemNotFoundError(f"no tenant {proposed.tenant!r}")
            row = conn.execute(_PROPOSE, (proposed.tenant, proposed.rule_id, proposed.rules_file,
                                          json.dumps(proposed.rule),
                                          _at(proposed.proposed_at)))  # fmt: skip
            return row.fetchone() is not None

    def proposed_rules(self, tenant: str) -> list[ProposedRule]:
        from app.domain.rules_versions import ProposedRule  # noqa: PLC0415 - off the webhook's cold path

        sql = """SELECT rule_id, rules_file, rule, proposed_at FROM rules_proposed
                 WHERE tenant = ? AND closed_at IS NULL ORDER BY proposed_at, rule_id"""
        return [
            ProposedRule(tenant=tenant, rule_id=row[0], rules_file=row[1],
                         rule=json.loads(row[2]), proposed_at=datetime.fromisoformat(row[3]))
            for row in self._conn().execute(sql, (tenant,))
        ]  # fmt: skip

    def close_proposed_rule(self, tenant: str, rule_id: str, *, now: datetime) -> bool:
        sql = """UPDATE rules_proposed SET closed_at = ?
                 WHERE tenant = ? AND rule_id = ? AND closed_at IS NULL RETURNING 1"""
        with self._tx() as conn:
            return conn.execute(sql, (_at(now), tenant, rule_id)).fetchone() is not None


def _version(row: sqlite3.Row) -> RulesVersion:
    from app.domain.rules_versions import RulesVersion, VersionCalibration  # noqa: PLC0415 - off the webhook's cold path

    measured = VersionCalibration.model_validate_json(row[7]) if row[7] else None
    return RulesVersion(
        tenant=row[0], number=row[1], files=json.loads(row[2]), approved_by=row[3],
        approved_at=datetime.fromisoformat(row[4]), source=row[5], backtest=row[6],
        calibration=measured, book=json.loads(row[8]) if row[8] else None,
    )  # fmt: skip


def _json(book: dict[str, Any] | None) -> str | None:
    return None if book is None else json.dumps(book, ensure_ascii=False, separators=(",", ":"))


def _moved(tenant: str, current: int | None, based_on: int | None) -> WriteConflictError:
    from app.domain.rules_versions import version_id  # noqa: PLC0415 - off the webhook's cold path

    now_in_force = version_id(current) if current else "none"
    made_from = version_id(based_on) if based_on else "none"
    return WriteConflictError(
        f"tenant {tenant!r}: rules {now_in_force} became current while this change was made "
        f"from {made_from}: make it again from the current version"
    )


def _at(value: datetime) -> str:
    """Fixed-width UTC text, as ``sqlite_store`` keeps every time (text order is time order)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("SqliteStore needs timezone-aware datetimes")
    return value.astimezone(UTC).isoformat(timespec="microseconds")
