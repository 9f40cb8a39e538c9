"""QuickBooks events for a company no tenant connected yet: kept, then taken up at connect.

The app-level webhook (``app.service.qbo_intake``) keeps each such event in the store
(``Store.keep_unrouted``: deduplicated by its dedupe key, bounded per realm, committed before
the 200; a store failure is ``StoreUnavailable``, a 503, so Intuit retries). When ``timebill
qbo connect`` links the company to a tenant, ``take_up`` turns the kept events into that
tenant's inbox items with the dedupe keys the webhook would have used (so an event also
delivered after the link, or a second take-up, makes no second item), enqueues the new ones,
and then drops the kept events: a crash in between only means the next take-up finds them
again and the inbox deduplicates them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import ValidationError

from app.domain.unrouted import UnroutedEvent
from app.service.intake import StoreUnavailable, commit, enqueue
from app.sources import quickbooks_webhook as qbo

if TYPE_CHECKING:
    from app.ports import Queue, Store

log = logging.getLogger("timebill.intake")


@dataclass(frozen=True)
class TakeUp:
    """What one take-up did: events found, new inbox items (enqueued), ones already there."""

    found: int
    created: list[str]
    duplicates: int


def keep(store: Store, events: list[qbo.Event], now: datetime) -> tuple[int, list[str]]:
    """Keep the events (of realms nobody connected): how many were new, and the ones that
    could not be kept (an id too long to be a realm or key), with why."""
    kept, refused = 0, []
    for event in events:
        try:
            unrouted = UnroutedEvent(realm=event.realm, dedupe_key=event.dedupe_key,
                                     body=event.body, received_at=now)  # fmt: skip
        except ValidationError:
            refused.append(f"QuickBooks event {event.dedupe_key[:80]} cannot be kept")
            continue
        try:
            kept += store.keep_unrouted(unrouted)
        except Exception as exc:
            log.exception("store unavailable while keeping an unrouted QuickBooks event")
            raise StoreUnavailable("could not record the delivery, retry later") from exc
    return kept, refused


def take_up(store: Store, queue: Queue, tenant: str, realm: str) -> TakeUp:
    """The realm's kept events become the tenant's inbox items (each once), enqueued."""
    kept = store.unrouted(realm)
    created: list[str] = []
    duplicates = 0
    for event in kept:
        items = qbo.intake_of(_events(event), tenant, event.received_at).items
        new, repeated = commit(store, items)
        created += new
        duplicates += len(repeated)
    enqueue(queue, tenant, created)
    store.drop_unrouted(realm, [event.dedupe_key for event in kept])
    return TakeUp(found=len(kept), created=created, duplicates=duplicates)


def _events(kept: UnroutedEvent) -> list[qbo.Event]:
    """The kept body read again, under the dedupe key it was kept with."""
    events = qbo.read_events(kept.body.encode(), kept.received_at)
    return [replace(e, dedupe_key=kept.dedupe_key) for e in events if e.realm == kept.realm]
