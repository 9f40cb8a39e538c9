"""The Supabase store's rules calls (``infra/migrations/0011_rules_store.sql``; 0015 added
each version's ``calibration``, 0017 its ``book``): every approved rules set of a tenant and
the one in force.

A mixin of ``SupabaseStore`` (it lends ``_rest``, ``_run`` and ``_rows``). Every call runs
with the tenant's JWT, so RLS lets a tenant's worker read and write its own rules only. A
publish and a rollback are one SQL function each: the row and the pointer commit together.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from app.adapters.supabase_calls import StoreCalls, invalid_response, rpc, timestamp
from app.errors import ItemNotFoundError, WriteConflictError

if TYPE_CHECKING:  # loaded where used: the webhook's cold path needs none of these
    from app.domain.rules_versions import (
        NewRulesVersion,
        ProposedRule,
        RulesPointer,
        RulesVersion,
    )

_LISTED = "tenant_id,number,files,approved_by,approved_at,source,backtest,calibration"
_COLUMNS = f"{_LISTED},book"
_POINTER = "tenant_id,number,switched_by,switched_at"
_PROPOSED = "tenant_id,rule_id,rules_file,rule,proposed_at"


class SupabaseRules(StoreCalls):
    """``RulesStore`` over ``rules_versions`` and ``rules_current``."""

    def current_rules(self, tenant: str) -> RulesPointer | None:
        from app.domain.rules_versions import RulesPointer  # noqa: PLC0415 - off the cold path

        query = self._rest(tenant).table("rules_current").select(_POINTER)
        rows = self._rows(query.eq("tenant_id", tenant).limit(1), tenant)
        if not rows:
            return None
        try:
            return RulesPointer.model_validate({**rows[0], "tenant": tenant})
        except ValidationError:
            raise invalid_response("rules_current row") from None

    def rules_version(self, tenant: str, number: int) -> RulesVersion | None:
        query = self._rest(tenant).table("rules_versions").select(_COLUMNS)
        rows = self._rows(query.eq("tenant_id", tenant).eq("number", number).limit(1), tenant)
        return _version(rows[0], tenant) if rows else None

    def rules_history(self, tenant: str) -> list[RulesVersion]:
        query = self._rest(tenant).table("rules_versions").select(_LISTED)
        rows = self._rows(query.eq("tenant_id", tenant).order("number"), tenant)
        # Rows with no number predate 0011 (never written by timebill): not versions.
        return [_version(row, tenant) for row in rows if row.get("number") is not None]

    def add_rules_version(self, version: NewRulesVersion, *, based_on: int | None) -> RulesVersion:
        from app.domain.rules_versions import RulesVersion, version_id  # noqa: PLC0415 - off the cold path

        tenant = version.tenant
        approved_at = timestamp(version.approved_at)
        args = {"p_tenant_id": tenant, "p_files": version.files, "p_sha256": version.sha256,
                "p_approved_by": version.approved_by, "p_approved_at": approved_at,
                "p_source": version.source, "p_backtest": version.backtest,
                "p_based_on": based_on,
                "p_calibration": version.calibration.model_dump(mode="json")
                if version.calibration else None, "p_book": version.book}  # fmt: skip
        number = self._run(rpc(self._rest(tenant), "tb_add_rules_version", args))
        if number is None:
            raise ItemNotFoundError(f"no tenant {tenant!r}")
        if number == 0:
            current = self.current_rules(tenant)
            in_force = version_id(current.number) if current else "none"
            made_from = version_id(based_on) if based_on else "none"
            raise WriteConflictError(
                f"tenant {tenant!r}: rules {in_force} became current while this change was "
                f"made from {made_from}: make it again from the current version"
            )
        if not isinstance(number, int) or number < 1:
            raise invalid_response("tb_add_rules_version")
        return RulesVersion(**version.model_dump(), number=number)

    def keep_rules_book(self, tenant: str, number: int, book: dict[str, Any]) -> bool:
        args = {"p_tenant_id": tenant, "p_number": number, "p_book": book}
        return self._run(rpc(self._rest(tenant), "tb_keep_rules_book", args)) is True

    def switch_rules(self, tenant: str, number: int, *, by: str, now: datetime) -> RulesPointer:
        from app.domain.rules_versions import RulesPointer, version_id  # noqa: PLC0415 - off the cold path

        args = {"p_tenant_id": tenant, "p_number": number, "p_by": by, "p_now": timestamp(now)}
        done = self._run(rpc(self._rest(tenant), "tb_switch_rules", args))
        if done is False:
            raise ItemNotFoundError(f"tenant {tenant!r} has no rules {version_id(number)}")
        if done is not True:  # the call may have been applied: never "no such version"
            raise invalid_response("tb_switch_rules")
        return RulesPointer(tenant=tenant, number=number, switched_by=by, switched_at=now)

    def propose_rule(self, proposed: ProposedRule) -> bool:
        args = {"p_tenant_id": proposed.tenant, "p_rule_id": proposed.rule_id,
                "p_rules_file": proposed.rules_file, "p_rule": proposed.rule,
                "p_proposed_at": timestamp(proposed.proposed_at)}  # fmt: skip
        kept = self._run(rpc(self._rest(proposed.tenant), "tb_propose_rule", args))
        if kept is None:
            raise ItemNotFoundError(f"no tenant {proposed.tenant!r}")
        if not isinstance(kept, bool):
            raise invalid_response("tb_propose_rule")
        return kept

    def proposed_rules(self, tenant: str) -> list[ProposedRule]:
        from app.domain.rules_versions import ProposedRule  # noqa: PLC0415 - off the cold path

        query = self._rest(tenant).table("rules_proposed").select(_PROPOSED)
        query = query.eq("tenant_id", tenant).is_("closed_at", "null")
        query = query.order("proposed_at").order("rule_id")
        try:
            return [ProposedRule.model_validate({**row, "tenant": tenant})
                    for row in self._rows(query, tenant)]  # fmt: skip
        except ValidationError:
            raise invalid_response("rules_proposed row") from None

    def close_proposed_rule(self, tenant: str, rule_id: str, *, now: datetime) -> bool:
        args = {"p_tenant_id": tenant, "p_rule_id": rule_id, "p_now": timestamp(now)}
        return self._run(rpc(self._rest(tenant), "tb_close_proposed_rule", args)) is True


def _version(row: Mapping[str, Any], tenant: str) -> RulesVersion:
    from app.domain.rules_versions import RulesVersion  # noqa: PLC0415 - off the cold path

    if row.get("tenant_id") != tenant:  # defence in depth: another tenant's row is a broken server
        raise invalid_response("rules_versions row of another tenant")
    try:
        return RulesVersion.model_validate({**row, "tenant": tenant})
    except ValidationError:
        raise invalid_response("rules_versions row") from None
