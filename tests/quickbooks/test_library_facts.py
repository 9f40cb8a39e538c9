"""What python-quickbooks 0.9.12 and intuit-oauth 1.2.6 do on their own: the behaviours
``app.adapters.quickbooks_client`` works around. If an upgrade changes one, a test here says
which assumption to revisit. (The only test module that imports the SDKs directly.)"""

from __future__ import annotations

from typing import Any

import pytest
import responses
from intuitlib.client import AuthClient
from quickbooks import QuickBooks
from quickbooks.exceptions import QuickbooksException, ValidationException
from quickbooks.objects.timeactivity import TimeActivity

from tests.quickbooks.conftest import (
    CLIENT_ID,
    CLIENT_SECRET,
    CREATE_URL,
    DISCOVERY_URL,
    REALM,
    TOKEN_URL,
    body,
    text,
)


def plain_client(access_token: str | None = "AT-1") -> Any:
    auth = AuthClient(CLIENT_ID, CLIENT_SECRET, "https://x.example/cb", "sandbox")
    auth.access_token = access_token
    return QuickBooks(auth_client=auth, refresh_token="RT-1", company_id=REALM, minorversion=75)


def save(qb: Any) -> None:
    activity = TimeActivity()
    activity.NameOf = "Employee"
    activity.save(qb=qb, request_id="rid-1")


def test_authclient_constructor_gets_the_discovery_document_without_a_timeout(
    rsps: responses.RequestsMock,
) -> None:
    AuthClient(CLIENT_ID, CLIENT_SECRET, "https://x.example/cb", "sandbox")
    [call] = rsps.calls
    assert call.request.url == DISCOVERY_URL
    assert call.request.req_kwargs["timeout"] is None


def test_quickbooks_without_an_access_token_refreshes_in_its_constructor(
    rsps: responses.RequestsMock,
) -> None:
    rsps.post(TOKEN_URL, json=body("token_refresh.json"))
    qb = plain_client(access_token=None)
    assert qb.refresh_token == "RT-rotated-0002"
    assert [c.request.url for c in rsps.calls] == [DISCOVERY_URL, TOKEN_URL]


def test_api_calls_carry_no_timeout_and_put_requestid_in_the_query(
    rsps: responses.RequestsMock,
) -> None:
    rsps.post(CREATE_URL, json=body("timeactivity_create.json"))
    save(plain_client())
    call = rsps.calls[-1]
    assert call.request.req_kwargs["timeout"] is None
    assert "requestid=rid-1" in call.request.url
    assert "minorversion=75" in call.request.url


@pytest.mark.parametrize(
    ("status", "name", "kind", "code"),
    [
        (429, "throttle_exceeded_429.xml", QuickbooksException, 10000),
        (429, "fault_3001_throttle.json", ValidationException, 3001),
        (400, "fault_5010_stale.json", QuickbooksException, 5010),
    ],
)
def test_library_exceptions_hide_the_http_status(
    rsps: responses.RequestsMock, status: int, name: str, kind: type, code: int
) -> None:
    rsps.post(CREATE_URL, status=status, body=text(name))
    with pytest.raises(QuickbooksException) as caught:
        save(plain_client())
    assert type(caught.value) is kind
    assert caught.value.error_code == code
