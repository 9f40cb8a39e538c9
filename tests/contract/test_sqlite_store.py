"""The SQLite store against the shared contract, plus what only a file database can show."""

from __future__ import annotations

import json
import sqlite3
import traceback
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.adapters.sqlite_store import SCHEMA_VERSION, SqliteStore
from app.domain.inbox import Status
from app.domain.mapping import QboMapping
from app.domain.memory_snapshots import MemorySnapshot
from app.domain.reviews import Reviewer
from app.domain.rules_versions import VersionCalibration
from tests.contract.access_contract import AccessStoreContract
from tests.contract.builders import (
    SECRET_A1,
    TENANT_A,
    TENANT_B,
    at,
    decision,
    new_item,
    tenant,
)
from tests.contract.inbox_scale_contract import InboxScaleContract
from tests.contract.ledger_contract import LedgerStoreContract
from tests.contract.memory_contract import MemoryStoreContract
from tests.contract.review_contract import ReviewStoreContract
from tests.contract.rules_contract import RulesStoreContract
from tests.contract.rules_contract import new as new_rules
from tests.contract.store_contract import StoreContract, claimed, race, record
from tests.contract.tally_contract import TallyStoreContract
from tests.contract.unrouted_contract import UnroutedStoreContract
from tests.contract.unrouted_contract import event as unrouted_event

V1_SCHEMA = Path(__file__).with_name("sqlite_schema_v1.sql")


class TestSqliteStore(
    StoreContract, ReviewStoreContract, AccessStoreContract, LedgerStoreContract,
    UnroutedStoreContract, RulesStoreContract, InboxScaleContract, MemoryStoreContract,
    TallyStoreContract,
):  # fmt: skip
    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[SqliteStore]:
        with SqliteStore(tmp_path / "timebill.sqlite3") as store:
            yield store


def raw(path: Path) -> closing[sqlite3.Connection]:
    """A plain connection to look under the store, closed on exit."""
    return closing(sqlite3.connect(path, isolation_level=None))


def tables(path: Path) -> list[str]:
    with raw(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        return [r[0] for r in rows]


def test_file_comes_from_the_argument_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "nested name.db"
    with SqliteStore(str(path)) as store:
        assert store.path == path
        assert path.is_file()
        with raw(path) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_new_store_file_and_its_wal_are_owner_only(tmp_path: Path) -> None:
    """The store holds the tenants' webhook secrets and API keys: a file it creates is never
    readable by other users, whatever the umask (as the QuickBooks token file)."""
    path = tmp_path / "t.db"
    with SqliteStore(path) as store:
        store.put_tenant(tenant())
        for made in (path, path.with_name("t.db-wal"), path.with_name("t.db-shm")):
            assert made.stat().st_mode & 0o077 == 0, made


def test_connections_enforce_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "t.db", busy_timeout_s=2.5) as store:
        conn = store._conn()
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 2500
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            conn.execute("INSERT INTO decisions VALUES ('acme-advisory', 'ghost', '{}', 'x')")


def test_reopening_the_file_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with SqliteStore(path) as store:
        store.put_tenant(tenant())
        item, _ = store.accept(new_item())
        claimed(store, item)
        store.finish(TENANT_A, item.id, Status.POSTED, now=at(2), decision=decision())
        before = (store.get(TENANT_A, item.id), store.trail(TENANT_A, item.id))
    with SqliteStore(path) as store:
        assert store.get_tenant(TENANT_A) == tenant()
        assert (store.get(TENANT_A, item.id), store.trail(TENANT_A, item.id)) == before
        assert store.accept(new_item()) == (before[0], False)


def test_schema_creation_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with SqliteStore(path), SqliteStore(path):
        pass
    with SqliteStore(path):
        assert tables(path) == [
            "audit",
            "decisions",
            "entry_ledger",
            "inbox",
            "inbox_archive",
            "inbox_counts",
            "memory_snapshots",
            "qbo_realms",
            "qbo_unrouted",
            "review_sessions",
            "reviewers",
            "reviews",
            "rules_current",
            "rules_proposed",
            "rules_versions",
            "tally_parts",
            "tally_totals",
            "tenants",
            "writes",
        ]
        with raw(path) as conn:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def schema(path: Path) -> list[tuple[str, ...]]:
    """Every table, index and trigger of the file, with the SQL that made it."""
    with raw(path) as conn:
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name")
        return [tuple(r) for r in rows]


