"""What the Supabase store's modules share: the calls its table mixins borrow from
``SupabaseStore`` (``StoreCalls``), an RPC built from plain arguments, timestamps as PostgREST
takes them, and the error for an answer of the wrong shape."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Protocol, cast

from postgrest import APIResponse, SyncPostgrestClient

from app.errors import UpstreamError, UpstreamKind

SYSTEM = "supabase"


class Query(Protocol):
    def execute(self) -> APIResponse: ...


class StoreCalls:
    """The base of ``SupabaseStore``'s table mixins (access, rules, unrouted events, memory):
    the store lends its client per tenant and its error handling; the mixins only call them."""

    def _rest(self, tenant: str | None) -> SyncPostgrestClient:
        raise NotImplementedError  # SupabaseStore's

    def _run(self, query: Query, *, unique_violation: Exception | None = None) -> object:
        raise NotImplementedError  # SupabaseStore's

    def _rows(
        self, query: Query, tenant: str | None, *, unique_violation: Exception | None = None
    ) -> list[Mapping[str, Any]]:
        raise NotImplementedError  # SupabaseStore's


def rpc(rest: SyncPostgrestClient, function: str, args: Mapping[str, object]) -> Query:
    # postgrest-py annotates the arguments as dict[str, str]; any JSON value is sent as is.
    return rest.rpc(function, cast("dict[str, str]", dict(args)))


def timestamp(value: datetime) -> str:
    """The instant in UTC: PostgreSQL reads no offset past +/-15:59 and none with a fraction of
    a second, both of which a ``datetime`` may carry (SQLite's store keeps UTC too)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("SupabaseStore needs timezone-aware datetimes")
    return value.astimezone(UTC).isoformat()


def invalid_response(what: str) -> UpstreamError:
    return UpstreamError(
        SYSTEM, UpstreamKind.INVALID_RESPONSE, retryable=False, message=f"unexpected {what}"
    )
