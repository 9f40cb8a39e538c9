"""The Supabase store's running totals (``infra/migrations/0016_tallies.sql``): what each entry
adds to each total, and the totals, moved together by ``tb_tally`` in one transaction.

A mixin of ``SupabaseStore`` (it lends ``_rest`` and ``_run``). Each call runs with the tenant's
JWT, so RLS keeps a tenant's totals its own. Amounts cross PostgREST as decimal text both ways
(JSON numbers would go through floats).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from app.adapters.supabase_calls import StoreCalls, invalid_response, rpc
from app.errors import ItemNotFoundError


class SupabaseTallies(StoreCalls):
    """``Store.tally`` over ``tally_parts`` and ``tally_totals``."""

    def tally(
        self, tenant: str, entry_key: str, counts: Mapping[str, Decimal]
    ) -> dict[str, Decimal]:
        args = {"p_tenant_id": tenant, "p_entry_key": entry_key,
                "p_counts": {key: str(value) for key, value in counts.items()}}  # fmt: skip
        kept = self._run(rpc(self._rest(tenant), "tb_tally", args))
        if kept is None:
            raise ItemNotFoundError(f"no tenant {tenant!r}")
        if not isinstance(kept, dict):
            raise invalid_response("tb_tally")
        try:
            return {str(key): Decimal(str(total)) for key, total in kept.items()}
        except InvalidOperation:
            raise invalid_response("tb_tally total") from None
