"""``--claude --batch``: the real SDK's ``messages.batches`` against respx mocks of the documented
create / retrieve / results responses (``tests/data/anthropic/batch_*``), through the same
cascade the online path uses.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from app.adapters.anthropic_llm import json_request
from app.classify.batch import classify_entries
from app.classify.claude_batch_plan import estimate, plan
from app.classify.claude_batch_state import load
from app.classify.memory import Memory
from app.cli.jobs.claude_batch import BatchMode, BatchStopped, batched_cascade
from app.config import Settings
from app.domain.decisions import Decision, ReviewReason, Stage
from app.domain.entries import TimeEntry
from app.factory import build_claude_stage
from tests import builders

BASE_URL = "http://anthropic.test"
FIXTURES = Path(__file__).parents[1] / "data" / "anthropic"
BATCH_ID = "msgbatch_01TestMixedResults0001"
UNDECIDED = (  # none of client A's rules match these: each needs Claude
    "Prepared board deck on pricing options",
    "Reviewed operating model draft",
    "Call about Q3 priorities",
    "Read the market study",
    "Drafted memo on supplier options",
    "Updated roadmap slides",
    "Notes from leadership sync",
)


def fixture(name: str) -> dict[str, Any]:
    body: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    return body


def settings() -> Settings:
    return Settings(
        anthropic_api_key="sk-ant-test-batch",
        anthropic_base_url=BASE_URL,
        model="claude-haiku-5-5",
        llm_max_retries=0,
    )


def entries() -> list[TimeEntry]:
    undecided = [
        builders.entry(text, external_id=str(2000 + n)) for n, text in enumerate(UNDECIDED)
    ]
    by_rule = builders.entry("Flight to Acme HQ", external_id="1999")  # ACME-TRAVEL by rule
    return [by_rule, *undecided]


class Api:
    """The three endpoints, recorded payloads, and how often each was called."""

    def __init__(self, router: respx.MockRouter) -> None:
        self.create = router.post("/v1/messages/batches").mock(
            return_value=httpx.Response(200, json=fixture("batch_created.json"))
        )
        self.retrieve = router.get(f"/v1/messages/batches/{BATCH_ID}")
        self.retrieve.side_effect = self._status
        self.results = router.get(f"/v1/messages/batches/{BATCH_ID}/results").mock(
            return_value=httpx.Response(
                200,
                content=(FIXTURES / "batch_results_mixed.jsonl").read_bytes(),
                headers={"content-type": "application/binary"},
            )
        )
        self.in_progress_polls = 1

    def _status(self, request: httpx.Request) -> httpx.Response:
        del request
        if self.in_progress_polls > 0:
            self.in_progress_polls -= 1
            return httpx.Response(200, json=fixture("batch_in_progress.json"))
        return httpx.Response(200, json=fixture("batch_ended.json"))


@pytest.fixture
def api() -> Iterator[Api]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield Api(router)


def mode(tmp_path: Path, *, answer: bool = True, resume: bool = False) -> BatchMode:
    asked: list[str] = []

    def confirm(question: str) -> bool:
        asked.append(question)
        return answer

    return BatchMode(tmp_path / "claude-batch.json", confirm, resume=resume, poll_s=0.0)


def run(tmp_path: Path, batch: BatchMode | None = None) -> list[Decision]:
    book, memory = builders.rulebook(), Memory(0.75)
    batched = batched_cascade(settings(), book, memory, entries(), batch or mode(tmp_path))
    return classify_entries(batched.cascade, entries())


def by_text(decisions: list[Decision]) -> dict[str, Decision]:
    texts = {e.key: e.description for e in entries()}
    return {texts[d.entry_key]: d for d in decisions}


# --- a batch of mixed results, merged entry by entry -----------------------------------------


def test_mixed_results_merge_answers_and_send_every_failure_to_review(
    api: Api, tmp_path: Path
) -> None:
    found = by_text(run(tmp_path))

    answered = found[UNDECIDED[0]]
    assert (answered.stage, answered.code) == (Stage.CLAUDE, "ACME-STRAT")
    assert answered.usage is not None
    assert answered.usage.cache_read_tokens == 1830
    expected = {
        UNDECIDED[1]: ReviewReason.MODEL_INVALID_OUTPUT,
        UNDECIDED[2]: ReviewReason.MODEL_UNKNOWN_CODE,
        UNDECIDED[3]: ReviewReason.MODEL_ERROR,  # errored
        UNDECIDED[4]: ReviewReason.MODEL_ERROR,  # expired
        UNDECIDED[5]: ReviewReason.MODEL_ERROR,  # canceled
        UNDECIDED[6]: ReviewReason.MODEL_ERROR,  # no result line at all
    }
    for text, reason in expected.items():
        decision = found[text]
        assert decision.needs_review, text
        assert reason in decision.review_reasons, text
        assert (decision.code, decision.billable, decision.amount) == (None, False, 0), text
    assert "expired" in found[UNDECIDED[4]].reason
    assert "invalid_request_error" in found[UNDECIDED[3]].reason
    assert all("ECHO-OF-THE-REQUEST" not in d.reason for d in found.values())
    assert found["Flight to Acme HQ"].stage is Stage.RULES
    assert (api.create.call_count, api.results.call_count) == (1, 1)
    assert api.retrieve.call_count == 3  # in progress, ended, and the SDK's own before results


def test_batch_carries_exactly_the_online_request_of_each_undecided_entry(
    api: Api, tmp_path: Path
) -> None:
    run(tmp_path)

    sent = json.loads(api.create.calls.last.request.content)["requests"]
    assert [r["custom_id"] for r in sent] == [f"e{n}" for n in range(len(UNDECIDED))]
    online = build_claude_stage(settings(), Memory(0.75))
    ctx = builders.context()
    for request, entry in zip(sent, entries()[1:], strict=True):
        built = online.build_request(entry, ctx)
        expected = json_request("claude-haiku-5-5", built.system, built.user, built.schema, 200)
        assert request["params"] == json.loads(json.dumps(expected))
    assert "Flight to Acme HQ" not in api.create.calls.last.request.content.decode()


def test_state_file_keeps_the_batch_and_the_entry_of_each_custom_id(
    api: Api, tmp_path: Path
) -> None:
    run(tmp_path)

    state = load(tmp_path / "claude-batch.json")
    assert state is not None
    assert state.batch_ids == [BATCH_ID]
    keys = {e.description: e.key for e in entries()}
    assert state.entry_keys["e0"] == keys[UNDECIDED[0]]
    assert state.results == {
        "succeeded": 3, "errored": 1, "canceled": 1, "expired": 1, "missing": 1,
    }  # fmt: skip
    assert state.estimate["requests"] == len(UNDECIDED)
    raw = (tmp_path / "claude-batch.json").read_text()
    assert "board deck" not in raw  # entry keys only: no entry text, no prompt


# --- interruption and resume -------------------------------------------------------------------


def test_interrupted_while_waiting_then_resumed_without_a_second_create(
    api: Api, tmp_path: Path
) -> None:
    def interrupt(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    api.retrieve.side_effect = interrupt
    with pytest.raises(BatchStopped) as stopped:
        run(tmp_path)
    assert stopped.value.code == 130
    assert "run the same command again" in str(stopped.value)
    assert api.create.call_count == 1

    api.retrieve.side_effect = api._status
    asked: list[str] = []
    resumed = BatchMode(
        tmp_path / "claude-batch.json", lambda q: asked.append(q) or True, True, poll_s=0.0
    )
    found = by_text(run(tmp_path, resumed))

    assert api.create.call_count == 1  # picked up, not sent again
    assert asked == []  # nothing new to confirm
    assert found[UNDECIDED[0]].code == "ACME-STRAT"


def test_rerun_after_the_batch_ended_reads_it_again_without_sending(
    api: Api, tmp_path: Path
) -> None:
    run(tmp_path)
    run(tmp_path)

    assert api.create.call_count == 1
    assert api.results.call_count == 2


def test_state_of_other_requests_is_not_merged(api: Api, tmp_path: Path) -> None:
    run(tmp_path)
    other = builders.entry("Something else entirely", external_id="3000")

    with pytest.raises(BatchStopped) as stopped:
        batched_cascade(settings(), builders.rulebook(), Memory(0.75), [other], mode(tmp_path))

    assert stopped.value.code == 2
    assert "delete it to send a new batch" in str(stopped.value)
    assert api.create.call_count == 1


def test_resume_without_a_state_file_says_so(api: Api, tmp_path: Path) -> None:
    with pytest.raises(BatchStopped) as stopped:
        run(tmp_path, mode(tmp_path, resume=True))

    assert "nothing to resume" in str(stopped.value)
    assert api.create.call_count == 0


# --- confirmation and estimate -------------------------------------------------------------------


def test_declined_confirmation_sends_nothing_and_writes_no_state(api: Api, tmp_path: Path) -> None:
    with pytest.raises(BatchStopped) as stopped:
        run(tmp_path, mode(tmp_path, answer=False))

    assert stopped.value.code == 1
    assert api.create.call_count == 0
    assert not (tmp_path / "claude-batch.json").exists()


def test_estimate_prices_the_batch_at_half_the_online_price() -> None:
    online = build_claude_stage(settings(), Memory(0.75))
    ctx = builders.context()
    pending = {e.key: online.build_request(e, ctx) for e in entries()[1:]}

    found = estimate(
        plan(pending, max_tokens=200, model="claude-haiku-5-5"),
        entries=100,
        model="claude-haiku-5-5",
    )

    chars = sum(len(r.system) + len(r.user) + len(json.dumps(r.schema)) for r in pending.values())
    assert found.input_tokens == chars // 4
    assert found.output_tokens == 65 * len(UNDECIDED)
    assert found.online_usd is not None
    assert found.batch_usd is not None
    assert abs(found.batch_usd * 2 - found.online_usd) <= Decimal("0.0002")
    assert found.per_1000(found.batch_usd) == found.batch_usd * 10


def test_plan_splits_past_the_request_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.classify.claude_batch_plan.MAX_REQUESTS", 3)
    online = build_claude_stage(settings(), Memory(0.75))
    pending = {e.key: online.build_request(e, builders.context()) for e in entries()}

    chunks = plan(pending, max_tokens=200, model="m").chunks

    assert [len(c) for c in chunks] == [3, 3, 2]
