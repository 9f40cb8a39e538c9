"""Tokens on the wire: one refresh per realm however many callers, the new refresh token
stored before it is used, one retry on 401, and ``invalid_grant`` parking the realm."""

from __future__ import annotations

import threading
from decimal import Decimal
from urllib.parse import parse_qs

import pytest
import requests
import responses

from app.adapters.quickbooks_budget import RequestBudget
from app.adapters.quickbooks_tokens import ConnectionStatus
from app.errors import UpstreamError, UpstreamKind
from tests.quickbooks.conftest import (
    CLIENT_SECRET,
    CREATE_URL,
    DISCOVERY_URL,
    NEW_ACCESS,
    NEW_REFRESH,
    OLD_ACCESS,
    OLD_REFRESH,
    REALM,
    TENANT,
    TIMEOUT,
    TOKEN_URL,
    Qbo,
    bearer,
    decision,
    entry,
    item,
    make_qbo,
    query,
    tenant,
)


def token_calls(qbo: Qbo) -> list[responses.Call]:
    return qbo.calls(TOKEN_URL)


def test_a_fresh_stored_token_is_used_without_any_refresh(qbo: Qbo) -> None:
    qbo.seed(expired=False)
    qbo.api_replies("POST", CREATE_URL, (200, "timeactivity_create.json"))

    qbo.writer.write(tenant(), item(), decision())

    assert token_calls(qbo) == []
    [call] = qbo.calls(CREATE_URL)
    assert bearer(call) == OLD_ACCESS


def test_401_refreshes_once_and_retries_once_with_the_same_requestid(qbo: Qbo) -> None:
    qbo.seed(expired=False)  # valid by our clock, but QBO disagrees
    qbo.token_endpoint()
    qbo.api_replies(
        "POST", CREATE_URL, (401, "fault_401_authentication.json"),
        (200, "timeactivity_create.json"),
    )  # fmt: skip

    assert qbo.writer.write(tenant(), item(), decision()) == "1234"

    sequence = [(c.request.method, c.request.url.split("?")[0]) for c in qbo.rsps.calls]
    assert sequence == [
        ("GET", DISCOVERY_URL),
        ("POST", CREATE_URL),
        ("POST", TOKEN_URL),
        ("POST", CREATE_URL),
    ]
    first, retry = qbo.calls(CREATE_URL)
    assert (bearer(first), bearer(retry)) == (OLD_ACCESS, NEW_ACCESS)
    assert query(first)["requestid"] == query(retry)["requestid"]
    [refresh] = token_calls(qbo)
    form = parse_qs(str(refresh.request.body))
    assert form == {"grant_type": ["refresh_token"], "refresh_token": [OLD_REFRESH]}
    assert qbo.log.index(("put", f"{NEW_REFRESH}/connected")) < qbo.log.index(
        ("api", f"Bearer {NEW_ACCESS}")
    )


def test_a_second_401_is_final_after_exactly_one_refresh(qbo: Qbo) -> None:
    qbo.seed(expired=False)
    qbo.token_endpoint()
    qbo.api_replies("POST", CREATE_URL, (401, "fault_401_authentication.json"))

    with pytest.raises(UpstreamError) as caught:
        qbo.writer.write(tenant(), item(), decision())

    assert caught.value.kind is UpstreamKind.AUTH
    assert not caught.value.retryable
    assert caught.value.status == 401
    assert len(token_calls(qbo)) == 1
    assert len(qbo.calls(CREATE_URL)) == 2
    assert OLD_ACCESS not in str(caught.value)  # the 401 body echoes the token: never copied


def write_concurrently(qbo: Qbo, count: int) -> list[BaseException]:
    """``count`` different entries written at once from as many threads; their failures."""
    start = threading.Barrier(count)
    failures: list[BaseException] = []

    def write(n: int) -> None:
        the_entry = entry(external_id=f"ck-{n}", hours=Decimal(1))
        start.wait()
        try:
            qbo.writer.write(tenant(), item(the_entry, item_id=f"itm-{n}"), decision())
        except BaseException as exc:  # reported by the test, with the thread's own error
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return failures


