"""Stage 1: deterministic matches from the SOW rules, with explicit precedence."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from types import MappingProxyType

from app.classify.calendar import listed_dates
from app.classify.calibration import NO_CALIBRATION, Calibration
from app.classify.conditions import (
    Predicate,
    Subject,
    compile_condition,
    entry_fields,
    reads_text_only,
    text_gate,
    undated,
)
from app.classify.deadline import Deadline
from app.classify.dominant import dominant, written_hours
from app.classify.explain import matched_words
from app.classify.lexicon import DEFAULT_LEXICON, Lexicon
from app.classify.policy import code_on_date
from app.classify.rule_doubts import (
    negated,
    outside_dates,
    passed_over,
    pick_repeated,
    picked_on_listed_day,
    words_say_otherwise,
)
from app.classify.specificity import (
    OBJECTIVE,
    Evidence,
    Scorer,
    compile_evidence,
    compile_specificity,
    reads_picks,
    total,
    unless_words,
)
from app.classify.text import Reader, Readings, Text, segments
from app.domain.decisions import Abstain, Proposal, ReviewReason, Stage, StageOutcome
from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext
from app.domain.rules import Rule

TESTED = 2  # approved entries a rule decided before it is trusted as measured (memory's HABIT)
ONLY_THE_DATE_NOTE = (
    "matched on the date alone: nothing in the words or the tracker's picks says it is this code"
)


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    from_client: bool
    when: Predicate
    unless: Predicate | None
    score: Scorer  # how specific a match is (``app.classify.specificity``)
    evidence: Evidence  # what of an entry a match rests on (``compile_evidence``)
    text_only: bool
    conceded: frozenset[str] = frozenset()  # stems the client's rules give way on (`unless`)
    gate: Predicate | None = None  # holds whenever ``when`` does, on the text alone
    picks: tuple[str, ...] = ()  # the tracker fields a person picks it tests (``reads_picks``)
    undated: Predicate | None = None  # ``when`` but its date ranges (``conditions.undated``)

    @cached_property
    def dated(self) -> bool:
        """Tests a fact of the entry other than its words and picks (dates, weekday, time,
        hours): only such a rule can match on nothing the entry says (``only_the_date``)."""
        return not entry_fields(self.rule.when).isdisjoint(OBJECTIVE)

    @cached_property
    def rank(self) -> tuple[int, int]:
        """Higher priority first; at equal priority a client rule beats a firm rule."""
        return (self.rule.priority, 1 if self.from_client else 0)

    def keyword(self, subject: Subject) -> bool:
        """A firm rule that matched one word of the description alone and does not say
        ``beats_client``: a client's topic rule that matches wins over it at any priority,
        unless the client's own rules give way on a word of the entry (name it in an
        ``unless``: the client's author meant the firm rule to have it)."""
        if self.from_client or self.rule.beats_client or not self.text_only:
            return False
        if self.conceded and not self.conceded.isdisjoint(subject.text.stemset):
            return False
        return total(self.score(subject)) <= 1

    def matches(self, subject: Subject) -> bool:
        return self.when(subject) and not (self.unless is not None and self.unless(subject))


class RuleList(tuple[CompiledRule, ...]):
    """A client's compiled rules, best rank first. It hashes by identity: the key under which
    each ``Text`` keeps the shortlist of these rules worth testing on it."""

    __hash__ = object.__hash__
    listed: Mapping[date, str] = MappingProxyType({})  # each day the date lists name: a list

    def shortlist(self, subject: Subject) -> tuple[CompiledRule, ...]:
        """The rules whose text part (``CompiledRule.gate``) holds for the subject's text, in
        order: the others cannot match any entry with this description, whatever its other
        fields, so the list is kept on the ``Text`` for every entry that shares it."""
        return subject.text.keep(
            self, lambda: tuple(r for r in self if r.gate is None or r.gate(subject))
        )

    @cached_property
    def client_rules(self) -> RuleList:
        return RuleList(r for r in self if r.from_client)

    @cached_property
    def windowed(self) -> tuple[CompiledRule, ...]:
        """The rules with date ranges (``CompiledRule.undated``), best rank first."""
        return tuple(r for r in self if r.undated is not None)

    @cached_property
    def picking(self) -> tuple[CompiledRule, ...]:
        """The rules that test a tracker pick (``CompiledRule.picks``), best rank first."""
        return tuple(r for r in self if r.picks)


