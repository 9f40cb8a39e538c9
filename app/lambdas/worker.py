"""The worker Lambda: SQS batches of jobs, each classified, recorded and written; only the
failed messages are reported back (partial batch response). No FastAPI, no Mangum."""

from __future__ import annotations

import gc

# As in app.lambdas.http: what a cold start builds (pydantic, the settings; at the first batch
# the domain models, the rules and the cascade) lives as long as the environment, and CPython's
# collector would walk it several times over for no garbage (import + first message 234 -> 220
# ms, bench/cold_start.py). No collection while it is built; then ``gc.freeze`` moves it out of
# the collector's sight and collection resumes.
gc.disable()

import json  # noqa: E402
import logging  # noqa: E402
from functools import lru_cache  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

from app.config import get_settings  # noqa: E402

gc.freeze()
gc.enable()

if TYPE_CHECKING:
    from app.service.worker import Worker

log = logging.getLogger("timebill")


@lru_cache(maxsize=1)
def _worker() -> Worker:
    gc.disable()
    try:
        from app.factory import build_store, build_worker  # noqa: PLC0415 - at the first batch

        settings = get_settings()
        return build_worker(settings, build_store(settings))
    finally:
        gc.freeze()
        gc.enable()


def handler(event: dict[str, Any], context: object) -> dict[str, Any]:
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
