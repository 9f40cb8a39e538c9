"""The classification cascade: cheapest stage first, stop at the first confident answer.

Whatever happens (no match, low confidence, model failure, deadline), an entry that was not
confidently decided ends as ``needs_review`` with its reasons; nothing defaults to billable.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.classify.calibration import threshold_for
from app.classify.crosscheck import cross_check
from app.classify.deadline import Deadline
from app.classify.dominant import minor_share
from app.classify.memory import Memory
from app.classify.mixed import UNEXPLAINED, SegmentReader
from app.classify.policy import code_on_date, money_for, policy_flags
from app.classify.rules_stage import ONLY_THE_DATE_NOTE, RulesStage
from app.classify.scope import out_of_scope
from app.classify.signals import Signal, Signals
from app.classify.text import Text
from app.domain.decisions import Abstain, Decision, LlmUsage, Proposal, ReviewReason, Stage
from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext, RuleBook
from app.ports import ClassifierStage


@dataclass
class _Trail:
    """What the stages said, in order, for one entry."""

    proposals: list[Proposal] = field(default_factory=list)
    reasons: list[ReviewReason] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    usage: LlmUsage | None = None
    stage_said_why: bool = False

    signaled: dict[ReviewReason, str] = field(default_factory=dict)  # a signal's note

    def add_signals(self, signals: list[Signal]) -> None:
        for reason, note in signals:
            self.reasons.append(reason)
            self.notes.append(note)
            self.signaled[reason] = note

    def withdraw(self, reason: ReviewReason, *notes: str) -> None:
        """A signal that turned out to be no reason to review, with its note and ``notes``."""
        dropped = {self.signaled.pop(reason, ""), *notes}
        self.reasons = [r for r in self.reasons if r is not reason]
        self.notes = [n for n in self.notes if n not in dropped]


@dataclass(frozen=True)
class _OtherClient:
    """The client the text names, other than the entry's, and the code its rules give."""

    client: str
    code: str | None
    note: str

    def same_either_way(self, trail: _Trail) -> None:
        """Its rules give the entry's code too (a firm code: invoicing, a conflicts check):
        which client the text names changes nothing, so it is not a reason to review."""
        trail.withdraw(ReviewReason.POSSIBLE_WRONG_CLIENT, self.note)
        trail.notes.append(f"names {self.client}, whose rules give the same code {self.code}")


