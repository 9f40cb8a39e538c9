"""Polling the trackers that send no webhooks (Harvest, QuickBooks Time) into the inbox.

``app.lambdas.poll.handler`` (an EventBridge rule per source, input ``{"tenant": ..., "source":
...}``) and ``timebill poll SOURCE --tenant T`` both call ``run_poll``: the connector is built
from the settings' credentials, the store and queue are the service's, and
``poll_once`` (below) stores each changed entry as an inbox item and enqueues the new
ones, exactly as a webhook delivery would.

Where the poll stands (the next ``updated_since``: the high-water mark less a five-minute
overlap) is kept per (tenant, source) in a small JSON cursor file,
``TIMEBILL_POLL_CURSOR_DIR/<tenant>-<source>.json``. The store has no place for it, so on Lambda
that file lives in ``/tmp``: it survives while the execution environment stays warm, and a cold
environment starts again ``TIMEBILL_POLL_LOOKBACK_HOURS`` back (or ``--since``). That re-read is
harmless: each item's dedupe key is ``{source}:{entry id}:{content hash}:{updated_at}``, so an
entry seen before is a duplicate (nothing stored, nothing enqueued), and an edited entry is new
work, an edit that puts back an earlier content included.

``poll_once`` asks the connector for entries changed since the last poll, stores each as an inbox
item keyed ``{source}:{entry id}:{version}:{updated_at}`` (``version`` is the content hash of what
classification reads, so a re-fetched, unchanged entry is a duplicate and an edit is new work;
``updated_at`` makes an edit undone new work too, where the content alone was seen before),
and enqueues the items that were new, exactly as a webhook delivery would.

Where it stands lives in a ``CursorFile``, saved after every page: an interrupted poll resumes at
the page after the last one stored (items stored twice are duplicates, so nothing is lost or
doubled). A finished poll saves the next ``updated_since``: the latest ``updated_at`` seen, less
``overlap`` (Harvest's advice: overlap the window a little and deduplicate), or the same filter
again when nothing changed. The first poll uses ``since``. Work dates older than ``window_days``
before ``now`` are out of the poll's scope.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.config import Settings
from app.connectors.base import Connector, Page
from app.connectors.cursor import CursorFile, PullState
from app.domain.entries import Source
from app.domain.inbox import NewItem
from app.ports import Queue, Store

if TYPE_CHECKING:
    from app.service.services import Services

log = logging.getLogger("timebill.poll")
OVERLAP = timedelta(minutes=5)
EVENT_TYPE = "poll"


@dataclass
class PollResult:
    source: Source
    updated_since: datetime | None  # the filter this poll used
    next_since: datetime | None = None  # the filter the next poll will use
    fetched: int = 0
    created: list[str] = field(default_factory=list)  # inbox item ids, enqueued
    duplicates: int = 0
    skipped: list[str] = field(default_factory=list)
    pages: int = 0
    resumed: bool = False


def dedupe_key(source: Source, entry_id: str, version: str, changed: datetime | None = None) -> str:
    """The entry's id and content, and when the tracker last changed it (``updated_at``): a
    re-read of an unchanged entry is a duplicate, and so is a resend; an edit undone (2.5 h back
    to 2.11 h: content seen before, changed since) is new work again."""
    key = f"{source.value}:{entry_id}:{version}"
    return key if changed is None else f"{key}:{changed.isoformat()}"


def poll_once(
    connector: Connector, store: Store, tenant: str, since: datetime, now: datetime, *,
    queue: Queue, cursor: CursorFile, window_days: int = 92, overlap: timedelta = OVERLAP,
) -> PollResult:  # fmt: skip
    """Raises ``LookupError`` for an unknown tenant, ``UpstreamError`` when the tracker fails
    (the cursor keeps what was stored), and the store's errors."""
    if store.get_tenant(tenant) is None:
        raise LookupError(f"no tenant {tenant!r} in the store")
    state, token = _start(cursor.load(), connector.source, since, now, window_days)
    result = PollResult(connector.source, state.updated_since, resumed=token is not None)
    if token is not None or state.pages == 0:
        pages = connector.fetch(
            state.start, state.end, cursor=token, updated_since=state.updated_since
        )
        for page in pages:
            _store_page(store, queue, tenant, page, now=now, result=result)
            state = _after(state, page)
            cursor.save(state)
    result.next_since = _next_since(state, overlap)
    cursor.save(state.model_copy(update={"updated_since": result.next_since, "complete": True}))
    return result


