"""``Api``: 429 waits for Retry-After (seconds or HTTP date) through the injected sleep, other 4xx
fail at once, 5xx and lost connections back off, errors carry no secret and no body."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

import httpx
import pytest
import respx

from app.connectors.base import TIMEOUT, Api, RetryPolicy, http_client, retry_after_s
from app.errors import UpstreamError, UpstreamKind
from tests.connectors.conftest import NOW, Sleeps, make_api

BASE = "https://api.example.test"
TOKEN = "sk-secret-token-value-123"


def _api(sleeps: Sleeps, policy: RetryPolicy | None = None) -> Api:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    return make_api("harvest", BASE, headers, sleeps, policy=policy or RetryPolicy())


def test_retry_after_reads_seconds_and_http_dates() -> None:
    later = format_datetime(NOW + timedelta(seconds=42), usegmt=True)
    earlier = format_datetime(NOW - timedelta(seconds=5), usegmt=True)
    assert retry_after_s("7", NOW) == 7.0
    assert retry_after_s(later, NOW) == 42.0
    assert retry_after_s(earlier, NOW) == 0.0
    assert retry_after_s("soon", NOW) is None
    assert retry_after_s(None, NOW) is None


@respx.mock
def test_429_waits_retry_after_seconds_then_succeeds(sleeps: Sleeps) -> None:
    route = respx.get(f"{BASE}/x").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "7"}, json={"message": "slow down"}),
            httpx.Response(200, json={"ok": True}),
        ]
    )
    body, _ = _api(sleeps).json("GET", "/x")
    assert body == {"ok": True}
    assert sleeps.waits == [7.0]
    assert route.call_count == 2


@respx.mock
def test_429_with_an_http_date_waits_until_then(sleeps: Sleeps) -> None:
    when = format_datetime(NOW + timedelta(seconds=30), usegmt=True)
    respx.get(f"{BASE}/x").mock(
        side_effect=[httpx.Response(429, headers={"Retry-After": when}), httpx.Response(200)]
    )
    _api(sleeps).send("GET", "/x")
    assert sleeps.waits == [30.0]


@respx.mock
def test_a_wait_beyond_the_maximum_is_not_slept_through(sleeps: Sleeps) -> None:
    route = respx.get(f"{BASE}/x").mock(
        return_value=httpx.Response(429, headers={"Retry-After": "900"})
    )
    with pytest.raises(UpstreamError) as caught:
        _api(sleeps, RetryPolicy(max_wait_s=120.0)).send("GET", "/x")
    assert caught.value.kind is UpstreamKind.RATE_LIMITED
    assert caught.value.retryable is True
    assert caught.value.retry_after_s == 900.0
    assert sleeps.waits == []
    assert route.call_count == 1


@respx.mock
def test_401_fails_at_once_without_the_token_or_the_body(sleeps: Sleeps) -> None:
    route = respx.get(f"{BASE}/x").mock(
        return_value=httpx.Response(401, json={"error": "invalid_token", "echo": TOKEN})
    )
    with pytest.raises(UpstreamError) as caught:
        _api(sleeps).send("GET", "/x")
    error = caught.value
    assert (error.kind, error.status, error.retryable) == (UpstreamKind.AUTH, 401, False)
    assert "credentials were refused" in str(error)
    assert TOKEN not in str(error)
    assert "invalid_token" not in str(error)
    assert route.call_count == 1
    assert sleeps.waits == []


@respx.mock
@pytest.mark.parametrize("status", [400, 403, 404, 422])
def test_no_other_4xx_is_retried(sleeps: Sleeps, status: int) -> None:
    route = respx.get(f"{BASE}/x").mock(return_value=httpx.Response(status))
    with pytest.raises(UpstreamError) as caught:
        _api(sleeps).send("GET", "/x")
    assert caught.value.status == status
    assert route.call_count == 1
    assert sleeps.waits == []


@respx.mock
def test_server_errors_back_off_then_give_up(sleeps: Sleeps) -> None:
    route = respx.get(f"{BASE}/x").mock(return_value=httpx.Response(503))
    with pytest.raises(UpstreamError) as caught:
        _api(sleeps, RetryPolicy(attempts=4, backoff_s=1.0)).send("GET", "/x")
    assert caught.value.kind is UpstreamKind.SERVER
    assert route.call_count == 4
    assert sleeps.waits == [1.0, 2.0, 4.0]


@respx.mock
def test_a_lost_connection_is_retried(sleeps: Sleeps) -> None:
    respx.get(f"{BASE}/x").mock(
        side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json=[])]
    )
    body, _ = _api(sleeps).json("GET", "/x")
    assert body == []
    assert sleeps.waits == [1.0]


@respx.mock
def test_a_timeout_that_persists_is_an_upstream_timeout(sleeps: Sleeps) -> None:
    respx.get(f"{BASE}/x").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(UpstreamError) as caught:
        _api(sleeps, RetryPolicy(attempts=2)).send("GET", "/x")
    assert caught.value.kind is UpstreamKind.TIMEOUT


@respx.mock
def test_a_body_that_is_not_json_is_an_invalid_response(sleeps: Sleeps) -> None:
    respx.get(f"{BASE}/x").mock(return_value=httpx.Response(200, text="<html>"))
    with pytest.raises(UpstreamError) as caught:
        _api(sleeps).json("GET", "/x")
    assert caught.value.kind is UpstreamKind.INVALID_RESPONSE


def test_clients_have_explicit_timeouts() -> None:
    client = http_client(BASE, {})
    assert client.timeout == TIMEOUT
    assert (TIMEOUT.connect, TIMEOUT.read) == (10.0, 30.0)
    assert client.headers["User-Agent"].startswith("timebill")


@respx.mock
def test_a_toggl_quota_answer_402_is_a_rate_limit_until_the_quota_resets(sleeps: Sleeps) -> None:
    """Toggl answers an exhausted hourly quota with 402 and ``X-Toggl-Quota-Remaining: 0``,
    ``X-Toggl-Quota-Resets-In`` (seconds) (support.toggl.com "API & Webhook limits"); it was
    refused for good (bad_request) and an entry written back to Toggl was dead-lettered. A 402
    with quota left is Toggl's "upgrade the workspace" answer: refused, as before."""
    quota = {"X-Toggl-Quota-Remaining": "0", "X-Toggl-Quota-Resets-In": "12"}
    respx.get(f"{BASE}/x").mock(
        side_effect=[httpx.Response(402, headers=quota), httpx.Response(200)]
    )
    _api(sleeps).send("GET", "/x")
    assert sleeps.waits == [12.0]
    respx.get(f"{BASE}/y").mock(
        return_value=httpx.Response(402, headers={**quota, "X-Toggl-Quota-Resets-In": "1800"})
    )
    with pytest.raises(UpstreamError) as waited:
        _api(sleeps).send("GET", "/y")
    assert waited.value.kind is UpstreamKind.RATE_LIMITED
    assert waited.value.retryable
    assert waited.value.retry_after_s == 1800.0
    upgrade = {"X-Toggl-Quota-Remaining": "590", "X-Toggl-Quota-Resets-In": "1800"}
    respx.get(f"{BASE}/z").mock(return_value=httpx.Response(402, headers=upgrade))
    with pytest.raises(UpstreamError) as refused:
        _api(sleeps).send("GET", "/z")
    assert refused.value.kind is UpstreamKind.BAD_REQUEST
    assert not refused.value.retryable
