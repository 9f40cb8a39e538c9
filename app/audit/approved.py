"""Approved codes outrank the replay; without one, a code is corroborated when the stages agree.

An entry whose export row (or the ``--history`` file, by entry key) carries an approved code was
that code: the audit values it with that code's SOW terms (``approved_decision``) and keeps the
cascade's own answer aside, so a different answer becomes a finding of its own. For the other
entries, ``corroborated`` asks every local stage (rules, memory; never Claude, which costs
money) and says whether at least two answered and all gave the same code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.classify.cascade import Cascade
from app.classify.deadline import Deadline
from app.classify.memory import MemoryStage
from app.classify.policy import money_for, policy_flags
from app.classify.rules_stage import RulesStage
from app.domain.decisions import Decision, Proposal, ReviewReason
from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext, RuleBook

APPROVED_STAGE = "approved"
_KEPT = frozenset({ReviewReason.VAGUE})  # what the replay saw that the approval does not undo


@dataclass(frozen=True)
class Approved:
    """The decisions the audit uses, and the replay's own where an approved code replaced it."""

    decisions: list[Decision]
    replays: list[Decision | None]  # per entry: the cascade's decision, if an approval replaced it
    problems: list[str]

    @property
    def labelled(self) -> int:
        return sum(r is not None for r in self.replays)


def apply_approved(
    book: RuleBook,
    entries: Sequence[TimeEntry],
    classified: Sequence[Decision],
    labels: Mapping[str, str],
) -> Approved:
    """Replace each labelled entry's decision with its approved code's; list unknown codes."""
    decisions: list[Decision] = []
    replays: list[Decision | None] = []
    problems: list[str] = []
    for entry, replay in zip(entries, classified, strict=True):
        code = labels.get(entry.key)
        approved = approved_decision(book, entry, replay, code) if code else None
        if code and approved is None:
            problems.append(f"{entry.key}: approved code {code!r} is in no rules file")
        decisions.append(approved or replay)
        replays.append(replay if approved else None)
    return Approved(decisions, replays, problems)


def approved_decision(
    book: RuleBook, entry: TimeEntry, replay: Decision, code: str
) -> Decision | None:
    """The decision for ``code`` on ``entry`` with the SOW's money; None if no file has it."""
    ctx = _context_of(book, replay.client_id, code)
    if ctx is None:
        return None
    billing = ctx.codes[code]
    money = money_for(billing, entry, ctx)
    reasons = [r for r in replay.review_reasons if r in _KEPT]
    reasons += [reason for reason, _ in policy_flags(billing, entry, ctx)]
    if money.missing_rate:
        reasons.append(ReviewReason.NO_RATE)
    unique = tuple(dict.fromkeys(reasons))
    return replay.model_copy(
        update={
            "client_id": ctx.client_id, "code": code, "billable": money.billable,
            "billable_fraction": money.fraction, "rate": money.rate, "amount": money.amount,
            "basis": money.basis, "confidence": 1.0, "needs_review": bool(unique),
            "review_reasons": unique, "reason": f"approved code {code} in the history",
            "sow_clause": billing.clause, "rules_version": ctx.version,
        }
    )  # fmt: skip


def _context_of(book: RuleBook, client_id: str | None, code: str) -> ClientContext | None:
    """The replay's client if it has the code (its own or the firm's), else the client that does
    (work logged to another client's project)."""
    ctx = book.context(client_id)
    if code in ctx.codes:
        return ctx
    owners = (
        cid for cid, rules in book.clients.items() if any(c.code == code for c in rules.codes)
    )
    owner = next(owners, None)
    return book.context(owner) if owner else None


def corroborated(cascade: Cascade, entry: TimeEntry) -> bool:
    """At least two local stages answered for ``entry`` and all gave the same code."""
    ctx, _ = cascade.context_for(entry)
    codes = []
    for stage in cascade.stages:
        if not isinstance(stage, RulesStage | MemoryStage):
            continue
        outcome = stage.classify(entry, ctx, Deadline(cascade.deadline_s))
        answer = outcome if isinstance(outcome, Proposal) else outcome.best_guess
        if answer is not None:
            codes.append(answer.code)
    return len(codes) >= 2 and len(set(codes)) == 1
