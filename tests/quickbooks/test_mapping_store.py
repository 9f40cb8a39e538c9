"""The QuickBooks mapping held in the store: imported and exported as a file, read store-first
(the mapping file is the fallback) by the writer at each write, status, health, metrics and
invoices, and edited without a restart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from app.adapters.quickbooks_token_sqlite import SqliteTokenStore
from app.adapters.quickbooks_tokens import ConnectionStatus, RealmTokens
from app.adapters.sqlite_store import SqliteStore
from app.cli import app
from app.config import Settings
from app.domain.inbox import Tenant
from app.domain.mapping import QboMapping, dump_mappings, load_mappings
from app.factory import build_writer_and_reader, qbo_health
from app.service import metrics
from app.service.qbo_mappings import StoredMappings
from tests.invoices.conftest import DATA, MONTH, RULES

FILE = "tenants:\n  acme: {realm: '111', customers: {acme: '5'}}\n  globex: {realm: '222'}\n"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A store with tenants acme and globex; the CLI pointed at it. Returns the store's path."""
    path = tmp_path / "timebill.sqlite3"
    with SqliteStore(path) as store:
        store.put_tenant(Tenant(id="acme", name="Acme"))
        store.put_tenant(Tenant(id="globex", name="Globex"))
    for name in (
        "TIMEBILL_QBO_MAPPING_PATH",
        "TIMEBILL_QBO_CLIENT_ID",
        "TIMEBILL_QBO_CLIENT_SECRET",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TIMEBILL_SQLITE_PATH", str(path))
    monkeypatch.setenv("TIMEBILL_QBO_TOKEN_PATH", str(tmp_path / "tokens.sqlite3"))
    (tmp_path / "mapping.yaml").write_text(FILE, encoding="utf-8")
    return path


def stored(path: Path, tenant: str) -> QboMapping | None:
    with SqliteStore(path) as store:
        return store.get_mapping(tenant)


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


# -- import / export ----------------------------------------------------------------------------


def test_import_stores_every_tenant_of_the_file(env: Path) -> None:
    code, output = cli("qbo", "mapping", "import", str(env.parent / "mapping.yaml"))
    assert code == 0, output
    assert stored(env, "acme") == QboMapping(realm="111", customers={"acme": "5"})
    assert stored(env, "globex") == QboMapping(realm="222")
    assert "tenant acme: realm 111, 1 customer(s)" in output


def test_import_of_one_tenant_leaves_the_others(env: Path) -> None:
    code, output = cli("qbo", "mapping", "import", str(env.parent / "mapping.yaml"),
                       "--tenant", "globex")  # fmt: skip
    assert code == 0, output
    assert (stored(env, "acme"), stored(env, "globex")) == (None, QboMapping(realm="222"))
    code, output = cli("qbo", "mapping", "import", str(env.parent / "mapping.yaml"),
                       "--tenant", "nobody")  # fmt: skip
    assert (code, "has no tenant 'nobody'" in output) == (2, True)


def test_import_refuses_a_tenant_the_store_lacks_and_keeps_nothing(env: Path) -> None:
    wider = env.parent / "wider.yaml"
    wider.write_text(FILE + "  initech: {realm: '333'}\n", encoding="utf-8")
    code, output = cli("qbo", "mapping", "import", str(wider))
    assert code == 2
    assert "tenant 'initech' is not in the store" in output
    assert (stored(env, "acme"), stored(env, "globex")) == (None, None)  # nothing half-done


@pytest.mark.parametrize("text", ["tenants: [not, a, mapping]", "tenants:\n  acme: {}\n", "{"])
def test_import_refuses_a_file_that_is_not_a_mapping(env: Path, text: str) -> None:
    bad = env.parent / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    code, output = cli("qbo", "mapping", "import", str(bad))
    assert (code, "not a QuickBooks mapping file" in output) == (2, True)
    code, output = cli("qbo", "mapping", "import", str(env.parent / "missing.yaml"))
    assert code == 2


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "tenants:\n  acme:\n    realm: '111'\n    customers: {acme: '5', acme: '6'}\n",
            "duplicate key 'acme' in tenants.acme.customers (line 4)",
        ),
        (
            "tenants:\n  acme: {realm: '111'}\n  acme: {realm: '999'}\n",
            "duplicate key 'acme' in tenants (line 3)",
        ),
        ("tenants:\n  acme: {realm: [1, 2]}\n", "tenants.acme.realm: "),
        ("tenants:\n  acme: {realm: '111', customer: {a: '1'}}\n", "tenants.acme.customer: "),
    ],
)
def test_import_names_the_duplicate_key_or_field_at_fault_and_stores_nothing(
    env: Path, text: str, said: str
) -> None:
    """A duplicate key is refused, not read as its last value (a client silently mapped to
    another Customer); a wrong type or unknown key names its place in the file."""
    bad = env.parent / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    code, output = cli("qbo", "mapping", "import", str(bad))
    assert code == 2, output
    [line] = output.strip().splitlines()
    assert line.startswith(f"error: {bad}: not a QuickBooks mapping file ({said}"), line
    assert stored(env, "acme") is None


