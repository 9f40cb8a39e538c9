"""``timebill reviewers add`` prints a link whose token signs in; ``serve``'s demo link too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.adapters.sqlite_store import SqliteStore
from app.cli import app
from app.cli.jobs.review import demo_signin
from app.config import Settings
from app.review.access import DEMO_REVIEWER, reviewer_for

TOKEN = re.compile(r"/review/(\w+)/signin#token=(tbr_[\w-]+)")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "t.sqlite3"
    monkeypatch.setenv("TIMEBILL_SQLITE_PATH", str(path))
    monkeypatch.setenv("TIMEBILL_LLM_PROVIDER", "none")
    return path


def test_reviewers_add_prints_a_link_that_signs_in(env: Path) -> None:
    link = demo_signin(Settings(), "127.0.0.1", 8000)  # creates the demo tenant
    result = CliRunner().invoke(app, ["reviewers", "add", "--tenant", "demo", "--name", "dana"])
    assert result.exit_code == 0, result.output
    found = TOKEN.search(result.output.replace("\n", ""))
    assert found is not None
    assert found.group(1) == "demo"
    with SqliteStore(env) as store:
        reviewer = reviewer_for(store, "demo", found.group(2))
        assert reviewer is not None
        assert reviewer.name == "dana"
        assert reviewer.token_hash != found.group(2)  # only the hash is kept
        demo = TOKEN.search(link)
        assert demo is not None
        demo_reviewer = reviewer_for(store, "demo", demo.group(2))
        assert demo_reviewer is not None
        assert demo_reviewer.name == DEMO_REVIEWER


def test_each_demo_link_replaces_the_last(env: Path) -> None:
    first = TOKEN.search(demo_signin(Settings(), "127.0.0.1", 8000))
    second = TOKEN.search(demo_signin(Settings(), "127.0.0.1", 8000))
    assert first is not None
    assert second is not None
    with SqliteStore(env) as store:
        assert reviewer_for(store, "demo", first.group(2)) is None
        assert reviewer_for(store, "demo", second.group(2)) is not None


def test_reviewers_add_refuses_an_unknown_tenant_or_a_bad_name(env: Path) -> None:
    demo_signin(Settings(), "127.0.0.1", 8000)
    runner = CliRunner()
    assert (
        runner.invoke(app, ["reviewers", "add", "--tenant", "nobody", "--name", "x"]).exit_code == 2
    )
    assert runner.invoke(app, ["reviewers", "add", "--name", "Bad Name!"]).exit_code == 2
