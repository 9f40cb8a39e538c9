"""The HTTP API Lambda: API Gateway HTTP API (payload 2.0) or a Function URL, through Mangum.

Its app holds the webhook and ``/healthz`` routes (and FastAPI's own ``/docs`` and
``/openapi.json``, which the HTTP API does not route), not the review pages. A webhook runs
intake only: verify the signature, normalise, insert into the inbox (idempotent), enqueue.
``tests/service/test_cold_path.py`` checks that a first request leaves the classifier, yaml,
the vendor SDKs (and boto3, unless the queue is SQS) unimported.
"""

from __future__ import annotations

import gc

# A cold start builds what lives as long as the environment (FastAPI, pydantic's validators, the
# app), enough objects for CPython to run a full collection midway: ~30 ms of a ~350 ms start,
# spent finding no garbage. No collection until the app is built; then ``gc.freeze`` moves it
# all out of the collector's sight (later collections skip it) and collection resumes.
# (bench/cold_start.py; tests/service/test_cold_path.py checks that collection is back on.)
gc.disable()

from functools import lru_cache  # noqa: E402
from typing import Any  # noqa: E402

from mangum import Mangum  # noqa: E402

from app.api.application import create_app  # noqa: E402
from app.config import get_settings  # noqa: E402
from app.lambdas import cold_start  # noqa: E402

app = create_app(lambda: cold_start.services(), review=False)  # noqa: PLW0108 - swappable
gc.freeze()
gc.enable()


@lru_cache(maxsize=1)
def _mangum() -> Mangum:
    # A named HTTP API stage prefixes every path ("/dev/webhooks/..."): strip it.
    # lifespan="off": Mangum would run the app's lifespan on every invocation.
    return Mangum(app, lifespan="off", api_gateway_base_path=get_settings().api_base_path)


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    response: dict[str, Any] = _mangum()(event, context)
    return response
