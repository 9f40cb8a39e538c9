"""The SQS queue: the HTTP Lambda enqueues, the worker Lambda receives batches."""

from __future__ import annotations

import json
from typing import Any

import boto3
from botocore.config import Config

from app.errors import UpstreamError, UpstreamKind

# Fail fast: the webhook must answer in time; the inbox row is already committed and the
# sweep re-enqueues anything whose enqueue failed.
_CONFIG = Config(connect_timeout=2, read_timeout=3, retries={"max_attempts": 2, "mode": "standard"})


class SqsQueue:
    def __init__(self, queue_url: str, client: Any | None = None) -> None:
        self.queue_url = queue_url
        self._client = client or boto3.client("sqs", config=_CONFIG)

    def enqueue(self, tenant: str, item_id: str) -> None:
        body = json.dumps({"tenant": tenant, "item": item_id})
        try:
            self._client.send_message(QueueUrl=self.queue_url, MessageBody=body)
        except Exception as exc:
            raise UpstreamError(
                "sqs", UpstreamKind.CONNECTION, retryable=True, message=type(exc).__name__
            ) from None
