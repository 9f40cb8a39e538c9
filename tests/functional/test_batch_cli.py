"""``timebill classify|audit --claude --batch`` from the command line: the key check, the
confirmation, and a run against respx mocks of the Message Batches API (real SDK)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import respx
from typer.testing import CliRunner

from app.cli import app

REPO = Path(__file__).resolve().parents[2]
RULES = str(REPO / "sow_rules")
MONTH = REPO / "examples" / "demo_firm" / "data" / "month.csv"
FIXTURES = REPO / "tests" / "data" / "anthropic"
BASE_URL = "http://anthropic.test"
BATCH_ID = "msgbatch_01TestMixedResults0001"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    with MONTH.open(encoding="utf-8") as handle:
        lines = handle.readlines()[:41]
    path = tmp_path / "small.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[respx.MockRouter]:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-cli")
    monkeypatch.setenv("TIMEBILL_ANTHROPIC_BASE_URL", BASE_URL)
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        router.post("/v1/messages/batches").mock(
            return_value=httpx.Response(200, json=_json("batch_created.json"))
        )
        router.get(f"/v1/messages/batches/{BATCH_ID}").mock(
            return_value=httpx.Response(200, json=_json("batch_ended.json"))
        )
        router.get(f"/v1/messages/batches/{BATCH_ID}/results").mock(
            return_value=httpx.Response(
                200, content=(FIXTURES / "batch_results_mixed.jsonl").read_bytes()
            )
        )
        yield router


def _json(name: str) -> object:
    return json.loads((FIXTURES / name).read_text())


def run(args: list[str], answer: str = "") -> tuple[int, str]:
    result = CliRunner().invoke(app, args, input=answer)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize("command", ["classify", "audit"])
def test_without_a_key_one_clear_line(
    command: str, small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    out = tmp_path / ("o.csv" if command == "classify" else "audit")

    code, output = run([command, str(small), "--rules", RULES, "--out", str(out), "--batch"])

    assert code == 2
    [line] = [x for x in output.splitlines() if x.startswith("error:")]
    assert "--batch needs ANTHROPIC_API_KEY" in line


def test_declined_at_the_prompt_sends_nothing(
    api: respx.MockRouter, small: Path, tmp_path: Path
) -> None:
    out = tmp_path / "audit"
    args = ["audit", str(small), "--rules", RULES, "--out", str(out), "--claude", "--batch"]

    code, output = run(args, answer="n\n")

    assert code == 1, output
    assert "Estimated cost" in output
    assert "Not sent" in output
    assert api.routes[0].call_count == 0
    assert not (out / "claude-batch.json").exists()


def test_classify_batch_writes_the_same_output_with_failures_in_review(
    api: respx.MockRouter, small: Path, tmp_path: Path
) -> None:
    out = tmp_path / "classified.csv"
    args = ["classify", str(small), "--rules", RULES, "--out", str(out), "--batch", "--yes"]
    args += ["--poll-seconds", "0"]

    code, output = run(args)

    assert code == 0, output
    assert "Claude batch merged" in output
    state = json.loads((tmp_path / "classified.csv.claude-batch.json").read_text())
    assert state["batch_ids"] == [BATCH_ID]
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith("needs_review,review_reasons,stage,reason,sow_clause")
    assert "model_error" in out.read_text(encoding="utf-8")
    assert api.routes[0].call_count == 1


def test_yes_without_batch_is_a_mistake(small: Path, tmp_path: Path) -> None:
    code, output = run(
        ["classify", str(small), "--rules", RULES, "--out", str(tmp_path / "o.csv"), "--yes"]
    )

    assert code == 2
    assert "--batch" in output
