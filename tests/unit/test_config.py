"""Settings: environment prefix, secrets kept secret, guards, batch budget."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.config import Settings, settings_problem


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ANTHROPIC_API_KEY", "TIMEBILL_DEADLINE_MS", "TIMEBILL_LLM_PROVIDER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("TIMEBILL_STORE", raising=False)


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


def test_given_values_win_over_the_environment_in_any_case(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("timebill_deadline_ms", "650")  # variable names are not case-sensitive
    assert Settings().deadline_ms == 650
    assert Settings(deadline_ms=900).deadline_ms == 900
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-env")
    for given in ({"anthropic_api_key": "sk-ant-given"}, {"ANTHROPIC_API_KEY": "sk-ant-given"}):
        key = Settings(**given).anthropic_api_key
        assert key is not None
        assert key.get_secret_value() == "sk-ant-given"


def test_what_the_environment_set_counts_as_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-x")
    monkeypatch.setenv("TIMEBILL_DEADLINE_MS", "700")
    assert Settings().for_batch().deadline_ms == 700  # chosen by the operator: kept


def _refused(monkeypatch: pytest.MonkeyPatch, **variables: str) -> ValidationError:
    """The error ``Settings()`` raises with these variables set (it must raise one)."""
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as raised:
        Settings()
    return raised.value


def test_a_refused_setting_is_named_as_it_is_set_and_its_value_never_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raised = _refused(monkeypatch, TIMEBILL_DEADLINE_MS="soon", TIMEBILL_SUPABASE_URL="not a url")
    said = settings_problem(raised)
    assert said.startswith("settings: ")
    assert "TIMEBILL_DEADLINE_MS: Input should be a valid integer" in said
    assert "TIMEBILL_SUPABASE_URL: String should match pattern" in said
    assert "soon" not in said
    assert "not a url" not in said


def test_a_missing_companion_setting_is_said_without_the_secrets_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raised = _refused(
        monkeypatch, TIMEBILL_STORE="supabase", TIMEBILL_SUPABASE_KEY="sb-secret-value"
    )
    said = settings_problem(raised)
    assert "TIMEBILL_STORE=supabase needs TIMEBILL_SUPABASE_URL" in said
    assert "sb-secret-value" not in said
    assert "sb-secret-value" not in str(raised)


def test_the_process_settings_refuse_in_one_line_naming_the_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``get_settings`` is what a Lambda cold start and ``timebill serve`` build: a refused
    value is one line (the error a cold start reports) naming each variable as it is set, with
    none of the values given (pydantic's own text is several lines and echoes each one)."""
    from app.config import get_settings  # noqa: PLC0415
    from app.errors import ConfigError  # noqa: PLC0415

    for name, value in {
        "TIMEBILL_DEADLINE_MS": "soon", "TIMEBILL_RETENTION_DAYS": "-5",
        "TIMEBILL_LLM_PROVIDER": "openai", "TIMEBILL_SUPABASE_URL": "sb-secret-in-the-wrong-place",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        with pytest.raises(ConfigError) as raised:
            get_settings()
    finally:
        get_settings.cache_clear()
    said = str(raised.value)
    assert len(said.splitlines()) == 1
    for name in ("DEADLINE_MS", "RETENTION_DAYS", "LLM_PROVIDER", "SUPABASE_URL"):
        assert f"TIMEBILL_{name}: " in said
    for value in ("soon", "-5", "openai", "sb-secret-in-the-wrong-place"):
        assert value not in said
    assert raised.value.__cause__ is None
    assert raised.value.__suppress_context__  # no pydantic text chained below it
