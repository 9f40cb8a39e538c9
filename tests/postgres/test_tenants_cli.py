"""``timebill tenants`` with ``TIMEBILL_STORE=supabase``: the same commands through the real
``SupabaseStore`` (PostgREST emulated over a real PostgreSQL with the production migrations),
as an operator runs them against a stage; listing reads the ids as the sweeper role."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from app.adapters.supabase_store import SupabaseStore
from app.cli import app
from app.domain.entries import Source
from app.ports import TenantDirectory
from tests.postgres.pg_server import PgDatabase
from tests.postgres.supabase_harness import (
    ANON_KEY,
    BASE_URL,
    JWT_SECRET,
    bridge_for,
    routed,
    store_settings,
)

pytestmark = pytest.mark.postgres

FIRST, SECOND = "verifier-first-51c2", "verifier-second-0d9e"


@pytest.fixture
def supabase(pg_db: PgDatabase, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    pg_db.reset()
    settings = {"STORE": "supabase", "SUPABASE_URL": BASE_URL, "SUPABASE_KEY": ANON_KEY,
                "SUPABASE_JWT_SECRET": JWT_SECRET, "LLM_PROVIDER": "none"}  # fmt: skip
    for name, value in settings.items():
        monkeypatch.setenv(f"TIMEBILL_{name}", value)
    with bridge_for(pg_db) as bridge, routed(bridge):
        yield


def run(*args: str, secret: str = "") -> tuple[int, str]:
    result = CliRunner().invoke(app, ["tenants", *args], env={"HOOK_SECRET": secret})
    return result.exit_code, result.output


@pytest.mark.usefixtures("supabase")
def test_add_source_rotate_and_show_through_supabase() -> None:
    assert run("add", "acme", "--name", "Acme LLP")[0] == 0
    assert run("add", "acme", "--name", "Again")[0] == 2
    quickbooks = ("source", "acme", "quickbooks", "--account", "9130", "--secret-env",
                  "HOOK_SECRET")  # fmt: skip
    assert run(*quickbooks, secret=FIRST)[0] == 0
    code, said = run(*quickbooks, "--rotate", secret=SECOND)
    assert code == 0, said
    with SupabaseStore.from_settings(store_settings()) as store:
        tenant = store.get_tenant("acme")
    assert tenant is not None
    access = tenant.sources[Source.QUICKBOOKS]
    assert [s.get_secret_value() for s in access.secrets] == [SECOND, FIRST]
    assert access.accounts == ("9130",)
    code, shown = run("show", "acme")
    assert code == 0, shown
    assert shown.splitlines() == [
        "acme  Acme LLP  (active)",
        "  quickbooks: accounts 9130; writes quickbooks; 2 secrets set; API key not set",
    ]
    assert FIRST not in said + shown
    assert SECOND not in said + shown


@pytest.mark.usefixtures("supabase")
def test_list_reads_every_tenant_and_unknown_tenants_are_refused() -> None:
    assert issubclass(SupabaseStore, TenantDirectory)
    assert run("list") == (0, "no tenants yet: timebill tenants add ID --name NAME\n")
    run("add", "globex", "--name", "Globex Partners")
    run("add", "acme", "--name", "Acme LLP")
    run("source", "acme", "toggl", "--account", "1234567", "--secret-env", "HOOK_SECRET",
        secret=FIRST)  # fmt: skip
    code, listed = run("list")
    assert code == 0, listed
    assert listed.splitlines() == [
        "acme  Acme LLP  (active)",
        "  toggl: accounts 1234567; writes quickbooks; 1 secret set; API key not set",
        "globex  Globex Partners  (active)",
        "  no trackers yet: timebill tenants source ID SOURCE --account ACCT",
    ]
    assert FIRST not in listed
    code, said = run("show", "nobody")
    assert code == 2
    assert said.strip().startswith("error: no tenant 'nobody' in the store")
