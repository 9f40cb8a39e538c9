"""``timebill tenants``: a tenant and its trackers' access made from the command line, against
a temporary SQLite store named by the settings' environment variables. The webhook secret
comes from a hidden prompt or a named environment variable and never reaches the output."""

from __future__ import annotations

import getpass
import warnings
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from app.adapters.sqlite_store import SqliteStore
from app.cli import app
from app.cli.jobs import tenants as job
from app.domain.entries import Source
from app.domain.inbox import Tenant

FIRST, SECOND, THIRD = "whsec-first-6f1c", "whsec-second-90ab", "whsec-third-77de"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "t.sqlite3"
    monkeypatch.setenv("TIMEBILL_SQLITE_PATH", str(path))
    monkeypatch.setenv("TIMEBILL_STORE", "sqlite")
    monkeypatch.setenv("TIMEBILL_LLM_PROVIDER", "none")
    return path


def run(*args: str, secret: str | None = None) -> Result:
    """The command as typed; ``secret`` is what the person types at the hidden prompt."""
    env = {"HOOK_SECRET": secret} if secret is not None else {}
    return CliRunner().invoke(app, ["tenants", *args], env=env)


def stored(db: Path, tenant_id: str = "acme") -> Tenant:
    with SqliteStore(db) as store:
        tenant = store.get_tenant(tenant_id)
    assert tenant is not None
    return tenant


def secrets_of(db: Path, source: Source = Source.TOGGL) -> list[str]:
    return [s.get_secret_value() for s in stored(db).sources[source].secrets]


def test_add_creates_a_tenant_and_refuses_it_twice(db: Path) -> None:
    made = run("add", "acme", "--name", "Acme LLP")
    assert made.exit_code == 0, made.output
    assert stored(db) == Tenant(id="acme", name="Acme LLP")
    again = run("add", "acme", "--name", "Other")
    assert again.exit_code == 2
    assert again.output.strip().splitlines() == [
        "error: tenant acme exists (Acme LLP); add --update to rename it"
    ]
    assert stored(db).name == "Acme LLP"


def test_update_renames_and_keeps_the_trackers(db: Path) -> None:
    run("add", "acme", "--name", "Acme LLP")
    run("source", "acme", "toggl", "--account", "1234567", "--secret-env", "HOOK_SECRET",
        secret=FIRST)  # fmt: skip
    renamed = run("add", "acme", "--name", "Acme Partners LLP", "--update")
    assert renamed.exit_code == 0, renamed.output
    tenant = stored(db)
    assert tenant.name == "Acme Partners LLP"
    assert tenant.sources[Source.TOGGL].accounts == ("1234567",)
    assert secrets_of(db) == [FIRST]


