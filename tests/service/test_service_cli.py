"""`timebill entries`, `replay` and `send-sample` as a user runs them on the local store."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.adapters.outbox_writer import record_name
from app.cli import app
from app.domain.inbox import Status
from tests.service.conftest import Rig
from tests.service.test_worker import deliver


@pytest.fixture
def env(rig: Rig, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Rig:
    monkeypatch.setenv("TIMEBILL_SQLITE_PATH", str(rig.store.path))
    monkeypatch.setenv("TIMEBILL_OUTBOX_DIR", str(tmp_path / "outbox"))
    monkeypatch.setenv("TIMEBILL_LLM_PROVIDER", "none")
    monkeypatch.chdir(Path(__file__).resolve().parents[2])  # sow_rules/ is found from here
    return rig


def test_entries_lists_what_needs_review(env: Rig) -> None:
    deliver(env, "researching new regs")
    env.run_queue()
    result = CliRunner().invoke(app, ["entries", "--status", "needs_review"])
    assert result.exit_code == 0, result.output
    assert "1 item(s)" in result.output
    assert "needs_review" in result.output


def test_entries_refuses_an_unknown_status(env: Rig) -> None:
    result = CliRunner().invoke(app, ["entries", "--status", "lost"])
    assert result.exit_code == 2
    assert "unknown status 'lost'" in result.output


def test_replay_gives_a_dead_letter_one_more_try(env: Rig, tmp_path: Path) -> None:
    env.writer.failures, env.writer.retryable = 1, False
    item_id = deliver(env)
    env.run_queue()
    assert env.store.get("demo", item_id).status is Status.DEAD_LETTER  # type: ignore[union-attr]
    result = CliRunner().invoke(app, ["replay", item_id[:8]])
    assert result.exit_code == 0, result.output
    assert "now posted" in result.output
    entry = env.store.get("demo", item_id).entry  # type: ignore[union-attr]
    assert entry is not None
    assert (tmp_path / "outbox" / "demo" / record_name(entry.key)).exists()


def test_replay_refuses_an_item_that_is_already_done(env: Rig) -> None:
    item_id = deliver(env)
    env.run_queue()
    result = CliRunner().invoke(app, ["replay", item_id])
    assert result.exit_code == 2
    assert "is posted" in result.output


def test_send_sample_without_a_server_says_what_to_do(env: Rig) -> None:
    result = CliRunner().invoke(app, ["send-sample", "toggl", "--url", "http://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "Is `timebill serve` running?" in result.output
