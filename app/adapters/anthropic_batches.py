"""Claude's Message Batches API through the official ``anthropic`` SDK (``messages.batches``).

A batch carries the same request bodies as the online stage (``json_request``), is billed at
half the price and ends within 24 hours; each request ends ``succeeded``, ``errored``,
``canceled`` or ``expired``. This adapter sends, polls and reads; what a result means for an
entry is decided in ``app/classify/claude_batch.py``. Like ``anthropic_llm.py`` it is the only
kind of module that imports the SDK, and nothing from a response body leaves it in an error.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import anthropic
from anthropic.types.messages import (
    MessageBatch,
    MessageBatchErroredResult,
    MessageBatchResult,
    MessageBatchSucceededResult,
)
from anthropic.types.messages.batch_create_params import Request

from app.adapters.anthropic_llm import json_request, reply_of, upstream_error
from app.config import Settings
from app.domain.batches import BatchRequest, BatchResult, BatchStatus, ResultKind
from app.errors import ConfigError

# Polls and downloads are idempotent GETs: a transient failure is worth the SDK's own retries.
_MIN_RETRIES = 2
_TIMEOUT_S = 120.0


class AnthropicBatches:
    """The ``BatchClient`` port over ``messages.batches``: create, retrieve, results."""

    def __init__(self, client: anthropic.Anthropic, *, model: str) -> None:
        self._client = client
        self.model = model

    def create(self, requests: Sequence[BatchRequest]) -> BatchStatus:
        bodies: list[Request] = [
            {
                "custom_id": r.custom_id,
                "params": json_request(self.model, r.system, r.user, r.schema, r.max_tokens),
            }
            for r in requests
        ]
        try:
            batch = self._client.messages.batches.create(requests=bodies)
        except anthropic.AnthropicError as exc:
            raise upstream_error(exc) from None
        return _status(batch)

    def retrieve(self, batch_id: str) -> BatchStatus:
        try:
            return _status(self._client.messages.batches.retrieve(batch_id))
        except anthropic.AnthropicError as exc:
            raise upstream_error(exc) from None

    def results(self, batch_id: str) -> Iterator[BatchResult]:
        """Every request's result, in the order the API streams them (not the sent order)."""
        try:
            for line in self._client.messages.batches.results(batch_id):
                yield _result(batch_id, line.custom_id, line.result)
        except anthropic.AnthropicError as exc:
            raise upstream_error(exc) from None


def _status(batch: MessageBatch) -> BatchStatus:
    counts = batch.request_counts
    return BatchStatus(
        batch_id=batch.id,
        processing_status=batch.processing_status,
        processing=counts.processing,
        succeeded=counts.succeeded,
        errored=counts.errored,
        canceled=counts.canceled,
        expired=counts.expired,
    )


def _result(batch_id: str, custom_id: str, result: MessageBatchResult) -> BatchResult:
    if isinstance(result, MessageBatchSucceededResult):
        # No request id inside a batch: the batch and custom_id are what support can find.
        reply = reply_of(result.message, latency_ms=0.0, request_id=f"{batch_id}/{custom_id}")
        return BatchResult(custom_id, "succeeded", reply)
    if isinstance(result, MessageBatchErroredResult):
        return BatchResult(custom_id, "errored", error=str(result.error.error.type)[:60])
    kind: ResultKind = "canceled" if result.type == "canceled" else "expired"
    return BatchResult(custom_id, kind)


def build_batches(settings: Settings) -> AnthropicBatches:
    """The Batches client. Anthropic's API only: Bedrock runs batch inference its own way."""
    if settings.llm_provider != "anthropic":
        raise ConfigError(
            "--batch uses Anthropic's Message Batches API: set TIMEBILL_LLM_PROVIDER=anthropic "
            "and ANTHROPIC_API_KEY (Bedrock batch inference is not supported here)"
        )
    key = settings.anthropic_api_key
    if key is None or not key.get_secret_value():
        raise ConfigError("--batch needs ANTHROPIC_API_KEY: set it, or run without --batch")
    client = anthropic.Anthropic(
        api_key=key.get_secret_value(),
        base_url=settings.anthropic_base_url,
        timeout=_TIMEOUT_S,
        max_retries=max(_MIN_RETRIES, settings.llm_max_retries),
    )
    return AnthropicBatches(client, model=settings.model)
