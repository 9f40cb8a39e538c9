"""The Supabase store's memory snapshots (``infra/migrations/0013_memory_snapshots.sql``): per
tenant, the memory its reviews taught and the review log position it was learned up to.

A mixin of ``SupabaseStore`` (it lends ``_rest``, ``_run`` and ``_rows``). Each call runs with
the tenant's JWT, so RLS lets a tenant's worker read and write its own snapshot only. The body
crosses PostgREST as base64 text (JSON has no bytes); a save is one conditional upsert in
``tb_save_memory``: the later position is kept whatever order writers commit in.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime

from app.adapters.supabase_calls import StoreCalls, invalid_response, rpc, timestamp
from app.domain.memory_snapshots import MemorySnapshot
from app.errors import ItemNotFoundError


class SupabaseMemory(StoreCalls):
    """``Store.save_memory`` / ``load_memory`` over ``memory_snapshots``."""

    def save_memory(self, snapshot: MemorySnapshot) -> bool:
        args = {"p_tenant_id": snapshot.tenant, "p_review_seq": snapshot.position,
                "p_body": base64.b64encode(snapshot.body).decode("ascii"),
                "p_saved_at": timestamp(snapshot.saved_at)}  # fmt: skip
        kept = self._run(rpc(self._rest(snapshot.tenant), "tb_save_memory", args))
        if kept is None:
            raise ItemNotFoundError(f"no tenant {snapshot.tenant!r}")
        if not isinstance(kept, bool):
            raise invalid_response("tb_save_memory")
        return kept

    def load_memory(self, tenant: str) -> MemorySnapshot | None:
        query = rpc(self._rest(tenant), "tb_load_memory", {"p_tenant_id": tenant})
        rows = self._rows(query, tenant)
        if not rows:
            return None
        row = rows[0]
        try:
            return MemorySnapshot(tenant=tenant, position=int(row["review_seq"]),
                                  body=base64.b64decode(row["body"]),
                                  saved_at=datetime.fromisoformat(row["saved_at"]))  # fmt: skip
        except (KeyError, TypeError, ValueError, binascii.Error):
            raise invalid_response("memory_snapshots row") from None
