"""Two tenants' worth of rows in every table, and connections that act as PostgREST would."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from tests.postgres.pg_server import TABLES, PgDatabase

A, B = "tenant-a", "tenant-b"
ITEM = {A: "00000000-0000-4000-8000-00000000000a", B: "00000000-0000-4000-8000-00000000000b"}
WORKER, SWEEPER = "timebill_worker", "timebill_sweeper"
EXPOSED = (*TABLES, "inbox_items")  # everything the API roles can be pointed at

_SEED = (
    "insert into timebill.tenants (tenant_id, name, sources) values (%(t)s, %(t)s, "
    """'{"toggl": {"secrets": ["s"], "accounts": ["1"]}}')""",
    """insert into timebill.rules_versions (tenant_id, version, yaml, approved_by, approved_at,
       number, files, source, backtest, sha256) values (%(t)s, 'v1', 'codes: []',
       'pm@example.com', now(), 1, '{"_firm.yaml": "codes: []"}', 'seed', '', 'x')""",
    """insert into timebill.rules_current (tenant_id, number, switched_by, switched_at)
       values (%(t)s, 1, 'pm@example.com', now())""",
    """insert into timebill.rules_proposed (tenant_id, rule_id, rules_file, rule, proposed_at)
       values (%(t)s, 'x.learned.a', 'x.yaml', '{"id": "x.learned.a"}', now())""",
    """insert into timebill.inbox (tenant_id, id, source, dedupe_key, entry, received_at,
       updated_at) values (%(t)s, %(id)s, 'toggl', 'evt-1', '{"x": 1}', now(), now())""",
    """insert into timebill.decisions (tenant_id, item_id, entry_key, entry_version, stage,
       needs_review, decision, decided_at)
       values (%(t)s, %(id)s, 'toggl:1', '1', 'rules', false, '{}', now())""",
    """insert into timebill.audit (tenant_id, item_id, at, status, detail)
       values (%(t)s, %(id)s, now(), 'posted', 'seed')""",
    """insert into timebill.writes (tenant_id, item_id, entry_version, system, record_id,
       written_at) values (%(t)s, %(id)s, '1', 'quickbooks', 'qbo-1', now())""",
    """insert into timebill.reviews (tenant_id, id, item_id, reviewer, at, action, after)
       values (%(t)s, 'rv-1', %(id)s, 'dana', now(), 'approve', '[{}]')""",
    """insert into timebill.reviewers (tenant_id, name, token_hash, created_at)
       values (%(t)s, 'dana', md5(%(t)s) || md5(%(t)s), now())""",
    """insert into timebill.qbo_tokens (tenant_id, realm, refresh_token, access_token, status)
       values (%(t)s, '9130', 'RT-' || %(t)s, 'AT-' || %(t)s, 'connected')""",
    """insert into timebill.qbo_realms (realm_id, tenant_id, linked_at)
       values ('realm-' || %(t)s, %(t)s, now())""",
    """insert into timebill.review_sessions (tenant_id, id, reviewer, via, created_at,
       expires_at) values (%(t)s, 'sess-' || md5(%(t)s), 'dana', 'token', now(),
       now() + interval '8 hours')""",
    """insert into timebill.entry_ledger (tenant_id, system, entry_key, records, item_id,
       updated_at) values (%(t)s, 'quickbooks', 'toggl:1', '["qbo-1"]', %(id)s, now())""",
    """insert into timebill.inbox_archive (tenant_id, id, seq, source, dedupe_key, event_type,
       received_at, status, attempts, updated_at, archived_at) values (%(t)s,
       gen_random_uuid(), 0, 'toggl', 'evt-0', '', now(), 'posted', 1, now(), now())""",
    """insert into timebill.memory_snapshots (tenant_id, review_seq, body, saved_at)
       values (%(t)s, 1, convert_to('memory of ' || %(t)s, 'UTF8'), now())""",
    """insert into timebill.tally_parts (tenant_id, entry_key, key, amount)
       values (%(t)s, 'toggl:1', 'cap|acme|h|X|2026-11', 2.5)""",
    """insert into timebill.tally_totals (tenant_id, key, total)
       values (%(t)s, 'cap|acme|h|X|2026-11', 2.5)""",
)

# One row for tenant ``%(t)s`` per table, to try inserting as someone else.
NEW_ROW = {
    "tenants": "insert into timebill.tenants (tenant_id, name) values (%(t)s || '-2', 'x')",
    "rules_versions": """insert into timebill.rules_versions (tenant_id, version, yaml)
                         values (%(t)s, 'v2', 'codes: []')""",
    "inbox": """insert into timebill.inbox (tenant_id, source, dedupe_key, received_at,
                updated_at) values (%(t)s, 'toggl', 'evt-2', now(), now())""",
    "decisions": """insert into timebill.decisions (tenant_id, item_id, entry_key,
                    entry_version, stage, needs_review, decision, decided_at)
                    values (%(t)s, %(id)s, 'toggl:1', '2', 'rules', false, '{}', now())""",
    "audit": """insert into timebill.audit (tenant_id, item_id, at, status)
                values (%(t)s, %(id)s, now(), 'received')""",
    "writes": """insert into timebill.writes (tenant_id, item_id, entry_version, system,
                 record_id, written_at)
                 values (%(t)s, %(id)s, '2', 'quickbooks', 'qbo-2', now())""",
    "reviews": """insert into timebill.reviews (tenant_id, id, item_id, reviewer, at, action,
                  after) values (%(t)s, 'rv-2', %(id)s, 'eve', now(), 'approve', '[{}]')""",
    "reviewers": """insert into timebill.reviewers (tenant_id, name, token_hash, created_at)
                    values (%(t)s, 'eve', repeat('e', 64), now())""",
    "qbo_tokens": """insert into timebill.qbo_tokens (tenant_id, realm, refresh_token)
                     values (%(t)s, '4620', 'RT-new')""",
    "qbo_realms": """insert into timebill.qbo_realms (realm_id, tenant_id, linked_at)
                     values ('new-' || %(t)s, %(t)s, now())""",
    "review_sessions": """insert into timebill.review_sessions (tenant_id, id, reviewer, via,
                          created_at, expires_at) values (%(t)s, 'new-' || md5(%(t)s), 'eve',
                          'token', now(), now())""",
    "entry_ledger": """insert into timebill.entry_ledger (tenant_id, system, entry_key,
                       updated_at) values (%(t)s, 'quickbooks', 'toggl:2', now())""",
    "rules_current": """insert into timebill.rules_current (tenant_id, number, switched_by,
                        switched_at) values (%(t)s, 1, 'eve', now())""",
    "rules_proposed": """insert into timebill.rules_proposed (tenant_id, rule_id, rules_file,
                         rule, proposed_at) values (%(t)s, 'x.learned.b', 'x.yaml', '{}',
                         now())""",
    "inbox_counts": """insert into timebill.inbox_counts (tenant_id, status, n)
                       values (%(t)s, 'waiting', 1)""",
    "inbox_archive": """insert into timebill.inbox_archive (tenant_id, id, seq, source,
                        dedupe_key, event_type, received_at, status, attempts, updated_at,
                        archived_at) values (%(t)s, gen_random_uuid(), 0, 'toggl', 'evt-9',
                        '', now(), 'posted', 1, now(), now())""",
    "memory_snapshots": """insert into timebill.memory_snapshots (tenant_id, review_seq, body,
                           saved_at) values (%(t)s, 9, 'x', now())""",
    "tally_parts": """insert into timebill.tally_parts (tenant_id, entry_key, key, amount)
                      values (%(t)s, 'toggl:2', 'day|u|2026-11-03', 1)""",
    "tally_totals": """insert into timebill.tally_totals (tenant_id, key, total)
                       values (%(t)s, 'day|u|2026-11-03', 1)""",
}
# A column the worker may update (where it may update anything), set to itself.
SAME_VALUE = {"tenants": "name", "rules_versions": "yaml", "inbox": "last_error",
              "decisions": "code", "audit": "detail", "writes": "record_id", "reviews": "why",
              "reviewers": "disabled", "qbo_tokens": "status", "qbo_realms": "linked_at",
              "review_sessions": "ended_at",
              "entry_ledger": "content", "rules_current": "switched_by",
              "rules_proposed": "rules_file", "inbox_counts": "n",
              "inbox_archive": "last_error", "memory_snapshots": "body",
              "tally_parts": "amount", "tally_totals": "total"}  # fmt: skip


def seed(db: PgDatabase) -> None:
    """Rows for tenants A and B in every table, written as the superuser (bypassing RLS)."""
    db.reset()
    with db.connect() as conn:
        for tenant in (A, B):
            for statement in _SEED:
                conn.execute(statement, {"t": tenant, "id": ITEM[tenant]})


def claims(tenant: str | None, role: str = WORKER) -> str:
    body = {"role": role} if tenant is None else {"role": role, "tenant_id": tenant}
    return json.dumps(body)


def impersonate(conn: psycopg.Connection, tenant: str | None, role: str = WORKER) -> None:
    """What PostgREST does at the start of each request's transaction."""
    conn.execute(
        "select set_config('role', %s, true), set_config('request.jwt.claims', %s, true)",
        [role, claims(tenant, role)],
    )


@contextmanager
def acting_as(
    db: PgDatabase, tenant: str | None, role: str = WORKER
) -> Iterator[psycopg.Connection]:
    """A transaction logged in as ``authenticator``, become ``role`` for ``tenant``; everything
    it does is rolled back at the end, so tests leave the seeded rows as they were."""
    with db.connect("authenticator", autocommit=False) as conn:
        try:
            impersonate(conn, tenant, role)
            yield conn
        finally:
            conn.rollback()


def rowcount_or_denied(conn: psycopg.Connection, statement: str, tenant: str) -> int | None:
    """Rows the statement touched, or None when the role may not run it at all."""
    try:
        with conn.transaction():
            return conn.execute(statement, {"t": tenant, "id": ITEM[tenant]}).rowcount
    except psycopg.errors.InsufficientPrivilege:
        return None
