"""Settings: environment prefix, secrets kept secret, guards, batch budget."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.config import Settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ANTHROPIC_API_KEY", "TIMEBILL_DEADLINE_MS", "TIMEBILL_LLM_PROVIDER"):
        monkeypatch.delenv(name, raising=False)


def test_claude_is_off_without_a_key() -> None:
    assert Settings().llm_enabled is False


def test_key_enables_claude_and_never_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-secret-value")
    settings = Settings()
    assert settings.llm_enabled is True
    assert "sk-ant-secret-value" not in repr(settings)
    assert "sk-ant-secret-value" not in str(settings.model_dump())


def test_prefixed_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMEBILL_DEADLINE_MS", "750")
    monkeypatch.setenv("TIMEBILL_LLM_PROVIDER", "none")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-x")
    settings = Settings()
    assert (settings.deadline_ms, settings.llm_enabled) == (750, False)


def test_bedrock_needs_a_region() -> None:
    with pytest.raises(ValidationError, match="TIMEBILL_AWS_REGION"):
        Settings(llm_provider="bedrock")


def test_batch_runs_with_claude_get_the_longer_budget_unless_one_was_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert Settings().for_batch().deadline_ms == 500  # local stages only: no reason to wait
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-x")
    assert Settings().for_batch().deadline_ms == 5_000
    assert Settings(deadline_ms=800).for_batch().deadline_ms == 800
