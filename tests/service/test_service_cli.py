"""`timebill entries`, `replay` and `send-sample` as a user runs them on the local store."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from typer.testing import CliRunner

from app.adapters.outbox_writer import record_name
from app.api.deps import Services
from app.cli import app
from app.cli.console import console
from app.cli.jobs.service import DEMO_MAPPING
from app.config import Settings
from app.domain.entries import Source
from app.domain.inbox import Status
from app.factory import build_worker
from app.main import create_app
from app.service.local import DEMO_ACCOUNTS, sample_entry
from app.sources.signing import sample_body, signed_headers
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


@pytest.mark.parametrize("width", [80, 200])  # one block per item; the table
def test_entries_shows_a_description_as_written_not_as_markup(
    env: Rig, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    # A person's text is never Rich markup: "[/]" crashed the wide table (MarkupError), and
    # "[link=...]" made a terminal hyperlink of it.
    monkeypatch.setattr(console, "_width", width)
    deliver(env, "[/] sync [link=https://evil.example]notes[/link]")
    result = CliRunner().invoke(app, ["entries"])
    assert result.exit_code == 0, result.output
    assert "[/] sync [link=https://evil.example]" in " ".join(result.output.split())


def test_entries_archived_lists_the_archive_and_says_so(env: Rig) -> None:
    item_id = deliver(env)
    env.run_queue()
    assert env.store.get("demo", item_id).status is Status.POSTED  # type: ignore[union-attr]
    far = env.clock() + timedelta(days=1000)
    assert env.store.archive_finished(before=far, now=far) == 1
    inbox = CliRunner().invoke(app, ["entries"])
    assert "0 item(s)" in inbox.output
    result = CliRunner().invoke(app, ["entries", "--archived"])
    assert result.exit_code == 0, result.output
    assert "1 archived item(s)" in result.output
    assert item_id[:8] in result.output
    assert "posted" in result.output


def test_entries_refuses_an_unknown_status(env: Rig) -> None:
    result = CliRunner().invoke(app, ["entries", "--status", "lost"])
    assert result.exit_code == 2
    assert "unknown status 'lost'" in result.output


@pytest.mark.parametrize(
    "args", [["entries"], ["entries", "--archived"], ["status"], ["replay", "abc"]], ids=" ".join
)
def test_a_tenant_the_store_lacks_is_named_not_listed_as_empty(env: Rig, args: list[str]) -> None:
    """A mistyped --tenant is said, exit 2: not an empty list, or a status, that reads as
    'nothing to look at' for a tenant that does have entries."""
    deliver(env, "researching new regs")
    result = CliRunner().invoke(app, [*args, "--tenant", "acme-typo"])
    assert result.exit_code == 2, result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith("error: no tenant 'acme-typo' in the store"), line


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


def send_sample(rig: Rig, source: Source, description: str | None) -> str:
    """The delivery `timebill send-sample SOURCE [--description TEXT]` makes."""
    body = sample_body(source, account=DEMO_ACCOUNTS[source], **sample_entry(source, description))
    secret = rig.tenant.sources[source].secrets[0].get_secret_value()
    answer = rig.client.post(f"/webhooks/{source.value}/demo", content=body,
                             headers=signed_headers(source, body, secret))  # fmt: skip
    assert answer.status_code == 200, answer.text
    return rig.queue.jobs[-1][1]


@pytest.mark.parametrize("source", [Source.CLOCKIFY, Source.TOGGL])
def test_the_samples_show_the_product_working(env: Rig, source: Source) -> None:
    """What `send-sample` sends is decided like real work: posted with the SOW's code (travel
    at Northwind), and a research entry goes to review for its real reason, not as an unknown
    client."""
    posted, research = (send_sample(env, source, text) for text in (None, "researching new regs"))
    env.run_queue()
    first, second = env.store.get("demo", posted), env.store.get("demo", research)
    assert first is not None
    assert first.decision is not None
    assert (first.status, first.decision.code) == (Status.POSTED, "NWF-TRAVEL"), (
        first.decision.model_dump_json()
    )
    assert second is not None
    assert second.decision is not None
    assert second.status is Status.NEEDS_REVIEW
    reasons = {r.value for r in second.decision.review_reasons}
    assert reasons
    assert "unknown_client" not in reasons


def test_send_sample_quickbooks_goes_to_the_app_url_signed_with_the_app_token(
    env: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMEBILL_QBO_VERIFIER_TOKEN", "intuit-app-verifier-2f9c")
    settings = Settings(sqlite_path=env.store.path, llm_provider="none",
                        qbo_verifier_token=SecretStr("intuit-app-verifier-2f9c"))  # fmt: skip
    services = Services(settings, env.store, env.queue, env.clock)
    sent: list[str] = []
    with TestClient(create_app(lambda: services)) as server:

        def post(url: str, *, content: bytes, headers: dict[str, str], timeout: float) -> Any:
            sent.append(url)
            return server.post(url.removeprefix("http://127.0.0.1:8000"), content=content,
                               headers=headers)  # fmt: skip

        monkeypatch.setattr("app.cli.jobs.service.httpx.post", post)
        result = CliRunner().invoke(app, ["send-sample", "quickbooks"])
    assert result.exit_code == 0, result.output
    assert sent == ["http://127.0.0.1:8000/webhooks/quickbooks"]
    assert '"accepted":1' in result.output.replace(" ", "")
    [item] = env.store.items("demo")
    assert item.ref is not None
    assert item.ref.entity == "TimeActivity"


def test_the_quickbooks_sample_is_read_from_the_local_company_and_written_back(
    env: Rig, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """In the default set-up (outbox writer) the record the QuickBooks event names is read from
    the demo's local sandbox company, classified and written back in place: posted, not
    waiting."""
    settings = Settings(sqlite_path=env.store.path, llm_provider="none",
                        outbox_dir=tmp_path / "outbox", qbo_mapping_path=DEMO_MAPPING)  # fmt: skip
    services = Services(settings, env.store, env.queue, env.clock)
    with TestClient(create_app(lambda: services)) as server:

        def post(url: str, *, content: bytes, headers: dict[str, str], timeout: float) -> Any:
            return server.post(url.removeprefix("http://127.0.0.1:8000"), content=content,
                               headers=headers)  # fmt: skip

        monkeypatch.setattr("app.cli.jobs.service.httpx.post", post)
        assert CliRunner().invoke(app, ["send-sample", "quickbooks"]).exit_code == 0
    [item] = env.store.items("demo")
    assert build_worker(settings, env.store).process("demo", item.id) is Status.POSTED
    done = env.store.get("demo", item.id)
    assert done is not None
    assert done.decision is not None
    assert (done.decision.code, done.decision.entry_key) == ("NWF-TRAVEL", "quickbooks:1234")
    [written] = (tmp_path / "outbox").rglob("*.json")
    assert "drive to Stockton depot" in written.read_text(encoding="utf-8")