def test_source_from_the_hidden_prompt_sets_accounts_and_writes(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(job, "ask_hidden", lambda prompt: asked.append(prompt) or FIRST)
    monkeypatch.setenv("CLOCKIFY_KEY", "ck-api-key-31")
    run("add", "acme", "--name", "Acme LLP")
    done = run("source", "acme", "clockify", "--account", "ws-1", "--account", "ws-2",
               "--writes", "both", "--api-key-env", "CLOCKIFY_KEY")  # fmt: skip
    assert done.exit_code == 0, done.output
    assert asked == ["clockify webhook secret for acme: "]
    access = stored(db).sources[Source.CLOCKIFY]
    assert access.accounts == ("ws-1", "ws-2")
    assert access.writes == "both"
    assert access.api_key is not None
    assert access.api_key.get_secret_value() == "ck-api-key-31"
    assert secrets_of(db, Source.CLOCKIFY) == [FIRST]
    assert FIRST not in done.output
    assert "ck-api-key-31" not in done.output


def test_a_new_secret_replaces_and_rotate_keeps_the_current_one_second(db: Path) -> None:
    run("add", "acme", "--name", "Acme LLP")
    toggl = ("source", "acme", "toggl", "--account", "1234567", "--secret-env", "HOOK_SECRET")
    assert run(*toggl, secret=FIRST).exit_code == 0
    assert run(*toggl, secret=SECOND).exit_code == 0
    assert secrets_of(db) == [SECOND]  # without --rotate the secret replaces
    rotated = run(*toggl, "--rotate", secret=THIRD)
    assert rotated.exit_code == 0, rotated.output
    assert secrets_of(db) == [THIRD, SECOND]  # deliveries signed with either are accepted
    again = run(*toggl, "--rotate", secret=FIRST)
    assert again.exit_code == 0, again.output
    assert secrets_of(db) == [FIRST, THIRD]  # at most two: the oldest goes
    for result in (rotated, again):
        assert all(s not in result.output for s in (FIRST, SECOND, THIRD))


def test_keep_secret_changes_writes_and_api_key_only(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("add", "acme", "--name", "Acme LLP")
    toggl = ("source", "acme", "toggl", "--account", "1234567")
    run(*toggl, "--secret-env", "HOOK_SECRET", secret=FIRST)
    run(*toggl, "--secret-env", "HOOK_SECRET", "--rotate", secret=SECOND)
    monkeypatch.setattr(job, "ask_hidden", no_prompt)
    monkeypatch.setenv("TOGGL_TOKEN", "tg-api-token-5")
    done = run(*toggl, "--keep-secret", "--writes", "both", "--api-key-env", "TOGGL_TOKEN")
    assert done.exit_code == 0, done.output
    access = stored(db).sources[Source.TOGGL]
    assert [s.get_secret_value() for s in access.secrets] == [SECOND, FIRST]
    assert access.writes == "both"
    assert access.api_key is not None
    assert access.api_key.get_secret_value() == "tg-api-token-5"
    assert "2 secrets set; API key set" in done.output


def no_prompt(prompt: str) -> str:
    raise AssertionError(f"asked {prompt!r}")


def test_changing_the_workspace_drops_its_clockify_field_ids(db: Path) -> None:
    run("add", "acme", "--name", "Acme LLP")
    clockify = ("source", "acme", "clockify", "--secret-env", "HOOK_SECRET")
    run(*clockify, "--account", "ws-1", secret=FIRST)
    with SqliteStore(db) as store:
        tenant = stored(db)
        access = tenant.sources[Source.CLOCKIFY].model_copy(update={"field_ids": {"code": "f1"}})
        store.put_tenant(tenant.model_copy(update={"sources": {Source.CLOCKIFY: access}}))
    run(*clockify, "--account", "ws-1", "--rotate", secret=SECOND)
    assert stored(db).sources[Source.CLOCKIFY].field_ids == {"code": "f1"}
    run(*clockify, "--account", "ws-2", secret=SECOND)
    assert stored(db).sources[Source.CLOCKIFY].field_ids == {}


def test_list_and_show_print_trackers_and_secret_counts_never_secrets(db: Path) -> None:
    run("add", "acme", "--name", "Acme LLP")
    run("add", "globex", "--name", "Globex Partners")
    toggl = ("source", "acme", "toggl", "--account", "1234567", "--secret-env", "HOOK_SECRET")
    run(*toggl, secret=FIRST)
    run(*toggl, "--rotate", secret=SECOND)
    run("source", "acme", "quickbooks", "--account", "9130", "--secret-env", "HOOK_SECRET",
        secret=THIRD)  # fmt: skip
    with SqliteStore(db) as store:
        store.put_tenant(stored(db, "globex").model_copy(update={"paused": True}))
    listed = run("list")
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines() == [
        "acme  Acme LLP  (active)",
        "  quickbooks: accounts 9130; writes quickbooks; 1 secret set; API key not set",
        "  toggl: accounts 1234567; writes quickbooks; 2 secrets set; API key not set",
        "globex  Globex Partners  (paused)",
        "  no trackers yet: timebill tenants source ID SOURCE --account ACCT",
    ]
    shown = run("show", "acme")
    assert shown.exit_code == 0, shown.output
    assert shown.output.splitlines() == listed.output.splitlines()[:3]
    for result in (listed, shown):
        assert all(s not in result.output for s in (FIRST, SECOND, THIRD))


def test_list_of_an_empty_store_says_how_to_add_one(db: Path) -> None:
    listed = run("list")
    assert listed.exit_code == 0
    assert listed.output.strip() == "no tenants yet: timebill tenants add ID --name NAME"


def one_line_error(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("show", "nobody"), "error: no tenant 'nobody' in the store; create it: timebill "
                             "tenants add nobody --name NAME"),
        (("add", "Acme LLP", "--name", "Acme"), "error: ID 'Acme LLP': a tenant id is 2-40 "
         "characters: lowercase letters, digits, _ and -, starting with a letter or digit "
         "(e.g. acme-llp)"),
        (("add", "x", "--name", "X"), "error: ID 'x': a tenant id is 2-40 characters"),
        (("add", "globex", "--name", "  "), "error: --name: give the tenant's name"),
        (("source", "nobody", "toggl", "--account", "1"), "error: no tenant 'nobody'"),
        (("source", "acme", "jira", "--account", "1"), "error: SOURCE 'jira': not a tracker; "
         "use one of clockify, toggl, harvest, quickbooks, qbtime"),
        (("source", "acme", "manual", "--account", "1"), "error: SOURCE 'manual': not a tracker"),
        (("source", "acme", "harvest", "--account", "1", "--writes", "tracker"),
         "error: --writes tracker: Harvest has no custom fields or tags on time entries"),
        (("source", "acme", "quickbooks", "--account", "1", "--writes", "both"),
         "error: --writes both: quickbooks has no write-back: keep writes=quickbooks for it"),
        (("source", "acme", "toggl", "--account", "1", "--rotate"),
         "error: --rotate: tenant acme has no toggl secret to keep; leave out --rotate"),
        (("source", "acme", "toggl", "--account", "1", "--keep-secret"),
         "error: --keep-secret: tenant acme has no toggl secret to keep; leave out --keep-secret"),
        (("source", "acme", "toggl", "--account", "1", "--keep-secret", "--rotate"),
         "error: --keep-secret: goes with neither --rotate nor --secret-env"),
        (("source", "acme", "toggl", "--account", "1", "--secret-env", "NOT_SET_HERE"),
         "error: --secret-env NOT_SET_HERE: the environment variable is unset or empty"),
        (("source", "acme", "toggl", "--account", " ", "--secret-env", "HOOK_SECRET"),
         "error: --account: an account id is blank"),
        (("source", "acme", "clockify", "--account", "1", "--secret-env", "HOOK_SECRET",
          "--api-key-env", "NOT_SET_HERE"),
         "error: --api-key-env NOT_SET_HERE: the environment variable is unset or empty"),
    ],
)  # fmt: skip
def test_mistakes_are_one_line_and_exit_2(db: Path, args: tuple[str, ...], says: str) -> None:
    run("add", "acme", "--name", "Acme LLP")
    before = stored(db)
    assert one_line_error(run(*args, secret=FIRST)).startswith(says)
    assert stored(db) == before  # nothing changed


