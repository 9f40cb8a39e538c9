"""``POST /webhooks/quickbooks``: one endpoint for an Intuit app, every connected company.

Intuit gives an app one webhook URL and one verifier token for every QuickBooks company
connected to it, and one delivery can name several companies (realms). So the delivery is
verified with the app's token (``TIMEBILL_QBO_VERIFIER_TOKEN``, plus ``..._PREVIOUS`` during a
rotation), read, split by realm, and each part is committed to the inbox of the tenant that
connected that realm (``timebill qbo connect`` keeps the link: ``Store.link_realm``), then
enqueued. The events of a realm no tenant connected are kept in the store until one does
(``app.service.qbo_unrouted``: deduplicated, bounded, taken up by ``timebill qbo connect``), and
the realm is named in the answer, which is still 200: Intuit disables a webhook that keeps
failing, and that would stop every other tenant's events. Only a store that fails answers 503,
and then nothing of the delivery is acknowledged.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import SecretStr

from app.domain.inbox import SourceAccess
from app.service.intake import NotFound, Receipt, StoreUnavailable, commit, enqueue
from app.service.qbo_unrouted import keep
from app.sources import quickbooks_webhook as qbo

if TYPE_CHECKING:
    from app.ports import Queue, Store

log = logging.getLogger("timebill.intake")
_APP = "*"  # the app's access names no account: realms are routed, not checked


def app_access(token: SecretStr | None, previous: SecretStr | None) -> SourceAccess:
    """The app's verifier token(s) as a ``SourceAccess``; ``NotFound`` when none is set."""
    secrets = tuple(s for s in (token, previous) if s is not None and s.get_secret_value())
    if not secrets:
        raise NotFound("no QuickBooks app webhook is configured here")
    return SourceAccess(secrets=secrets, accounts=(_APP,))


def receive_quickbooks(
    store: Store, queue: Queue, *, access: SourceAccess, headers: Mapping[str, str],
    body: bytes, now: datetime,
) -> Receipt:  # fmt: skip
    """Verify with the app's token, split by realm, commit per tenant, enqueue, answer."""
    qbo.SOURCE.verify(headers, body, access)
    events = qbo.read_events(body, now)
    tenants, unknown = _route(store, {event.realm for event in events})
    # Every realm's items are built before any is committed: a refused event writes nothing.
    intakes = [
        (tenant, qbo.intake_of([e for e in events if e.realm == realm], tenant, now))
        for realm, tenant in sorted(tenants.items())
    ]
    created: list[str] = []
    duplicates: list[str] = []
    ignored: list[str] = []
    jobs: list[tuple[str, str]] = []
    for tenant, intake in intakes:
        new, repeated = commit(store, intake.items)
        created += new
        duplicates += repeated
        ignored += intake.ignored
        jobs += [(tenant, item_id) for item_id in new]
    kept, refused = keep(store, [e for e in events if e.realm in unknown], now)
    for tenant, item_id in jobs:
        enqueue(queue, tenant, [item_id])
    for realm in sorted(unknown):
        log.warning("QuickBooks events for realm %s, which no tenant connected: kept", realm)
    answer = {"accepted": len(created), "duplicates": len(duplicates), "kept": kept,
              "ignored": ignored + refused, "unknown_realms": sorted(unknown)}  # fmt: skip
    return Receipt(200, answer, created, duplicates)


def _route(store: Store, realms: set[str]) -> tuple[dict[str, str], set[str]]:
    """realm -> tenant for the connected realms, and the realms nobody connected."""
    tenants: dict[str, str] = {}
    unknown: set[str] = set()
    try:
        for realm in realms:
            tenant = store.tenant_for_realm(realm)
            if tenant is None:
                unknown.add(realm)
            else:
                tenants[realm] = tenant
    except Exception as exc:
        log.exception("store unavailable while routing QuickBooks realms")
        raise StoreUnavailable("store unavailable, retry later") from exc
    return tenants, unknown
