"""The worker Lambda: SQS batches of jobs, each classified, recorded and written; only the
failed messages are reported back (partial batch response). No FastAPI, no Mangum."""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from app.lambdas import built_to_last

with built_to_last():  # the settings and pydantic: kept for the environment's life
    from app.config import get_settings

if TYPE_CHECKING:
    from app.service.worker import Worker

log = logging.getLogger("timebill")


@lru_cache(maxsize=1)
def _worker() -> Worker:
    with built_to_last():
        from app.factory import build_store, build_worker  # noqa: PLC0415 - at the first batch

        settings = get_settings()
        return build_worker(settings, build_store(settings))


def handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    """SQS batch -> process each message; report only the failed ones (partial batch)."""
    del context
    failures = []
    for record in event.get("Records", []):
        try:
            tenant, item_id = _job(record["body"])
            _worker().process(tenant, item_id)
        except Exception:
            log.exception("message %s failed", record.get("messageId"))
            failures.append({"itemIdentifier": record.get("messageId", "")})
    return {"batchItemFailures": failures}


def _job(body: str) -> tuple[str, str]:
    """``(tenant, item id)`` of a ``{"tenant": ..., "item": ...}`` job (``SqsQueue.enqueue``).
    Anything else is not ours: it fails, to reach the dead-letter queue where a person sees it,
    rather than being taken as an id (``"None"``) that matches nothing and deleted as done."""
    job = json.loads(body)
    if isinstance(job, dict):
        tenant, item_id = job.get("tenant"), job.get("item")
        if isinstance(tenant, str) and isinstance(item_id, str):
            return tenant, item_id
    raise ValueError('not a {"tenant": "...", "item": "..."} job')
