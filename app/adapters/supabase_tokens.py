"""``TokenStore`` on Supabase: QuickBooks tokens and the refresh lease in ``timebill.qbo_tokens``.

The deployed workers are Lambdas without a durable disk, and Intuit rotates refresh tokens on
every refresh: the newest one must outlive the process. Here it lives in Postgres, reached the
same way as ``SupabaseStore`` (``supabase_store.TenantSessions``: a short JWT per tenant as
``timebill_worker``, RLS admitting that tenant's rows only, SQL functions through ``.rpc``).

``try_lease`` is one UPDATE whose WHERE requires the lease to be free (``tb_qbo_try_lease`` in
``infra/migrations/0005_qbo_tokens.sql``), so two Lambdas can never both hold it. Unlike the
SQLite store, a realm without stored tokens cannot be leased (there is nothing to refresh);
``TokenManager`` never asks for one. No QuickBooks SDK is imported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Self

from pydantic import BaseModel, ValidationError

from app.adapters.quickbooks_tokens import ConnectionStatus, RealmTokens
from app.adapters.supabase_calls import invalid_response, rpc
from app.adapters.supabase_store import TenantSessions
from app.config import Settings


class _Row(BaseModel):
    tenant_id: str
    realm: str
    refresh_token: str
    access_token: str | None = None
    access_expires_at: datetime | None = None
    refresh_expires_at: datetime | None = None
    status: ConnectionStatus
    updated_at: datetime | None = None


class SupabaseTokenStore:
    """Thread-safe; ``close()`` releases the HTTP connections."""

    def __init__(self, sessions: TenantSessions) -> None:
        self._api = sessions

    @classmethod
    def from_settings(cls, settings: Settings) -> SupabaseTokenStore:
        return cls(TenantSessions.from_settings(settings))

    def close(self) -> None:
        self._api.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, tenant: str, realm: str) -> RealmTokens | None:
        args = {"p_tenant_id": tenant, "p_realm": realm}
        rows = self._api.rows(rpc(self._api.rest(tenant), "tb_qbo_get", args), tenant)
        if not rows:
            return None
        if len(rows) != 1 or rows[0].get("realm") != realm:
            raise invalid_response("tb_qbo_get")
        return _tokens(rows[0])

    def put(self, tokens: RealmTokens) -> None:
        args = {
            "p_tenant_id": tokens.tenant, "p_realm": tokens.realm,
            "p_refresh_token": tokens.refresh_token, "p_access_token": tokens.access_token,
            "p_access_expires_at": _ts(tokens.access_expires_at),
            "p_refresh_expires_at": _ts(tokens.refresh_expires_at),
            "p_status": tokens.status.value, "p_updated_at": _ts(tokens.updated_at),
        }  # fmt: skip
        if self._api.run(rpc(self._api.rest(tokens.tenant), "tb_qbo_put", args)) is not True:
            raise invalid_response("tb_qbo_put")

    def try_lease(
        self, tenant: str, realm: str, *, holder: str, now: datetime, lease_s: float
    ) -> bool:
        args = {"p_tenant_id": tenant, "p_realm": realm, "p_holder": holder,
                "p_now": _ts(now), "p_lease_s": lease_s}  # fmt: skip
        taken = self._api.run(rpc(self._api.rest(tenant), "tb_qbo_try_lease", args))
        if not isinstance(taken, bool):
            raise invalid_response("tb_qbo_try_lease")
        return taken

    def release(self, tenant: str, realm: str, *, holder: str) -> None:
        args = {"p_tenant_id": tenant, "p_realm": realm, "p_holder": holder}
        self._api.run(rpc(self._api.rest(tenant), "tb_qbo_release", args))


def _ts(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("SupabaseTokenStore needs timezone-aware datetimes")
    return value.astimezone(UTC).isoformat()  # as ``supabase_calls.timestamp``


def _tokens(row: Mapping[str, Any]) -> RealmTokens:
    try:
        found = _Row.model_validate(row)
    except ValidationError:  # the row holds tokens: never echo it
        raise invalid_response("stored QuickBooks tokens") from None
    return RealmTokens(
        tenant=found.tenant_id, realm=found.realm, refresh_token=found.refresh_token,
        access_token=found.access_token, access_expires_at=found.access_expires_at,
        refresh_expires_at=found.refresh_expires_at, status=found.status,
        updated_at=found.updated_at,
    )  # fmt: skip
