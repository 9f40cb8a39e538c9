"""Hostile but validly signed bodies: every one is a 400 naming the field, through the FastAPI
app and through the Lambda handler (Mangum, the sam-generated HTTP API event). Nothing is written,
nothing is queued, and the store is never blamed (503 is kept for a store that really fails)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.api.deps import Services
from app.config import get_settings
from app.domain.entries import Source
from app.lambdas import cold_start
from app.lambdas import http as http_fn
from app.service.local import DEMO_ACCOUNTS
from app.sources.signing import sample_body, signed_headers
from tests.service.conftest import Rig

EVENTS = Path(__file__).resolve().parents[1] / "data" / "lambda"


@pytest.fixture
def wired(rig: Rig, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Rig]:
    """The HTTP handler's once-per-cold-start builders pointed at this test's store and queue."""
    monkeypatch.setenv("TIMEBILL_API_BASE_PATH", "/dev")
    monkeypatch.setenv("TIMEBILL_SQLITE_PATH", str(rig.store.path))
    monkeypatch.setenv("TIMEBILL_LLM_PROVIDER", "none")
    services = Services(get_settings.__wrapped__(), rig.store, rig.queue, rig.clock)
    monkeypatch.setattr(cold_start, "services", lambda: services)
    for cached in (get_settings, http_fn._mangum):
        cached.cache_clear()
    yield rig
    for cached in (get_settings, http_fn._mangum):
        cached.cache_clear()


Hostile = tuple[Source, Callable[[bytes], bytes], str]  # source, how to spoil, the field named


def _swap(old: str, new: str) -> Callable[[bytes], bytes]:
    def spoil(body: bytes) -> bytes:
        assert old.encode() in body, f"sample body has no {old}"
        return body.replace(old.encode(), new.encode(), 1)

    return spoil


TOGGL_DURATION = '"duration":4500'
HOSTILE: dict[str, Hostile] = {
    "toggl duration NaN": (Source.TOGGL, _swap(TOGGL_DURATION, '"duration":NaN'), "duration"),
    "toggl duration Infinity": (
        Source.TOGGL, _swap(TOGGL_DURATION, '"duration":Infinity'), "duration",
    ),
    "toggl duration -Infinity": (
        Source.TOGGL, _swap(TOGGL_DURATION, '"duration":-Infinity'), "duration",
    ),
    "toggl duration 1e400": (Source.TOGGL, _swap(TOGGL_DURATION, '"duration":1e400'), "duration"),
    "toggl duration 1e30": (Source.TOGGL, _swap(TOGGL_DURATION, '"duration":1e30'), "duration"),
    "toggl duration 10**40": (
        Source.TOGGL, _swap(TOGGL_DURATION, '"duration":' + "1" + "0" * 40), "duration",
    ),
    "clockify ISO duration 1e30 days": (
        Source.CLOCKIFY,
        _swap('"duration":"PT11H48M"', '"duration":"P1000000000000000000000000000000D"'),
        "duration",
    ),
    "clockify lone surrogate": (
        Source.CLOCKIFY, _swap('"description":"Test"', '"description":"Test \\ud800"'),
        "description",
    ),
    "toggl lone surrogate": (
        Source.TOGGL, _swap('"description":"Q3', '"description":"\\udfff Q3'), "description",
    ),
    "clockify NUL character": (
        Source.CLOCKIFY, _swap('"description":"Test"', '"description":"Te\\u0000st"'),
        "description",
    ),
    "toggl NaN in an unused field": (
        Source.TOGGL, _swap('"creator_id":9547721', '"creator_id":NaN'), "creator_id",
    ),
    "quickbooks Infinity in data": (
        Source.QUICKBOOKS, _swap('"data":{}', '"data":{"amount":Infinity}'), "data.amount",
    ),
    "clockify duplicate key": (
        Source.CLOCKIFY, _swap('"description":"Test"', '"description":"Test","description":"x"'),
        "description",
    ),
    "quickbooks duplicate key": (
        Source.QUICKBOOKS, _swap('"intuitentityid":"1234"', '"intuitentityid":"1234",'
                                 '"intuitentityid":"99"'), "intuitentityid",
    ),
    # An id longer than any tracker's: the worker could not key the entry (its ledger key is
    # at most 300 characters), so it would fail on every try instead of being refused here.
    "toggl entry id too long": (
        Source.TOGGL, _swap('"id":3050541208', '"id":"' + "7" * 400 + '"'), "'payload.id'",
    ),
    "toggl event id too long": (
        Source.TOGGL, _swap('"event_id":8023169274705530', '"event_id":"' + "8" * 400 + '"'),
        "'event_id'",
    ),
    "clockify entry id too long": (
        Source.CLOCKIFY, _swap('"id":"68453d0cf0c88d522704ab76"', '"id":"' + "a" * 400 + '"'),
        "'id'",
    ),
    "quickbooks entity id too long": (
        Source.QUICKBOOKS, _swap('"intuitentityid":"1234"', '"intuitentityid":"' + "9" * 400 + '"'),
        "'[0].intuitentityid'",
    ),
    "quickbooks event id too long": (
        Source.QUICKBOOKS, _swap('"id":"5f0e6a1c', '"id":"' + "e" * 400 + '5f0e6a1c'), "'[0].id'",
    ),
}  # fmt: skip


def _delivery(rig: Rig, hostile: Hostile) -> tuple[Source, bytes, dict[str, str], str]:
    source, spoil, field = hostile
    body = spoil(sample_body(source, account=DEMO_ACCOUNTS[source]))
    secret = rig.tenant.sources[source].secrets[0].get_secret_value()
    return source, body, signed_headers(source, body, secret), field


def _nothing_written(rig: Rig) -> None:
    assert rig.store.items("demo") == []
    assert rig.queue.jobs == []


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_signed_body_is_400_naming_the_field(rig: Rig, case: str) -> None:
    source, body, headers, field = _delivery(rig, HOSTILE[case])
    response = rig.client.post(f"/webhooks/{source.value}/demo", content=body, headers=headers)
    assert response.status_code == 400, response.text
    assert field in response.json()["error"]
    _nothing_written(rig)


def http_event(source: Source, body: bytes, headers: dict[str, str]) -> dict[str, Any]:
    generated: dict[str, Any]
    generated = json.loads((EVENTS / "http_api_v2_stage_dev.json").read_text())
    generated["headers"] = {k.lower(): v for k, v in headers.items()}
    generated["body"] = base64.b64encode(body).decode()
    generated["isBase64Encoded"] = True
    path = f"/dev/webhooks/{source.value}/demo"
    generated["rawPath"] = generated["requestContext"]["http"]["path"] = path
    return generated


@pytest.mark.parametrize("case", list(HOSTILE))
def test_through_the_lambda_handler_too(wired: Rig, case: str) -> None:
    source, body, headers, field = _delivery(wired, HOSTILE[case])
    response = http_fn.handler(http_event(source, body, headers), None)
    assert response["statusCode"] == 400, response
    assert field in json.loads(response["body"])["error"]
    _nothing_written(wired)


def test_the_message_names_the_field_never_echoes_the_value(rig: Rig) -> None:
    source, body, headers, _ = _delivery(rig, HOSTILE["clockify lone surrogate"])
    response = rig.client.post(f"/webhooks/{source.value}/demo", content=body, headers=headers)
    assert response.json() == {
        "error": "Clockify body: 'description' is not valid Unicode (a lone surrogate)"
    }


def test_a_realistic_long_but_valid_entry_is_still_accepted(rig: Rig) -> None:
    """The limits refuse the absurd only: a 23.9 h Toggl entry with floats is fine."""
    source = Source.TOGGL
    body = sample_body(source, account=DEMO_ACCOUNTS[source], duration=86040.0)
    secret = rig.tenant.sources[source].secrets[0].get_secret_value()
    response = rig.client.post(
        "/webhooks/toggl/demo", content=body, headers=signed_headers(source, body, secret)
    )
    assert response.status_code == 200, response.text
    assert response.json()["accepted"] == 1
