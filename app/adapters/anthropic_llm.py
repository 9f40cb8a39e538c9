"""Claude through the official ``anthropic`` SDK: the only module that imports it.

Importing ``anthropic`` costs about a second, so nothing on the cold path imports this module
except the composition root that builds the client (once per process: construction costs
~20 ms and a fresh client means a fresh TLS connection).

The SDK's own defaults do not fit a per-entry deadline: a 600 s timeout per network read and
two retries with backoff. The client is built with ``max_retries`` from Settings (default 0),
and every call passes its own ``timeout`` from the caller's remaining budget. The caller still
bounds the total wait itself, because the SDK timeout applies per read, not per call.
"""

from __future__ import annotations

import importlib.util
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import anthropic
from anthropic.types import Message, TextBlock
from anthropic.types.message_create_params import MessageCreateParamsNonStreaming

from app.config import Settings
from app.domain.decisions import LlmUsage
from app.errors import ConfigError, UpstreamError, UpstreamKind

SYSTEM = "anthropic"
BEDROCK_INSTALL_HINT = 'pip install "anthropic[bedrock]"'
# A 429 with one of these codes is a billing cap, not a rate limit: retrying cannot help.
_SPEND_LIMIT_CODES = frozenset({"enforced_spend_limit_reached", "contract_spend_limit_reached"})
_RETRYABLE_STATUS = frozenset({408, 409, 429})

SdkClient = anthropic.Anthropic | anthropic.AnthropicBedrock


@dataclass(frozen=True)
class ClaudeReply:
    """One Messages API answer: the text blocks joined, the stop reason, and what it cost."""

    text: str
    stop_reason: str | None
    usage: LlmUsage


class AnthropicLlm:
    """The ``LlmClient`` port over ``messages.create`` with JSON outputs and a cached system."""

    def __init__(self, client: SdkClient, *, model: str) -> None:
        self._client = client
        self.model = model

    def complete_json(
        self,
        *,
        system: str,
        user: str,
        schema: dict[str, Any],
        timeout_s: float,
        max_tokens: int,
    ) -> ClaudeReply:
        """Ask for one JSON answer matching ``schema``. Raises ``UpstreamError`` on failure."""
        started = time.perf_counter()
        try:
            message = self._client.messages.create(
                **json_request(self.model, system, user, schema, max_tokens), timeout=timeout_s
            )
        except anthropic.AnthropicError as exc:
            # ``from None``: the SDK error's text embeds the response body, which may echo input.
            raise upstream_error(exc) from None
        return reply_of(message, latency_ms=(time.perf_counter() - started) * 1000)

    def stream_json(
        self,
        *,
        system: str,
        user: str,
        schema: dict[str, Any],
        timeout_s: float,
        max_tokens: int,
        read_timeout_s: float = 120.0,
        thinking: bool = False,
    ) -> ClaudeReply:
        """Ask for one long JSON answer, streamed: for batch tasks (a rules draft) that write
        thousands of tokens for minutes, where a silent non-streamed request risks an idle
        connection being dropped. ``timeout_s`` bounds the whole call, ``read_timeout_s`` the
        wait for each chunk. ``thinking`` lets the model think adaptively first (its tokens
        count toward ``max_tokens``). Raises ``UpstreamError`` on failure, including an error
        event in the middle of the stream (an overload after the first tokens)."""
        started = time.perf_counter()
        try:
            with self._client.messages.stream(
                model=self.model,
                max_tokens=max_tokens,
                system=[{"type": "text", "text": system, "cache_control": {"type": "ephemeral"}}],
                messages=[{"role": "user", "content": user}],
                thinking={"type": "adaptive"} if thinking else {"type": "disabled"},
                output_config={"format": {"type": "json_schema", "schema": schema}},
                timeout=min(read_timeout_s, timeout_s),
            ) as stream:
                for _event in stream:
                    if time.perf_counter() - started > timeout_s:
                        raise UpstreamError(
                            SYSTEM,
                            UpstreamKind.TIMEOUT,
                            retryable=True,
                            message=f"no complete answer within {timeout_s:g} s",
                        )
                message = stream.get_final_message()
                request_id = stream.request_id
        except anthropic.AnthropicError as exc:
            if isinstance(exc, anthropic.APIStatusError) and exc.status_code < 400:
                raise _stream_error(exc) from None
            raise upstream_error(exc) from None
        latency_ms = (time.perf_counter() - started) * 1000
        return reply_of(message, latency_ms=latency_ms, request_id=request_id)