def test_export_round_trips_through_the_file_format(env: Path) -> None:
    mapping = QboMapping(realm="111", customers={"acme": "5"}, employees={"e@x.example": "9"},
                         items={"ACME-STRAT": "7"})  # fmt: skip
    with SqliteStore(env) as store:
        store.put_mapping("acme", mapping)
    out = env.parent / "out.yaml"
    code, output = cli("qbo", "mapping", "export", "--tenant", "acme", "--out", str(out))
    assert code == 0, output
    assert load_mappings(out) == {"acme": mapping}
    code, printed = cli("qbo", "mapping", "export", "--tenant", "acme")
    assert code == 0
    assert yaml.safe_load(printed) == yaml.safe_load(dump_mappings({"acme": mapping}))
    code, output = cli("qbo", "mapping", "export", "--tenant", "globex")
    assert (code, "holds no QuickBooks mapping for tenant 'globex'" in output) == (2, True)


# -- read store-first, the file as fallback ---------------------------------------------------


def test_the_store_comes_first_and_the_file_is_the_fallback(env: Path) -> None:
    path = env.parent / "mapping.yaml"
    with SqliteStore(env) as store:
        mappings = StoredMappings(store, path)
        assert mappings("acme") == QboMapping(realm="111", customers={"acme": "5"})  # the file
        store.put_mapping("acme", QboMapping(realm="999"))
        assert mappings("acme") == QboMapping(realm="999")  # the store, at once
        assert mappings("globex") == QboMapping(realm="222")
        assert mappings("nobody") is None
        assert {t: m.realm for t, m in mappings.known().items()} == {"acme": "999", "globex": "222"}
        path.write_text("tenants:\n  globex: {realm: '2222'}\n", encoding="utf-8")
        assert mappings("globex") == QboMapping(realm="2222")  # a changed file is read again
        assert StoredMappings(None, None)("acme") is None


def test_the_writer_sees_an_edit_without_a_restart(env: Path) -> None:
    settings = Settings(sqlite_path=env, outbox_dir=env.parent / "outbox")
    with SqliteStore(env) as store:
        writer, _ = build_writer_and_reader(settings, store)
        lookup = writer.mapping_for  # type: ignore[attr-defined]
        assert lookup("acme") is None
        store.put_mapping("acme", QboMapping(realm="111"))
        assert lookup("acme") == QboMapping(realm="111")
        store.put_mapping("acme", QboMapping(realm="111", items={"ACME-STRAT": "7"}))
        assert lookup("acme").items == {"ACME-STRAT": "7"}


def test_status_shows_the_stored_company_without_a_mapping_file(env: Path) -> None:
    with SqliteStore(env) as store:
        store.put_mapping("acme", QboMapping(realm="111"))
    tokens = SqliteTokenStore(env.parent / "tokens.sqlite3")
    tokens.put(RealmTokens("acme", "111", "r1", status=ConnectionStatus.RECONNECT_NEEDED))
    tokens.close()
    code, output = cli("status", "--tenant", "acme")
    assert code == 0, output
    assert "quickbooks 111" in output
    assert "reconnect_needed" in output


def test_health_and_metrics_read_the_stored_realm_first(env: Path) -> None:
    settings = Settings(
        writer="quickbooks", qbo_client_id="id", qbo_client_secret="secret",  # type: ignore[arg-type]
        qbo_mapping_path=env.parent / "mapping.yaml", sqlite_path=env,
        qbo_token_path=env.parent / "tokens.sqlite3",
    )  # fmt: skip
    tokens = SqliteTokenStore(settings.qbo_token_path)
    tokens.put(RealmTokens("acme", "111", "r1", status=ConnectionStatus.RECONNECT_NEEDED))
    tokens.put(RealmTokens("acme", "999", "r2"))
    tokens.put(RealmTokens("globex", "222", "r3"))
    tokens.close()
    with SqliteStore(env) as store:
        assert metrics.reconnect_needed(settings, store) == 1  # acme's file realm 111
        assert qbo_health(settings, ttl_s=0, store=store).state() == "reconnect_needed"
        store.put_mapping("acme", QboMapping(realm="999"))  # moved to a connected company
        assert metrics.reconnect_needed(settings, store) == 0
        assert qbo_health(settings, ttl_s=0, store=store).state() == "connected"


def test_invoices_use_the_stored_mapping(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with SqliteStore(env) as store:
        store.put_tenant(Tenant(id="northwind", name="Northwind"))
        store.put_mapping("northwind", load_mappings(DATA / "mapping.yaml")["northwind"])
    out = env.parent / "inv"
    monkeypatch.setenv("TIMEBILL_LLM_PROVIDER", "none")
    code, output = cli("invoices", "draft", "--export", str(MONTH), "--rules", str(RULES),
                       "--out", str(out), "--outbox", str(out / "outbox"), "--client", "Acme",
                       "--period", "2026-10", "--tenant", "northwind")  # fmt: skip
    assert code == 0, output
    request = json.loads((out / "outbox" / "acme-2026-10.json").read_text())
    assert request["request"] == "POST /v3/company/9130355377/invoice"
    assert request["missing_mappings"] == []
