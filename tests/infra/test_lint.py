"""cfn-lint and ``sam validate --lint`` on template.yaml, and the per-stage samconfig.

The two tools live in ``.venv-infra/`` (``scripts/lint_infra --install``). Without them the
lint tests skip on a developer's machine and fail in CI (``CI=true``), where scripts/test
installs them first.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.infra.cfn import TEMPLATE, template

REPO = TEMPLATE.parent
TOOLS = REPO / ".venv-infra" / "bin"
SAMCONFIG = REPO / "infra" / "samconfig.toml"
STAGES = ("dev", "staging", "prod")


def tool(name: str) -> Path:
    path = TOOLS / name
    if path.exists():
        return path
    message = f"{name} is not installed in .venv-infra: run scripts/lint_infra --install"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def run(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SAM_CLI_TELEMETRY": "0"}
    return subprocess.run(
        [str(a) for a in argv], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip


def test_cfn_lint_passes() -> None:
    result = run(tool("cfn-lint"), "template.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_sam_validate_lint_passes() -> None:
    result = run(
        tool("sam"), "validate", "--lint", "--region", "eu-west-1", "--template-file",
        "template.yaml",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is a valid SAM Template" in result.stdout


def test_cfn_lint_catches_a_broken_template(tmp_path: Path) -> None:
    text = TEMPLATE.read_text()
    broken = text.replace("deadLetterTargetArn: !GetAtt JobsDeadLetterQueue.Arn",
                          "deadLetterTargetArn: !GetAtt JobsDlq.Arn")  # fmt: skip
    assert broken != text
    (tmp_path / "template.yaml").write_text(broken)
    result = run(tool("cfn-lint"), tmp_path / "template.yaml")
    assert result.returncode != 0
    assert "JobsDlq" in result.stdout


def overrides(stage: str) -> dict[str, str]:
    config = tomllib.loads(SAMCONFIG.read_text())[stage]["deploy"]["parameters"]
    raw = config["parameter_overrides"]
    pairs = raw if isinstance(raw, list) else shlex.split(raw)
    return dict(p.split("=", 1) for p in pairs)


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_config_deploys_that_stage_with_valid_parameters(stage: str) -> None:
    deploy = tomllib.loads(SAMCONFIG.read_text())[stage]["deploy"]["parameters"]
    assert deploy["stack_name"] == f"timebill-{stage}"
    assert deploy["template_file"] == "template.yaml"  # never a stray .aws-sam/build
    assert "CAPABILITY_IAM" in deploy["capabilities"].split()
    values = overrides(stage)
    assert values["Stage"] == stage
    parameters: dict[str, Any] = template()["Parameters"]
    assert set(values) <= set(parameters)
    required = {name for name, spec in parameters.items() if "Default" not in spec}
    assert required <= set(values)
    for name, value in values.items():
        spec = parameters[name]
        if "AllowedValues" in spec:
            assert value in map(str, spec["AllowedValues"]), (name, value)
        if "AllowedPattern" in spec:
            assert re.fullmatch(spec["AllowedPattern"], value), (name, value)
        if spec["Type"] == "Number":
            assert spec.get("MinValue", float("-inf")) <= float(value)
            assert float(value) <= spec.get("MaxValue", float("inf"))


def test_production_asks_before_changing_anything() -> None:
    deploy = tomllib.loads(SAMCONFIG.read_text())["prod"]["deploy"]["parameters"]
    assert deploy["confirm_changeset"] is True


def test_scripts_test_runs_the_infra_lint_and_git_ignores_its_venv() -> None:
    assert "scripts/lint_infra" in (REPO / "scripts" / "test").read_text().splitlines()
    assert ".venv-infra/" in (REPO / ".gitignore").read_text().splitlines()
