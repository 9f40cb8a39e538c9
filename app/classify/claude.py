"""The Claude stage of the cascade: one structured call, read as untrusted output.

Everything that can go wrong ends in an ``Abstain`` with a reason a PM can read (refusal,
truncation, invalid JSON, a code outside this client's SOW, an outage, the deadline), never in
a guess. A valid answer becomes a ``Proposal``; the policy layer applies the confidence
threshold. The model only ever picks a code: nothing it writes sets a rate, a fraction,
billability or the client.

This module does not import the ``anthropic`` SDK (about a second of import time): the
``LlmClient`` comes in through the constructor, built by the composition root.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.classify.claude_prompt import answer_schema, clean_text, system_prompt, user_message
from app.classify.deadline import Deadline
from app.domain.decisions import Abstain, LlmUsage, Proposal, ReviewReason, Stage, StageOutcome
from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext
from app.domain.rules import NEEDS_REVIEW
from app.errors import UpstreamError, UpstreamKind
from app.ports import LlmClient, LlmReply

log = logging.getLogger(__name__)

ExamplesProvider = Callable[[TimeEntry, ClientContext, int], Sequence[tuple[str, str]]]
"""``(entry, ctx, k)`` -> up to ``k`` approved ``(text, code)`` pairs of the same client."""

# Shared by every ClaudeStage of the process (inject one sized by ``llm_concurrency`` if
# wanted). A call abandoned at the deadline keeps its thread until the SDK's own timeout,
# set from the same budget, ends it.
_EXECUTOR = ThreadPoolExecutor(max_workers=8, thread_name_prefix="timebill-claude")

_STOP_REASONS = {
    "refusal": ReviewReason.MODEL_REFUSAL,
    "max_tokens": ReviewReason.MODEL_TRUNCATED,
    "model_context_window_exceeded": ReviewReason.MODEL_TRUNCATED,
}
_COMPLETE = frozenset({"end_turn", "stop_sequence"})
REASON_CAP = 300


class _Answer(BaseModel):
    """The reply schema, checked again here: the model's output is untrusted input."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    code: str
    confidence: float = Field(ge=0.0, le=1.0)
    reason: str
    clause: str


class _DeadlinePassed(Exception):
    """The budget ran out before Claude answered (or before the call could start)."""


@dataclass(frozen=True)
class ClaudeRequest:
    """What one entry is sent with: the cached system prompt, the user message, the schema."""

    system: str
    user: str
    schema: dict[str, Any]


class ClaudeStage:
    """``ClassifierStage`` asking Claude for one code of the entry's client."""

    name = "claude"

    def __init__(
        self,
        llm: LlmClient,
        *,
        max_description_chars: int,
        max_tokens: int,
        examples: ExamplesProvider | None = None,
        examples_k: int = 3,
        executor: Executor | None = None,
        min_budget_s: float = 0.0,
    ) -> None:
        """``min_budget_s``: below this much time left, do not call (a call that cannot
        finish still costs its tokens)."""
        self._llm = llm
        self._max_description_chars = max_description_chars
        self._max_tokens = max_tokens
        self._examples = examples
        self._examples_k = examples_k
        self._executor = executor or _EXECUTOR
        self._min_budget_s = min_budget_s

    def classify(self, entry: TimeEntry, ctx: ClientContext, deadline: Deadline) -> StageOutcome:
        if deadline.remaining_s <= self._min_budget_s:
            return _abstain(ReviewReason.DEADLINE, "no time left to ask Claude")
        request = self.build_request(entry, ctx)
        try:
            reply = self._ask(request, deadline)
        except _DeadlinePassed:
            return _abstain(ReviewReason.DEADLINE, "Claude did not answer within the deadline")
        except UpstreamError as exc:
            return _upstream_abstain(exc, deadline)
        return read_reply(reply, ctx)

    def build_request(self, entry: TimeEntry, ctx: ClientContext) -> ClaudeRequest:
        """The system prompt, user message and schema this entry would be sent with."""
        examples = self._examples_for(entry, ctx)
        user = user_message(entry, examples, max_description_chars=self._max_description_chars)
        return ClaudeRequest(system_prompt(ctx), user, answer_schema(ctx))

    def _examples_for(self, entry: TimeEntry, ctx: ClientContext) -> list[tuple[str, str]]:
        if self._examples is None or self._examples_k <= 0:
            return []
        try:
            found = self._examples(entry, ctx, self._examples_k)
        except Exception as exc:
            # Examples only sharpen the answer; losing them must not lose the entry. The type
            # only: a store's error message may quote entry text.
            log.warning("examples provider failed (%s); asking without", type(exc).__name__)
            return []
        # The provider scopes examples to the client; dropping codes outside this context is
        # a second guard against another client's entries reaching this prompt.
        return [(text, code) for text, code in found if code in ctx.codes][: self._examples_k]

    def _ask(self, request: ClaudeRequest, deadline: Deadline) -> LlmReply:
        """Run the call on the pool and wait no longer than the deadline: the SDK timeout is
        per network read, so only this wait bounds the total."""
        future = self._executor.submit(self._call, request, deadline)
        try:
            return future.result(timeout=deadline.remaining_s)
        except FutureTimeout:
            future.cancel()  # still queued: never sent; running: ends at its SDK timeout
            raise _DeadlinePassed from None

    def _call(self, request: ClaudeRequest, deadline: Deadline) -> LlmReply:
        remaining = deadline.remaining_s
        if remaining <= self._min_budget_s:
            raise _DeadlinePassed  # waited in the pool's queue past the deadline: do not spend
        return self._llm.complete_json(
            system=request.system,
            user=request.user,
            schema=request.schema,
            timeout_s=remaining,
            max_tokens=self._max_tokens,
        )


