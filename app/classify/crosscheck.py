"""Stages that check each other: a confident rule is weighed against the approved history.

Approved history is evidence, not a fallback. When a rule answers confidently and the memory
holds strong evidence (the same description, numbers and ticket ids aside, approved at least
twice for this client, mostly under one code) the two are compared on the entry's date
(a closed phase remaps both):
  * they agree: the confidence rises (two independent witnesses: 1 - (1 - r)(1 - m));
  * they disagree: the entry goes to review as ``history_disagrees`` with both answers, the
    approved code proposed. Measured on the demo firm's held-out months (bench/calibration.py),
    the approved code was right on most such disagreements: the rule had missed an exception.

When no description the same was approved twice, the nearest approved ones (memory's own vote,
at its similarity floor, at least two approvals, as confident as the review threshold) may still
disagree: "organize Corvid production folders - revisions", seen once, beside the same words
approved three times as a write-off. That too goes to review; a near vote that agrees leaves the
rule's confidence as it is (only the same description is a second witness).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.classify.memory import Memory, Recall
from app.classify.policy import code_on_date
from app.domain.decisions import Proposal, ReviewReason, Stage
from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext

STRONG_SUPPORT = 2  # approvals: one sighting is not a habit
AGREEMENT_CAP = 0.999


@dataclass(frozen=True)
class Verdict:
    proposal: Proposal
    disagrees: str = ""  # the note when history disagrees (the entry then goes to review)


def strong(recall: Recall | None, ctx: ClientContext, threshold: float) -> Recall | None:
    if recall is None or recall.code not in ctx.codes:
        return None
    if recall.support < STRONG_SUPPORT or recall.confidence < threshold:
        return None
    return recall


def cross_check(
    rule: Proposal, memory: Memory, entry: TimeEntry, ctx: ClientContext, threshold: float
) -> Verdict:
    recall = strong(memory.recall_exact(ctx.client_id, entry.description), ctx, threshold)
    if recall is None:
        recall = strong(memory.recall(ctx.client_id, entry.description), ctx, threshold)
        if recall is None or _on_date(recall.code, entry, ctx) == _on_date(rule.code, entry, ctx):
            return Verdict(rule)  # a near vote that agrees is no second witness
    said, approved = _on_date(rule.code, entry, ctx), _on_date(recall.code, entry, ctx)
    example = f"e.g. '{recall.example[:60]}'"
    if said == approved:
        both = 1 - (1 - rule.confidence) * (1 - recall.confidence)
        reason = f"{rule.reason}; history agrees ({recall.support} approved, {example})"
        return Verdict(
            rule.model_copy(
                update={"confidence": round(min(AGREEMENT_CAP, both), 4), "reason": reason}
            )
        )
    note = (
        f"history disagrees: the rule says {rule.code} ({rule.reason}), but {recall.support}"
        f" approved entr{'y' if recall.support == 1 else 'ies'} like this were {recall.code}"
        f" ({example}): proposing the approved code"
    )
    proposal = Proposal(
        stage=Stage.MEMORY,
        code=recall.code,
        confidence=recall.confidence,
        reason=f"approved history ({recall.support} entries, {example})",
        clause=ctx.codes[recall.code].clause,
        flags=(ReviewReason.HISTORY_DISAGREES,),
    )
    return Verdict(proposal, note)


def _on_date(code: str, entry: TimeEntry, ctx: ClientContext) -> str:
    found = code_on_date(code, entry, ctx).code
    return found.code if found else code