class Cascade:
    def __init__(
        self,
        book: RuleBook,
        stages: Sequence[ClassifierStage],
        *,
        deadline_s: float = 0.5,
        signals: Signals | None = None,
        segments: SegmentReader | None = None,
        memory: Memory | None = None,
    ) -> None:
        self.book = book
        self.stages = list(stages)
        self.memory = memory  # when given, a confident rule is checked against approved history
        self.deadline_s = deadline_s
        self.signals = signals or Signals.build(book)
        self.segments = segments or SegmentReader(_rules_stage(self.stages))

    def context_for(self, entry: TimeEntry) -> tuple[ClientContext, list[Signal]]:
        client_id = self.book.resolve_client(entry.client, entry.project)
        if client_id is None and not self._is_internal(entry):
            where = entry.client or entry.project or "(no client)"
            return self.book.context(None), [(ReviewReason.UNKNOWN_CLIENT, f"no SOW for {where}")]
        return self.book.context(client_id), []

    def _is_internal(self, entry: TimeEntry) -> bool:
        if entry.client:
            return self.book.is_internal(entry.client)
        return not entry.project or self.book.is_internal(entry.project)

    def classify(self, entry: TimeEntry) -> Decision:
        started = time.perf_counter()
        deadline = Deadline(self.deadline_s)
        ctx, found = self.context_for(entry)
        trail = _Trail()
        trail.add_signals(found)
        text = self.segments.rules.read(entry.description)
        signals = self.signals.read(ctx.client_id, text)
        vague_ok = not ctx.review.flag_vague  # review.flag_vague: false drops vague_narrative
        trail.add_signals([s for s in signals if not (vague_ok and s[0] is ReviewReason.VAGUE)])
        other = self._other_clients_code(entry, ctx, text)
        if other is not None:
            trail.notes.append(other.note)
        chosen = self._run_stages(entry, ctx, deadline, trail)
        if other is not None and chosen is not None and other.code == chosen.code:
            other.same_either_way(trail)
        if chosen is not None:
            self._check_mixed(entry, ctx, chosen, trail)
            if not vague_ok and ctx.client_id is None and chosen.stage is Stage.MEMORY:
                _vague_habit(self.signals.listed_vague(text), trail)
        elif not trail.stage_said_why:
            chosen = out_of_scope(ctx)  # the client's `out_of_scope` code, always reviewed
        elapsed_ms = (time.perf_counter() - started) * 1000
        return _decide(entry, ctx, chosen, trail, elapsed_ms)

    def _run_stages(
        self, entry: TimeEntry, ctx: ClientContext, deadline: Deadline, trail: _Trail
    ) -> Proposal | None:
        threshold = ctx.review.confidence_threshold
        # The deadline is a remote stage's own business (Claude abstains with ``deadline`` when
        # no time is left to ask it): the rules and memory always run, so what they decide does
        # not depend on how loaded the machine was (the first entry of a client compiles its
        # rules, which a busy machine can stretch past the budget).
        for stage in self.stages:
            outcome = stage.classify(entry, ctx, deadline)
            trail.usage = outcome.usage or trail.usage
            if isinstance(outcome, Proposal):
                if outcome.stage is Stage.RULES and _confident(outcome, threshold):
                    outcome = self._checked(outcome, entry, ctx, trail)
                trail.proposals.append(outcome)
                if _confident(outcome, threshold):
                    if outcome.stage is Stage.MEMORY:
                        _dated_rule_disagrees(outcome, entry, ctx, trail)
                        _rule_flag_stands(trail)
                    return outcome
            else:
                _note_abstain(outcome, trail)
        return _best(trail.proposals, threshold, trail)

    def _other_clients_code(
        self, entry: TimeEntry, ctx: ClientContext, text: Text
    ) -> _OtherClient | None:
        """When the text names another client's people, sites or deliverables: that client's
        code for it, as a proposal for the reviewer (never decided across clients)."""
        other = self.signals.other_client(ctx.client_id, text)
        if other is None:
            return None
        theirs = self.book.context(other)
        outcome = self.segments.rules.classify(entry, theirs, Deadline(self.deadline_s))
        if isinstance(outcome, Proposal):
            return _OtherClient(other, outcome.code, f"proposed: client {other}, code"
                                f" {outcome.code} ({outcome.reason})")  # fmt: skip
        return _OtherClient(
            other, None, f"proposed: client {other} (no rule of theirs names a code)"
        )

    def _checked(
        self, rule: Proposal, entry: TimeEntry, ctx: ClientContext, trail: _Trail
    ) -> Proposal:
        if self.memory is None:
            return rule
        verdict = cross_check(rule, self.memory, entry, ctx, ctx.review.confidence_threshold)
        if verdict.disagrees:
            trail.notes.append(verdict.disagrees)
        return self._dated(verdict.proposal, entry, ctx)

    def _dated(self, rule: Proposal, entry: TimeEntry, ctx: ClientContext) -> Proposal:
        """A rule that matched on the date alone stands when approved entries like this one
        were approved under its code (memory's nearest): then something about the entry
        itself says so."""
        if ReviewReason.ONLY_THE_DATE not in rule.flags or self.memory is None:
            return rule
        recall = self.memory.recall(ctx.client_id, entry.description)
        if recall is None or recall.code != rule.code:
            return rule
        return rule.model_copy(update={
            "flags": tuple(f for f in rule.flags if f is not ReviewReason.ONLY_THE_DATE),
            "notes": tuple(n for n in rule.notes if n != ONLY_THE_DATE_NOTE),
            "reason": f"{rule.reason}; approved entries like it were {rule.code}"
                      f" (e.g. '{recall.example[:60]}')",
        })  # fmt: skip

    def _check_mixed(
        self, entry: TimeEntry, ctx: ClientContext, chosen: Proposal, trail: _Trail
    ) -> None:
        if ctx.client is None:  # internal time is never billed: only a code for a minor part
            if minor_share(self.segments.parts(entry, ctx), chosen.code):
                trail.reasons.append(ReviewReason.MIXED_ACTIVITIES)
                trail.notes.append(
                    f"the durations written give {chosen.code} under half of the entry:"
                    " pick the dominant activity or split"
                )
            return
        parts = self.segments.codes(entry, ctx)
        others = {code: part for code, part in parts.items() if code != chosen.code}
        if others and self.segments.dominant(entry, ctx) == chosen.code:
            note = f"{chosen.code} is the dominant activity by the durations written"
            if note not in chosen.notes:  # the rules stage reads the parts too, and may say it
                trail.notes.append(note)
        elif others:
            trail.reasons.append(ReviewReason.MIXED_ACTIVITIES)
            said = "; ".join(_part_note(code, part) for code, part in sorted(others.items()))
            trail.notes.append(f"mixed activities: {said}: pick the dominant one or split")
        elif not parts and (agreed := self.segments.agreed(entry, ctx)) not in (None, chosen.code):
            # "gala photos to RTD (0.3); volunteer recruitment release (1.5)": each part alone is
            # the pro bono work, and only the whole, its words taken from both, reads as gala
            # publicity
            trail.reasons.append(ReviewReason.MIXED_ACTIVITIES)
            trail.notes.append(
                f"each part alone looks like {agreed}; only the whole entry, its words taken from"
                f" different parts, reads as {chosen.code}"
            )


