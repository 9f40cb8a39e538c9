"""The Claude stage answered through a Message Batch instead of one call per entry.

A batch run passes over the entries twice with the same cascade. The first pass collects:
every entry the local stages (rules, memory) leave undecided reaches this stage, which keeps
the request the online ``ClaudeStage`` would have sent (same prompt, examples and schema,
from ``ClaudeStage.build_request``) and abstains. The requests go out as one batch. The second
pass answers: the same entries reach this stage again and get their batch result, read by the
online stage's own ``read_reply`` (refusal, truncation, invalid JSON, a code outside the SOW
all end in review), so the confidence threshold, the policy, the sums and the output are
exactly those of the online path. A request that errored, was canceled, expired or has no
result abstains with ``model_error``: review, never billable.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Mapping

from app.classify.claude import ClaudeRequest, read_reply
from app.classify.deadline import Deadline
from app.domain.batches import BatchResult
from app.domain.decisions import Abstain, Proposal, ReviewReason, Stage, StageOutcome
from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext

RequestBuilder = Callable[[TimeEntry, ClientContext], ClaudeRequest]

_NOT_ANSWERED = {
    "errored": "the batch request errored",
    "canceled": "the batch request was canceled",
    "expired": "the batch request expired (not processed within 24 h)",
}


class BatchedClaude:
    """``ClassifierStage`` that collects Claude requests, then answers from batch results."""

    name = "claude"

    def __init__(self, build: RequestBuilder) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._pending: dict[str, ClaudeRequest] = {}
        self._results: Mapping[str, BatchResult] | None = None
        self.merged: Counter[str] = Counter()  # answering: "answer" or the abstain's reason

    @property
    def pending(self) -> dict[str, ClaudeRequest]:
        """Entry key -> the request it needs, in the order the entries reached this stage."""
        return dict(self._pending)

    def answer_with(self, results: Mapping[str, BatchResult]) -> None:
        """Switch to answering: ``results`` by entry key (a missing key goes to review)."""
        self._results = results

    def classify(self, entry: TimeEntry, ctx: ClientContext, deadline: Deadline) -> StageOutcome:
        del deadline  # no call is made here: the batch's own 24 h bound the wait
        if self._results is None:
            request = self._build(entry, ctx)
            with self._lock:
                # An export can hold one entry twice: it is asked about once.
                self._pending.setdefault(entry.key, request)
            return _abstain("waiting for the batch")
        outcome = batch_outcome(self._results.get(entry.key), ctx)
        with self._lock:
            if isinstance(outcome, Proposal):
                self.merged["answer"] += 1
            else:
                self.merged.update(reason.value for reason in outcome.reasons)
        return outcome


def batch_outcome(result: BatchResult | None, ctx: ClientContext) -> StageOutcome:
    """What one batch result says about its entry, read as the online stage reads a reply."""
    if result is None:
        return _abstain("no result for this entry in the batch")
    if result.kind == "succeeded" and result.reply is not None:
        return read_reply(result.reply, ctx)
    note = _NOT_ANSWERED.get(result.kind, "the batch request did not succeed")
    if result.error:
        note += f" ({result.error})"
    return _abstain(note)


def _abstain(note: str) -> Abstain:
    return Abstain(stage=Stage.CLAUDE, reasons=(ReviewReason.MODEL_ERROR,), note=note)
