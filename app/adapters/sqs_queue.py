"""The SQS queue: the HTTP Lambda enqueues, the worker Lambda receives batches.

boto3 (~100 ms of imports and a client to build) is loaded at the first enqueue, not when the
queue is built: a cold start that only refuses a bad signature, answers a duplicate or serves
``/healthz`` never pays for it.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from app.errors import UpstreamError, UpstreamKind


def _client() -> Any:
    import boto3  # noqa: PLC0415 - at the first enqueue, see the module's docstring
    from botocore.config import Config  # noqa: PLC0415

    # Fail fast: the webhook must answer in time; the inbox row is already committed and the
    # sweep re-enqueues anything whose enqueue failed.
    config = Config(
        connect_timeout=2, read_timeout=3, retries={"max_attempts": 2, "mode": "standard"}
    )
    return boto3.client("sqs", config=config)


class SqsQueue:
    def __init__(self, queue_url: str, client: Any | None = None) -> None:
        self.queue_url = queue_url
        self._client = client
        self._lock = threading.Lock()

    def enqueue(self, tenant: str, item_id: str) -> None:
        body = json.dumps({"tenant": tenant, "item": item_id})
        try:
            self._sqs().send_message(QueueUrl=self.queue_url, MessageBody=body)
        except Exception as exc:
            raise UpstreamError(
                "sqs", UpstreamKind.CONNECTION, retryable=True, message=type(exc).__name__
            ) from None

    def _sqs(self) -> Any:
        with self._lock:  # one client, however many threads enqueue at once
            if self._client is None:
                self._client = _client()
            return self._client
