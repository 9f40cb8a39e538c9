"""The HTTP API Lambda: API Gateway HTTP API (payload 2.0) or a Function URL, through Mangum.

Its app holds the webhook and ``/healthz`` routes (and FastAPI's own ``/docs`` and
``/openapi.json``, which the HTTP API does not route), not the review pages. A webhook runs
intake only: verify the signature, normalise, insert into the inbox (idempotent), enqueue.
``tests/service/test_cold_path.py`` checks that a first request leaves the classifier, yaml,
the vendor SDKs (and boto3, unless the queue is SQS) unimported.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from app.lambdas import built_to_last

with built_to_last():  # FastAPI, pydantic's validators and the app: kept for the environment
    from mangum import Mangum

    from app.api.application import create_app
    from app.config import get_settings
    from app.lambdas import cold_start

    app = create_app(lambda: cold_start.services(), review=False)  # noqa: PLW0108 - swappable


@lru_cache(maxsize=1)
def _mangum() -> Mangum:
    # A named HTTP API stage prefixes every path ("/dev/webhooks/..."): strip it.
    # lifespan="off": Mangum would run the app's lifespan on every invocation.
    return Mangum(app, lifespan="off", api_gateway_base_path=get_settings().api_base_path)


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    response: dict[str, Any] = _mangum()(event, context)
    return response
