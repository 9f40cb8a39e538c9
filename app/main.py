"""The FastAPI app and the three Lambda handlers: HTTP API, queue worker, sweep.

Everything is built once per process on first use (a Lambda cold start), never per request:
Mangum runs FastAPI's lifespan on every invocation, so the app does not use one
(``lifespan="off"``). The anthropic and quickbooks SDKs are not imported on the HTTP path.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from typing import Any

from fastapi import FastAPI
from mangum import Mangum

from app.api import health, review, webhooks
from app.api.auth import AuthError
from app.api.deps import Services
from app.api.review_deps import ReviewDeps
from app.api.timing import ServerTiming
from app.config import get_settings

log = logging.getLogger("timebill")


@lru_cache(maxsize=1)
def default_services() -> Services:
    from app.factory import build_services  # noqa: PLC0415 - not at import: cold start

    return build_services(get_settings())


def create_app(
    services: Callable[[], Services] = default_services,
    review_deps: Callable[[], ReviewDeps] | None = None,
) -> FastAPI:
    """``review_deps`` replaces the review page's services (tests inject a writer, a clock);
    by default they are built from ``services`` on the first review request."""
    app = FastAPI(
        title="timebill",
        summary="Time-tracker webhooks in, SOW-checked billing decisions out.",
        version="0.1.0",
    )
    app.state.services_factory = services
    app.state.review_factory = review_deps
    app.add_middleware(ServerTiming)
    app.include_router(webhooks.router)
    app.include_router(health.router)
    app.include_router(review.router)
    app.add_exception_handler(AuthError, review.auth_error_page)
    return app


app = create_app(lambda: default_services())  # noqa: PLW0108 - looked up per call: swappable


@lru_cache(maxsize=1)
def _mangum() -> Mangum:
    # A named HTTP API stage prefixes every path ("/dev/webhooks/..."): strip it.
    return Mangum(app, lifespan="off", api_gateway_base_path=get_settings().api_base_path)


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """The HTTP API Lambda: API Gateway HTTP API (payload 2.0) or a Function URL."""
    response: dict[str, Any] = _mangum()(event, context)
    return response


@lru_cache(maxsize=1)
def _worker() -> Any:
    from app.factory import build_store, build_worker  # noqa: PLC0415

    settings = get_settings()
    return build_worker(settings, build_store(settings))


def worker_handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    """SQS batch -> process each message; report only the failed ones (partial batch)."""
    del context
    failures = []
    for record in event.get("Records", []):
        try:
            job = json.loads(record["body"])
            _worker().process(str(job["tenant"]), str(job["item"]))
        except Exception:
            log.exception("message %s failed", record.get("messageId"))
            failures.append({"itemIdentifier": record.get("messageId", "")})
    return {"batchItemFailures": failures}


def sweep_handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    """Scheduled: re-enqueue work left pending (received, due retries, expired leases), then
    print the alarm metrics as one CloudWatch embedded-metric-format line
    (``app.service.metrics``)."""
    del event, context
    svc = default_services()
    now = svc.clock()
    due = svc.store.due(now=now, limit=500)
    for tenant, item_id in due:
        svc.queue.enqueue(tenant, item_id)
    from app.service.retention import archive_chunk  # noqa: PLC0415 - not on the HTTP path

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


def poll_handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    """Scheduled (EventBridge input ``{"tenant": "...", "source": "harvest"|"qbtime"}``): one
    poll of a tracker without webhooks into the inbox, enqueueing what is new
    (``app.service.tracker_poll``)."""
    del context
    from app.service.tracker_poll import run_poll_event  # noqa: PLC0415 - not on the HTTP path

    return run_poll_event(event, default_services())
