"""``GET /healthz`` with the QuickBooks writer: a mapped company that needs reconnecting shows
as ``degraded`` (still HTTP 200), from the token store, cheaply, and without the QuickBooks SDK."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.adapters.quickbooks_token_sqlite import SqliteTokenStore
from app.adapters.quickbooks_tokens import ConnectionStatus, RealmTokens
from app.adapters.sqlite_store import SqliteStore
from app.api.deps import Services
from app.config import Settings
from app.factory import qbo_health
from app.main import create_app
from app.service.qbo_health import QboHealth

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 10, 14, 9, 0, tzinfo=UTC)
MAPPING = "tenants:\n  acme:\n    realm: '111'\n  globex:\n    realm: '222'\n"


class Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def qbo_settings(tmp_path: Path) -> Settings:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    return Settings(
        writer="quickbooks", qbo_client_id="id", qbo_client_secret="secret",  # type: ignore[arg-type]
        qbo_mapping_path=mapping, qbo_token_path=tmp_path / "tokens.sqlite3",
        sqlite_path=tmp_path / "timebill.sqlite3",
    )  # fmt: skip


def tokens(tenant: str, realm: str, status: ConnectionStatus) -> RealmTokens:
    return RealmTokens(tenant=tenant, realm=realm, refresh_token="RT", access_token="AT",
                       access_expires_at=NOW + timedelta(hours=1), status=status)  # fmt: skip


def client(settings: Settings, qbo: QboHealth | None) -> TestClient:
    services = Services(settings, SqliteStore(settings.sqlite_path), None, lambda: NOW, qbo)  # type: ignore[arg-type]
    return TestClient(create_app(lambda: services))


def put(settings: Settings, *rows: RealmTokens) -> None:
    store = SqliteTokenStore(settings.qbo_token_path)
    for row in rows:
        store.put(row)
    store.close()


def test_without_the_quickbooks_writer_health_says_nothing_about_it(tmp_path: Path) -> None:
    settings = Settings(sqlite_path=tmp_path / "timebill.sqlite3")
    answer = client(settings, None).get("/healthz")
    assert (answer.status_code, answer.json()) == (200, {"status": "ok", "store": "sqlite"})


def test_connected_realms_are_healthy(tmp_path: Path) -> None:
    settings = qbo_settings(tmp_path)
    put(settings, tokens("acme", "111", ConnectionStatus.CONNECTED),
        tokens("globex", "222", ConnectionStatus.CONNECTED))  # fmt: skip
    answer = client(settings, qbo_health(settings)).get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "store": "sqlite", "quickbooks": "connected"}


def test_a_realm_that_needs_reconnecting_degrades_health_but_answers_200(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = qbo_settings(tmp_path)
    put(settings, tokens("acme", "111", ConnectionStatus.CONNECTED),
        tokens("globex", "222", ConnectionStatus.RECONNECT_NEEDED))  # fmt: skip
    with caplog.at_level(logging.WARNING, logger="app.api.health"):
        answer = client(settings, qbo_health(settings)).get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "degraded", "store": "sqlite",
                             "quickbooks": "reconnect_needed"}  # fmt: skip
    assert "222" not in answer.text  # which company: in the log, not on the open endpoint
    assert "tenant globex realm 222 is reconnect_needed" in caplog.text


def test_before_any_connection_health_says_not_connected_and_creates_no_file(
    tmp_path: Path,
) -> None:
    settings = qbo_settings(tmp_path)
    answer = client(settings, qbo_health(settings)).get("/healthz")
    assert answer.json() == {"status": "degraded", "store": "sqlite",
                             "quickbooks": "not_connected"}  # fmt: skip
    assert not settings.qbo_token_path.exists()


def test_the_check_is_cached_for_its_ttl(tmp_path: Path) -> None:
    settings = qbo_settings(tmp_path)
    put(settings, tokens("acme", "111", ConnectionStatus.CONNECTED),
        tokens("globex", "222", ConnectionStatus.CONNECTED))  # fmt: skip
    ticks = Ticks()
    health = qbo_health(settings, ttl_s=60, clock=ticks)
    assert health.state() == "connected"
    put(settings, tokens("acme", "111", ConnectionStatus.RECONNECT_NEEDED))
    ticks.now = 59
    assert health.state() == "connected"  # not read again within the TTL
    ticks.now = 60
    assert health.state() == "reconnect_needed"


def test_an_unreadable_mapping_file_shows_as_unavailable(tmp_path: Path) -> None:
    settings = qbo_settings(tmp_path)
    assert settings.qbo_mapping_path is not None
    settings.qbo_mapping_path.write_text("tenants: [not, a, mapping]", encoding="utf-8")
    assert qbo_health(settings).state() == "unavailable"


def test_the_health_check_does_not_import_the_quickbooks_sdk(tmp_path: Path) -> None:
    settings = qbo_settings(tmp_path)
    put(settings, tokens("acme", "111", ConnectionStatus.RECONNECT_NEEDED))
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from app.factory import qbo_health
        from app.config import Settings
        import app.main
        settings = Settings(
            writer="quickbooks", qbo_client_id="id", qbo_client_secret="secret",
            qbo_mapping_path=Path({str(settings.qbo_mapping_path)!r}),
            qbo_token_path=Path({str(settings.qbo_token_path)!r}),
        )
        state = qbo_health(settings).state()
        sdks = ("quickbooks", "intuitlib.client", "anthropic")  # intuitlib itself: a .pth stub
        print(state, sorted(m for m in sdks if m in sys.modules))
    """)  # fmt: skip
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, cwd=REPO)  # fmt: skip
    assert done.stdout.split() == ["reconnect_needed", "[]"]
