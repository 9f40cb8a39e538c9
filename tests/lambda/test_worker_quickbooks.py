"""The deployed worker writes to QuickBooks: ``app.lambdas.worker.handler`` with the sam-generated
SQS event, configured as template.yaml configures it (``TIMEBILL_WRITER=quickbooks``, the app's
keys, the mapping from the store, no mapping file), against the real python-quickbooks and
intuit-oauth clients with Intuit mocked by ``responses``. ``sam local invoke`` needs Docker; this
runs the same handler in process and shows the TimeActivity create request it makes.

And the outbox on Lambda, a temporary folder lost with the environment, is refused: the jobs
fail and every delivery waits in the store, unwritten, for a redeploy with the QuickBooks writer.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import responses

from app import factory
from app.adapters.quickbooks_token_sqlite import SqliteTokenStore
from app.adapters.quickbooks_tokens import RealmTokens
from app.api.deps import Services
from app.config import get_settings
from app.domain.entries import Source
from app.domain.inbox import Status
from app.domain.mapping import load_mappings
from app.lambdas import cold_start
from app.lambdas import http as http_fn
from app.lambdas import worker as worker_fn
from app.service.local import DEMO_ACCOUNTS, demo_entry
from app.sources.signing import sample_body, signed_headers
from tests.service.conftest import Rig

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
REALM = DEMO_ACCOUNTS[Source.QUICKBOOKS]
DISCOVERY = "https://developer.intuit.com/.well-known/openid_sandbox_configuration/"
CREATE = f"https://sandbox-quickbooks.api.intuit.com/v3/company/{REALM}/timeactivity"
ACCESS = "AT-lambda-worker-0001"


def _clear() -> None:
    for cached in (get_settings, http_fn._mangum, worker_fn._worker):
        cached.cache_clear()
    factory._qbo.clear()


@pytest.fixture
def deployed(rig: Rig, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Rig]:
    """The worker's environment as template.yaml sets it (SQLite stands in for Supabase)."""
    env = {
        "AWS_LAMBDA_FUNCTION_NAME": "timebill-dev-worker", "TIMEBILL_WRITER": "quickbooks",
        "TIMEBILL_QBO_CLIENT_ID": "ABqbo-client-id", "TIMEBILL_QBO_CLIENT_SECRET": "qbo-secret",
        "TIMEBILL_QBO_ENVIRONMENT": "sandbox", "TIMEBILL_SQLITE_PATH": str(rig.store.path),
        "TIMEBILL_QBO_TOKEN_PATH": str(tmp_path / "tokens.sqlite3"),
        "TIMEBILL_RULES_DIR": str(REPO / "sow_rules"), "TIMEBILL_LLM_PROVIDER": "none",
        "TIMEBILL_OUTBOX_DIR": str(tmp_path / "outbox"),
    }  # fmt: skip
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("TIMEBILL_QBO_MAPPING_PATH", raising=False)
    services = Services(get_settings.__wrapped__(), rig.store, rig.queue, rig.clock)
    monkeypatch.setattr(cold_start, "services", lambda: services)
    mapping = load_mappings(REPO / "examples/demo_firm/qbo_mapping.yaml")["demo"]
    rig.store.put_mapping("demo", mapping)  # the mapping lives in the store, not in a file
    now = datetime.now(UTC)
    tokens = SqliteTokenStore(tmp_path / "tokens.sqlite3")  # as `timebill qbo connect` left it
    tokens.put(RealmTokens(
        tenant="demo", realm=REALM, refresh_token="RT-0001", access_token=ACCESS,
        access_expires_at=now + timedelta(minutes=50), updated_at=now,
    ))  # fmt: skip
    tokens.close()
    _clear()
    yield rig
    _clear()


def _deliver(rig: Rig, text: str) -> str:
    body = sample_body(
        Source.CLOCKIFY, account=DEMO_ACCOUNTS[Source.CLOCKIFY], **demo_entry(Source.CLOCKIFY, text)
    )
    secret = rig.tenant.sources[Source.CLOCKIFY].secrets[0].get_secret_value()
    response = rig.client.post(
        "/webhooks/clockify/demo",
        content=body,
        headers=signed_headers(Source.CLOCKIFY, body, secret),
    )
    assert response.status_code == 200, response.text
    return rig.queue.jobs[-1][1]


def echo(recorded: dict[str, Any], request: Any) -> tuple[int, dict[str, str], str]:
    """The recorded create answer (ids, metadata) holding what was sent, as QuickBooks does."""
    body = {**recorded["TimeActivity"], **json.loads(request.body)}
    return 200, {"Content-Type": "application/json"}, json.dumps({**recorded, "TimeActivity": body})


def _sqs_event(item_ids: list[str]) -> dict[str, Any]:
    generated = json.loads((DATA / "lambda" / "sqs_receive_message.json").read_text())
    template = generated["Records"][0]
    records = [
        {**template, "messageId": f"m-{i}", "body": json.dumps({"tenant": "demo", "item": item})}
        for i, item in enumerate(item_ids)
    ]
    return {"Records": records}


def test_the_worker_lambda_creates_a_time_activity_in_quickbooks(deployed: Rig) -> None:
    item_id = _deliver(deployed, "drive to Stockton depot")
    created = json.loads((DATA / "quickbooks" / "timeactivity_create.json").read_text())
    with responses.RequestsMock() as intuit:  # any request not listed here fails the test
        intuit.get(
            DISCOVERY, json=json.loads((DATA / "quickbooks/discovery_sandbox.json").read_text())
        )
        create = intuit.add_callback(  # QuickBooks answers a create with the record it saved
            responses.POST, CREATE, callback=lambda request: echo(created, request)
        )
        result = worker_fn.handler(_sqs_event([item_id]), None)
    assert result == {"batchItemFailures": []}
    assert create.call_count == 1
    request = create.calls[0].request
    assert request.headers["Authorization"] == f"Bearer {ACCESS}"
    assert parse_qs(urlsplit(request.url).query)["requestid"][0]  # idempotent retries
    sent = json.loads(request.body)
    mapping = deployed.store.get_mapping("demo")
    assert mapping is not None
    assert sent["CustomerRef"]["value"] in mapping.customers.values()
    assert sent["ItemRef"]["value"] in mapping.items.values()
    assert sent["BillableStatus"] in {"Billable", "NotBillable"}
    item = deployed.store.get("demo", item_id)
    assert item is not None
    assert item.status is Status.POSTED, item.last_error
    assert deployed.store.own_record("demo", "quickbooks", created["TimeActivity"]["Id"])


def test_the_outbox_on_lambda_is_refused_and_nothing_is_lost(
    deployed: Rig, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TIMEBILL_WRITER", "outbox")
    _clear()
    item_id = _deliver(deployed, "drive to Stockton depot")
    result = worker_fn.handler(_sqs_event([item_id]), None)
    assert result == {"batchItemFailures": [{"itemIdentifier": "m-0"}]}
    item = deployed.store.get("demo", item_id)
    assert item is not None
    assert item.status is Status.RECEIVED  # the sweep re-enqueues it after a redeploy
    assert not (tmp_path / "outbox").exists()
