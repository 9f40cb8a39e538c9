"""Why a rule that matched still leaves the entry to a person: the rules stage's doubts about a
match that read less of the entry than another rule (``rules_stage``). Each check asks only
rules whose text part holds for the entry (``RuleList.shortlist``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from app.classify.conditions import Subject, entry_fields, starts_after
from app.classify.specificity import ID_MARK, PICK_MARK
from app.classify.text import Text, memory_words, tokens

if TYPE_CHECKING:
    from app.classify.rules_stage import CompiledRule, RuleList
    from app.domain.rules import Condition, DateRange

Doubt = tuple[str, str]  # the other rule's id (what history may have settled), a note


def words_say_otherwise(
    chosen: CompiledRule, rules: RuleList, subject: Subject
) -> CompiledRule | None:
    """The best-ranked rule below ``chosen`` (or ranked as it, passed over as less specific)
    that matches the description's words (or an id in them) and gives another code, when
    ``chosen`` matched on none of them, only on what the person picked in the tracker (a task,
    a project, tags, the billable tick: priors, as a person picks them by habit) and on nothing
    objective (a date, a weekday, a time, the hours). A firm rule that matched one word of a
    client's entry does not count (a client's rule outranks a firm keyword, as in ``ranked``).
    Two picks count as more specific than one word ("holiday" under Time Off / PTO): the tie is
    not for the picks to settle either."""
    if not chosen.picks or _written(chosen, subject) > 0:
        return None
    for rule in rules.shortlist(subject):
        if rule is chosen or rule.rank > chosen.rank or not rule.matches(subject):
            continue
        found = _written(rule, subject)
        weak = chosen.from_client and not rule.from_client and not rule.rule.beats_client
        if found == 0 or (weak and found <= 1):
            continue
        return None if rule.rule.code == chosen.rule.code else rule
    return None


def _written(rule: CompiledRule, subject: Subject) -> int:
    """How much of the description a matching rule read: its specificity's text part, and an
    id its ``regex`` found in the words ("CR-09" is written, not picked)."""
    found = rule.score(subject)[0]
    return found + any(w.startswith(ID_MARK) for w in rule.evidence(subject))


def passed_over(chosen: CompiledRule, rules: RuleList, subject: Subject) -> Doubt | None:
    """The best-ranked rule below ``chosen``, of another code, that matches and rests on more of
    the entry than ``chosen`` does (more words, ids and picks, not all of them ``chosen``'s),
    or is a firm rule that says ``beats_client`` while a client rule outranked it (the author
    meant it to win over client rules, and the priorities say otherwise): precedence alone
    decided between the two."""
    mine: frozenset[str] | None = None
    for rule in rules.shortlist(subject):
        if rule.rank >= chosen.rank or rule.rule.code == chosen.rule.code:
            continue
        if not rule.matches(subject):
            continue
        mine = chosen.evidence(subject) if mine is None else mine
        theirs = rule.evidence(subject)
        if theirs <= mine:
            continue
        if len(theirs) > len(mine):
            why = "which matched more of the entry"
        elif rule.rule.beats_client and chosen.from_client and not rule.from_client:
            why = "a firm rule that says it beats client rules"
        else:
            continue
        return rule.rule.id, (
            f"won over rule {rule.rule.id} ({rule.rule.code}, {why}:"
            f" {_shown(theirs, subject.text)}) on priority alone, and no approved entry has"
            " shown which is right"
        )
    return None


def _shown(evidence: frozenset[str], text: Text) -> str:
    """Evidence as a person reads it: the words as written, the ids found, the picks named."""
    pairs = zip(text.toks, text.stems, strict=True)
    words = dict.fromkeys(repr(t) for t, s in pairs if s in evidence or t in evidence)
    said = ", ".join((*words, *sorted(w[1:] for w in evidence if w.startswith(ID_MARK))))
    picks = " and ".join(sorted(f"the {w[1:]}" for w in evidence if w.startswith(PICK_MARK)))
    return " and ".join(p for p in (said, picks) if p)


def outside_dates(chosen: CompiledRule, rules: RuleList, subject: Subject) -> Doubt | None:
    """A rule of another code, ranked no lower than ``chosen``, whose ``dates`` start after
    the entry's and alone leave it out: the rest of it holds, on words, ids or picks ``chosen``
    does not rest on; with what it matched. The author wrote those words down for work from
    a later date (an amendment that bills a migration from the day it is signed), so work
    done before it is not plainly ``chosen``'s. If ``chosen`` tests dates itself, only while
    they still hold on the day the other rule starts (a change order carved out of an open
    integration SOW from its signature); a rule whose dates end before it is of the same
    dated family (a phase and the next: the dates' own answer). A window that has ended is
    not asked about: after it, a scope has usually grown into the generic rule."""
    if not rules.windowed:
        return None
    own = _own_ranges(chosen.rule.when)
    if own is None:
        return None  # dates tested under an ``any`` or a ``not``: no plain window to compare
    day, mine = subject.entry.work_date, None
    for rule in rules.windowed:
        if rule.rank < chosen.rank or rule.rule.code == chosen.rule.code:
            continue
        if not starts_after(rule.rule.when, day) or (rule.gate and not rule.gate(subject)):
            continue
        if own and not all(_holds(r, _first_start(rule.rule.when, day)) for r in own):
            continue
        if rule.undated is None or not rule.undated(subject):
            continue
        if rule.matches(subject) or (rule.unless is not None and rule.unless(subject)):
            continue
        mine = chosen.evidence(subject) if mine is None else mine
        theirs = rule.evidence(subject)
        if theirs and not theirs <= mine:
            return rule.rule.id, (
                f"the entry's {_shown(theirs, subject.text)} match rule {rule.rule.id}"
                f" ({rule.rule.code}), whose dates leave it out; this rule does not rest on"
                " them: which is right on this date?"
            )
    return None


def _own_ranges(cond: Condition) -> list[DateRange] | None:
    """The date ranges ``cond`` holds the entry to (its own and its ``all`` parts'), or None
    when it also tests dates where a range does not simply bound it (under ``any``, ``not``)."""
    ranges = [r for r in (cond.dates, *(p.dates for p in cond.all_of or ())) if r is not None]
    nested = (*(cond.any_of or ()), *((cond.not_,) if cond.not_ else ()))
    nested += tuple(
        q for p in cond.all_of or () for q in (*(p.any_of or ()), *((p.not_,) if p.not_ else ()))
    )
    if any("dates" in entry_fields(c) for c in nested):
        return None
    return ranges


def _holds(found: DateRange, day: date) -> bool:
    """Whether ``found`` bounds ``day`` in (a list of named dates is not asked: False)."""
    if found.in_:
        return False
    return (found.start is None or found.start <= day) and (found.end is None or day <= found.end)


def _first_start(cond: Condition, day: date) -> date:
    """The earliest start after ``day`` of ``cond``'s date ranges (``starts_after`` holds)."""
    ranges = (cond.dates, *(p.dates for p in cond.all_of or ()))
    return min(r.start for r in ranges if r is not None and r.start is not None and r.start > day)


def pick_repeated(chosen: CompiledRule, rules: RuleList, subject: Subject) -> Doubt | None:
    """A rule of another code, at any rank, that matches on the project or task the person
    picked while the note repeats a word of their picks (the task's or the project's), a word
    ``chosen`` does not rest on: with that word. A pick alone is a prior picked by habit, and
    the words outrank it (``ranked``); picks the note says again ("onboarding - starter kit
    walkthrough" under Recruiting / Onboarding, "scope letter for ... podcast sponsorship"
    under New Business / Scoping & Estimates) are what the person meant as much as the words
    are, however low the author ranked the pick rule."""
    entry, text = subject.entry, subject.text
    repeated = [
        (field, said)
        for field in ("task", "project")
        if (said := _pick_words(getattr(entry, field) or "") & text.stemset)
    ]
    if not repeated:
        return None  # most notes do not say their task or project again
    mine = chosen.evidence(subject)
    for rule in rules.picking:
        if rule.rule.code == chosen.rule.code:
            continue
        if (rule.gate and not rule.gate(subject)) or not rule.matches(subject):
            continue
        found = rule.evidence(subject)
        if PICK_MARK + "task" not in found and PICK_MARK + "project" not in found:
            continue
        for field, said in repeated:
            if said - mine:
                word = next(t for t, s in zip(text.toks, text.stems, strict=True) if s in said)
                return rule.rule.id, (
                    f"the note repeats {word!r} (the {field} picked), on which rule"
                    f" {rule.rule.id} ({rule.rule.code}) matched; this rule decided on other"
                    " words"
                )
    return None


@lru_cache(maxsize=1024)
def _pick_words(name: str) -> frozenset[str]:
    """The words of a task or project name, as stems (names repeat from entry to entry)."""
    return memory_words(tokens(name))


def picked_on_listed_day(
    chosen: CompiledRule, listed: Mapping[date, str], subject: Subject
) -> str | None:
    """A note when ``chosen`` matched only on what the person picked in the tracker (no word,
    no id: ``picks`` is empty for a rule that tests a date) on a day one of the rules' date
    lists names (``listed``: a firm holiday, an on-site day). The rules mark such a day as
    unlike the others, and a pick is a habit: "office closed" under Time Off / PTO on
    Thanksgiving is the firm's holiday, whatever task the person picks every other day off."""
    day = subject.entry.work_date
    if not chosen.picks or day not in listed:
        return None
    if any(not found.startswith(PICK_MARK) for found in chosen.evidence(subject)):
        return None
    picked = "/".join(chosen.picks).replace("billable_flag", "billable tick")
    return (
        f"matched only on the {picked} picked in the tracker, on {day.isoformat()}, a day the"
        f" rules list in {listed[day]!r}: is it the usual pick on that day?"
    )


_NEGATORS = frozenset({"not", "non", "no", "without", "excluding", "except", "nor"})


def negated(chosen: CompiledRule, subject: Subject) -> str | None:
    """The words of the description ``chosen`` rests on, when every one of them follows a
    negation ("succession bench review - branch leaders (not Larkspur)" matched the Larkspur
    rule on "larkspur"): shown as written ("not larkspur"); None when a word it rests on stands
    unnegated, or it rests on no word (picks, dates, an id)."""
    words = {w for w in chosen.evidence(subject) if not w.startswith((ID_MARK, PICK_MARK))}
    text = subject.text
    found = [
        i
        for i, (tok, stem) in enumerate(zip(text.toks, text.stems, strict=True))
        if tok in words or stem in words
    ]
    if not found or any(i == 0 or text.toks[i - 1] not in _NEGATORS for i in found):
        return None
    return ", ".join(dict.fromkeys(f"{text.toks[i - 1]} {text.toks[i]}" for i in found))