def v1_file(path: Path) -> tuple[str, str]:
    """A database as the v1 store left it (schema v1, a tenant, an item posted with a
    decision and a trail line); returns the item's id and its stored entry."""
    item_id, entry = "0d6f4f4e-0000-4000-8000-000000000001", new_item().entry
    assert entry is not None
    sources = {"toggl": {"secrets": [SECRET_A1], "accounts": ["ws-1001"]}}
    with raw(path) as conn:
        conn.executescript(V1_SCHEMA.read_text(encoding="utf-8"))
        conn.execute(
            "INSERT INTO tenants VALUES (?, 'Acme', ?, 0)", (TENANT_A, json.dumps(sources))
        )
        conn.execute(
            """INSERT INTO inbox (id, tenant, source, dedupe_key, event_type, entry, received_at,
               status, attempts, updated_at) VALUES (?, ?, 'toggl', 'evt-1', 'time_entry.updated',
               ?, ?, 'posted', 1, ?)""",
            (item_id, TENANT_A, entry.model_dump_json(), at(0).isoformat(), at(2).isoformat()),
        )
        conn.execute(
            "INSERT INTO decisions VALUES (?, ?, ?, ?)",
            (TENANT_A, item_id, decision().model_dump_json(), at(2).isoformat()),
        )
        conn.execute("INSERT INTO audit (tenant, item_id, at, status, detail) VALUES "
                     "(?, ?, ?, 'posted', 'decided ACME-STRAT by rules')",
                     (TENANT_A, item_id, at(2).isoformat()))  # fmt: skip
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    return item_id, entry.model_dump_json()


