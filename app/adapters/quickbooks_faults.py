"""How QuickBooks Online and Intuit OAuth failures become ``UpstreamError``: pure functions.

``quickbooks_client`` feeds these with what it reads off the SDK's responses and exceptions;
nothing here imports the SDKs, so every rule is testable on its own. The rules:

- Throttling in all its forms is ``RATE_LIMITED``, retryable, ``retry_after_s`` >= 60 (Intuit:
  wait 60 s): HTTP 429 with a JSON fault 3001, HTTP 429 with an XML ``ThrottleExceeded`` body,
  HTTP 403 with either body, and fault 3001 however it arrives.
- 401, and 403 without a throttle body, are ``AUTH``; the caller refreshes once on a 401.
- 5xx (and 408) are ``SERVER``, retryable. Fault 5010 (stale ``SyncToken``) is ``CONFLICT``,
  retryable by re-reading. Other faults (validation 2000-4999, 610 not found, 6000 business
  rules) are ``BAD_REQUEST`` and final.
- Messages carry the status, fault code and OAuth error code only: never a body, a token or a
  secret. Intuit's ``intuit_tid`` response header travels as ``request_id`` for support.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

import requests

from app.adapters.quickbooks_tokens import InvalidGrantError
from app.errors import UpstreamError, UpstreamKind

SYSTEM = "quickbooks"
THROTTLE_WAIT_S = 60.0
THROTTLE_FAULT = 3001
STALE_FAULT = 5010
NOT_FOUND_FAULT = 610  # "Object Not Found": deleted in QuickBooks, or never there
UNREADABLE_FAULT = 10000  # python-quickbooks' code for a body that is not JSON
_AUTH_FAULTS = frozenset({3100, 3200})  # ApplicationAuthorizationFailed, AuthenticationFailed


def status_error(status: int, headers: Mapping[str, str], text: str) -> UpstreamError | None:
    """The failure an HTTP status alone decides (throttling, auth, outage), else ``None``."""
    tid = headers.get("intuit_tid")
    if status == 429 or (status == 403 and throttled(text)):
        return rate_limited(status, tid, headers.get("Retry-After"))
    if status in (401, 403):
        kind, retryable = UpstreamKind.AUTH, False
    elif status >= 500 or status == 408:
        kind, retryable = UpstreamKind.SERVER, True
    else:
        return None
    return UpstreamError(
        SYSTEM, kind, retryable=retryable, message=f"HTTP {status}", status=status, request_id=tid
    )


def fault_error(
    code: int, *, auth: bool, throttle_text: bool, status: int | None = None
) -> UpstreamError:
    """A fault the library raised (``auth``: it chose its authorisation class)."""
    if code == THROTTLE_FAULT or (code == UNREADABLE_FAULT and throttle_text):
        return rate_limited(status, None, None)
    if code == STALE_FAULT:
        kind, retryable, label = UpstreamKind.CONFLICT, True, "stale SyncToken (fault 5010)"
    elif auth or code in _AUTH_FAULTS:
        kind, retryable, label = UpstreamKind.AUTH, False, f"not authorised (fault {code})"
    elif code == UNREADABLE_FAULT:
        kind, retryable, label = UpstreamKind.INVALID_RESPONSE, True, "unreadable response"
    elif code == NOT_FOUND_FAULT:
        kind, retryable, label = UpstreamKind.BAD_REQUEST, False, f"not found (fault {code})"
    elif code:
        kind, retryable, label = UpstreamKind.BAD_REQUEST, False, f"rejected (fault {code})"
    else:
        kind, retryable, label = UpstreamKind.UNKNOWN, False, "client error"
    return UpstreamError(SYSTEM, kind, retryable=retryable, message=label, status=status)


def token_error(
    status: int, tid: str | None, content: bytes | str | None, *, what: str = "token endpoint"
) -> UpstreamError:
    """A failed call to Intuit's OAuth endpoints; ``invalid_grant`` is ``InvalidGrantError``."""
    error = oauth_error(content)
    if error == "invalid_grant":
        return InvalidGrantError()
    if status == 429:
        return rate_limited(status, tid, None)
    if status >= 500:
        kind, retryable = UpstreamKind.SERVER, True
    elif status in (401, 403) or error == "invalid_client":
        kind, retryable = UpstreamKind.AUTH, False
    else:
        kind, retryable = UpstreamKind.BAD_REQUEST, False
    label = f"{what}: HTTP {status}" + (f" ({error})" if error else "")
    return UpstreamError(
        SYSTEM, kind, retryable=retryable, message=label, status=status, request_id=tid
    )


def transport_error(exc: requests.RequestException) -> UpstreamError:
    if isinstance(exc, requests.Timeout):
        return UpstreamError(SYSTEM, UpstreamKind.TIMEOUT, retryable=True, message="timed out")
    return UpstreamError(
        SYSTEM, UpstreamKind.CONNECTION, retryable=True, message="connection failed"
    )


def rate_limited(status: int | None, tid: str | None, retry_after: str | None) -> UpstreamError:
    wait = THROTTLE_WAIT_S
    if retry_after and retry_after.strip().isdigit():
        wait = max(wait, float(retry_after))
    return UpstreamError(
        SYSTEM, UpstreamKind.RATE_LIMITED, retryable=True, status=status, request_id=tid,
        retry_after_s=wait, message=f"throttled (HTTP {status or '?'}, fault 3001)",
    )  # fmt: skip


def throttled(text: str) -> bool:
    return "ThrottleExceeded" in text or THROTTLE_FAULT in fault_codes(text)


def fault_codes(text: str) -> set[int]:
    """The ``Fault.Error[].code`` values of a JSON or XML QBO body."""
    try:
        body = json.loads(text)
    except ValueError:
        return {int(c) for c in re.findall(r'<Error\b[^>]*\bcode="(\d{1,9})"', text)}
    if not isinstance(body, dict):
        return set()
    fault = body.get("Fault") or body.get("fault") or {}  # the 401 body spells it in lower case
    errors = (fault.get("Error") or fault.get("error") or []) if isinstance(fault, dict) else []
    codes = (str(e.get("code", "")) for e in errors if isinstance(e, dict))
    return {int(c) for c in codes if c.isdigit() and len(c) < 10}


def oauth_error(content: bytes | str | None) -> str:
    """The OAuth ``error`` code of a token-endpoint body, if it is a plain identifier."""
    try:
        error = json.loads(content or b"{}").get("error", "")
    except (ValueError, AttributeError):
        return ""
    return error if isinstance(error, str) and re.fullmatch(r"[a-z_]{1,40}", error) else ""