def _confident(proposal: Proposal, policy: float) -> bool:
    return proposal.confidence >= threshold_for(proposal.measured, policy)


def _part_note(code: str, part: str) -> str:
    if code == UNEXPLAINED:
        return f"nothing explains '{part}'"
    return f"'{part}' looks like {code}"


def _rules_stage(stages: list[ClassifierStage]) -> RulesStage:
    found = [s for s in stages if isinstance(s, RulesStage)]
    return found[0] if found else RulesStage()


def _note_abstain(outcome: Abstain, trail: _Trail) -> None:
    for reason in outcome.reasons:
        # "no rule matched" is routine when a later stage decides; keep it only if nobody does.
        if reason is not ReviewReason.NO_MATCH:
            trail.reasons.append(reason)
            trail.stage_said_why = True
    if outcome.note and outcome.reasons != (ReviewReason.NO_MATCH,):
        trail.notes.append(f"{outcome.stage.value}: {outcome.note}")
    if outcome.best_guess is not None:
        trail.proposals.append(outcome.best_guess)


def _dated_rule_disagrees(
    memory: Proposal, entry: TimeEntry, ctx: ClientContext, trail: _Trail
) -> None:
    """Memory repeats what was approved for these words; a rule that read the entry's date or
    time and gave another code (on that date) knows what memory cannot: the overage notice
    since which vCISO work is billed apart, an incident's after-hours rate on a Saturday."""
    said = code_on_date(memory.code, entry, ctx).code
    for rule in trail.proposals:
        if rule.stage is not Stage.RULES or not rule.dated:
            continue
        theirs = code_on_date(rule.code, entry, ctx).code
        if theirs and said and theirs.code != said.code:
            trail.reasons.append(ReviewReason.DATED_RULE_DISAGREES)
            trail.notes.append(
                f"memory says {said.code}, but {rule.reason} reads the entry's date or time,"
                f" which memory does not, and says {theirs.code}"
            )
            return