def test_ten_concurrent_writes_with_an_expired_token_refresh_once(
    rsps: responses.RequestsMock,
) -> None:
    qbo = make_qbo(rsps, budget=RequestBudget(concurrent=10, burst=10, max_wait_s=5.0))
    qbo.seed(expired=True)
    qbo.token_delay_s = 0.2  # every other thread arrives while the refresh is in flight
    qbo.token_endpoint()
    qbo.echo_saves()

    assert write_concurrently(qbo, 10) == []

    assert len(token_calls(qbo)) == 1
    writes = qbo.calls(CREATE_URL)
    assert len(writes) == 10
    assert {bearer(c) for c in writes} == {NEW_ACCESS}
    assert len({query(c)["requestid"] for c in writes}) == 10
    stored = qbo.log.index(("put", f"{NEW_REFRESH}/connected"))
    api_calls = [n for n, (what, _) in enumerate(qbo.log) if what == "api"]
    assert len(api_calls) == 10
    assert stored < min(api_calls)  # the rotated refresh token was safe before any use
    assert qbo.log.count(("put", f"{NEW_REFRESH}/connected")) == 1
    assert len(qbo.calls(DISCOVERY_URL, "GET")) == 1  # one AuthClient for the process


def test_invalid_grant_parks_the_realm_and_never_refreshes_again(qbo: Qbo) -> None:
    qbo.seed(expired=True)
    qbo.token_endpoint(status=400, name="token_invalid_grant.json")

    for _ in range(3):
        with pytest.raises(UpstreamError) as caught:
            qbo.writer.write(tenant(), item(), decision())
        assert caught.value.kind is UpstreamKind.AUTH
        assert not caught.value.retryable
        assert "reconnect" in str(caught.value)

    assert len(token_calls(qbo)) == 1
    assert qbo.calls(CREATE_URL) == []
    assert qbo.tokens.status(TENANT, REALM) is ConnectionStatus.RECONNECT_NEEDED
    assert qbo.log == [("token", qbo.log[0][1]), ("put", f"{OLD_REFRESH}/reconnect_needed")]


def test_bad_client_credentials_are_final_and_not_a_reconnect(qbo: Qbo) -> None:
    qbo.seed(expired=True)
    qbo.token_endpoint(status=401, name="token_invalid_client.json")

    with pytest.raises(UpstreamError) as caught:
        qbo.writer.write(tenant(), item(), decision())

    assert caught.value.kind is UpstreamKind.AUTH
    assert not caught.value.retryable
    assert "invalid_client" in str(caught.value)
    assert CLIENT_SECRET not in str(caught.value)
    assert qbo.tokens.status(TENANT, REALM) is ConnectionStatus.CONNECTED


def test_every_request_carries_the_configured_timeout(qbo: Qbo) -> None:
    """``responses`` records the keyword arguments the transport adapter received
    (``request.req_kwargs``): the timeout that would bound a real socket. The discovery GET,
    the token POST and the API calls each pass through a different path of the libraries."""
    qbo.seed(expired=True)
    qbo.token_endpoint()
    qbo.api_replies("POST", CREATE_URL, (200, "timeactivity_create.json"))

    qbo.writer.write(tenant(), item(), decision())

    urls = {c.request.url.split("?")[0] for c in qbo.rsps.calls}
    assert urls == {DISCOVERY_URL, TOKEN_URL, CREATE_URL}
    assert [c.request.req_kwargs["timeout"] for c in qbo.rsps.calls] == [TIMEOUT] * 3


def test_a_timed_out_request_is_a_retryable_timeout(qbo: Qbo) -> None:
    qbo.seed(expired=False)
    qbo.rsps.post(CREATE_URL, body=requests.ReadTimeout("read timed out"))

    with pytest.raises(UpstreamError) as caught:
        qbo.writer.write(tenant(), item(), decision())

    assert caught.value.kind is UpstreamKind.TIMEOUT
    assert caught.value.retryable


def test_discovery_failure_is_a_retryable_upstream_error(rsps: responses.RequestsMock) -> None:
    rsps.replace(responses.GET, DISCOVERY_URL, status=503, body="<html>down</html>")
    qbo = make_qbo(rsps)
    qbo.seed(expired=False)

    with pytest.raises(UpstreamError) as caught:
        qbo.writer.write(tenant(), item(), decision())

    assert caught.value.kind is UpstreamKind.SERVER
    assert caught.value.retryable
    assert "discovery" in str(caught.value)
    assert "down" not in str(caught.value)
