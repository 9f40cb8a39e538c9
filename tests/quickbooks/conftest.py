"""The real python-quickbooks and intuit-oauth clients against ``responses`` mocks.

Every test gets a ``RequestsMock`` that fails the test on any request it did not expect (no
real network, ever), the sandbox discovery document, and a ``Qbo`` rig: the connector, a
token store that logs every ``put``, the token manager on a fixed clock, the API with its
budget, and the writer with the tenant's mapping.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses
from pydantic import SecretStr

from app.adapters.quickbooks_budget import RequestBudget
from app.adapters.quickbooks_client import QboApi, QboConnector
from app.adapters.quickbooks_tokens import MemoryTokenStore, RealmTokens, TokenManager
from app.adapters.quickbooks_writer import QuickBooksWriter, load_mappings
from app.domain.decisions import Decision, Stage
from app.domain.entries import Source, TimeEntry
from app.domain.inbox import InboxItem, Status, Tenant
from app.domain.rules import Basis

DATA = Path(__file__).parents[1] / "data" / "quickbooks"
TENANT = "northwind"
REALM = "9130355377"
DISCOVERY_URL = "https://developer.intuit.com/.well-known/openid_sandbox_configuration/"
TOKEN_URL = "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer"
API = f"https://sandbox-quickbooks.api.intuit.com/v3/company/{REALM}"
CREATE_URL = f"{API}/timeactivity"
CLIENT_ID = "ABqbo-client-id"
CLIENT_SECRET = "qbo-client-secret-do-not-leak"
OLD_ACCESS = "AT-expired-0001"
OLD_REFRESH = "RT-original-0001"
NEW_ACCESS = "AT-fresh-0002"
NEW_REFRESH = "RT-rotated-0002"
TIMEOUT = (1.5, 7.0)
NOW = datetime(2026, 10, 14, 16, 0, tzinfo=UTC)
SOW_RATE = Decimal("987.65")


def text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def body(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(text(name))
    return loaded


def query(call: Any) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(call.request.url).query).items()}


def sent(call: Any) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(call.request.body)
    return loaded


def bearer(call: Any) -> str:
    return str(call.request.headers["Authorization"]).removeprefix("Bearer ")


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(DISCOVERY_URL, json=body("discovery_sandbox.json"))
        yield mock
        strays = [
            call.request.url
            for call in mock.calls
            if isinstance(call.response, requests.ConnectionError)
            and "Connection refused by Responses" in str(call.response)
        ]
    if strays:
        pytest.fail(f"unmocked requests: {strays}")


class SpyStore(MemoryTokenStore):
    """Logs each ``put`` (which refresh token, which status) into a shared event log."""

    def __init__(self, log: list[tuple[str, str]]) -> None:
        super().__init__()
        self.log = log

    def put(self, tokens: RealmTokens) -> None:
        self.log.append(("put", f"{tokens.refresh_token}/{tokens.status.value}"))
        super().put(tokens)


@dataclass
class Qbo:
    rsps: responses.RequestsMock
    store: SpyStore
    connector: QboConnector
    tokens: TokenManager
    api: QboApi
    writer: QuickBooksWriter
    log: list[tuple[str, str]]
    token_delay_s: float = 0.0

    def seed(self, *, expired: bool) -> None:
        """The realm as connected earlier: its access token valid for 50 min, or gone stale."""
        expires = NOW + (timedelta(minutes=-1) if expired else timedelta(minutes=50))
        seeded = RealmTokens(
            tenant=TENANT, realm=REALM, refresh_token=OLD_REFRESH, access_token=OLD_ACCESS,
            access_expires_at=expires, updated_at=NOW - timedelta(minutes=10),
        )  # fmt: skip
        self.store.put(seeded)
        self.log.clear()

    def token_endpoint(self, status: int = 200, name: str = "token_refresh.json") -> None:
        def reply(request: Any) -> tuple[int, dict[str, str], str]:
            self.log.append(("token", str(request.body)))
            time.sleep(self.token_delay_s)  # widens the window in which others could race
            return status, {"intuit_tid": "1-tid-token"}, text(name)

        self.rsps.add_callback(responses.POST, TOKEN_URL, callback=reply)

    def api_replies(
        self,
        method: str,
        url: str,
        *replies: tuple[int, str],
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer successive calls with ``(status, fixture name)``; the last one repeats."""
        queue = list(replies)
        lock = threading.Lock()

        def reply(request: Any) -> tuple[int, dict[str, str], str]:
            with lock:
                status, name = queue.pop(0) if len(queue) > 1 else queue[0]
                self.log.append(("api", str(request.headers["Authorization"])))
            kind = "application/xml" if name.endswith(".xml") else "application/json"
            return status, {"Content-Type": kind, **(headers or {})}, text(name)

        self.rsps.add_callback(method, url, callback=reply)

    def echo_saves(self, first_id: int = 1234) -> None:
        """Answer every save as QuickBooks does: the body it was sent, with an ``Id`` (the next
        number from ``first_id`` for a create) and the next ``SyncToken``."""
        lock, numbers = threading.Lock(), itertools.count(first_id)

        def reply(request: Any) -> tuple[int, dict[str, str], str]:
            saved = json.loads(request.body)
            with lock:
                self.log.append(("api", str(request.headers["Authorization"])))
                record = str(saved.get("Id") or next(numbers))
            token = str(int(saved.get("SyncToken", -1)) + 1) if "Id" in saved else "0"
            answer = {**saved, "Id": record, "SyncToken": token, "domain": "QBO", "sparse": False}
            return 200, {"Content-Type": "application/json"}, json.dumps({"TimeActivity": answer})

        self.rsps.add_callback(responses.POST, CREATE_URL, callback=reply)

    def calls(self, url: str, method: str = "POST") -> list[Any]:
        return [
            c
            for c in self.rsps.calls
            if c.request.method == method and c.request.url.startswith(url)
        ]


