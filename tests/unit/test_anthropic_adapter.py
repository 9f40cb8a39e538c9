"""The anthropic adapter alone: client construction, reply reading, error mapping."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from app.adapters.anthropic_llm import AnthropicLlm, bedrock_model_id, build_llm
from app.config import Settings
from app.errors import ConfigError, UpstreamError, UpstreamKind

BASE_URL = "http://anthropic.test"
API_KEY = "sk-ant-test-key-do-not-leak"
FIXTURES = Path(__file__).parents[1] / "data" / "anthropic"
PROMPT = "SYSTEM PROMPT TEXT with the SOW"
USER = "USER TEXT with the entry"
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"code": {"enum": ["A", "B"]}},
    "required": ["code"],
    "additionalProperties": False,
}


def fixture(name: str) -> dict[str, Any]:
    body: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    return body


def make_llm(**overrides: Any) -> AnthropicLlm:
    fields: dict[str, Any] = {
        "anthropic_api_key": API_KEY,
        "anthropic_base_url": BASE_URL,
        "llm_max_retries": 0,
    }
    return build_llm(Settings(**(fields | overrides)))


def call(llm: AnthropicLlm | None = None) -> Any:
    return (llm or make_llm()).complete_json(
        system=PROMPT, user=USER, schema=SCHEMA, timeout_s=2.0, max_tokens=50
    )


@pytest.fixture
def messages() -> Iterator[respx.Route]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield router.post("/v1/messages")


def failure(messages: respx.Route, status: int, body: Any, **headers: str) -> UpstreamError:
    messages.mock(return_value=httpx.Response(status, json=body, headers=headers))
    with pytest.raises(UpstreamError) as caught:
        call()
    return caught.value


# --- replies ---------------------------------------------------------------------------------


def test_reply_carries_text_stop_reason_and_cache_usage(messages: respx.Route) -> None:
    messages.mock(
        return_value=httpx.Response(
            200, json=fixture("message_cache_write.json"), headers={"request-id": "req_42"}
        )
    )

    reply = call()

    assert json.loads(reply.text)["code"] == "ACME-STRAT"
    assert reply.stop_reason == "end_turn"
    usage = reply.usage
    assert (usage.input_tokens, usage.output_tokens) == (57, 35)
    assert (usage.cache_read_tokens, usage.cache_write_tokens) == (0, 1830)
    assert usage.request_id == "req_42"
    body = json.loads(messages.calls.last.request.content)
    assert body["system"] == [
        {"type": "text", "text": PROMPT, "cache_control": {"type": "ephemeral"}}
    ]
    assert body["messages"] == [{"role": "user", "content": USER}]
    assert body["output_config"] == {"format": {"type": "json_schema", "schema": SCHEMA}}


def test_refusal_reply_has_empty_text(messages: respx.Route) -> None:
    messages.mock(return_value=httpx.Response(200, json=fixture("message_refusal.json")))

    reply = call()

    assert (reply.text, reply.stop_reason) == ("", "refusal")


# --- errors ------------------------------------------------------------------------------------


def test_rate_limit_is_retryable_with_retry_after(messages: respx.Route) -> None:
    error = failure(
        messages,
        429,
        fixture("error_429_rate_limit.json"),
        **{"retry-after": "7", "request-id": "req_rl"},
    )

    assert error.system == "anthropic"
    assert (error.kind, error.retryable) == (UpstreamKind.RATE_LIMITED, True)
    assert (error.status, error.retry_after_s, error.request_id) == (429, 7.0, "req_rl")
    assert messages.call_count == 1


def test_spend_limit_is_not_retryable(messages: respx.Route) -> None:
    error = failure(messages, 429, fixture("error_429_spend_limit.json"))

    assert (error.kind, error.retryable) == (UpstreamKind.SPEND_LIMIT, False)
    assert "enforced_spend_limit_reached" in str(error)


def test_overloaded_is_retryable(messages: respx.Route) -> None:
    error = failure(messages, 529, fixture("error_529_overloaded.json"))

    assert (error.kind, error.retryable, error.status) == (UpstreamKind.OVERLOADED, True, 529)


@pytest.mark.parametrize(
    ("status", "kind", "retryable"),
    [
        (401, UpstreamKind.AUTH, False),
        (403, UpstreamKind.AUTH, False),
        (404, UpstreamKind.BAD_REQUEST, False),
        (408, UpstreamKind.TIMEOUT, True),
        (500, UpstreamKind.SERVER, True),
        (503, UpstreamKind.SERVER, True),
    ],
)
def test_other_statuses(
    messages: respx.Route, status: int, kind: UpstreamKind, retryable: bool
) -> None:
    body = {"type": "error", "error": {"type": "api_error", "message": "x"}}

    error = failure(messages, status, body)

    assert (error.kind, error.retryable) == (kind, retryable)


def test_server_may_forbid_a_retry(messages: respx.Route) -> None:
    error = failure(
        messages, 529, fixture("error_529_overloaded.json"), **{"x-should-retry": "false"}
    )

    assert (error.kind, error.retryable) == (UpstreamKind.OVERLOADED, False)


def test_errors_never_carry_the_key_the_prompt_or_the_body(messages: respx.Route) -> None:
    error = failure(messages, 400, fixture("error_400_invalid_request.json"))

    assert (error.kind, error.retryable) == (UpstreamKind.BAD_REQUEST, False)
    assert str(error) == "anthropic bad_request: HTTP 400 invalid_request_error"
    for secret in (API_KEY, PROMPT, USER, "SECRET-PROMPT-MARKER"):
        assert secret not in str(error)
        assert secret not in repr(error.args)
    assert error.__cause__ is None
    assert error.__suppress_context__


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (httpx.ConnectError("refused"), UpstreamKind.CONNECTION),
        (httpx.ReadTimeout("slow"), UpstreamKind.TIMEOUT),
    ],
)
def test_transport_failures(messages: respx.Route, exc: Exception, kind: UpstreamKind) -> None:
    messages.mock(side_effect=exc)

    with pytest.raises(UpstreamError) as caught:
        call()

    assert (caught.value.kind, caught.value.retryable) == (kind, True)


def test_max_retries_comes_from_settings(messages: respx.Route) -> None:
    # retry-after-ms keeps the SDK's backoff to a few milliseconds.
    retry_soon = {"retry-after-ms": "5"}
    messages.mock(
        side_effect=[
            httpx.Response(529, json=fixture("error_529_overloaded.json"), headers=retry_soon),
            httpx.Response(200, json=fixture("message_success.json")),
        ]
    )

    reply = call(make_llm(llm_max_retries=1))

    assert reply.stop_reason == "end_turn"
    assert messages.call_count == 2


# --- construction ----------------------------------------------------------------------------


def test_no_key_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="ANTHROPIC_API_KEY"):
        build_llm(Settings(anthropic_api_key=None, llm_provider="anthropic"))


def test_provider_none_builds_nothing() -> None:
    with pytest.raises(ConfigError, match="none"):
        build_llm(Settings(llm_provider="none"))


def test_bedrock_model_ids() -> None:
    assert bedrock_model_id("claude-haiku-5-5") == "anthropic.claude-haiku-5-5"
    assert bedrock_model_id("anthropic.claude-haiku-5-5") == "anthropic.claude-haiku-5-5"
    assert bedrock_model_id("eu.anthropic.claude-haiku-5-5") == "eu.anthropic.claude-haiku-5-5"


def test_bedrock_without_boto3_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real_find_spec = importlib.util.find_spec

    def without_boto(name: str, *args: object) -> object:
        return None if name in {"boto3", "botocore"} else real_find_spec(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", without_boto)  # as on a machine without it
    monkeypatch.delenv("AWS_BEARER_TOKEN_BEDROCK", raising=False)
    settings = Settings(llm_provider="bedrock", aws_region="eu-west-1")

    with pytest.raises(ConfigError, match=r'pip install "anthropic\[bedrock\]"'):
        build_llm(settings)


def test_bedrock_client_calls_bedrock_with_its_model_id(monkeypatch: pytest.MonkeyPatch) -> None:
    # A Bedrock API key needs no boto3, so the real AnthropicBedrock client runs here.
    monkeypatch.setenv("AWS_BEARER_TOKEN_BEDROCK", "bedrock-test-token")
    monkeypatch.delenv("ANTHROPIC_BEDROCK_BASE_URL", raising=False)
    llm = build_llm(Settings(llm_provider="bedrock", aws_region="eu-west-1"))
    url = "https://bedrock-runtime.eu-west-1.amazonaws.com/model/anthropic.claude-haiku-5-5/invoke"

    with respx.mock(assert_all_called=False) as router:
        route = router.post(url).mock(
            return_value=httpx.Response(200, json=fixture("message_success.json"))
        )
        reply = call(llm)

    assert llm.model == "anthropic.claude-haiku-5-5"
    assert reply.stop_reason == "end_turn"
    request = route.calls.last.request
    assert request.headers["authorization"] == "Bearer bedrock-test-token"
    body = json.loads(request.content)
    assert body["thinking"] == {"type": "disabled"}
    assert body["output_config"]["format"]["type"] == "json_schema"
    assert body["system"][0]["cache_control"] == {"type": "ephemeral"}
