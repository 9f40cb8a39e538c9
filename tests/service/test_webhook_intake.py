"""POST /webhooks/{source}/{tenant}: every rejection writes nothing; acceptance is durable."""

from __future__ import annotations

import asyncio
import json

import pytest
from pydantic import SecretStr

from app.domain.entries import Source
from app.domain.inbox import SourceAccess
from app.service.local import DEMO_ACCOUNTS
from app.sources.signing import sample_body, signed_headers
from tests.service.conftest import Rig

SOURCES = [Source.CLOCKIFY, Source.TOGGL, Source.QUICKBOOKS]


def _secret(rig: Rig, source: Source) -> str:
    return rig.tenant.sources[source].secrets[0].get_secret_value()


def _post(rig: Rig, source: Source, body: bytes, headers: dict[str, str], tenant: str = "demo"):  # type: ignore[no-untyped-def]
    return rig.client.post(f"/webhooks/{source.value}/{tenant}", content=body, headers=headers)


def _nothing_written(rig: Rig) -> None:
    assert rig.store.items("demo") == []
    assert rig.queue.jobs == []
    assert rig.writer.calls == 0


@pytest.mark.parametrize("source", SOURCES)
def test_a_signed_delivery_is_committed_enqueued_and_acknowledged(rig: Rig, source: Source) -> None:
    body = sample_body(source, account=DEMO_ACCOUNTS[source])
    response = _post(rig, source, body, signed_headers(source, body, _secret(rig, source)))
    assert response.status_code == 200, response.text
    assert response.json()["accepted"] == 1
    [item] = rig.store.items("demo")
    assert rig.queue.jobs == [("demo", item.id)]
    assert "app;dur=" in response.headers["server-timing"]


@pytest.mark.parametrize("source", SOURCES)
def test_the_same_delivery_twice_is_one_item_and_one_job(rig: Rig, source: Source) -> None:
    body = sample_body(source, account=DEMO_ACCOUNTS[source])
    headers = signed_headers(source, body, _secret(rig, source))
    first, second = _post(rig, source, body, headers), _post(rig, source, body, headers)
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.json()["duplicates"] == 1
    assert len(rig.store.items("demo")) == 1
    assert len(rig.queue.jobs) == 1


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(
    "tamper",
    ["no_signature", "wrong_secret", "body_changed", "reserialised"],
)
def test_a_bad_signature_gets_401_and_writes_nothing(rig: Rig, source: Source, tamper: str) -> None:
    body = sample_body(source, account=DEMO_ACCOUNTS[source])
    headers = signed_headers(source, body, _secret(rig, source))
    if tamper == "no_signature":
        headers = {"content-type": "application/json"}
    elif tamper == "wrong_secret":
        headers = signed_headers(source, body, "not-the-secret")
    elif tamper == "body_changed":
        body = body.replace(b"}", b" }", 1)
    else:
        body = json.dumps(json.loads(body), indent=2, sort_keys=True).encode()
    response = _post(rig, source, body, headers)
    if source is Source.CLOCKIFY and tamper in {"body_changed", "reserialised"}:
        # Clockify's header is a static token, not a body signature (integrations.md 1.2):
        # a changed body still carries a valid token, so it is accepted as sent.
        assert response.status_code == 200
        return
    assert response.status_code == 401, response.text
    _nothing_written(rig)


@pytest.mark.parametrize("source", SOURCES)
def test_a_delivery_for_another_account_gets_403(rig: Rig, source: Source) -> None:
    body = sample_body(source, account="someone-elses-account")
    response = _post(rig, source, body, signed_headers(source, body, _secret(rig, source)))
    assert response.status_code == 403
    _nothing_written(rig)


@pytest.mark.parametrize("source", SOURCES)
def test_malformed_json_after_a_valid_signature_gets_400(rig: Rig, source: Source) -> None:
    body = b'{"this is": not json'
    response = _post(rig, source, body, signed_headers(source, body, _secret(rig, source)))
    assert response.status_code == 400
    _nothing_written(rig)


# A time sent without an offset next to one with it: the two must still subtract.
NAIVE = {
    Source.CLOCKIFY: {"timeInterval": {"start": "2025-06-16T07:05:00Z",
                                       "end": "2025-06-16T08:35:00", "timeZone": "UTC"}},
    Source.TOGGL: {"start": "2023-07-17T13:00:00+00:00", "stop": "2023-07-17T14:30:00",
                   "duration": None},
}  # fmt: skip


@pytest.mark.parametrize("source", list(NAIVE))
def test_a_time_without_an_offset_is_read_as_utc_never_a_500(rig: Rig, source: Source) -> None:
    body = sample_body(source, account=DEMO_ACCOUNTS[source], **NAIVE[source])
    response = _post(rig, source, body, signed_headers(source, body, _secret(rig, source)))
    assert response.status_code == 200, response.text
    [item] = rig.store.items("demo")
    assert item.entry is not None
    assert item.entry.hours == 1.5
    assert item.entry.end is not None
    assert item.entry.end.utcoffset() is not None


def test_unknown_tenant_and_unknown_source_get_404(rig: Rig) -> None:
    body = sample_body(Source.TOGGL, account=DEMO_ACCOUNTS[Source.TOGGL])
    headers = signed_headers(Source.TOGGL, body, _secret(rig, Source.TOGGL))
    assert _post(rig, Source.TOGGL, body, headers, tenant="nobody").status_code == 404
    assert rig.client.post("/webhooks/jira/demo", content=body, headers=headers).status_code == 404
    _nothing_written(rig)


