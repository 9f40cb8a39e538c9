"""With a Clockify API key for the tenant, the worker writes the entry as Clockify holds it,
not as the delivery says (issue 11, case 6).

Clockify's webhook token is static: it proves who sent a delivery, not what the body says.
The worker reads the entry back (``GET /v1/workspaces/{ws}/time-entries/{id}?hydrated=true``,
answered by respx from ``tests/data/connectors/clockify_time_entry.json``) and writes that.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from pydantic import SecretStr

from app.adapters.outbox_writer import OutboxWriter, record_name
from app.connectors.clockify_entry import ClockifyRereader
from app.domain.entries import Source
from app.domain.inbox import Status
from app.service.local import DEMO_ACCOUNTS, demo_entry
from tests.service.conftest import Rig
from tests.service.qbo_rig import post

DATA = Path(__file__).resolve().parents[1] / "data" / "connectors"
ENTRY = "68453d0cf0c88d522704ab76"
WORKSPACE = DEMO_ACCOUNTS[Source.CLOCKIFY]
URL = f"https://api.clockify.me/api/v1/workspaces/{WORKSPACE}/time-entries/{ENTRY}"
API_KEY = "clockify-api-key-of-the-demo-firm"


@pytest.fixture
def clockify_api(rig: Rig, tmp_path: Path) -> Iterator[respx.MockRouter]:
    access = rig.tenant.sources[Source.CLOCKIFY]
    keyed = access.model_copy(update={"api_key": SecretStr(API_KEY)})
    rig.store.put_tenant(rig.tenant.model_copy(
        update={"sources": {**rig.tenant.sources, Source.CLOCKIFY: keyed}}))  # fmt: skip
    rig.worker.rereaders = {Source.CLOCKIFY: ClockifyRereader()}
    rig.worker.writer = OutboxWriter(tmp_path / "outbox")
    rig.worker.write_reviews = True  # the body's 11.8 h go to review: written for the PM
    with respx.mock(assert_all_called=False) as router:
        yield router


def recorded() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((DATA / "clockify_time_entry.json").read_text())
    return loaded


def forged(rig: Rig, event: str = "NEW_TIME_ENTRY") -> str:
    """A body under the valid token that says 11 h 48 m of strategy work: not what happened."""
    fields = demo_entry(Source.CLOCKIFY, "strategy workshop, partner rate")
    fields["timeInterval"] = {**fields["timeInterval"], "end": "2026-10-15T02:48:00Z",  # type: ignore[dict-item]
                              "duration": "PT11H48M"}  # fmt: skip
    return post(rig, Source.CLOCKIFY, event, **fields)


def written(tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "outbox" / "demo" / record_name(f"clockify:{ENTRY}")
    loaded: dict[str, Any] = json.loads(path.read_text())
    return loaded


def test_the_entry_is_written_as_clockify_holds_it(
    rig: Rig, clockify_api: respx.MockRouter, tmp_path: Path
) -> None:
    route = clockify_api.get(URL).mock(return_value=httpx.Response(200, json=recorded()))
    item_id = forged(rig)
    rig.run_queue()
    assert route.called
    request = route.calls.last.request
    assert request.headers["X-Api-Key"] == API_KEY
    assert request.url.params["hydrated"] == "true"
    found = rig.store.get("demo", item_id)
    assert found is not None
    assert found.status is Status.POSTED
    assert found.decision is not None
    assert (found.decision.code, found.decision.hours) == ("NWF-TRAVEL", 1.5)
    entry = written(tmp_path)["entry"]
    assert (entry["description"], entry["hours"]) == ("drive to Stockton depot", "1.5000")
    assert entry["work_date"] == "2026-10-14"  # the person's day, as the delivery dated it


def test_an_entry_clockify_no_longer_has_is_not_written(
    rig: Rig, clockify_api: respx.MockRouter, tmp_path: Path
) -> None:
    gone = httpx.Response(404, json={"code": 501, "message": "not found"})
    clockify_api.get(URL).mock(return_value=gone)
    item_id = forged(rig)
    rig.run_queue()
    found = rig.store.get("demo", item_id)
    assert found is not None
    assert (found.status, found.decision) == (Status.SKIPPED, None)
    assert not (tmp_path / "outbox" / "demo").exists()


def test_a_delete_clockify_does_not_confirm_deletes_nothing(
    rig: Rig, clockify_api: respx.MockRouter, tmp_path: Path
) -> None:
    clockify_api.get(URL).mock(return_value=httpx.Response(200, json=recorded()))
    forged(rig)
    rig.run_queue()
    gone = forged(rig, "TIME_ENTRY_DELETED")  # a forged delete under the token
    rig.run_queue()
    assert rig.store.get("demo", gone).status is Status.SKIPPED  # type: ignore[union-attr]
    assert written(tmp_path)["entry"]["hours"] == "1.5000"  # still there, still as Clockify says


def test_clockify_down_is_retried_not_written_from_the_body(
    rig: Rig, clockify_api: respx.MockRouter, tmp_path: Path
) -> None:
    clockify_api.get(URL).mock(return_value=httpx.Response(503))
    item_id = forged(rig)
    rig.run_queue()
    assert rig.store.get("demo", item_id).status is Status.RETRYING  # type: ignore[union-attr]
    assert not (tmp_path / "outbox" / "demo").exists()


def test_without_a_key_the_body_is_what_gets_written(rig: Rig, tmp_path: Path) -> None:
    """What the README says: the static token proves the sender, not the body."""
    rig.worker.rereaders = {Source.CLOCKIFY: ClockifyRereader()}
    rig.worker.writer = OutboxWriter(tmp_path / "outbox")
    rig.worker.write_reviews = True  # the body's 11.8 h go to review: written for the PM
    with respx.mock(assert_all_called=False) as router:
        route = router.get(URL).mock(return_value=httpx.Response(200, json=recorded()))
        forged(rig)
        rig.run_queue()
    assert not route.called
    assert written(tmp_path)["entry"]["hours"] == "11.8000"
