"""The poll Lambda (EventBridge input ``{"tenant": "...", "source": "harvest"|"qbtime"}``): one
poll of a tracker without webhooks into the inbox, enqueueing what is new
(``app.service.tracker_poll``). No FastAPI, no Mangum."""

from __future__ import annotations

from typing import Any

from app.lambdas import cold_start


def handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    del context
    from app.service.tracker_poll import run_poll_event  # noqa: PLC0415 - at the first event

    return run_poll_event(event, cold_start.services())
