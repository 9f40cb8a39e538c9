"""The worker: every accepted entry ends posted or needs_review, or waits in a queryable dead
letter; nothing is lost, nothing is processed or written twice."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from app.config import Settings
from app.domain.entries import Source
from app.domain.inbox import Status
from app.errors import UpstreamKind
from app.service.local import DEMO_ACCOUNTS, demo_entry, reopen
from app.sources.signing import sample_body, signed_headers
from tests.service.conftest import REPO, Rig, make_worker

TRAVEL = "drive to Stockton depot"


def deliver(
    rig: Rig, description: str | None = TRAVEL, source: Source = Source.CLOCKIFY, entry_id: str = ""
) -> str:
    """A signed delivery of the demo entry (``entry_id``: another entry than the demo's)."""
    fields = demo_entry(source, description) | ({"id": entry_id} if entry_id else {})
    body = sample_body(source, account=DEMO_ACCOUNTS[source], **fields)
    secret = rig.tenant.sources[source].secrets[0].get_secret_value()
    response = rig.client.post(
        f"/webhooks/{source.value}/demo", content=body, headers=signed_headers(source, body, secret)
    )
    assert response.status_code == 200, response.text
    [(_, item_id)] = rig.queue.jobs[-1:]
    return item_id


def test_an_entry_the_rules_decide_is_posted_once(rig: Rig) -> None:
    item_id = deliver(rig)
    rig.run_queue()
    item = rig.store.get("demo", item_id)
    assert item is not None
    assert item.status is Status.POSTED
    assert item.decision is not None
    assert item.decision.code == "NWF-TRAVEL"
    assert rig.writer.written == [("demo", item_id, "NWF-TRAVEL")]
    assert rig.worker.process("demo", item_id) is None  # a redelivered message finds nothing to do
    assert len(rig.writer.written) == 1


def test_an_entry_needing_review_is_not_written(rig: Rig) -> None:
    item_id = deliver(rig, "researching new regs")
    rig.run_queue()
    item = rig.store.get("demo", item_id)
    assert item is not None
    assert item.status is Status.NEEDS_REVIEW
    assert rig.writer.calls == 0


def test_writer_down_then_back_ends_posted_after_retries(rig: Rig) -> None:
    rig.writer.failures = 2
    item_id = deliver(rig)
    rig.run_queue()
    item = rig.store.get("demo", item_id)
    assert item is not None
    assert (item.status, item.attempts) == (Status.RETRYING, 1)
    assert item.last_error is not None
    assert "503" in item.last_error
    assert rig.worker.process("demo", item_id) is None  # not due yet
    for _ in range(2):
        rig.clock.advance(3_600)
        rig.worker.process("demo", item_id)
    item = rig.store.get("demo", item_id)
    assert item is not None
    assert item.status is Status.POSTED
    assert len(rig.writer.written) == 1


def test_past_the_retry_budget_an_entry_is_dead_lettered_and_can_be_replayed(rig: Rig) -> None:
    rig.writer.failures = 100
    item_id = deliver(rig)
    rig.run_queue()
    for _ in range(5):
        rig.clock.advance(7_200)
        rig.worker.process("demo", item_id)
    item = rig.store.get("demo", item_id)
    assert item is not None
    assert (item.status, item.attempts) == (Status.DEAD_LETTER, 4)
    assert [i.id for i in rig.store.items("demo", status=Status.DEAD_LETTER)] == [item_id]
    rig.writer.failures = 0
    reopen(rig.store, "demo", item_id, now=rig.clock())
    assert rig.worker.process("demo", item_id) is Status.POSTED
    assert [s.status for s in rig.store.trail("demo", item_id)][-2:] == [
        Status.RECEIVED,
        Status.POSTED,
    ]


def test_a_permanent_writer_error_goes_straight_to_the_dead_letter(rig: Rig) -> None:
    rig.writer.failures, rig.writer.retryable = 1, False
    item_id = deliver(rig)
    rig.run_queue()
    item = rig.store.get("demo", item_id)
    assert item is not None
    assert item.status is Status.DEAD_LETTER


def test_quickbooks_events_wait_for_a_reader_and_are_not_lost(rig: Rig) -> None:
    item_id = deliver(rig, source=Source.QUICKBOOKS)
    rig.run_queue()
    item = rig.store.get("demo", item_id)
    assert item is not None
    assert item.status is Status.WAITING
    assert item.ref is not None
    assert item.ref.entity == "TimeActivity"


def test_the_sweep_finds_work_whose_message_was_lost(rig: Rig) -> None:
    item_id = deliver(rig)
    rig.queue.jobs.clear()  # the enqueue never reached the worker
    assert rig.store.due(now=rig.clock()) == [("demo", item_id)]


@pytest.fixture
def claude() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url="http://anthropic.test", assert_all_called=False) as router:
        yield router


def _answer(code: str) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(
        (REPO / "tests/data/anthropic/message_success.json").read_text()
    )
    text = {"code": code, "confidence": 0.95, "reason": "internal goals meeting", "clause": ""}
    body["content"] = [{"type": "text", "text": json.dumps(text)}]
    return body