def make_qbo(rsps: responses.RequestsMock, *, budget: RequestBudget | None = None) -> Qbo:
    log: list[tuple[str, str]] = []
    store = SpyStore(log=log)
    connector = QboConnector(
        client_id=CLIENT_ID, client_secret=SecretStr(CLIENT_SECRET),
        redirect_uri="https://timebill.example/qbo/callback", environment="sandbox",
        timeout=TIMEOUT,
    )  # fmt: skip
    tokens = TokenManager(store, connector, clock=lambda: NOW, poll_s=0.01)
    api = QboApi(connector, tokens, budget or RequestBudget(max_wait_s=2.0))
    writer = QuickBooksWriter(api, load_mappings(DATA / "mapping.yaml"))
    return Qbo(rsps, store, connector, tokens, api, writer, log)


@pytest.fixture
def qbo(rsps: responses.RequestsMock) -> Qbo:
    return make_qbo(rsps)


# -- builders --------------------------------------------------------------------------------


def tenant() -> Tenant:
    return Tenant(id=TENANT, name="Northwind Advisory")


def entry(**overrides: Any) -> TimeEntry:
    fields: dict[str, Any] = {
        "source": Source.CLOCKIFY,
        "external_id": "ck-7781",
        "version": "2026-10-14T08:59:00Z",
        "tenant": TENANT,
        "client": "Acme",
        "description": "Strategy workshop with Dana Whitfield",
        "work_date": date(2026, 10, 14),
        "hours": Decimal("1.25"),
        "user_ref": "emp-4711",
    }
    return TimeEntry(**(fields | overrides))


def decision(**overrides: Any) -> Decision:
    fields: dict[str, Any] = {
        "entry_key": "clockify:ck-7781",
        "entry_version": "2026-10-14T08:59:00Z",
        "client_id": "acme",
        "code": "ACME-STRAT",
        "billable": True,
        "billable_fraction": Decimal(1),
        "rate": SOW_RATE,
        "amount": Decimal("1234.56"),
        "basis": Basis.HOURLY,
        "hours": Decimal("1.25"),
        "confidence": 0.97,
        "needs_review": False,
        "stage": Stage.RULES,
        "reason": "matched rule acme-workshop",
        "sow_clause": "SOW 3.1",
    }
    return Decision(**(fields | overrides))


def item(the_entry: TimeEntry | None = None, item_id: str = "itm-1") -> InboxItem:
    the_entry = the_entry or entry()
    return InboxItem(
        tenant=TENANT, source=the_entry.source, dedupe_key=f"{the_entry.key}@{the_entry.version}",
        entry=the_entry, received_at=NOW, id=item_id, status=Status.PROCESSING, updated_at=NOW,
    )  # fmt: skip
