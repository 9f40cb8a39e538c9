"""The SQS queue adapter against moto's SQS: the message the worker Lambda will receive."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from app.adapters.sqs_queue import SqsQueue
from app.errors import UpstreamError


@pytest.fixture
def sqs(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-1",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    with mock_aws():
        yield boto3.client("sqs", region_name="eu-west-1")


def test_enqueue_sends_the_job_the_worker_handler_reads(sqs: Any) -> None:
    url = sqs.create_queue(QueueName="timebill-jobs")["QueueUrl"]
    SqsQueue(url).enqueue("demo", "item-1")
    [message] = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    assert json.loads(message["Body"]) == {"tenant": "demo", "item": "item-1"}


def test_a_missing_queue_is_an_upstream_error_without_details(sqs: Any) -> None:
    queue = SqsQueue("https://sqs.eu-west-1.amazonaws.com/123456789012/missing")
    with pytest.raises(UpstreamError) as raised:
        queue.enqueue("demo", "item-1")
    assert raised.value.retryable
    assert "123456789012" not in str(raised.value)
