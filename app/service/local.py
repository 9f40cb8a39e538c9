"""The local service for a new user: a demo tenant, replay of dead letters, listings."""

from __future__ import annotations

import secrets
import zlib
from datetime import UTC, datetime

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
    # The demo company's QuickBooks events reach the demo tenant through the app's one URL.
    store.link_realm(DEMO_TENANT, DEMO_ACCOUNTS[Source.QUICKBOOKS], now=datetime.now(UTC))
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


DEMO_CLOCKIFY_USER = "6702a1c4e2b9f43d1a5c7e10"  # mapped to a role in sow_rules/_firm.yaml


def sample_entry(source: Source, description: str | None) -> dict[str, object]:
    """What ``send-sample`` sends: the demo entry, one entry per text (another text is another
    entry, not an edit of the previous sample)."""
    fields = demo_entry(source, description)
    if description is None:
        return fields
    number = zlib.crc32(description.encode())
    return fields | {"id": f"{number:024x}" if source is Source.CLOCKIFY else number}


def demo_entry(source: Source, description: str | None) -> dict[str, object]:
    """Sample-entry fields that make sense for the demo firm (a Northwind job, two hours).

    Toggl sends project ids, not names: the demo rules list Northwind's Toggl project id
    (193456789) under ``client.projects``, as a firm's rules do for its Toggl projects.
    """
    text = description or "drive to Stockton depot for mock audit"
    if source is Source.CLOCKIFY:
        return {
            "description": text,
            "userId": DEMO_CLOCKIFY_USER,
            "user": {"id": DEMO_CLOCKIFY_USER, "name": "Diego Alvarez", "status": "ACTIVE"},
            "project": {
                "id": "nwf-dot", "name": "Northwind - DOT Compliance", "clientId": "nwf",
                "clientName": "Northwind Freight", "billable": True,
            },
            "timeInterval": {
                "start": "2026-10-14T15:00:00Z", "end": "2026-10-14T17:00:00Z",
                "duration": "PT2H", "timeZone": "America/Los_Angeles", "offsetStart": -25200,
                "offsetEnd": -25200, "zonedStart": "2026-10-14T08:00:00",
                "zonedEnd": "2026-10-14T10:00:00",
            },
        }  # fmt: skip
    if source is Source.TOGGL:  # project 193456789 is Northwind's Toggl project in the rules
        return {
            "description": text,
            "start": "2026-10-14T15:00:00Z", "stop": "2026-10-14T17:00:00Z",
            "duration": 7200, "project_id": 193456789,
        }  # fmt: skip
    return {}