def compile_rules(ctx: ClientContext) -> RuleList:
    lists = ctx.lists()
    own = ctx.own_rule_ids()
    conceded = unless_words(ctx.client.rules if ctx.client else (), ctx.lexicon)
    compiled = [
        CompiledRule(
            rule,
            rule.id in own,
            compile_condition(rule.when, lists, ctx.lexicon),
            compile_condition(rule.unless, lists, ctx.lexicon) if rule.unless else None,
            compile_specificity(rule.when, lists, ctx.lexicon),
            compile_evidence(rule.when, lists, ctx.lexicon),
            reads_text_only(rule.when),
            frozenset() if rule.id in own else conceded,
            text_gate(rule.when, lists, ctx.lexicon),
            reads_picks(rule.when),
            _undated(rule, lists, ctx.lexicon),
        )
        for rule in ctx.rules()
    ]
    found = RuleList(sorted(compiled, key=lambda c: c.rank, reverse=True))
    found.listed = {day: name for name, items in lists.items() for day in listed_dates(items)}
    return found


def _undated(
    rule: Rule, lists: Mapping[str, tuple[str, ...]], lexicon: Lexicon
) -> Predicate | None:
    found = undated(rule.when)
    return compile_condition(found, lists, lexicon) if found is not None else None


def best_matches(rules: RuleList, subject: Subject) -> list[CompiledRule]:
    """The matching rules of the best rank (rules are sorted best first), the most specific of
    them (``app.classify.specificity``); a client's topic rule over firm keyword rules."""
    return ranked(rules, subject)[0]


def ranked(rules: RuleList, subject: Subject) -> tuple[list[CompiledRule], str]:
    """``best_matches`` and, when precedence passed a matching rule over, a note saying why."""
    top, note = _top_rank(rules.shortlist(subject), subject), ""
    if top and all(m.keyword(subject) for m in top) and (topic := _client_topic(rules, subject)):
        note = f"a client topic over firm keyword rule {', '.join(m.rule.id for m in top)}"
        top = topic
    if len(top) < 2:
        return top, note
    scores = [total(m.score(subject)) for m in top]
    best = [m for m, score in zip(top, scores, strict=True) if score == max(scores)]
    if len(best) < len(top):
        less = ", ".join(m.rule.id for m in top if m not in best)
        note = f"more specific than rule {less}"
    return best, note


def _client_topic(rules: RuleList, subject: Subject) -> list[CompiledRule]:
    """The best-ranked client rules that match on the description's words."""
    top = _top_rank(rules.client_rules.shortlist(subject), subject)
    return [m for m in top if m.score(subject)[0] > 0]


def _top_rank(rules: Iterable[CompiledRule], subject: Subject) -> list[CompiledRule]:
    """The matching rules of the best rank among ``rules`` (best rank first)."""
    top: list[CompiledRule] = []
    for rule in rules:
        if top and rule.rank < top[0].rank:
            break
        if rule.matches(subject):
            if top and rule.rank != top[0].rank:
                break
            top.append(rule)
    return top


