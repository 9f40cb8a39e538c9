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
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from postgrest import SyncPostgrestClient

from app.adapters.supabase_rules import _invalid, _rpc, _ts
from app.domain.memory_snapshots import MemorySnapshot
from app.errors import ItemNotFoundError


class SupabaseMemory:
    """``Store.save_memory`` / ``load_memory`` over ``memory_snapshots``."""

    def _rest(self, tenant: str | None) -> SyncPostgrestClient:
        raise NotImplementedError  # SupabaseStore's

    def _run(self, query: Any, *, unique_violation: Exception | None = None) -> object:
        raise NotImplementedError  # SupabaseStore's

    def _rows(
        self, query: Any, tenant: str | None, *, unique_violation: Exception | None = None
    ) -> list[Mapping[str, Any]]:
        raise NotImplementedError  # SupabaseStore's

    def save_memory(self, snapshot: MemorySnapshot) -> bool:
        args = {"p_tenant_id": snapshot.tenant, "p_review_seq": snapshot.position,
                "p_body": base64.b64encode(snapshot.body).decode("ascii"),
                "p_saved_at": _ts(snapshot.saved_at)}  # fmt: skip
        kept = self._run(_rpc(self._rest(snapshot.tenant), "tb_save_memory", args))
        if kept is None:
            raise ItemNotFoundError(f"no tenant {snapshot.tenant!r}")
        if not isinstance(kept, bool):
            raise _invalid("tb_save_memory")
        return kept

    def load_memory(self, tenant: str) -> MemorySnapshot | None:
        query = _rpc(self._rest(tenant), "tb_load_memory", {"p_tenant_id": tenant})
        rows = self._rows(query, tenant)
        if not rows:
            return None
        row = rows[0]
        try:
            return MemorySnapshot(tenant=tenant, position=int(row["review_seq"]),
                                  body=base64.b64decode(row["body"]),
                                  saved_at=datetime.fromisoformat(row["saved_at"]))  # fmt: skip
        except (KeyError, TypeError, ValueError, binascii.Error):
            raise _invalid("memory_snapshots row") from None
