-- The SQLite schema v1, verbatim as app/adapters/sqlite_store.py (SCHEMA_VERSION = 1)
-- created it: the starting point of tests/contract/test_sqlite_store.py's upgrade test.
-- Never edit: files written by v1 exist.

CREATE TABLE IF NOT EXISTS tenants (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, sources TEXT NOT NULL,
        paused INTEGER NOT NULL DEFAULT 0) STRICT;

CREATE TABLE IF NOT EXISTS inbox (
        id TEXT PRIMARY KEY, tenant TEXT NOT NULL, source TEXT NOT NULL,
        dedupe_key TEXT NOT NULL, event_type TEXT NOT NULL, entry TEXT, ref TEXT,
        received_at TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('received', 'processing', 'posted', 'needs_review', 'retrying', 'dead_letter', 'waiting', 'skipped')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0), next_attempt_at TEXT,
        lease_until TEXT, last_error TEXT, updated_at TEXT NOT NULL,
        UNIQUE (tenant, source, dedupe_key), UNIQUE (tenant, id)) STRICT;

CREATE INDEX IF NOT EXISTS inbox_pending ON inbox (status, received_at);

CREATE INDEX IF NOT EXISTS inbox_recent ON inbox (tenant, received_at);

CREATE TABLE IF NOT EXISTS decisions (
        tenant TEXT NOT NULL, item_id TEXT NOT NULL, decision TEXT NOT NULL,
        updated_at TEXT NOT NULL, PRIMARY KEY (tenant, item_id),
        FOREIGN KEY (tenant, item_id) REFERENCES inbox (tenant, id)) STRICT;

CREATE TABLE IF NOT EXISTS audit (
        seq INTEGER PRIMARY KEY, tenant TEXT NOT NULL, item_id TEXT NOT NULL,
        at TEXT NOT NULL, status TEXT NOT NULL, detail TEXT NOT NULL,
        FOREIGN KEY (tenant, item_id) REFERENCES inbox (tenant, id)) STRICT;

CREATE INDEX IF NOT EXISTS audit_item ON audit (tenant, item_id, seq);

CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

PRAGMA user_version = 1;
