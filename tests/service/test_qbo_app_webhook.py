"""POST /webhooks/quickbooks: an Intuit app's one URL for every connected company, verified with
the app's verifier token, each event routed by realm to the tenant that connected it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.api.deps import Services
from app.config import Settings
from app.domain.entries import Source
from app.domain.inbox import Tenant
from app.main import create_app
from app.service.local import DEMO_ACCOUNTS
from app.service.qbo_unrouted import take_up
from app.sources.signing import sample_body
from tests.service.conftest import Rig

DATA = Path(__file__).resolve().parents[1] / "data" / "webhooks" / "quickbooks"
APP_TOKEN, OLD_TOKEN = "intuit-app-verifier-2f9c", "intuit-app-verifier-old-77a1"
ACME, GLOBEX, NOBODY = "310687", "4620816365187294", "123146096291789"


def intuit_signature(body: bytes, token: str) -> dict[str, str]:
    """As Intuit signs: base64 of the HMAC-SHA256 of the raw body under the verifier token."""
    digest = hmac.new(token.encode(), body, hashlib.sha256).digest()
    return {
        "content-type": "application/json",
        "intuit-signature": base64.b64encode(digest).decode(),
    }


@pytest.fixture
def app_rig(rig: Rig) -> Iterator[tuple[Rig, TestClient]]:
    settings = Settings(
        sqlite_path=rig.store.path, llm_provider="none", max_body_bytes=4096,
        qbo_verifier_token=SecretStr(APP_TOKEN), qbo_verifier_token_previous=SecretStr(OLD_TOKEN),
    )  # fmt: skip
    for tenant in ("acme", "globex"):
        rig.store.put_tenant(Tenant(id=tenant, name=tenant.title()))
    rig.store.link_realm("acme", ACME, now=rig.clock())
    rig.store.link_realm("globex", GLOBEX, now=rig.clock())
    services = Services(settings, rig.store, rig.queue, rig.clock)
    with TestClient(create_app(lambda: services)) as client:
        yield rig, client


def _post(client: TestClient, body: bytes, token: str = APP_TOKEN):  # type: ignore[no-untyped-def]
    return client.post("/webhooks/quickbooks", content=body, headers=intuit_signature(body, token))


def test_one_delivery_naming_three_companies_is_split_by_realm(
    app_rig: tuple[Rig, TestClient],
) -> None:
    rig, client = app_rig
    response = _post(client, (DATA / "cloudevents_three_realms.json").read_bytes())
    assert response.status_code == 200, response.text
    assert response.json() == {
        "accepted": 2, "duplicates": 0, "ignored": [], "unknown_realms": [NOBODY], "kept": 1,
    }  # fmt: skip
    [acme] = rig.store.items("acme")
    [globex] = rig.store.items("globex")
    assert (acme.ref and acme.ref.account, acme.ref and acme.ref.id) == (ACME, "1234")
    assert (globex.ref and globex.ref.account, globex.ref and globex.ref.id) == (GLOBEX, "88")
    assert globex.event_type == "TimeActivity.Update"
    assert sorted(rig.queue.jobs) == sorted([("acme", acme.id), ("globex", globex.id)])
    assert rig.store.items("demo") == []


def test_the_legacy_shape_is_routed_the_same_way(app_rig: tuple[Rig, TestClient]) -> None:
    rig, client = app_rig
    response = _post(client, (DATA / "legacy_two_realms.json").read_bytes())
    assert response.status_code == 200, response.text
    assert response.json()["accepted"] == 2
    assert response.json()["ignored"] == ["QuickBooks Invoice 145 (Create) is not a TimeActivity"]
    assert [i.ref.id for i in rig.store.items("acme") if i.ref] == ["1234"]
    assert [i.ref.id for i in rig.store.items("globex") if i.ref] == ["88"]


def test_a_resend_is_acknowledged_and_creates_no_work(app_rig: tuple[Rig, TestClient]) -> None:
    rig, client = app_rig
    body = (DATA / "cloudevents_three_realms.json").read_bytes()
    _post(client, body)
    rig.queue.jobs.clear()
    again = _post(client, body)
    assert (again.status_code, again.json()["duplicates"], rig.queue.jobs) == (200, 2, [])


def test_an_unknown_realms_events_are_kept_once_and_answered_200(
    app_rig: tuple[Rig, TestClient],
) -> None:
    rig, client = app_rig
    body = (DATA / "cloudevents_timeactivity.json").read_bytes().replace(ACME.encode(), b"777")
    response = _post(client, body)
    assert response.status_code == 200  # Intuit would disable a webhook that keeps failing
    assert (response.json()["unknown_realms"], response.json()["kept"]) == (["777"], 3)
    assert (rig.store.items("acme"), rig.queue.jobs) == ([], [])
    kept = rig.store.unrouted("777")  # two TimeActivity events and an Account one, ids only
    assert {e.received_at for e in kept} == {rig.clock()}
    assert '"intuitentityid":"1234"' in kept[0].body + kept[1].body + kept[2].body
    rig.clock.advance(60)
    again = _post(client, body)  # Intuit's retry
    assert (again.status_code, again.json()["kept"], len(rig.store.unrouted("777"))) == (200, 0, 3)
    [realm] = rig.store.unrouted_realms()
    assert (realm.realm, realm.events, realm.first_seen) == ("777", 3, kept[0].received_at)


def test_a_store_that_cannot_keep_an_unrouted_event_answers_503(
    app_rig: tuple[Rig, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    rig, client = app_rig

    def down(event: object) -> bool:
        raise OSError("disk I/O error")

    monkeypatch.setattr(rig.store, "keep_unrouted", down)
    response = _post(client, (DATA / "cloudevents_three_realms.json").read_bytes())
    assert response.status_code == 503  # so Intuit retries; the others' items deduplicate
    assert rig.queue.jobs == []


@pytest.mark.parametrize(
    ("sample", "events"), [("cloudevents_three_realms.json", 1), ("legacy_two_realms.json", 2)]
)
def test_connecting_a_company_takes_its_kept_events_up_once(
    app_rig: tuple[Rig, TestClient], sample: str, events: int
) -> None:
    """The legacy sample's second kept event is an Invoice: taken up as ignored, as routed."""
    rig, client = app_rig
    body = (DATA / sample).read_bytes().replace(GLOBEX.encode(), b"555")
    assert _post(client, body).json()["kept"] == 2  # (the cloud sample's third realm: 1)
    rig.store.put_tenant(Tenant(id="initech", name="Initech"))
    rig.store.link_realm("initech", "555", now=rig.clock())
    rig.queue.jobs.clear()
    done = take_up(rig.store, rig.queue, "initech", "555")
    [item] = rig.store.items("initech")
    assert (done.found, done.created, done.duplicates) == (events, [item.id], 0)
    assert (item.ref and item.ref.account, item.ref and item.ref.id) == ("555", "88")
    assert item.event_type == "TimeActivity.Update"
    assert (rig.queue.jobs, rig.store.unrouted("555")) == ([("initech", item.id)], [])
    assert _post(client, body).json()["duplicates"] == 2  # Intuit's late retry: no new work
    again = take_up(rig.store, rig.queue, "initech", "555")
    assert (again.found, len(rig.store.items("initech"))) == (0, 1)


