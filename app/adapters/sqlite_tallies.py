"""The SQLite store's running totals (schema step 11, file version 12): what each entry adds to
each total (caps, hours per request, hours per person-day; ``app.service.live_sums``), and the
totals themselves, kept as the entries' contributions change.

A mixin of ``SqliteStore`` (it lends ``_conn`` and ``_tx``). A tally is one ``BEGIN IMMEDIATE``
transaction: read what the entry added before, replace it, move each total by the difference.
The work is per key of the entry, never per entry of a key: a not-to-exceed over a whole SOW
costs the same at its ten-thousandth entry as at its first. Amounts are decimal text, summed
as ``Decimal`` (no float rounding).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from contextlib import AbstractContextManager
from decimal import Decimal

from app.errors import ItemNotFoundError

TALLY_STEP = (
    """CREATE TABLE IF NOT EXISTS tally_parts (
        tenant TEXT NOT NULL REFERENCES tenants (id),
        entry_key TEXT NOT NULL, key TEXT NOT NULL, amount TEXT NOT NULL,
        PRIMARY KEY (tenant, entry_key, key)) STRICT""",
    """CREATE TABLE IF NOT EXISTS tally_totals (
        tenant TEXT NOT NULL REFERENCES tenants (id),
        key TEXT NOT NULL, total TEXT NOT NULL,
        PRIMARY KEY (tenant, key)) STRICT""",
)
_ZERO = Decimal(0)


class TallyTables:
    """``Store.tally`` over ``tally_parts`` and ``tally_totals``."""

    def _conn(self) -> sqlite3.Connection:
        raise NotImplementedError  # SqliteStore's

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # SqliteStore's

    def tally(
        self, tenant: str, entry_key: str, counts: Mapping[str, Decimal]
    ) -> dict[str, Decimal]:
        try:
            with self._tx() as conn:
                return _tally(conn, tenant, entry_key, counts)
        except sqlite3.IntegrityError as exc:  # the tenant's foreign key
            raise ItemNotFoundError(f"no tenant {tenant!r}") from exc


def _tally(
    conn: sqlite3.Connection, tenant: str, entry_key: str, counts: Mapping[str, Decimal]
) -> dict[str, Decimal]:
    sql = "SELECT key, amount FROM tally_parts WHERE tenant = ? AND entry_key = ?"
    before = {key: Decimal(amount) for key, amount in conn.execute(sql, (tenant, entry_key))}
    conn.execute("DELETE FROM tally_parts WHERE tenant = ? AND entry_key = ?", (tenant, entry_key))
    conn.executemany(
        "INSERT INTO tally_parts (tenant, entry_key, key, amount) VALUES (?, ?, ?, ?)",
        [(tenant, entry_key, key, str(amount)) for key, amount in counts.items()],
    )
    found: dict[str, Decimal] = {}
    for key in dict.fromkeys([*before, *counts]):
        change = counts.get(key, _ZERO) - before.get(key, _ZERO)
        row = conn.execute(
            "SELECT total FROM tally_totals WHERE tenant = ? AND key = ?", (tenant, key)
        ).fetchone()
        total = (Decimal(row[0]) if row else _ZERO) + change
        conn.execute(
            "INSERT INTO tally_totals (tenant, key, total) VALUES (?, ?, ?)"
            " ON CONFLICT (tenant, key) DO UPDATE SET total = excluded.total",
            (tenant, key, str(total)),
        )
        if key in counts:
            found[key] = total
    return found