def test_claude_down_retries_then_reviews_and_a_recovered_claude_decides(
    rig: Rig, claude: respx.MockRouter, tmp_path: Path
) -> None:
    settings = Settings(
        sqlite_path=tmp_path / "unused.sqlite3", anthropic_api_key="sk-ant-test",
        anthropic_base_url="http://anthropic.test", deadline_ms=2_000,
    )  # fmt: skip
    rig.worker = make_worker(rig.store, rig.writer, rig.clock, settings)
    overloaded = httpx.Response(
        529, json={"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
    )
    route = claude.post("/v1/messages").mock(return_value=overloaded)
    down = deliver(rig, "quarterly goals check-in w/ Maya", entry_id="64c7a1d2e3f4a5b6c7d8e901")
    recovers = deliver(rig, "quarterly goals check-in w/ Ben", entry_id="64c7a1d2e3f4a5b6c7d8e902")
    rig.run_queue()
    assert {rig.store.get("demo", i).status for i in (down, recovers)} == {Status.RETRYING}  # type: ignore[union-attr]
    rig.clock.advance(3_600)
    rig.worker.process("demo", down)  # second attempt, model still down: review
    route.mock(return_value=httpx.Response(200, json=_answer("INT-MEETING")))
    rig.worker.process("demo", recovers)
    ended_down, ended_ok = rig.store.get("demo", down), rig.store.get("demo", recovers)
    assert ended_down is not None
    assert ended_ok is not None
    assert ended_down.status is Status.NEEDS_REVIEW
    assert ended_ok.status is Status.POSTED
    assert ended_ok.decision is not None
    assert ended_ok.decision.code == "INT-MEETING"


def test_throttling_reschedules_a_minute_later_without_spending_the_retry_budget(rig: Rig) -> None:
    rig.writer.failures, rig.writer.kind, rig.writer.retry_after_s = (
        10,
        UpstreamKind.RATE_LIMITED,
        5,
    )
    item_id = deliver(rig)
    rig.run_queue()
    for _ in range(9):  # far more throttles than the budget of 4 attempts
        item = rig.store.get("demo", item_id)
        assert item is not None
        assert item.status is Status.RETRYING
        assert item.next_attempt_at == rig.clock() + timedelta(seconds=60)
        rig.clock.advance(60)
        rig.worker.process("demo", item_id)
    rig.clock.advance(60)
    assert rig.worker.process("demo", item_id) is Status.POSTED


@pytest.mark.parametrize("kind", [UpstreamKind.MAPPING, UpstreamKind.CONFLICT])
def test_write_failures_a_person_must_fix_go_to_review(rig: Rig, kind: UpstreamKind) -> None:
    rig.writer.failures, rig.writer.kind, rig.writer.retryable = 1, kind, False
    item_id = deliver(rig)
    rig.run_queue()
    item = rig.store.get("demo", item_id)
    assert item is not None
    assert item.status is Status.NEEDS_REVIEW
    assert item.last_error is not None


def test_a_lost_quickbooks_connection_pauses_the_entry_instead_of_dropping_it(rig: Rig) -> None:
    rig.writer.failures, rig.writer.kind, rig.writer.retryable = 1, UpstreamKind.AUTH, False
    item_id = deliver(rig)
    rig.run_queue()
    item = rig.store.get("demo", item_id)
    assert item is not None
    assert item.status is Status.WAITING
    assert "reconnect" in (item.last_error or "")
    reopen(rig.store, "demo", item_id, now=rig.clock())
    assert rig.worker.process("demo", item_id) is Status.POSTED


def test_a_crash_between_the_write_and_our_commit_never_writes_twice(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    item_id = deliver(rig)
    real_finish = rig.store.finish

    def crash_on_posted(tenant: str, item: str, status: Status, **kw: object) -> None:
        if status is Status.POSTED:
            raise OSError("the Lambda was killed here")
        real_finish(tenant, item, status, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(rig.store, "finish", crash_on_posted)
    with pytest.raises(OSError, match="killed"):
        rig.run_queue()
    monkeypatch.setattr(rig.store, "finish", real_finish)
    rig.clock.advance(61)  # the lease runs out; the sweep or SQS redelivers
    assert rig.store.due(now=rig.clock()) == [("demo", item_id)]
    assert rig.worker.process("demo", item_id) is Status.POSTED
    assert rig.writer.calls == 1


def test_the_echo_of_our_own_quickbooks_write_is_skipped(rig: Rig) -> None:
    posted = deliver(rig)
    rig.run_queue()
    record = rig.store.write_for("demo", posted, rig.store.get("demo", posted).entry.version)  # type: ignore[union-attr]
    assert record is not None
    body = sample_body(
        Source.QUICKBOOKS, account=DEMO_ACCOUNTS[Source.QUICKBOOKS], intuitentityid=record.record_id
    )
    secret = rig.tenant.sources[Source.QUICKBOOKS].secrets[0].get_secret_value()
    rig.client.post(
        "/webhooks/quickbooks/demo",
        content=body,
        headers=signed_headers(Source.QUICKBOOKS, body, secret),
    )
    echo = rig.queue.jobs[-1][1]
    rig.run_queue()
    item = rig.store.get("demo", echo)
    assert item is not None
    assert item.status is Status.SKIPPED
    assert rig.writer.calls == 1