def read_reply(reply: LlmReply, ctx: ClientContext) -> StageOutcome:
    """Turn a reply into a Proposal, or an Abstain saying what was wrong with it."""
    usage = reply.usage
    if reply.stop_reason not in _COMPLETE:
        why = _STOP_REASONS.get(reply.stop_reason or "", ReviewReason.MODEL_INVALID_OUTPUT)
        return _abstain(why, f"stop_reason={reply.stop_reason}", usage)
    try:
        answer = _Answer.model_validate_json(reply.text)
    except ValidationError:
        return _abstain(ReviewReason.MODEL_INVALID_OUTPUT, "reply is not the JSON asked", usage)
    reason = clean_text(answer.reason, REASON_CAP)[0]
    if answer.code == NEEDS_REVIEW:
        return _abstain(ReviewReason.MODEL_ABSTAINED, reason, usage)
    if answer.code not in ctx.codes:
        # The schema enum should make this impossible; check anyway (defence in depth).
        shown = clean_text(answer.code, 40)[0]
        return _abstain(ReviewReason.MODEL_UNKNOWN_CODE, f"code {shown!r} not in the SOW", usage)
    return _proposal(answer, reason, ctx, usage)


def _proposal(answer: _Answer, reason: str, ctx: ClientContext, usage: LlmUsage) -> Proposal:
    clause = answer.clause.strip()
    notes: tuple[str, ...] = ()
    if clause not in _known_clauses(ctx):
        # A decision must cite the SOW as written: fall back to the chosen code's own clause.
        clause, notes = ctx.codes[answer.code].clause, ("model cited a clause not in the SOW",)
    return Proposal(
        stage=Stage.CLAUDE,
        code=answer.code,
        confidence=answer.confidence,
        reason=reason,
        clause=clause,
        notes=notes,
        usage=usage,
    )


def _known_clauses(ctx: ClientContext) -> set[str]:
    return {c.clause for c in ctx.codes.values()} | {r.clause for r in ctx.rules()}


def _upstream_abstain(exc: UpstreamError, deadline: Deadline) -> Abstain:
    # Ids and kinds only: the error never carries the prompt or the response body.
    log.warning(
        "claude call failed: kind=%s status=%s retryable=%s request_id=%s",
        exc.kind.value,
        exc.status,
        exc.retryable,
        exc.request_id,
    )
    timed_out = exc.kind is UpstreamKind.TIMEOUT and deadline.expired
    reason = ReviewReason.DEADLINE if timed_out else ReviewReason.MODEL_ERROR
    retry = "retryable" if exc.retryable else "not retryable"
    return _abstain(reason, f"{exc.system} {exc.kind.value} ({retry})")


def _abstain(reason: ReviewReason, note: str, usage: LlmUsage | None = None) -> Abstain:
    return Abstain(stage=Stage.CLAUDE, reasons=(reason,), note=note, usage=usage)
