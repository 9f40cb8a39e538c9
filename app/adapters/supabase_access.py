"""The Supabase ``Store``'s access calls (``infra/migrations/0009_access.sql``): which tenant
connected each QuickBooks company, single-use sign-in tokens, review sessions.

A mixin of ``SupabaseStore`` (it lends ``_rest``, ``_run`` and ``_rows``), kept apart so the
store module stays readable. Every call is one SQL function, atomic in the database; only
``tenant_for_realm`` runs across tenants, as the sweeper role, and answers a tenant id only.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import ValidationError

from app.adapters.supabase_calls import StoreCalls, invalid_response, rpc, timestamp
from app.errors import ItemNotFoundError, WriteConflictError

if TYPE_CHECKING:  # loaded where used: the webhook's cold path needs none of these
    from app.domain.reviews import Reviewer, ReviewSession


class SupabaseAccess(StoreCalls):
    """``Store`` methods over ``qbo_realms``, ``reviewers.token_used_at``, ``review_sessions``."""

    def _call(self, tenant: str | None, function: str, **args: object) -> object:
        return self._run(rpc(self._rest(tenant), function, args))

    # -- sign-in tokens and sessions -------------------------------------------------------

    def redeem_token(
        self, tenant: str, token_hash: str, *, now: datetime, issued_after: datetime
    ) -> Reviewer | None:
        from app.domain.reviews import Reviewer  # noqa: PLC0415 - off the cold path

        args = {"p_tenant_id": tenant, "p_token_hash": token_hash, "p_now": timestamp(now),
                "p_issued_after": timestamp(issued_after)}  # fmt: skip
        rows = self._rows(rpc(self._rest(tenant), "tb_redeem_token", args), tenant)
        if not rows:
            return None
        row = {k: rows[0].get(k) for k in ("name", "token_hash", "created_at", "disabled")}
        try:
            return Reviewer.model_validate({**row, "tenant": tenant})
        except ValidationError:
            raise invalid_response("tb_redeem_token") from None

    def disable_reviewer(self, tenant: str, name: str) -> bool:
        return self._call(tenant, "tb_disable_reviewer", p_tenant_id=tenant, p_name=name) is True

    def start_session(self, session: ReviewSession) -> None:
        args = {"p_tenant_id": session.tenant, "p_id": session.id, "p_reviewer": session.reviewer,
                "p_via": session.via, "p_created_at": timestamp(session.created_at),
                "p_expires_at": timestamp(session.expires_at)}  # fmt: skip
        if self._call(session.tenant, "tb_start_session", **args) is not True:
            raise invalid_response("tb_start_session")

    def session_active(self, tenant: str, session_id: str, *, now: datetime) -> bool:
        found = self._call(tenant, "tb_session_active", p_tenant_id=tenant, p_id=session_id,
                           p_now=timestamp(now))  # fmt: skip
        return found is True

    def end_session(self, tenant: str, session_id: str, *, now: datetime) -> None:
        self._call(
            tenant, "tb_end_session", p_tenant_id=tenant, p_id=session_id, p_now=timestamp(now)
        )

    # -- QuickBooks companies ----------------------------------------------------------------

    def link_realm(self, tenant: str, realm: str, *, now: datetime) -> None:
        args = {"p_tenant_id": tenant, "p_realm_id": realm, "p_now": timestamp(now)}
        conflict = WriteConflictError(f"QuickBooks company {realm} is connected to another tenant")
        found = self._run(rpc(self._rest(tenant), "tb_link_realm", args), unique_violation=conflict)
        if found is None:
            raise ItemNotFoundError(f"no tenant {tenant!r}")
        if found != tenant:
            raise invalid_response("tb_link_realm")

    def tenant_for_realm(self, realm: str) -> str | None:
        found = self._call(None, "tb_tenant_for_realm", p_realm_id=realm)
        if found is not None and not isinstance(found, str):
            raise invalid_response("tb_tenant_for_realm")
        return found
