"""`timebill qbo connect` and `timebill status` against the real intuit-oauth client (responses)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import responses
from typer.testing import CliRunner

from app.adapters.quickbooks_token_sqlite import SqliteTokenStore
from app.adapters.quickbooks_tokens import ConnectionStatus, RealmTokens
from app.adapters.sqlite_store import SqliteStore
from app.cli import app
from app.cli.jobs.qbo import ConnectError, read_redirect
from app.domain.inbox import Tenant
from app.domain.unrouted import UnroutedEvent
from app.service.local import ensure_demo_tenant
from tests.quickbooks.conftest import DISCOVERY_URL

DATA = Path(__file__).resolve().parents[1] / "data" / "quickbooks"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("TIMEBILL_QBO_CLIENT_ID", "app-client-id")
    monkeypatch.setenv("TIMEBILL_QBO_CLIENT_SECRET", "app-client-secret")
    monkeypatch.setenv("TIMEBILL_QBO_TOKEN_PATH", str(tmp_path / "tokens.sqlite3"))
    monkeypatch.setenv(
        "TIMEBILL_QBO_MAPPING_PATH", str(REPO / "examples/demo_firm/qbo_mapping.yaml")
    )
    monkeypatch.setenv("TIMEBILL_SQLITE_PATH", str(tmp_path / "store.sqlite3"))
    return tmp_path / "tokens.sqlite3"


def _mock_intuit(rsps: responses.RequestsMock) -> None:
    discovery = json.loads((DATA / "discovery_sandbox.json").read_text())
    rsps.get(DISCOVERY_URL, json=discovery)
    rsps.post(
        discovery["token_endpoint"], json=json.loads((DATA / "token_refresh.json").read_text())
    )


def test_read_redirect_checks_state_and_fields() -> None:
    url = "http://localhost:8000/qbo/callback?code=AB11&state=s1&realmId=9130350000000000"
    assert read_redirect(url, "s1") == ("AB11", "9130350000000000")
    with pytest.raises(ConnectError, match="state does not match"):
        read_redirect(url, "other")
    with pytest.raises(ConnectError, match="no code"):
        read_redirect("http://localhost:8000/qbo/callback?state=s1&realmId=1", "s1")
    with pytest.raises(ConnectError, match="access_denied"):
        read_redirect("http://localhost:8000/qbo/callback?error=access_denied&state=s1", "s1")


def test_connect_exchanges_the_code_and_stores_the_tokens(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.cli.jobs.qbo.secrets.token_urlsafe", lambda _n: "fixed-state")
    answer = (
        "http://localhost:8000/qbo/callback?code=AB11&state=fixed-state&realmId=9130350000000000\n"
    )
    with responses.RequestsMock() as rsps:
        _mock_intuit(rsps)
        result = CliRunner().invoke(app, ["qbo", "connect", "--tenant", "demo"], input=answer)
        token_call = rsps.calls[-1].request
    assert result.exit_code == 0, result.output
    assert "state=fixed-state" in result.output  # the sign-in address was shown
    assert "grant_type=authorization_code" in str(token_call.body)
    assert "code=AB11" in str(token_call.body)
    store = SqliteTokenStore(env)
    tokens = store.get("demo", "9130350000000000")
    store.close()
    expected = json.loads((DATA / "token_refresh.json").read_text())
    assert tokens is not None
    assert tokens.refresh_token == expected["refresh_token"]
    assert tokens.status is ConnectionStatus.CONNECTED
    with SqliteStore(env.with_name("store.sqlite3")) as kept:  # the app webhook's route
        assert kept.tenant_for_realm("9130350000000000") == "demo"


def test_a_company_connected_to_another_tenant_is_refused(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with SqliteStore(env.with_name("store.sqlite3")) as store:
        ensure_demo_tenant(store)
        store.put_tenant(Tenant(id="other", name="Other LLP"))
    monkeypatch.setattr("app.cli.jobs.qbo.secrets.token_urlsafe", lambda _n: "fixed-state")
    answer = (
        "http://localhost:8000/qbo/callback?code=AB11&state=fixed-state&realmId=9130350000000000\n"
    )
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        _mock_intuit(rsps)
        result = CliRunner().invoke(app, ["qbo", "connect", "--tenant", "other"], input=answer)
    assert result.exit_code == 1
    assert "connected to another tenant" in result.output
    assert not env.exists()  # no tokens kept for the refused tenant


def test_a_refused_sign_in_stores_nothing(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.cli.jobs.qbo.secrets.token_urlsafe", lambda _n: "fixed-state")
    answer = "http://localhost:8000/qbo/callback?error=access_denied&state=fixed-state\n"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        _mock_intuit(rsps)
        result = CliRunner().invoke(app, ["qbo", "connect"], input=answer)
    assert result.exit_code == 1
    assert "access_denied" in result.output
    assert not env.exists()


def test_connect_without_app_keys_says_which_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIMEBILL_QBO_CLIENT_ID", raising=False)
    result = CliRunner().invoke(app, ["qbo", "connect"])
    assert result.exit_code == 2
    assert "TIMEBILL_QBO_CLIENT_ID" in result.output


def test_status_shows_a_company_that_needs_reconnecting(env: Path) -> None:
    store = SqliteTokenStore(env)
    store.put(
        RealmTokens(
            tenant="demo",
            realm="9130350000000000",
            refresh_token="r",
            status=ConnectionStatus.RECONNECT_NEEDED,
        )
    )
    store.close()
    result = CliRunner().invoke(app, ["status", "--tenant", "demo"])
    assert result.exit_code == 0, result.output
    assert "reconnect" in result.output


def test_connect_takes_up_the_events_kept_for_the_company(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    realm = "9130350000000000"
    body = f'[{{"id":"ev-1","type":"qbo.timeactivity.created.v1","intuitaccountid":"{realm}",' \
        '"intuitentityid":"77"}]'  # fmt: skip
    kept = UnroutedEvent(realm=realm, dedupe_key="qbo:ev-1", body=body,
                         received_at=datetime(2026, 1, 5, tzinfo=UTC))  # fmt: skip
    with SqliteStore(env.with_name("store.sqlite3")) as store:
        store.keep_unrouted(kept)
    listed = CliRunner().invoke(app, ["qbo", "unrouted"])
    assert listed.exit_code == 0, listed.output
    assert realm in listed.output
    assert "nobody" in listed.output
    monkeypatch.setattr("app.cli.jobs.qbo.secrets.token_urlsafe", lambda _n: "fixed-state")
    answer = f"http://localhost:8000/qbo/callback?code=AB11&state=fixed-state&realmId={realm}\n"
    with responses.RequestsMock() as rsps:
        _mock_intuit(rsps)
        result = CliRunner().invoke(app, ["qbo", "connect", "--tenant", "demo"], input=answer)
    assert result.exit_code == 0, result.output
    assert "Took up 1 QuickBooks event(s)" in " ".join(result.output.split())
    with SqliteStore(env.with_name("store.sqlite3")) as store:
        items = [i for i in store.items("demo") if i.ref and i.ref.account == realm]
        assert [(i.ref and i.ref.id, i.dedupe_key) for i in items] == [("77", "qbo:ev-1")]
        assert store.unrouted(realm) == []
    empty = CliRunner().invoke(app, ["qbo", "unrouted"])
    assert "No QuickBooks events are waiting" in empty.output
