"""The local service for a new user: a demo tenant, replay of dead letters, listings."""

from __future__ import annotations

import secrets
from datetime import datetime

from pydantic import SecretStr

from app.domain.entries import Source
from app.domain.inbox import InboxItem, SourceAccess, Status, Tenant
from app.ports import Store

DEMO_TENANT = "demo"
DEMO_ACCOUNTS = {
    Source.CLOCKIFY: "demo-clockify-workspace",
    Source.TOGGL: "4242",
    Source.QUICKBOOKS: "9130350000000000",
}


def ensure_demo_tenant(store: Store) -> Tenant:
    """The demo tenant, created on first use with fresh random webhook secrets.

    The secrets live only in the local store; ``timebill send-sample`` reads them from there.
    """
    found = store.get_tenant(DEMO_TENANT)
    if found is not None:
        return found
    tenant = Tenant(
        id=DEMO_TENANT,
        name="Kestrel Ridge Advisory (demo)",
        sources={
            source: SourceAccess(secrets=(SecretStr(secrets.token_hex(24)),), accounts=(account,))
            for source, account in DEMO_ACCOUNTS.items()
        },
    )
    store.put_tenant(tenant)
    return tenant


class ReplayError(ValueError):
    pass


REPLAYABLE = frozenset({Status.DEAD_LETTER, Status.WAITING, Status.RETRYING})


def reopen(store: Store, tenant: str, item_id: str, *, now: datetime) -> InboxItem:
    """Put a dead-lettered, waiting or retrying item back to ``received`` for one more try."""
    item = store.get(tenant, item_id)
    if item is None:
        raise ReplayError(f"no item {item_id} for tenant {tenant}")
    if item.status not in REPLAYABLE:
        allowed = ", ".join(sorted(s.value for s in REPLAYABLE))
        raise ReplayError(f"item {item_id} is {item.status.value}; only {allowed} items replay")
    store.finish(tenant, item_id, Status.RECEIVED, now=now, error=None)
    return item