def _start(
    prior: PullState | None, source: Source, since: datetime, now: datetime, window_days: int
) -> tuple[PullState, str | None]:
    """The state this poll runs with, and the page to resume at (None: from the first page)."""
    if prior is not None and prior.source == source and not prior.complete:
        return prior, prior.next_cursor  # interrupted: same window and filter, next page
    filter_from = prior.updated_since if prior is not None and prior.source == source else since
    fresh = PullState(
        source=source, start=(now - timedelta(days=window_days)).date(),
        end=(now + timedelta(days=1)).date(), updated_since=filter_from,
    )  # fmt: skip
    return fresh, None


def _store_page(
    store: Store, queue: Queue, tenant: str, page: Page, *, now: datetime, result: PollResult
) -> None:
    created: list[str] = []
    for entry in page.entries:
        mine = entry.model_copy(update={"tenant": tenant})
        changed = page.updated.get(mine.external_id)
        key = dedupe_key(mine.source, mine.external_id, mine.version, changed)
        new = NewItem(
            tenant=tenant, source=mine.source, dedupe_key=key, event_type=EVENT_TYPE,
            entry=mine, received_at=now,
        )  # fmt: skip
        item, is_new = store.accept(new)
        if is_new:
            created.append(item.id)
        else:
            result.duplicates += 1
    _enqueue(queue, tenant, created)
    result.fetched += len(page.entries)
    result.created += created
    result.skipped += page.skipped
    result.pages += 1


def _enqueue(queue: Queue, tenant: str, item_ids: list[str]) -> None:
    """Stored is accepted: if the queue fails, the service's sweep finds the row and enqueues."""
    for item_id in item_ids:
        try:
            queue.enqueue(tenant, item_id)
        except Exception:
            log.exception("enqueue failed for %s/%s; the sweep will pick it up", tenant, item_id)


def _after(state: PullState, page: Page) -> PullState:
    marks = [mark for mark in (state.high_water, page.high_water) if mark is not None]
    return state.model_copy(
        update={"next_cursor": page.next_cursor, "high_water": max(marks, default=None),
                "pages": state.pages + 1}
    )  # fmt: skip


def _next_since(state: PullState, overlap: timedelta) -> datetime | None:
    if state.high_water is None:
        return state.updated_since
    mark = state.high_water - overlap
    return mark if state.updated_since is None else max(mark, state.updated_since)


POLLABLE = ("harvest", "qbtime")
_TENANT = re.compile(r"^[a-z0-9][a-z0-9_-]{1,39}$")


def cursor_path(settings: Settings, tenant: str, source: str) -> Path:
    return settings.poll_cursor_dir / f"{tenant}-{source}.json"


def run_poll(
    services: Services, tenant: str, source: str, *, since: datetime | None = None
) -> PollResult:
    """One poll. ``ValueError`` for a source that is not polled or a malformed tenant id,
    ``LookupError`` for an unknown tenant, ``ConfigError`` for missing credentials,
    ``UpstreamError`` when the tracker fails (the cursor keeps what was stored)."""
    if source not in POLLABLE:
        raise ValueError(f"cannot poll {source!r}: use harvest or qbtime")
    if not _TENANT.match(tenant):
        raise ValueError(f"not a tenant id: {tenant!r}")
    from app.connectors.build import build_connector  # noqa: PLC0415

    settings, now = services.settings, services.clock()
    start = since or now - timedelta(hours=settings.poll_lookback_hours)
    connector = build_connector(settings, source)
    try:
        return poll_once(
            connector, services.store, tenant, start, now, queue=services.queue,
            cursor=CursorFile(cursor_path(settings, tenant, source)),
        )  # fmt: skip
    finally:
        connector.close()


def run_poll_event(event: dict[str, Any], services: Services) -> dict[str, Any]:
    """The Lambda side: the rule's input names the tenant and source; the summary is logged
    and returned. Failures raise, so the function's ``Errors`` metric counts them."""
    tenant, source = event.get("tenant"), event.get("source")
    if not isinstance(tenant, str) or not isinstance(source, str):
        raise ValueError('the poll event needs {"tenant": "...", "source": "harvest|qbtime"}')
    summary = summarise(tenant, run_poll(services, tenant, source))
    log.info("poll %s", summary)
    return summary


def summarise(tenant: str, result: PollResult) -> dict[str, Any]:
    return {
        "tenant": tenant,
        "source": result.source.value,
        "fetched": result.fetched,
        "created": len(result.created),
        "duplicates": result.duplicates,
        "skipped": len(result.skipped),
        "pages": result.pages,
        "next_since": result.next_since.isoformat() if result.next_since else None,
    }