def _rule_flag_stands(trail: _Trail) -> None:
    """A rule whose author flags every entry it matches for a person ("level follows the
    person: RPL-CTA if done by Rafael Ortega or Hao Chen") knows what memory's habit cannot:
    memory deciding the entry, for whatever code, leaves the flag on it."""
    for rule in trail.proposals:
        if rule.stage is Stage.RULES and ReviewReason.RULE_FLAG in rule.flags:
            trail.reasons.append(ReviewReason.RULE_FLAG)
            # the rules stage gives the author's flag first, with its text as the first note
            trail.notes.append(f"the rule memory passed over flags it: {rule.notes[0]}")
            return


def _vague_habit(vague: bool, trail: _Trail) -> None:
    """Internal time with a note the firm's ``vague`` list names ("emails"): no client reads
    it, so it is not flagged as vague for that; but memory's answer for such a note is only
    the code it was most often approved as, not what this entry's time was. A person decides
    it. A note that is merely short ("PTO", "1:1s") is the firm's own shorthand: left alone."""
    if vague and ReviewReason.VAGUE not in trail.reasons:
        trail.reasons.append(ReviewReason.VAGUE)
        trail.notes.append(
            "a note too vague to tell the work from: memory's habit for it is not this entry's"
        )


def _best(proposals: list[Proposal], threshold: float, trail: _Trail) -> Proposal | None:
    if not proposals:
        if not trail.stage_said_why:
            trail.reasons.append(ReviewReason.NO_MATCH)
            trail.notes.append("no rule, memory or model answer")
        return None
    best = max(proposals, key=lambda p: p.confidence)
    trail.reasons.append(ReviewReason.LOW_CONFIDENCE)
    said, bar = _apart(best.confidence, threshold)
    trail.notes.append(f"best guess {best.code} at {said} < {bar}")
    return best


def _apart(value: float, threshold: float) -> tuple[str, str]:
    """Both to two decimals, or as many more as it takes not to read "0.85 < 0.85"."""
    for digits in (2, 3, 4):
        said, bar = f"{value:.{digits}f}", f"{threshold:.{digits}f}"
        if said != bar:
            break
    return said, bar


def _decide(
    entry: TimeEntry,
    ctx: ClientContext,
    chosen: Proposal | None,
    trail: _Trail,
    elapsed_ms: float,
) -> Decision:
    reasons, notes = list(trail.reasons), list(trail.notes)
    code = None
    if chosen is not None:
        reasons += chosen.flags
        notes += chosen.notes
        on_date = code_on_date(chosen.code, entry, ctx)
        code, notes = on_date.code, notes + list(on_date.notes)
        if on_date.inactive:
            reasons.append(ReviewReason.CODE_INACTIVE)
        for reason, note in policy_flags(code, entry, ctx) if code else []:
            reasons.append(reason)
            notes.append(note)
    money = money_for(code, entry, ctx)
    if money.missing_rate:
        reasons.append(ReviewReason.NO_RATE)
        notes.append("no rate card covers this person's role")
    unique = tuple(dict.fromkeys(reasons))
    return Decision(
        entry_key=entry.key,
        entry_version=entry.version,
        client_id=ctx.client_id,
        code=code.code if code else None,
        billable=money.billable,
        billable_fraction=money.fraction,
        rate=money.rate,
        amount=money.amount,
        basis=money.basis,
        hours=entry.hours,
        confidence=chosen.confidence if chosen else 0.0,
        needs_review=bool(unique) or code is None,
        review_reasons=unique,
        stage=chosen.stage if chosen else Stage.REVIEW,
        reason="; ".join(([chosen.reason] if chosen else []) + notes) or "no stage could decide",
        sow_clause=(chosen.clause or (code.clause if code else "")) if chosen else "",
        rules_version=ctx.version,
        usage=trail.usage,
        elapsed_ms=round(elapsed_ms, 3),
    )