class RulesStage:
    name = "rules"

    def __init__(self, calibration: Calibration = NO_CALIBRATION) -> None:
        self._compiled: dict[str, RuleList] = {}
        self.calibration = calibration
        self.read = Readings()  # descriptions read once, with the answers of text-only tests

    def compiled(self, ctx: ClientContext) -> RuleList:
        found = self._compiled.get(ctx.version)
        if found is None:
            found = self._compiled[ctx.version] = compile_rules(ctx)
        return found

    def classify(self, entry: TimeEntry, ctx: ClientContext, deadline: Deadline) -> StageOutcome:
        del deadline  # microseconds of work; nothing to budget
        rules = self.compiled(ctx)
        top, over = ranked(rules, Subject(entry, self.read(entry.description, ctx.lexicon)))
        if not top:
            return Abstain(stage=Stage.RULES, reasons=(ReviewReason.NO_MATCH,), note="no rule")
        codes = sorted({m.rule.code for m in top})
        if len(codes) > 1 and (pick := dominant_code(entry, ctx, rules, self.read)) in codes:
            chosen = next(m for m in top if m.rule.code == pick)
            return self._proposal(chosen, entry, ctx, rules, pick, over=over)
        if len(codes) > 1:
            ids = ", ".join(m.rule.id for m in top)
            mixed = len(mixed_codes(entry, rules, ctx.lexicon, self.read)) > 1
            return Abstain(
                stage=Stage.RULES,
                reasons=(ReviewReason.MIXED_ACTIVITIES if mixed else ReviewReason.AMBIGUOUS,),
                note=f"rules {ids} match equally and disagree ({' vs '.join(codes)})"
                + (": pick the dominant activity or split the entry" if mixed else ""),
            )
        pick = dominant_code(entry, ctx, rules, self.read)
        if (
            pick is not None
            and pick != codes[0]
            and (part := _part_rule(entry, ctx, rules, pick, self.read))
        ):
            over = f"over rule {top[0].rule.id}, by the durations written"
            return self._proposal(part, entry, ctx, rules, pick, over=over)
        return self._proposal(top[0], entry, ctx, rules, pick, over=over)

    def _proposal(
        self,
        chosen: CompiledRule,
        entry: TimeEntry,
        ctx: ClientContext,
        rules: RuleList,
        dominant: str | None,
        *,
        over: str = "",
    ) -> Proposal:
        rule = chosen.rule
        flags: list[ReviewReason] = []
        notes: list[str] = []
        if rule.flag:
            flags.append(ReviewReason.RULE_FLAG)
            notes.append(rule.flag)
        others = mixed_codes(entry, rules, ctx.lexicon, self.read) - {rule.code}
        if others and dominant == rule.code:
            notes.append(f"{rule.code} is the dominant activity by the durations written")
        elif others:
            flags.append(ReviewReason.MIXED_ACTIVITIES)
            notes.append(f"also looks like {', '.join(sorted(others))}: pick the dominant or split")
        text = self.read(entry.description, ctx.lexicon)
        subject = Subject(entry, text)
        words = words_say_otherwise(chosen, rules, subject)
        if words is not None:
            flags.append(ReviewReason.PICKED_NOT_WRITTEN)
            notes.append(
                f"matched on the {'/'.join(chosen.picks).replace('billable_flag', 'billable tick')}"
                " picked in the tracker, not on the"
                f" words; the words match rule {words.rule.id} ({words.rule.code})"
            )
        elif (listed := picked_on_listed_day(chosen, rules.listed, subject)) is not None:
            flags.append(ReviewReason.PICKED_ON_LISTED_DAY)
            notes.append(listed)
        if (negation := negated(chosen, subject)) is not None:
            flags.append(ReviewReason.NEGATED_WORDS)
            notes.append(f"the note says '{negation}': the words the rule matched are negated")
        said = _matched_words(chosen, text, ctx)
        reason = f"rule {rule.id}" + (f" (matched {said})" if said else "")
        reason += f" ({over})" if over else ""
        reason += f": {rule.note}" if rule.note else ""
        trust = self.calibration.trust(ctx.client_id, rule.id, rule.confidence)
        if trust is not None:
            reason += f" ({trust.note()})"
        if trust is not None and trust.matches < TESTED:
            flags.append(ReviewReason.UNTESTED_RULE)
            notes.append(
                "only one approved entry tested this rule, and one is not a habit: a person"
                " confirms it first"
                if trust.matches
                else "no approved entry to test this rule on: a person confirms it first"
            )
        elif trust is not None and (moved := self._untested_successor(rule, entry, ctx, rules)):
            flags.append(ReviewReason.UNTESTED_RULE)
            notes.append(
                f"{rule.code} moves to {moved} on this date, and no rule of {moved} was ever"
                " right on an approved entry: a person confirms it first"
            )
        if trust is not None and chosen.dated and not chosen.evidence(subject):
            flags.append(ReviewReason.ONLY_THE_DATE)
            notes.append(ONLY_THE_DATE_NOTE)
        for doubt, note in self._unsettled(chosen, rules, subject, ctx) if trust else ():
            flags.append(doubt)
            notes.append(note)
        return Proposal(
            stage=Stage.RULES,
            code=rule.code,
            confidence=round(trust.confidence, 4) if trust else rule.confidence,
            measured=trust is not None and trust.matches > 0,
            dated=chosen.dated,
            reason=reason,
            clause=rule.clause,
            flags=tuple(flags),
            notes=tuple(notes),
        )

    def _untested_successor(
        self, rule: Rule, entry: TimeEntry, ctx: ClientContext, rules: RuleList
    ) -> str | None:
        """The code ``rule``'s code moves to on the entry's date (a phase closed, its
        ``successor``), when no rule of that code was ever right in the history: the rule was
        measured on its own code's work, not on the successor's."""
        own = ctx.codes.get(rule.code)
        if own is None or own.successor is None:
            return None  # most codes never move: no remap to look up
        moved = code_on_date(rule.code, entry, ctx).code
        if moved is None or moved.code == rule.code:
            return None
        for other in rules:
            if other.rule.code != moved.code:
                continue
            trust = self.calibration.trust(ctx.client_id, other.rule.id, other.rule.confidence)
            if trust is not None and trust.right:
                return None
        return moved.code

    def _unsettled(
        self, chosen: CompiledRule, rules: RuleList, subject: Subject, ctx: ClientContext
    ) -> list[tuple[ReviewReason, str]]:
        """Doubts only history can lift (``rule_doubts``): each is raised unless an approved
        entry already showed ``chosen`` right in the same position
        (``Calibration.precedence_settled``)."""
        found: list[tuple[ReviewReason, str]] = []
        for reason, check in _DOUBTS:
            doubt = check(chosen, rules, subject)
            if doubt and not self.calibration.precedence_settled(
                ctx.client_id, chosen.rule.id, doubt[0]
            ):
                found.append((reason, doubt[1]))
        return found


