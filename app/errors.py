"""Errors timebill raises on purpose, so callers never catch a vendor SDK's exception types.

Messages name the system, the kind of failure and ids useful to support (status, request id).
They never carry secrets, prompts, entry text or response bodies: an error travels into logs,
the decision record and HTTP responses, where none of those may appear.
"""

from __future__ import annotations

from enum import StrEnum


def first_line(exc: BaseException) -> str:
    """The first line of an exception's text (pydantic and YAML errors run to many), or its
    type's name when it has none: for a one-line message to a person."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class TimebillError(Exception):
    """Base of every error timebill raises on purpose."""


class ConfigError(TimebillError):
    """The settings ask for something this installation cannot do (a missing extra, a key)."""


class UpstreamKind(StrEnum):
    """Why a call to an outside system failed, in terms a retry policy can act on."""

    RATE_LIMITED = "rate_limited"
    OVERLOADED = "overloaded"
    SPEND_LIMIT = "spend_limit"
    TIMEOUT = "timeout"
    CONNECTION = "connection"
    AUTH = "auth"
    BAD_REQUEST = "bad_request"
    MAPPING = "mapping_missing"  # no record mapped for a client, person or code: a person fixes it
    CONFLICT = "conflict"  # the record changed under us (QuickBooks stale SyncToken, 5010)
    GONE = "gone"  # the tracker entry written back to was deleted there: its delete ends it
    SERVER = "server"
    INVALID_RESPONSE = "invalid_response"
    UNKNOWN = "unknown"


class UpstreamError(TimebillError):
    """An outside system (``anthropic``, ``quickbooks``, ``supabase`` ...) failed a call.

    ``retryable`` says whether the same call may succeed later (rate limit, overload, outage),
    as opposed to failing until a person acts (spend cap reached, bad key, bad request).
    """

    def __init__(
        self,
        system: str,
        kind: UpstreamKind,
        *,
        retryable: bool,
        message: str,
        status: int | None = None,
        request_id: str | None = None,
        retry_after_s: float | None = None,
    ) -> None:
        super().__init__(f"{system} {kind.value}: {message}")
        self.system = system
        self.kind = kind
        self.retryable = retryable
        self.message = message
        self.status = status
        self.request_id = request_id
        self.retry_after_s = retry_after_s


class ItemNotFoundError(LookupError):
    """A store was asked to change an item that does not exist for that tenant."""


class WriteConflictError(ValueError):
    """``record_write`` named an external record already recorded for another write."""


class ReviewConflictError(TimebillError):
    """A person's action on an entry that is no longer in the state they saw: someone decided
    it first (``by`` at ``at``), or it changed. Nothing was written."""

    def __init__(self, message: str, *, by: str | None = None, at: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.by = by
        self.at = at


class InvoicedError(UpstreamError):
    """The record is already invoiced (QuickBooks ``HasBeenBilled``, or linked to an invoice):
    it is left as billed, and ``difference`` says what the source changed since."""

    def __init__(self, system: str, record_id: str, difference: str) -> None:
        super().__init__(
            system, UpstreamKind.CONFLICT, retryable=False,
            message=f"record {record_id} is already invoiced: left unchanged ({difference})",
        )  # fmt: skip
        self.record_id = record_id
        self.difference = difference