def test_an_empty_secret_or_no_terminal_is_refused(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("add", "acme", "--name", "Acme LLP")
    toggl = ("source", "acme", "toggl", "--account", "1")
    assert one_line_error(run(*toggl, "--secret-env", "HOOK_SECRET", secret="   ")) == (
        "error: --secret-env HOOK_SECRET: the environment variable is unset or empty"
    )
    monkeypatch.setattr(job, "ask_hidden", lambda _prompt: "")
    assert one_line_error(run(*toggl)).startswith("error: the webhook secret is empty")
    monkeypatch.setattr(job, "ask_hidden", no_terminal)
    refused = run(*toggl)
    assert one_line_error(refused).startswith("error: no webhook secret read (no terminal")
    assert Source.TOGGL not in stored(db).sources


def no_terminal(prompt: str) -> str:
    raise EOFError


def test_the_prompt_reads_nothing_without_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no terminal ``getpass`` warns and reads stdin with the echo on: refused instead."""
    read: list[str] = []

    def fallback(prompt: str) -> str:
        warnings.warn("Can not control echo on the terminal.", getpass.GetPassWarning, 2)
        read.append(prompt)
        return FIRST

    monkeypatch.setattr(getpass, "getpass", fallback)
    with pytest.raises(EOFError):
        job.ask_hidden("toggl webhook secret for acme: ")
    assert read == []
    monkeypatch.setattr(getpass, "getpass", lambda prompt: f"typed at {prompt}")
    assert job.ask_hidden("the prompt") == "typed at the prompt"


def test_the_secret_is_no_option_of_the_command() -> None:
    """A secret given as an argument would stay in the shell's history."""
    shown = CliRunner().invoke(app, ["tenants", "source", "--help"]).output
    options = {w.strip(",") for w in shown.split() if w.startswith("--")}
    assert options == {
        "--account", "--writes", "--api-key-env", "--secret-env", "--rotate", "--keep-secret",
        "--help",
    }  # fmt: skip