def test_a_v1_file_is_upgraded_in_place(tmp_path: Path) -> None:
    old, fresh = tmp_path / "v1.db", tmp_path / "fresh.db"
    item_id, entry = v1_file(old)
    assert "writes" not in tables(old)
    with SqliteStore(old) as store:
        got = store.get(TENANT_A, item_id)
        assert got is not None
        assert (got.status, got.attempts, got.decision) == (Status.POSTED, 1, decision())
        assert got.entry is not None
        assert got.entry.model_dump_json() == entry
        assert [e.detail for e in store.trail(TENANT_A, item_id)] == ["decided ACME-STRAT by rules"]
        written = record(store, got, "v1", "qbo-101")
        assert store.own_record(TENANT_A, "quickbooks", "qbo-101") == written
    with SqliteStore(fresh):
        pass
    assert schema(old) == schema(fresh)  # upgraded and new files are alike
    with raw(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 13
    with SqliteStore(old) as store:  # opening it again changes nothing
        assert store.write_for(TENANT_A, item_id, "v1") == written


def test_a_v3_file_gains_the_mapping_column_and_keeps_its_tenants(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    with SqliteStore(path) as store:
        store.put_tenant(tenant(TENANT_A))
    with raw(path) as conn:  # as the v3 store left it: no mapping column, no v6 tables
        _back_to_v4(conn)
        conn.execute("ALTER TABLE tenants DROP COLUMN qbo_mapping")
        conn.execute("PRAGMA user_version = 3")
    with SqliteStore(path) as store:
        assert store.get_tenant(TENANT_A) == tenant(TENANT_A)
        assert store.get_mapping(TENANT_A) is None
        store.put_mapping(TENANT_A, QboMapping(realm="9130", items={"ACME-STRAT": "7"}))
    with raw(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    with SqliteStore(path) as store:  # reopening keeps it
        assert store.get_mapping(TENANT_A) == QboMapping(realm="9130", items={"ACME-STRAT": "7"})


def test_a_failed_upgrade_leaves_the_v1_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    v1_file(path)
    before = schema(path)
    with raw(path) as conn:  # something in the way of the new table: the step fails
        conn.execute("CREATE VIEW writes AS SELECT 1 AS x")
    with pytest.raises(sqlite3.OperationalError):
        SqliteStore(path)
    with raw(path) as conn:
        conn.execute("DROP VIEW writes")
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert schema(path) == before


def test_writes_are_kept_once_and_never_changed(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with SqliteStore(path) as store:
        store.put_tenant(tenant())
        store.put_tenant(tenant(TENANT_B))
        item, _ = store.accept(new_item())
        results = race(10, lambda i: record(store, item, "v1", "qbo-101", now=at(2, seconds=i)))
        assert len(set(results)) == 1
        with raw(path) as conn:
            assert conn.execute("SELECT count(*) FROM writes").fetchone()[0] == 1
            for sql in ("UPDATE writes SET record_id = 'x'", "DELETE FROM writes"):
                with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                    conn.execute(sql)
            conn.execute("PRAGMA foreign_keys = ON")
            with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):  # B, A's item
                conn.execute("INSERT INTO writes VALUES (?, ?, 'v2', 'quickbooks', 'q', 'x')",
                             (TENANT_B, item.id))  # fmt: skip
            with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
                conn.execute("INSERT INTO writes VALUES (?, ?, 'v2', 'quickbooks', 'qbo-101', "
                             "'x')", (TENANT_A, item.id))  # fmt: skip
            with pytest.raises(sqlite3.IntegrityError, match="cannot store"):  # STRICT
                conn.execute("INSERT INTO writes VALUES (?, ?, 'v3', 'quickbooks', 'q3', x'00')",
                             (TENANT_A, item.id))  # fmt: skip
        assert store.write_for(TENANT_A, item.id, "v1") == results[0]


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with raw(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(RuntimeError, match="newer"):
        SqliteStore(path)


def test_audit_rows_cannot_be_changed(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with SqliteStore(path) as store:
        item, _ = store.accept(new_item())
        store.finish(TENANT_A, item.id, Status.SKIPPED, now=at(1))
        with raw(path) as conn:
            for sql in ("UPDATE audit SET detail = 'x'", "DELETE FROM audit"):
                with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                    conn.execute(sql)
        assert len(store.trail(TENANT_A, item.id)) == 1


@pytest.mark.parametrize("make", ["missing_dir", "dir_is_a_file", "not_a_database"])
def test_an_unusable_file_raises_on_open(tmp_path: Path, make: str) -> None:
    if make == "missing_dir":
        path = tmp_path / "missing" / "t.db"
    elif make == "dir_is_a_file":
        (tmp_path / "file").write_text("x")
        path = tmp_path / "file" / "t.db"
    else:
        path = tmp_path / "t.db"
        path.write_bytes(b"this is not an sqlite database, just bytes" * 100)
    with pytest.raises(sqlite3.DatabaseError):
        SqliteStore(path)


def test_a_locked_database_fails_the_accept(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with SqliteStore(path, busy_timeout_s=0.05) as store, raw(path) as other:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            store.accept(new_item())
        other.execute("ROLLBACK")
        assert store.items(TENANT_A) == []
        assert store.accept(new_item())[1] is True  # the connection is usable again


def test_naive_datetimes_and_memory_paths_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="file path"):
        SqliteStore(":memory:")
    with SqliteStore(tmp_path / "t.db") as store:
        with pytest.raises(ValueError, match="timezone-aware"):
            store.accept(new_item(received_at=datetime(2026, 3, 2, 9, 0)))
        assert store.items(TENANT_A) == []


def test_a_corrupt_tenant_row_does_not_leak_its_secrets(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with SqliteStore(path) as store:
        store.put_tenant(tenant())
        with raw(path) as conn:
            three = ", ".join(f'"{SECRET_A1}-{i}"' for i in range(3))  # max is two
            bad = f'{{"toggl": {{"secrets": [{three}], "accounts": ["ws-1"]}}}}'
            conn.execute("UPDATE tenants SET sources = ?", (bad,))
        with pytest.raises(ValueError, match="invalid") as failure:
            store.get_tenant(TENANT_A)
        assert SECRET_A1 not in "".join(traceback.format_exception(failure.value))


def test_stored_secret_is_only_in_the_tenants_table(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with SqliteStore(path) as store:
        store.put_tenant(tenant())
        store.accept(new_item())
        with raw(path) as conn:
            assert conn.execute("SELECT count(*) FROM tenants WHERE sources LIKE ?",
                                (f"%{SECRET_A1}%",)).fetchone()[0] == 1  # fmt: skip
            assert SECRET_A1 not in str(conn.execute("SELECT * FROM inbox").fetchall())


def test_after_close_every_call_raises(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "t.db")
    store.close()
    store.close()  # idempotent
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        store.get(TENANT_A, "x")


def test_reviews_are_append_only_and_point_at_the_tenants_own_item(tmp_path: Path) -> None:
    from tests.contract.review_contract import flagged, review  # noqa: PLC0415

    path = tmp_path / "t.db"
    with SqliteStore(path) as store:
        store.put_tenant(tenant())
        store.put_tenant(tenant(TENANT_B))
        item = flagged(store, "evt-1")
        store.record_review(review(item))
        with raw(path) as conn:
            for sql in ("UPDATE reviews SET why = 'x'", "DELETE FROM reviews"):
                with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                    conn.execute(sql)
            conn.execute("PRAGMA foreign_keys = ON")
            with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):  # B, A's item
                conn.execute(
                    "INSERT INTO reviews (id, tenant, item_id, reviewer, at, action, after, why,"
                    " description, pattern) VALUES "
                    "('x', ?, ?, 'eve', 'x', 'approve', '[]', '', '', '')",
                    (TENANT_B, item.id),
                )
            with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
                conn.execute(
                    "INSERT INTO reviews (id, tenant, item_id, reviewer, at, action, after, why,"
                    " description, pattern) VALUES "
                    "('y', ?, ?, 'eve', 'x', 'delete', '[]', '', '', '')",
                    (TENANT_A, item.id),
                )
        assert len(store.reviews(TENANT_A)) == 1


def _back_to_v12(conn: sqlite3.Connection) -> None:
    """Undo step 12: what a v12 file looked like."""
    conn.execute("ALTER TABLE rules_versions DROP COLUMN book")
    conn.execute("PRAGMA user_version = 12")


def test_a_v12_file_gains_the_rule_book_column_and_keeps_its_versions(tmp_path: Path) -> None:
    path = tmp_path / "v12.db"
    with SqliteStore(path) as store:
        store.put_tenant(tenant(TENANT_A))
        first = store.add_rules_version(new_rules(), based_on=None)
    with raw(path) as conn:
        _back_to_v12(conn)
    with SqliteStore(path) as store:
        assert store.rules_version(TENANT_A, 1) == first
        assert first.book is None
        assert store.keep_rules_book(TENANT_A, 1, {"format": "x"})
        kept = store.rules_version(TENANT_A, 1)
        assert kept is not None
        assert kept.book == {"format": "x"}
        assert kept.files == first.files
    with raw(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 13


def _back_to_v11(conn: sqlite3.Connection) -> None:
    """Undo steps 12 and 11: what a v11 file looked like."""
    _back_to_v12(conn)
    for table in ("tally_parts", "tally_totals"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("PRAGMA user_version = 11")


def test_a_v11_file_gains_the_running_totals_and_keeps_its_items(tmp_path: Path) -> None:
    path = tmp_path / "v11.db"
    with SqliteStore(path) as store:
        store.put_tenant(tenant(TENANT_A))
        item, _ = store.accept(new_item())
    with raw(path) as conn:
        _back_to_v11(conn)
        assert "tally_totals" not in tables(path)
    with SqliteStore(path) as store:
        assert store.get(TENANT_A, item.id) is not None
        assert store.tally(TENANT_A, "toggl:1", {"cap|a": Decimal("1.5")}) == {
            "cap|a": Decimal("1.5")
        }
    with raw(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 13


def _back_to_v10(conn: sqlite3.Connection) -> None:
    """Undo steps 11 and 10: what a v10 file looked like."""
    _back_to_v11(conn)
    conn.execute("ALTER TABLE rules_versions DROP COLUMN calibration")
    conn.execute("PRAGMA user_version = 10")


def test_a_v10_file_gains_the_calibration_column_and_keeps_its_versions(tmp_path: Path) -> None:
    path = tmp_path / "v10.db"
    with SqliteStore(path) as store:
        store.put_tenant(tenant(TENANT_A))
        first = store.add_rules_version(new_rules(), based_on=None)
    with raw(path) as conn:
        _back_to_v10(conn)
    with SqliteStore(path) as store:
        assert store.rules_version(TENANT_A, 1) == first
        assert first.calibration is None
        measured = VersionCalibration(entries=3, settled=(("acme", "a", "b"),))
        files = {**first.files, "acme.yaml": "client:\n  id: acme\n# v2\n"}
        store.add_rules_version(new_rules(files=files, calibration=measured), based_on=1)
        assert [v.calibration for v in store.rules_history(TENANT_A)] == [None, measured]
    with raw(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 13


def _back_to_v9(conn: sqlite3.Connection) -> None:
    """Undo steps 10 and 9: what a v9 file looked like."""
    _back_to_v10(conn)
    conn.execute("DROP TABLE memory_snapshots")
    conn.execute("PRAGMA user_version = 9")


def test_a_v9_file_gains_the_memory_snapshots_and_keeps_its_reviews(tmp_path: Path) -> None:
    path = tmp_path / "v9.db"
    with SqliteStore(path) as store:
        store.put_tenant(tenant(TENANT_A))
    with raw(path) as conn:
        _back_to_v9(conn)
        assert "memory_snapshots" not in tables(path)
    with SqliteStore(path) as store:
        assert store.get_tenant(TENANT_A) == tenant()
        assert store.load_memory(TENANT_A) is None
        assert store.save_memory(MemorySnapshot(TENANT_A, 3, b"learned", at())) is True
        kept = store.load_memory(TENANT_A)
        assert kept is not None
        assert (kept.position, kept.body) == (3, b"learned")
    with raw(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 13


def _back_to_v7(conn: sqlite3.Connection) -> None:
    """Undo step 9, then step 8 as far as step 8 can run again (audit, writes and reviews keep
    the v9 form, which step 8 rebuilds anyway), and the placeholder step 7."""
    _back_to_v9(conn)
    for name in (
        "inbox_count_new",
        "inbox_count_move",
        "inbox_count_gone",
        "audit_own_item",
        "writes_own_item",
        "reviews_own_item",
    ):
        conn.execute(f"DROP TRIGGER {name}")
    for table in ("inbox_counts", "inbox_archive"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP INDEX inbox_oldest")
    conn.execute("DROP INDEX inbox_queue")
    conn.execute("CREATE INDEX inbox_review ON inbox (tenant, status)")
    conn.execute("ALTER TABLE inbox DROP COLUMN stake")
    conn.execute("ALTER TABLE inbox DROP COLUMN confidence")
    conn.execute("PRAGMA user_version = 7")


def _back_to_v4(conn: sqlite3.Connection) -> None:
    """Undo steps 8 to 5 (and the empty step 4): what a v4 file looked like."""
    _back_to_v7(conn)
    for table in ("qbo_unrouted", "qbo_realms", "review_sessions"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("ALTER TABLE reviewers DROP COLUMN token_used_at")
    conn.execute("PRAGMA user_version = 4")


def test_a_v4_file_gains_the_access_tables_and_keeps_its_reviewers(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    with SqliteStore(path) as store:
        store.put_tenant(tenant(TENANT_A))
        store.put_reviewer(Reviewer(tenant=TENANT_A, name="dana", token_hash="f" * 64,
                                    created_at=at()))  # fmt: skip
    with raw(path) as conn:
        _back_to_v4(conn)
    with SqliteStore(path) as store:
        assert "qbo_realms" in tables(path)
        found = store.redeem_token(TENANT_A, "f" * 64, now=at(1), issued_after=at(-15))
        assert found is not None
        assert found.name == "dana"
        store.link_realm(TENANT_A, "9130", now=at(2))
        assert store.tenant_for_realm("9130") == TENANT_A
    with raw(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 13


def test_a_v6_file_gains_the_unrouted_table_and_keeps_its_realms(tmp_path: Path) -> None:
    path = tmp_path / "v6.db"
    with SqliteStore(path) as store:
        store.put_tenant(tenant(TENANT_A))
        store.link_realm(TENANT_A, "9130", now=at())
    with raw(path) as conn:
        _back_to_v7(conn)
        conn.execute("DROP TABLE qbo_unrouted")
        conn.execute("PRAGMA user_version = 6")
    with SqliteStore(path) as store:
        assert store.tenant_for_realm("9130") == TENANT_A
        assert store.keep_unrouted(unrouted_event("e1")) is True
        assert [e.dedupe_key for e in store.unrouted("777")] == ["qbo:e1"]
    with raw(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 13
