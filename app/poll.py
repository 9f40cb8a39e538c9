"""The scheduled poll of trackers without webhooks (Harvest, QuickBooks Time): the intake.

``app.main.poll_handler`` (an EventBridge rule per source, input ``{"tenant": ..., "source":
...}``) and ``timebill poll SOURCE --tenant T`` both call ``run_poll``: the connector is built
from the settings' credentials, the store and queue are the service's, and
``connectors.poll.poll_once`` stores each changed entry as an inbox item and enqueues the new
ones, exactly as a webhook delivery would.

Where the poll stands (the next ``updated_since``: the high-water mark less a five-minute
overlap) is kept per (tenant, source) in a small JSON cursor file,
``TIMEBILL_POLL_CURSOR_DIR/<tenant>-<source>.json``. The store has no place for it, so on Lambda
that file lives in ``/tmp``: it survives while the execution environment stays warm, and a cold
environment starts again ``TIMEBILL_POLL_LOOKBACK_HOURS`` back (or ``--since``). That re-read is
harmless: each item's dedupe key is ``{source}:{entry id}:{content hash}``, so an entry seen
before is a duplicate (nothing stored, nothing enqueued), and an edited entry is new work.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from app.api.deps import Services
from app.config import Settings
from app.connectors.cursor import CursorFile
from app.connectors.poll import PollResult, poll_once

log = logging.getLogger("timebill.poll")
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
