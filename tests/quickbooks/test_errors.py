"""Every QuickBooks failure leaves as an ``UpstreamError`` a retry policy can act on, with no
body, token or secret in its text."""

from __future__ import annotations

import pytest

from app.adapters.quickbooks_faults import fault_codes, fault_error, status_error, token_error
from app.errors import UpstreamError, UpstreamKind
from tests.quickbooks.conftest import (
    CLIENT_SECRET,
    CREATE_URL,
    NEW_ACCESS,
    OLD_ACCESS,
    OLD_REFRESH,
    TOKEN_URL,
    Qbo,
    decision,
    item,
    tenant,
    text,
)

# Phrases from the fixture bodies that must never reach an error message.
BODY_PHRASES = (
    "request limit was reached",
    "Stale Object Error",
    "Token expired",
    "System Failure",
)


def failure(qbo: Qbo, status: int, name: str, **headers: str) -> UpstreamError:
    qbo.seed(expired=False)
    qbo.api_replies("POST", CREATE_URL, (status, name), headers=headers or None)
    with pytest.raises(UpstreamError) as caught:
        qbo.writer.write(tenant(), item(), decision())
    message = str(caught.value)
    for secret in (CLIENT_SECRET, OLD_ACCESS, OLD_REFRESH, NEW_ACCESS, *BODY_PHRASES):
        assert secret not in message
    return caught.value


@pytest.mark.parametrize(
    ("status", "name"),
    [
        pytest.param(429, "fault_3001_throttle.json", id="429-json-fault-3001"),
        pytest.param(429, "throttle_exceeded_429.xml", id="429-xml-ThrottleExceeded"),
        pytest.param(403, "throttle_exceeded_403.xml", id="403-xml-ThrottleExceeded"),
        pytest.param(403, "fault_3001_throttle.json", id="403-json-fault-3001"),
    ],
)
def test_every_throttle_form_is_rate_limited_for_at_least_a_minute(
    qbo: Qbo, status: int, name: str
) -> None:
    error = failure(qbo, status, name)

    assert error.kind is UpstreamKind.RATE_LIMITED
    assert error.retryable
    assert error.retry_after_s is not None
    assert error.retry_after_s >= 60
    assert error.status == status
    assert qbo.calls(TOKEN_URL) == []  # a throttle is not an auth problem: no refresh
    assert len(qbo.calls(CREATE_URL)) == 1  # and no immediate retry


def test_a_longer_retry_after_is_honoured(qbo: Qbo) -> None:
    error = failure(qbo, 429, "fault_3001_throttle.json", **{"Retry-After": "150"})
    assert error.retry_after_s == 150


def test_403_without_throttle_is_final_auth(qbo: Qbo) -> None:
    error = failure(qbo, 403, "fault_403_authorization.json")
    assert (error.kind, error.retryable, error.status) == (UpstreamKind.AUTH, False, 403)
    assert qbo.calls(TOKEN_URL) == []


def test_500_is_a_retryable_server_error_with_intuits_tid(qbo: Qbo) -> None:
    error = failure(qbo, 500, "fault_500_system.json", intuit_tid="1-65f0-tid")
    assert (error.kind, error.retryable, error.status) == (UpstreamKind.SERVER, True, 500)
    assert error.request_id == "1-65f0-tid"


def test_validation_fault_is_a_final_bad_request(qbo: Qbo) -> None:
    error = failure(qbo, 400, "fault_2020_validation.json")
    assert (error.kind, error.retryable, error.status) == (UpstreamKind.BAD_REQUEST, False, 400)
    assert "2020" in str(error)


def test_a_single_stale_synctoken_is_a_retryable_conflict(qbo: Qbo) -> None:
    error = failure(qbo, 400, "fault_5010_stale.json")
    assert (error.kind, error.retryable) == (UpstreamKind.CONFLICT, True)


# -- the mapping rules on their own --------------------------------------------------------------


def test_fault_codes_read_json_xml_and_the_lower_case_401_shape() -> None:
    assert fault_codes(text("fault_3001_throttle.json")) == {3001}
    assert fault_codes(text("throttle_exceeded_429.xml")) == {3001}
    assert fault_codes(text("fault_401_authentication.json")) == {3200}
    assert fault_codes("<html>Bad gateway</html>") == set()
    assert fault_codes("[1, 2]") == set()


def test_status_alone_passes_ordinary_answers_to_the_fault_mapping() -> None:
    assert status_error(200, {}, "{}") is None
    assert status_error(400, {}, text("fault_2020_validation.json")) is None
    gateway = status_error(504, {}, "<html/>")
    assert gateway is not None
    assert (gateway.kind, gateway.retryable) == (UpstreamKind.SERVER, True)


@pytest.mark.parametrize(
    ("code", "throttle_text", "kind", "retryable"),
    [
        (3001, False, UpstreamKind.RATE_LIMITED, True),
        (10000, True, UpstreamKind.RATE_LIMITED, True),  # the XML body, seen by the library
        (10000, False, UpstreamKind.INVALID_RESPONSE, True),
        (5010, False, UpstreamKind.CONFLICT, True),
        (3200, False, UpstreamKind.AUTH, False),
        (2050, False, UpstreamKind.BAD_REQUEST, False),
        (610, False, UpstreamKind.BAD_REQUEST, False),
        (6000, False, UpstreamKind.BAD_REQUEST, False),
        (0, False, UpstreamKind.UNKNOWN, False),
    ],
)
def test_fault_codes_map_to_kinds(
    code: int, throttle_text: bool, kind: UpstreamKind, retryable: bool
) -> None:
    error = fault_error(code, auth=False, throttle_text=throttle_text, status=400)
    assert (error.kind, error.retryable) == (kind, retryable)
    if kind is UpstreamKind.RATE_LIMITED:
        assert error.retry_after_s is not None
        assert error.retry_after_s >= 60


def test_token_errors_never_echo_the_body() -> None:
    leaky = b'{"error":"invalid_request","error_description":"RT-original-0001 is bad"}'
    error = token_error(400, "tid-1", leaky)
    assert (error.kind, error.retryable) == (UpstreamKind.BAD_REQUEST, False)
    assert "invalid_request" in str(error)
    assert OLD_REFRESH not in str(error)
    odd = token_error(400, None, b'{"error":"<script>RT-original-0001</script>"}')
    assert OLD_REFRESH not in str(odd)
    assert token_error(503, None, b"").retryable
    assert token_error(429, None, b"").kind is UpstreamKind.RATE_LIMITED