def json_request(
    model: str, system: str, user: str, schema: dict[str, Any], max_tokens: int
) -> MessageCreateParamsNonStreaming:
    """The body of one structured-output request, as ``complete_json`` sends it and as a
    Message Batches request carries it (``anthropic_batches.py``): one builder, one prompt."""
    return {
        "model": model,
        "max_tokens": max_tokens,
        "system": [{"type": "text", "text": system, "cache_control": {"type": "ephemeral"}}],
        "messages": [{"role": "user", "content": user}],
        # Haiku 5.5 thinks adaptively by default: billed tokens and latency for nothing a
        # one-label classification needs. No temperature: non-defaults are a 400.
        "thinking": {"type": "disabled"},
        "output_config": {"format": {"type": "json_schema", "schema": schema}},
    }


# An error event inside a 200 stream carries only its type: map it as its status would be.
_STREAM_ERROR_KINDS = {
    "overloaded_error": (UpstreamKind.OVERLOADED, True),
    "rate_limit_error": (UpstreamKind.RATE_LIMITED, True),
    "api_error": (UpstreamKind.SERVER, True),
    "timeout_error": (UpstreamKind.TIMEOUT, True),
}


def _stream_error(exc: anthropic.APIStatusError) -> UpstreamError:
    kind, retryable = _STREAM_ERROR_KINDS.get(str(exc.type), (UpstreamKind.UNKNOWN, False))
    return UpstreamError(
        SYSTEM,
        kind,
        retryable=retryable,
        message=f"stream interrupted: {str(exc.type or 'error')[:60]}",
        request_id=exc.request_id,
    )


def reply_of(message: Message, *, latency_ms: float, request_id: str | None = None) -> ClaudeReply:
    text = "".join(block.text for block in message.content if isinstance(block, TextBlock))
    used = message.usage
    usage = LlmUsage(
        model=str(message.model),
        input_tokens=used.input_tokens,
        output_tokens=used.output_tokens,
        cache_read_tokens=used.cache_read_input_tokens or 0,
        cache_write_tokens=used.cache_creation_input_tokens or 0,
        latency_ms=round(latency_ms, 1),
        request_id=request_id or message._request_id,
    )
    return ClaudeReply(text=text, stop_reason=message.stop_reason, usage=usage)


def upstream_error(exc: anthropic.AnthropicError) -> UpstreamError:
    """Our error for an SDK failure: kind and retryability, ids, and nothing from the body."""
    if isinstance(exc, anthropic.APITimeoutError):
        return UpstreamError(SYSTEM, UpstreamKind.TIMEOUT, retryable=True, message="timed out")
    if isinstance(exc, anthropic.APIConnectionError):
        return UpstreamError(
            SYSTEM, UpstreamKind.CONNECTION, retryable=True, message="connection failed"
        )
    if isinstance(exc, anthropic.APIStatusError):
        return _status_error(exc)
    if isinstance(exc, anthropic.APIResponseValidationError):
        return UpstreamError(
            SYSTEM, UpstreamKind.INVALID_RESPONSE, retryable=False, message="unexpected response"
        )
    return UpstreamError(SYSTEM, UpstreamKind.UNKNOWN, retryable=False, message=type(exc).__name__)