def test_a_refused_delivery_writes_nothing_for_any_realm(app_rig: tuple[Rig, TestClient]) -> None:
    """One event that cannot be kept (its key over the store's 300 characters) refuses the
    whole delivery, before any realm's events are committed or kept: Intuit's retry then
    finds nothing half-done."""
    rig, client = app_rig
    body = json.loads((DATA / "legacy_two_realms.json").read_bytes())
    [acme, globex] = body["eventNotifications"]
    assert (acme["realmId"], globex["realmId"]) == (ACME, GLOBEX)  # acme is committed first
    globex["dataChangeEvent"]["entities"][0]["lastUpdated"] = "2025-09-08T20:52:31Z" * 15
    body["eventNotifications"].append(acme | {"realmId": NOBODY})  # kept for nobody yet
    response = _post(client, json.dumps(body).encode())
    assert response.status_code == 400, response.text
    assert "too long" in response.json()["error"]
    assert (rig.store.items("acme"), rig.store.items("globex"), rig.queue.jobs) == ([], [], [])
    assert rig.store.unrouted(NOBODY) == []


@pytest.mark.parametrize("token", ["wrong-token", "tenant-secret"])
def test_anything_not_signed_by_the_app_is_401(app_rig: tuple[Rig, TestClient], token: str) -> None:
    rig, client = app_rig
    body = (DATA / "cloudevents_three_realms.json").read_bytes()
    if token == "tenant-secret":  # a tenant's own per-tenant secret is not the app's token
        token = rig.tenant.sources[next(iter(rig.tenant.sources))].secrets[0].get_secret_value()
    response = _post(client, body, token)
    assert response.status_code == 401
    assert (rig.store.items("acme"), rig.queue.jobs) == ([], [])


def test_the_previous_token_verifies_during_a_rotation(app_rig: tuple[Rig, TestClient]) -> None:
    _, client = app_rig
    body = (DATA / "cloudevents_three_realms.json").read_bytes()
    assert _post(client, body, OLD_TOKEN).json()["accepted"] == 2


def test_without_a_verifier_token_the_route_is_404(rig: Rig) -> None:
    body = (DATA / "cloudevents_three_realms.json").read_bytes()
    response = rig.client.post(
        "/webhooks/quickbooks", content=body, headers=intuit_signature(body, APP_TOKEN)
    )
    assert response.status_code == 404
    assert "no QuickBooks app webhook" in response.json()["error"]


def test_a_store_that_cannot_route_answers_503(
    app_rig: tuple[Rig, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    rig, client = app_rig

    def down(realm: str) -> str | None:
        raise OSError("disk I/O error")

    monkeypatch.setattr(rig.store, "tenant_for_realm", down)
    response = _post(client, (DATA / "cloudevents_three_realms.json").read_bytes())
    assert response.status_code == 503
    assert rig.queue.jobs == []


def test_the_demo_tenant_is_reachable_through_the_app_url(app_rig: tuple[Rig, TestClient]) -> None:
    """`timebill serve` links the demo company, so `send-sample quickbooks` reaches it."""
    rig, client = app_rig
    body = sample_body(Source.QUICKBOOKS, account=DEMO_ACCOUNTS[Source.QUICKBOOKS])
    response = _post(client, body)
    assert response.json()["accepted"] == 1
    assert len(rig.store.items("demo")) == 1
