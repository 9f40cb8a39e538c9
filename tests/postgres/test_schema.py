"""The migrated schema, read from the catalog: RLS everywhere, invoker rights, least privilege,
and the constraints that keep tenants apart even for a role that bypasses RLS.

Checklist items 28-29 of reference/reliability.md; Supabase's Splinter lints 0007, 0010,
0011, 0013 and 0015 (policy without RLS, security-definer view, mutable search_path, RLS
disabled, user_metadata) expressed as queries.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from tests.postgres.pg_server import APP_TABLES, TABLES, PgDatabase
from tests.postgres.tenancy import ITEM, SWEEPER, WORKER, A, B, seed

pytestmark = pytest.mark.postgres
API_ROLES = (WORKER, SWEEPER)


@pytest.fixture(scope="module")
def seeded(pg_db: PgDatabase) -> PgDatabase:
    seed(pg_db)
    return pg_db


@pytest.fixture
def su(seeded: PgDatabase) -> Iterator[psycopg.Connection]:
    """The superuser, in a transaction rolled back afterwards."""
    with seeded.connect(autocommit=False) as conn:
        try:
            yield conn
        finally:
            conn.rollback()


def column(conn: psycopg.Connection, query: str, *params: object) -> list[object]:
    return [row[0] for row in conn.execute(query, params).fetchall()]


def test_rls_is_enabled_and_forced_on_every_table(su: psycopg.Connection) -> None:
    rows = su.execute(
        """select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class as c
           where c.relnamespace = 'timebill'::regnamespace and c.relkind in ('r', 'p')
           order by c.relname"""
    ).fetchall()
    assert sorted(name for name, *_ in rows) == sorted((*TABLES, *APP_TABLES))
    assert [(name, True, True) for name, *_ in rows] == rows


def test_every_table_has_a_tenant_policy_for_every_command(su: psycopg.Connection) -> None:
    rows = su.execute(
        """select tablename, cmd, roles::text[], qual, with_check from pg_policies
           where schemaname = 'timebill' and policyname = 'tenant_isolation'"""
    ).fetchall()
    assert sorted(r[0] for r in rows) == sorted(TABLES)
    for _, cmd, roles, qual, with_check in rows:
        assert (cmd, roles) == ("ALL", [WORKER])
        assert "tenant_id = ( SELECT timebill.current_tenant()" in qual
        assert qual == with_check


def test_policies_only_exist_on_tables_with_rls(su: psycopg.Connection) -> None:
    assert (
        column(
            su,
            """select distinct p.tablename::text from pg_policies as p
        join pg_class as c on c.relname = p.tablename
        and c.relnamespace = 'timebill'::regnamespace
        where p.schemaname = 'timebill' and not c.relrowsecurity""",
        )
        == []
    )


def test_every_view_runs_with_the_callers_rights(su: psycopg.Connection) -> None:
    rows = su.execute(
        """select c.relname, coalesce(c.reloptions, '{}') from pg_class as c
           where c.relnamespace = 'timebill'::regnamespace and c.relkind in ('v', 'm')"""
    ).fetchall()
    assert [name for name, _ in rows] == ["inbox_items"]
    for name, options in rows:
        assert {"security_invoker=true", "security_invoker=on"} & set(options), name


def test_no_policy_or_function_reads_user_metadata(su: psycopg.Connection) -> None:
    policies = """select coalesce(qual, '') || ' ' || coalesce(with_check, '')
                  from pg_policies where schemaname = 'timebill'"""
    functions = """select prosrc from pg_proc
                   where pronamespace in ('timebill'::regnamespace, 'auth'::regnamespace)"""
    texts = column(su, policies) + column(su, functions)
    assert texts
    assert not [t for t in texts if "user_metadata" in str(t) or "raw_user_meta" in str(t)]


def test_functions_are_invoker_rights_with_a_fixed_search_path(su: psycopg.Connection) -> None:
    rows = su.execute(
        """select proname, prosecdef, coalesce(proconfig, '{}') from pg_proc
           where pronamespace = 'timebill'::regnamespace"""
    ).fetchall()
    expected = {"tb_accept", "tb_claim", "tb_finish", "tb_due", "tb_put_tenant",
                "tb_record_write", "tb_write_for", "tb_own_record", "tb_record_review",
                "tb_review_queue", "tb_put_reviewer"}  # fmt: skip
    assert expected <= {r[0] for r in rows}
    for name, definer, config in rows:
        # The definers: counts only, for the sweeper's alarm metrics (0006_counts.sql),
        # realm -> tenant for the app-level QuickBooks webhook (0009_access.sql), and the
        # sweep's retention, which moves finished rows it may not see (0012_inbox_scale.sql),
        # and the tenant ids an operator lists (0014_tenant_ids.sql).
        definers = {"tb_counts", "tb_tenant_for_realm", "tb_archive", "tb_tenant_ids"}
        assert definer is (name in definers), name
        assert any(c.startswith("search_path=") for c in config), name


def test_the_counts_function_takes_nothing_returns_aggregates_and_only_the_sweeper_runs_it(
    su: psycopg.Connection,
) -> None:
    args, result = _signature(su, "tb_counts")
    assert args == ""
    assert "id" not in [c.split()[0] for c in result.removeprefix("TABLE(").split(", ")]
    _only_the_sweeper_runs(su, "timebill.tb_counts()")


def test_the_tenant_ids_function_answers_ids_only_and_only_the_sweeper_runs_it(
    su: psycopg.Connection,
) -> None:
    args, result = _signature(su, "tb_tenant_ids")
    assert (args, result) == ("", "TABLE(tenant_id text)")
    _only_the_sweeper_runs(su, "timebill.tb_tenant_ids()")


@pytest.mark.parametrize("role", API_ROLES)
def test_api_roles_cannot_bypass_rls_or_log_in(su: psycopg.Connection, role: str) -> None:
    granted = column(
        su,
        """with recursive member_of(oid) as (
            select oid from pg_roles where rolname = %s
            union select m.roleid from pg_auth_members as m join member_of on m.member = oid)
        select r.rolname from pg_roles as r join member_of using (oid)
        where r.rolsuper or r.rolbypassrls or r.rolcreaterole or r.rolcreatedb""",
        role,
    )
    assert granted == []
    assert column(su, "select rolcanlogin from pg_roles where rolname = %s", role) == [False]


@pytest.mark.parametrize("role", API_ROLES)
def test_api_roles_own_nothing(su: psycopg.Connection, role: str) -> None:
    assert column(su, """select count(*) from pg_shdepend where deptype = 'o'
                         and refobjid = (select oid from pg_roles where rolname = %s)""",
                  role) == [0]  # fmt: skip


@pytest.mark.parametrize("role", ["anon", "authenticated", "public"])
def test_client_roles_get_nothing(su: psycopg.Connection, role: str) -> None:
    assert column(su, "select has_schema_privilege(%s, 'timebill', 'usage')", role) == [False]
    for table in (*TABLES, *APP_TABLES, "inbox_items"):
        privileges = "select, insert, update, delete, truncate, references, trigger"
        query = "select has_table_privilege(%s, %s, %s)"
        assert column(su, query, role, f"timebill.{table}", privileges) == [False], table
    callable_by = column(su, """select p.oid::regprocedure::text from pg_proc as p
        where p.pronamespace = 'timebill'::regnamespace
        and has_function_privilege(%s, p.oid, 'execute')""", role)  # fmt: skip
    assert callable_by == []


def test_worker_cannot_delete_or_rewrite_history(su: psycopg.Connection) -> None:
    query = "select has_table_privilege(%s, %s, %s)"
    for table in TABLES:
        assert column(su, query, WORKER, f"timebill.{table}", "delete, truncate") == [False]
    for table in ("audit", "decisions", "rules_versions", "writes", "reviews"):
        assert column(su, query, WORKER, f"timebill.{table}", "update") == [False], table
    for protected in ("tenant_id", "name"):  # a reviewer's token may change, not who it is
        assert column(su, "select has_column_privilege(%s, 'timebill.reviewers', %s, 'update')",
                      WORKER, protected) == [False], protected  # fmt: skip
    for protected in ("tenant_id", "id", "entry", "dedupe_key", "received_at"):
        assert column(su, "select has_column_privilege(%s, 'timebill.inbox', %s, 'update')",
                      WORKER, protected) == [False], protected  # fmt: skip
    # A rules version's files never change; its rule book (a cache of them, 0017) may be kept.
    version_columns = "select has_column_privilege(%s, 'timebill.rules_versions', %s, 'update')"
    for protected in ("tenant_id", "number", "files", "sha256", "calibration", "approved_by"):
        assert column(su, version_columns, WORKER, protected) == [False], protected
    assert column(su, version_columns, WORKER, "book") == [True]


def test_worker_reads_and_adds_writes_and_the_sweeper_gets_none(su: psycopg.Connection) -> None:
    query = "select has_table_privilege(%s, 'timebill.writes', %s)"
    for privilege, granted in [("select", True), ("insert", True), ("update", False),
                               ("delete", False), ("truncate", False)]:  # fmt: skip
        assert column(su, query, WORKER, privilege) == [granted], privilege
        assert column(su, query, SWEEPER, privilege) == [False], privilege


def test_every_table_has_a_non_null_tenant_id(su: psycopg.Connection) -> None:
    rows = su.execute(
        """select c.relname, a.attnotnull from pg_class as c
           join pg_attribute as a on a.attrelid = c.oid and a.attname = 'tenant_id'
           where c.relnamespace = 'timebill'::regnamespace and c.relkind = 'r'"""
    ).fetchall()
    assert sorted(rows) == sorted((t, True) for t in TABLES)


# -- constraints: these hold for the superuser too, with RLS out of the picture ---------------


@pytest.mark.parametrize("table", ["decisions", "audit", "writes", "reviews"])
def test_composite_foreign_keys_block_cross_tenant_references(
    su: psycopg.Connection, table: str
) -> None:
    """Tenant A's row cannot point at tenant B's inbox item, even written as the superuser."""
    values = {
        "decisions": """(tenant_id, item_id, entry_key, entry_version, stage, needs_review,
                        decision, decided_at)
                        values (%s, %s, 'k', '1', 'rules', false, '{}', now())""",
        "audit": "(tenant_id, item_id, at, status) values (%s, %s, now(), 'posted')",
        "writes": """(tenant_id, item_id, entry_version, system, record_id, written_at)
                     values (%s, %s, '9', 'quickbooks', 'qbo-9', now())""",
        "reviews": """(tenant_id, id, item_id, reviewer, at, action, after)
                      values (%s, 'rv-9', %s, 'dana', now(), 'approve', '[{}]')""",
    }[table]
    with pytest.raises(psycopg.errors.ForeignKeyViolation), su.transaction():
        su.execute(f"insert into timebill.{table} {values}", [A, ITEM[B]])
    su.execute(f"insert into timebill.{table} {values}", [A, ITEM[A]])  # its own: fine


@pytest.mark.parametrize("table", ["rules_versions", "inbox"])
def test_rows_need_an_existing_tenant(su: psycopg.Connection, table: str) -> None:
    values = {
        "rules_versions": "(tenant_id, version, yaml) values ('ghost', 'v1', '')",
        "inbox": """(tenant_id, source, dedupe_key, received_at, updated_at)
                    values ('ghost', 'toggl', 'k', now(), now())""",
    }[table]
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        su.execute(f"insert into timebill.{table} {values}")


def test_unique_key_includes_tenant_and_source(su: psycopg.Connection) -> None:
    insert = """insert into timebill.inbox (tenant_id, source, dedupe_key, received_at,
                updated_at) values (%s, %s, 'evt-1', now(), now())"""
    with pytest.raises(psycopg.errors.UniqueViolation), su.transaction():
        su.execute(insert, [A, "toggl"])  # seeded already
    su.execute(insert, [A, "clockify"])


def test_writes_are_unique_per_entry_version_and_per_record(su: psycopg.Connection) -> None:
    keys = su.execute(
        """select c.contype::text, array(select a.attname::text from unnest(c.conkey)
                  with ordinality as k(n, i) join pg_attribute as a
                  on a.attrelid = c.conrelid and a.attnum = k.n order by k.i)
           from pg_constraint as c
           where c.conrelid = 'timebill.writes'::regclass and c.contype in ('p', 'u')"""
    ).fetchall()
    assert sorted(keys) == [("p", ["tenant_id", "item_id", "entry_version"]),
                            ("u", ["tenant_id", "system", "record_id"])]  # fmt: skip
    insert = """insert into timebill.writes (tenant_id, item_id, entry_version, system,
                record_id, written_at) values (%s, %s, %s, 'quickbooks', %s, now())"""
    for version, record in [("1", "qbo-other"), ("2", "qbo-1")]:  # seeded: ('1', 'qbo-1')
        with pytest.raises(psycopg.errors.UniqueViolation), su.transaction():
            su.execute(insert, [A, ITEM[A], version, record])
    su.execute(insert, [A, ITEM[A], "2", "qbo-2"])
    # Both tenants were seeded with record qbo-1: the key includes the tenant.
    assert column(su, "select tenant_id from timebill.writes where record_id = 'qbo-1' "
                      "order by 1") == [A, B]  # fmt: skip


@pytest.mark.parametrize(
    ("statement", "error"),
    [
        ("update timebill.inbox set status = 'shipped'", psycopg.errors.CheckViolation),
        ("update timebill.audit set status = 'done'", psycopg.errors.CheckViolation),
        ("update timebill.inbox set attempts = -1", psycopg.errors.CheckViolation),
        ("update timebill.inbox set tenant_id = null", psycopg.errors.NotNullViolation),
        ("update timebill.tenants set tenant_id = 'Bad Id!'", psycopg.errors.CheckViolation),
        ("update timebill.rules_versions set approved_at = null", psycopg.errors.CheckViolation),
        ("update timebill.writes set system = 'Quick Books'", psycopg.errors.CheckViolation),
        ("update timebill.writes set record_id = ''", psycopg.errors.CheckViolation),
        ("update timebill.writes set entry_version = ''", psycopg.errors.CheckViolation),
        ("update timebill.writes set written_at = null", psycopg.errors.NotNullViolation),
    ],
)
def test_checks_reject_bad_values(
    su: psycopg.Connection, statement: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        su.execute(statement)


def test_the_realm_lookup_answers_one_tenant_id_and_only_the_sweeper_runs_it(
    su: psycopg.Connection,
) -> None:
    args, result = _signature(su, "tb_tenant_for_realm")
    assert (args, result) == ("p_realm_id text", "text")
    _only_the_sweeper_runs(su, "timebill.tb_tenant_for_realm(text)")


def test_the_store_cannot_keep_a_nul_character_so_intake_refuses_it(
    su: psycopg.Connection,
) -> None:
    """Why ``app.sources.strict_json`` answers 400 for ``\\u0000``: PostgreSQL's jsonb refuses
    it, so the Supabase store would fail on it for ever (a 503 the sender retries for days)."""
    with pytest.raises(psycopg.errors.UntranslatableCharacter):
        su.execute("""select '{"description": "Te\\u0000st"}'::jsonb""")


def test_unrouted_events_are_the_sweepers_alone(su: psycopg.Connection) -> None:
    """0010: no tenant_id, so no tenant policy; one policy, for the sweeper, which the app-level
    QuickBooks route and the take-up at connect run as. A tenant's role gets nothing."""
    policies = su.execute(
        """select policyname, cmd, roles::text[] from pg_policies
           where schemaname = 'timebill' and tablename = 'qbo_unrouted'"""
    ).fetchall()
    assert policies == [("app_level", "ALL", [SWEEPER])]
    query = "select has_table_privilege(%s, 'timebill.qbo_unrouted', %s)"
    for privilege, granted in [("select", True), ("insert", True), ("delete", True),
                               ("update", False), ("truncate", False)]:  # fmt: skip
        assert column(su, query, SWEEPER, privilege) == [granted], privilege
        assert column(su, query, WORKER, privilege) == [False], privilege
    for function in ("tb_keep_unrouted(text, text, text, timestamptz)",
                     "tb_drop_unrouted(text, text[])", "tb_unrouted_realms()"):  # fmt: skip
        call = "select has_function_privilege(%s, %s, 'execute')"
        assert column(su, call, SWEEPER, f"timebill.{function}") == [True], function
        assert column(su, call, WORKER, f"timebill.{function}") == [False], function


def _signature(su: psycopg.Connection, function: str) -> tuple[str, str]:
    """The arguments and result of a ``timebill`` function, as PostgreSQL prints them."""
    [(args, result)] = su.execute(
        """select pg_get_function_arguments(p.oid), pg_get_function_result(p.oid)
           from pg_proc as p where p.pronamespace = 'timebill'::regnamespace
           and p.proname = %s""",
        (function,),
    ).fetchall()
    return args, result


def _only_the_sweeper_runs(su: psycopg.Connection, signature: str) -> None:
    for role, allowed in ((SWEEPER, True), (WORKER, False), ("anon", False)):
        query = "select has_function_privilege(%s, %s, 'execute')"
        assert column(su, query, role, signature) == [allowed], role