def _status_error(exc: anthropic.APIStatusError) -> UpstreamError:
    status, code = exc.status_code, exc.error_code
    kind, retryable = _status_kind(status, code)
    # The server may say explicitly whether a retry can help; the SDK obeys it too.
    should_retry = exc.response.headers.get("x-should-retry")
    if should_retry in ("true", "false") and kind is not UpstreamKind.SPEND_LIMIT:
        retryable = should_retry == "true"
    labels = [f"HTTP {status}", str(exc.type or "")[:60], f"({code[:60]})" if code else ""]
    return UpstreamError(
        SYSTEM,
        kind,
        retryable=retryable,
        message=" ".join(label for label in labels if label),
        status=status,
        request_id=exc.request_id,
        retry_after_s=_retry_after_s(exc.response.headers),
    )


def _status_kind(status: int, code: str | None) -> tuple[UpstreamKind, bool]:
    if code in _SPEND_LIMIT_CODES or status == 402:
        return UpstreamKind.SPEND_LIMIT, False
    if status == 429:
        return UpstreamKind.RATE_LIMITED, True
    if status == 529:
        return UpstreamKind.OVERLOADED, True
    if status in (401, 403):
        return UpstreamKind.AUTH, False
    if status == 408:
        return UpstreamKind.TIMEOUT, True
    if status >= 500 or status in _RETRYABLE_STATUS:
        return UpstreamKind.SERVER, True
    return UpstreamKind.BAD_REQUEST, False


def _retry_after_s(headers: Mapping[str, str]) -> float | None:
    """``retry-after-ms`` (Anthropic's, more precise) or ``retry-after`` in seconds."""
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        raw = headers.get(name)
        if raw is None:
            continue
        try:
            return float(raw) * scale
        except ValueError:
            continue  # an HTTP date: rare here, and the SDK's own backoff covers it
    return None


def build_llm(settings: Settings) -> AnthropicLlm:
    """The Claude client for these settings. Build it once per process and reuse it."""
    if settings.llm_provider == "bedrock":
        return AnthropicLlm(_bedrock_client(settings), model=bedrock_model_id(settings.model))
    if settings.llm_provider == "anthropic":
        return AnthropicLlm(_anthropic_client(settings), model=settings.model)
    raise ConfigError("TIMEBILL_LLM_PROVIDER is 'none': Claude is disabled, build no client")


def bedrock_model_id(model: str) -> str:
    """Bedrock names Anthropic models ``anthropic.<id>``; ARNs and profile ids pass through."""
    return f"anthropic.{model}" if model.startswith("claude-") else model


def _client_timeout_s(settings: Settings) -> float:
    # Only a fallback: every call passes its own timeout from the remaining budget.
    return settings.deadline_ms / 1000


def _anthropic_client(settings: Settings) -> anthropic.Anthropic:
    key = settings.anthropic_api_key
    if key is None or not key.get_secret_value():
        raise ConfigError("ANTHROPIC_API_KEY is not set: set it, or TIMEBILL_LLM_PROVIDER=none")
    return anthropic.Anthropic(
        api_key=key.get_secret_value(),
        base_url=settings.anthropic_base_url,
        timeout=_client_timeout_s(settings),
        max_retries=settings.llm_max_retries,
    )


def _bedrock_client(settings: Settings) -> anthropic.AnthropicBedrock:
    if not bedrock_auth_available():
        raise ConfigError(
            "TIMEBILL_LLM_PROVIDER=bedrock signs requests with AWS SigV4, which needs boto3 "
            f"and botocore: {BEDROCK_INSTALL_HINT} (or set AWS_BEARER_TOKEN_BEDROCK to use a "
            "Bedrock API key instead)"
        )
    return anthropic.AnthropicBedrock(
        aws_region=settings.aws_region,
        timeout=_client_timeout_s(settings),
        max_retries=settings.llm_max_retries,
    )


def bedrock_auth_available() -> bool:
    """The SDK builds a Bedrock client without boto3 and fails only at the first request;
    check here so a misconfigured deployment fails at start-up, with the fix in the message."""
    if os.environ.get("AWS_BEARER_TOKEN_BEDROCK"):
        return True
    return all(importlib.util.find_spec(name) is not None for name in ("boto3", "botocore"))