_DOUBTS = (
    (ReviewReason.OUTSIDE_DATES, outside_dates),
    (ReviewReason.PICK_REPEATED, pick_repeated),
    (ReviewReason.UNTESTED_PRECEDENCE, passed_over),
)


def _matched_words(chosen: CompiledRule, text: Text, ctx: ClientContext) -> str:
    """The words of ``text`` the rule's tests accepted (``matched_words``), kept on the text
    under the rule's compiled test: they depend on nothing else."""
    return text.keep(chosen.when, lambda: matched_words(chosen.rule.when, text, ctx.lists()))


def part_codes(
    entry: TimeEntry,
    rules: RuleList,
    lexicon: Lexicon = DEFAULT_LEXICON,
    read: Reader = Text,
) -> list[tuple[str, str | None]]:
    """Each part of a multi-activity description with the code the rules give it alone (None:
    no rule, or rules that disagree); no parts for a description of one activity. The entry's
    task and project were picked for the whole entry: a part the best rule matched on them
    alone takes the code of the rule its own words match (``words_say_otherwise``), if any."""
    parts = segments(entry.description)
    if len(parts) < 2:
        return []
    found: list[tuple[str, str | None]] = []
    for part in parts:
        decider = _part_decider(Subject(entry, read(part, lexicon)), rules)
        found.append((part, decider.rule.code if decider else None))
    return found


def _part_decider(part: Subject, rules: RuleList) -> CompiledRule | None:
    """The rule that codes one part of a description alone (``part_codes``), or None when no
    rule matches it or the best disagree."""
    top = best_matches(rules, part)
    if len({m.rule.code for m in top}) != 1:
        return None
    return words_say_otherwise(top[0], rules, part) or top[0]


def _several(codes: set[str | None]) -> set[str]:
    found = {code for code in codes if code is not None}
    return found if len(found) > 1 else set()


def mixed_codes(
    entry: TimeEntry,
    rules: RuleList,
    lexicon: Lexicon = DEFAULT_LEXICON,
    read: Reader = Text,
) -> set[str]:
    """Codes that separate parts of a multi-activity description would get on their own."""
    return _several({code for _, code in part_codes(entry, rules, lexicon, read)})


def _part_rule(
    entry: TimeEntry, ctx: ClientContext, rules: RuleList, code: str, read: Reader
) -> CompiledRule | None:
    """The rule that gives ``code`` to the longest part of a mixed entry saying it (as
    ``part_codes`` reads each part), if it also matches the whole entry."""
    best: tuple[Decimal, CompiledRule] | None = None
    whole = Subject(entry, read(entry.description, ctx.lexicon))
    for part in segments(entry.description):
        rule = _part_decider(Subject(entry, read(part, ctx.lexicon)), rules)
        hours = written_hours(part)
        if rule is None or rule.rule.code != code or hours is None or not rule.matches(whole):
            continue
        if best is None or hours > best[0]:
            best = (hours, rule)
    return best[1] if best else None


def dominant_code(
    entry: TimeEntry, ctx: ClientContext, rules: RuleList, read: Reader = Text
) -> str | None:
    """The rules' code that dominates a mixed entry by its written durations (``dominant``)."""
    if ctx.review.dominant_share is None:
        return None
    return dominant(part_codes(entry, rules, ctx.lexicon, read), ctx.review.dominant_share)