def test_a_wrong_method_path_or_tenant_is_refused_in_the_webhooks_own_shape(rig: Rig) -> None:
    """Every refusal reads {"error": ...}, as a webhook's own do, and none echoes the input."""
    wrong_method = rig.client.get("/webhooks/toggl/demo")
    assert (wrong_method.status_code, wrong_method.json()) == (405, {"error": "Method Not Allowed"})
    assert wrong_method.headers["allow"] == "POST"
    assert rig.client.post("/nowhere").json() == {"error": "Not Found"}
    long_tenant = "x" * 300
    too_long = rig.client.post(f"/webhooks/toggl/{long_tenant}", content=b"{}")
    assert too_long.status_code == 422
    assert too_long.json() == {"error": "path tenant: String should have at most 40 characters"}
    _nothing_written(rig)


@pytest.mark.parametrize("tenant", ["de%00mo", "DEMO", "%F0%9F%92%A5", "a", "-demo", "demo%20"])
def test_a_tenant_id_no_tenant_can_have_is_404_without_asking_the_store(
    rig: Rig, tenant: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL refuses a NUL in text: asked about one, the store fails, which read as an
    outage (503, the sender retrying forever, a traceback logged)."""

    def refuses(tenant_id: str) -> None:
        raise OSError("invalid byte sequence for encoding UTF8: 0x00")

    monkeypatch.setattr(rig.store, "get_tenant", refuses)
    body = sample_body(Source.TOGGL, account=DEMO_ACCOUNTS[Source.TOGGL])
    headers = signed_headers(Source.TOGGL, body, _secret(rig, Source.TOGGL))
    response = _post(rig, Source.TOGGL, body, headers, tenant=tenant)
    assert response.status_code == 404, response.text
    assert "no toggl webhook for tenant" in response.json()["error"]
    _nothing_written(rig)


def test_an_oversized_body_gets_413_before_anything_else(rig: Rig) -> None:
    body = b"{" + b" " * 5000 + b"}"
    response = _post(
        rig, Source.TOGGL, body, signed_headers(Source.TOGGL, body, _secret(rig, Source.TOGGL))
    )
    assert response.status_code == 413
    _nothing_written(rig)


def test_toggl_ping_is_answered_with_its_validation_code(rig: Rig) -> None:
    ping = {"event_id": 0, "payload": "ping", "validation_code": "89627dd73f2044f2f73815d665bbce33"}
    body = json.dumps(ping).encode()
    response = _post(
        rig, Source.TOGGL, body, signed_headers(Source.TOGGL, body, _secret(rig, Source.TOGGL))
    )
    assert response.json() == {"validation_code": "89627dd73f2044f2f73815d665bbce33"}
    _nothing_written(rig)


def test_a_store_that_cannot_commit_gets_503_never_2xx(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(rig.store, "accept", broken)
    body = sample_body(Source.TOGGL, account=DEMO_ACCOUNTS[Source.TOGGL])
    response = _post(
        rig, Source.TOGGL, body, signed_headers(Source.TOGGL, body, _secret(rig, Source.TOGGL))
    )
    assert response.status_code == 503
    assert rig.queue.jobs == []


def test_the_second_active_secret_verifies_during_rotation(rig: Rig) -> None:
    access = rig.tenant.sources[Source.TOGGL]
    rotated = SourceAccess(
        secrets=(access.secrets[0], SecretStr("the-new-secret")), accounts=access.accounts
    )
    rig.store.put_tenant(
        rig.tenant.model_copy(update={"sources": {**rig.tenant.sources, Source.TOGGL: rotated}})
    )
    body = sample_body(Source.TOGGL, account=DEMO_ACCOUNTS[Source.TOGGL])
    assert (
        _post(
            rig, Source.TOGGL, body, signed_headers(Source.TOGGL, body, "the-new-secret")
        ).status_code
        == 200
    )
    assert (
        _post(rig, Source.TOGGL, body, signed_headers(Source.TOGGL, body, "neither")).status_code
        == 401
    )


def test_openapi_documents_the_webhook_route(rig: Rig) -> None:
    spec = rig.client.get("/openapi.json").json()
    route = spec["paths"]["/webhooks/{source}/{tenant}"]["post"]
    assert {"401", "403", "404", "413", "503"} <= set(route["responses"])
    assert rig.client.get("/healthz").json()["status"] == "ok"


def test_the_http_handler_module_leaves_the_domain_ports_and_yaml_unimported() -> None:
    """``app.ports`` is for type checking on the HTTP path: importing it pulls in every domain
    model and ``yaml``, which a Lambda cold start would pay for on each new environment."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    code = "import sys, app.lambdas.http; print(sorted({'app.ports', 'yaml'} & set(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_both_stores_raise_the_same_lookup_and_conflict_errors() -> None:
    from app.adapters import sqlite_store, supabase_store  # noqa: PLC0415

    assert supabase_store.ItemNotFoundError is sqlite_store.ItemNotFoundError
    assert supabase_store.WriteConflictError is sqlite_store.WriteConflictError


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def test_under_an_asgi_server_the_commit_and_enqueue_run_off_the_event_loop(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """uvicorn takes many deliveries at once: one waiting on its fsync or its SQS send must not
    hold the others (under Mangum it stays on the loop: tests/lambda/test_handlers.py)."""
    on_loop: list[bool] = []
    monkeypatch.setattr(rig.queue, "enqueue", lambda *_: on_loop.append(_on_event_loop()))
    body = sample_body(Source.CLOCKIFY, account=DEMO_ACCOUNTS[Source.CLOCKIFY])
    headers = signed_headers(Source.CLOCKIFY, body, _secret(rig, Source.CLOCKIFY))
    response = _post(rig, Source.CLOCKIFY, body, headers)
    assert response.status_code == 200, response.text
    assert on_loop == [False]
    assert len(rig.store.items("demo")) == 1
