"""The Supabase ``Store``'s calls over ``qbo_unrouted`` (``infra/migrations/0010_unrouted_realms
.sql``): QuickBooks events for companies no tenant connected yet.

A mixin of ``SupabaseStore`` (it lends ``_rest``, ``_run`` and ``_rows``). Every call runs as
the sweeper role (``_rest(None)``), the only role the table's policy admits: the rows are not
any tenant's, and a tenant's JWT can neither read nor change them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import ValidationError

from app.adapters.supabase_calls import StoreCalls, invalid_response, rpc, timestamp

if TYPE_CHECKING:  # loaded where used: the webhook's cold path needs none of these
    from app.domain.unrouted import UnroutedEvent, UnroutedRealm

_COLUMNS = "realm_id,dedupe_key,body,received_at"


class SupabaseUnrouted(StoreCalls):
    """``Store`` methods over ``qbo_unrouted``."""

    def keep_unrouted(self, event: UnroutedEvent) -> bool:
        args = {"p_realm_id": event.realm, "p_dedupe_key": event.dedupe_key,
                "p_body": event.body, "p_received_at": timestamp(event.received_at)}  # fmt: skip
        kept = self._run(rpc(self._rest(None), "tb_keep_unrouted", args))
        if not isinstance(kept, bool):
            raise invalid_response("tb_keep_unrouted")
        return kept

    def unrouted(self, realm: str) -> list[UnroutedEvent]:
        from app.domain.unrouted import UnroutedEvent  # noqa: PLC0415 - off the cold path

        query = self._rest(None).table("qbo_unrouted").select(_COLUMNS).eq("realm_id", realm)
        query = query.order("received_at").order("dedupe_key")
        rows = self._rows(query, None)
        try:
            return [UnroutedEvent.model_validate({**row, "realm": row.get("realm_id")})
                    for row in rows]  # fmt: skip
        except ValidationError:
            raise invalid_response("qbo_unrouted row") from None

    def drop_unrouted(self, realm: str, dedupe_keys: Sequence[str]) -> int:
        args = {"p_realm_id": realm, "p_dedupe_keys": list(dedupe_keys)}
        dropped = self._run(rpc(self._rest(None), "tb_drop_unrouted", args))
        if not isinstance(dropped, int):
            raise invalid_response("tb_drop_unrouted")
        return dropped

    def unrouted_realms(self) -> list[UnroutedRealm]:
        from app.domain.unrouted import UnroutedRealm  # noqa: PLC0415 - off the cold path

        rows = self._rows(rpc(self._rest(None), "tb_unrouted_realms", {}), None)
        try:
            return [UnroutedRealm.model_validate(dict(row)) for row in rows]
        except ValidationError:
            raise invalid_response("tb_unrouted_realms") from None
