"""Secrets by reference: ``TIMEBILL_<SETTING>_SSM`` names a SecureString parameter, read through
boto3 once when the settings are built (moto's SSM here)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from app.adapters.aws_secrets import read_parameters
from app.config import Settings
from app.errors import ConfigError

REFERENCES = {
    "TIMEBILL_SUPABASE_KEY_SSM": ("/timebill/dev/supabase-key", "anon-key-value"),
    "TIMEBILL_SUPABASE_JWT_SECRET_SSM": ("/timebill/dev/supabase-jwt-secret", "jwt-secret-value"),
    "TIMEBILL_ANTHROPIC_API_KEY_SSM": ("/timebill/dev/anthropic-api-key", "sk-ant-value"),
}
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def ssm(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-1",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    for name in ("ANTHROPIC_API_KEY", "TIMEBILL_SUPABASE_KEY", "TIMEBILL_SUPABASE_JWT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    with mock_aws():
        client = boto3.client("ssm", region_name="eu-west-1")
        for name, value in REFERENCES.values():
            client.put_parameter(Name=name, Value=value, Type="SecureString")
        yield client


def test_read_parameters_decrypts_secure_strings(ssm: Any) -> None:
    names = [name for name, _ in REFERENCES.values()]
    values = read_parameters(names)
    assert {n: v.get_secret_value() for n, v in values.items()} == dict(REFERENCES.values())


def test_more_than_ten_names_are_read_in_batches(ssm: Any) -> None:
    names = [f"/timebill/dev/n{i:02}" for i in range(23)]
    for name in names:
        ssm.put_parameter(Name=name, Value=name[::-1], Type="SecureString")
    values = read_parameters(names)
    assert {n: v.get_secret_value() for n, v in values.items()} == {n: n[::-1] for n in names}


def test_a_missing_parameter_is_a_config_error_naming_it_and_no_value(ssm: Any) -> None:
    with pytest.raises(ConfigError) as raised:
        read_parameters(["/timebill/dev/supabase-key", "/timebill/dev/nope"])
    assert "/timebill/dev/nope" in str(raised.value)
    assert "anon-key-value" not in str(raised.value)


def test_an_aws_failure_is_a_config_error_without_details() -> None:
    class Refusing:
        def get_parameters(self, **_: Any) -> dict[str, Any]:
            raise PermissionError("AccessDenied for arn:aws:iam::123456789012:role/x")

    with pytest.raises(ConfigError, match="PermissionError") as raised:
        read_parameters(["/timebill/dev/supabase-key"], client=Refusing())
    assert "123456789012" not in str(raised.value)


def test_settings_resolve_every_reference_once_built(
    ssm: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable, (name, _) in REFERENCES.items():
        monkeypatch.setenv(variable, name)
    monkeypatch.setenv("TIMEBILL_STORE", "supabase")
    monkeypatch.setenv("TIMEBILL_SUPABASE_URL", "https://ref.supabase.co")
    settings = Settings()
    assert settings.supabase_key is not None
    assert settings.supabase_key.get_secret_value() == "anon-key-value"
    assert settings.supabase_jwt_secret is not None
    assert settings.supabase_jwt_secret.get_secret_value() == "jwt-secret-value"
    assert settings.llm_enabled
    assert "sk-ant-value" not in repr(settings)


def test_a_missing_reference_stops_the_cold_start(
    ssm: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMEBILL_SUPABASE_JWT_SECRET_SSM", "/timebill/dev/rotated-away")
    with pytest.raises(ConfigError, match="rotated-away"):
        Settings()


def test_a_value_and_a_reference_for_one_setting_are_refused(
    ssm: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-plain")
    monkeypatch.setenv("TIMEBILL_ANTHROPIC_API_KEY_SSM", "/timebill/dev/anthropic-api-key")
    with pytest.raises(ConfigError, match="not both"):
        Settings()


def test_a_reference_to_a_setting_that_is_not_secret_is_ignored(
    ssm: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMEBILL_MODEL_SSM", "/timebill/dev/model")
    assert Settings().model == "claude-haiku-5-5"


def test_without_references_neither_the_adapter_nor_boto3_is_imported() -> None:
    code = (
        "import sys, app.main, app.config; app.config.Settings(); "
        "print(sorted(m for m in ('app.adapters.aws_secrets', 'boto3') if m in sys.modules))"
    )
    env = {"PATH": "/usr/bin:/bin", "TIMEBILL_LLM_PROVIDER": "none"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=REPO
    )
    assert out.stdout.strip() == "[]"


def test_a_warm_http_function_reads_ssm_once_however_many_requests(
    ssm: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The settings (and their SSM values) are built at the first event and kept: the Mangum
    adapter and the services share them; later events read nothing."""
    import json  # noqa: PLC0415

    from app.adapters import aws_secrets  # noqa: PLC0415
    from app.config import get_settings  # noqa: PLC0415
    from app.lambdas import cold_start, http  # noqa: PLC0415

    reads: list[list[str]] = []
    real = aws_secrets.read_parameters

    def counted(names: list[str], **kwargs: Any) -> Any:
        reads.append(sorted(names))
        return real(names, **kwargs)

    monkeypatch.setattr(aws_secrets, "read_parameters", counted)
    name, _ = REFERENCES["TIMEBILL_ANTHROPIC_API_KEY_SSM"]
    for key, value in {
        "TIMEBILL_ANTHROPIC_API_KEY_SSM": name, "TIMEBILL_SQLITE_PATH": str(tmp_path / "tb.db"),
        "TIMEBILL_API_BASE_PATH": "/dev", "TIMEBILL_QUEUE": "sqs",
        "TIMEBILL_SQS_QUEUE_URL": "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs",
    }.items():  # fmt: skip
        monkeypatch.setenv(key, value)
    event = json.loads((REPO / "tests/data/lambda/http_api_v2_stage_dev.json").read_text())
    event["requestContext"]["http"]["method"], event["body"] = "GET", None
    event["rawPath"] = event["requestContext"]["http"]["path"] = "/dev/healthz"
    cached = (get_settings, cold_start.services, http._mangum)
    for function in cached:
        function.cache_clear()
    try:
        answers = [http.handler(event, None)["statusCode"] for _ in range(3)]
    finally:
        for function in cached:
            function.cache_clear()
    assert answers == [200, 200, 200]
    assert reads == [[name]]
