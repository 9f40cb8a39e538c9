"""The sweep Lambda (every 5 minutes): re-enqueue work left pending (received, due retries,
expired leases), archive one chunk of finished items past the retention period, then print the
alarm metrics as one CloudWatch embedded-metric-format line (``app.service.metrics``). No FastAPI,
no Mangum."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from app.lambdas import cold_start

if TYPE_CHECKING:
    from datetime import datetime

    from app.service.services import Services

log = logging.getLogger("timebill")


def handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    del event, context
    svc = cold_start.services()
    now = svc.clock()
    due = svc.store.due(now=now, limit=500)
    for tenant, item_id in due:
        svc.queue.enqueue(tenant, item_id)
    from app.service.retention import archive_chunk  # noqa: PLC0415 - only the sweep uses it

    archive_chunk(svc.store, svc.settings, now)
    _emit_alarm_metrics(svc, now)
    return {"enqueued": len(due)}


def _emit_alarm_metrics(svc: Services, now: datetime) -> None:
    """A failure here is logged, never fatal: re-enqueueing is the sweep's first job."""
    from app.service import metrics  # noqa: PLC0415

    try:
        values = metrics.alarm_values(svc.store.counts(), now)
        reconnect = metrics.reconnect_needed(svc.settings, svc.store)
        if reconnect is not None:
            values[metrics.RECONNECT] = float(reconnect)
        line = metrics.emf_line(values, stage=svc.settings.stage, now=now)
    except Exception:
        log.exception("could not compute the alarm metrics")
        return
    print(line, flush=True)  # stdout is the EMF channel on Lambda
