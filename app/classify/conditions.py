"""Compile rule conditions (``app.domain.rules.Condition``) into fast predicates."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.classify.calendar import at_time, on_listed_day
from app.classify.lexicon import DEFAULT_LEXICON, Lexicon
from app.classify.text import PhraseTest, Text, WordTest
from app.domain.entries import TimeEntry
from app.domain.rule_terms import Weekday
from app.domain.rules import Condition, DateRange, NumberRange

_WEEKDAYS = tuple(Weekday)


@dataclass(frozen=True)
class Subject:
    """What a condition looks at: the entry and its description read once."""

    entry: TimeEntry
    text: Text


Predicate = Callable[[Subject], bool]


def compile_condition(
    cond: Condition,
    lists: Mapping[str, tuple[str, ...]],
    lexicon: Lexicon = DEFAULT_LEXICON,
    *,
    remember: bool = True,
) -> Predicate:
    """All tests present in one mapping must hold. Unknown list names match nothing. The rule's
    words are read through ``lexicon``, as the entry's text is (``Text.lexicon``).

    A test that reads the description alone gives one answer per reading of it: with
    ``remember`` (the default) its answer is kept on the ``Text`` (``Text.answers``), so entries
    that share a description and a reading (a history repeats its descriptions) test it once.
    The outermost such test is the one remembered."""
    whole = remember and reads_text_only(cond)
    tests = _tests(cond, lists, lexicon, remember and not whole)
    test = tests[0] if len(tests) == 1 else _all(tests)
    return _remembered(test) if whole else test


def reads_text_only(cond: Condition) -> bool:
    """A condition whose answer depends on the description alone (words, phrases, lists,
    regex; no tracker field, date, time or hours)."""
    return not entry_fields(cond)


def entry_fields(cond: Condition) -> frozenset[str]:
    """The tests on the entry (``ENTRY_FIELDS``) anywhere in the condition, its parts too."""
    found = {name for name in ENTRY_FIELDS if getattr(cond, name) is not None}
    for sub in (*(cond.all_of or ()), *(cond.any_of or ()), *((cond.not_,) if cond.not_ else ())):
        found |= entry_fields(sub)
    return frozenset(found)


def text_gate(
    cond: Condition, lists: Mapping[str, tuple[str, ...]], lexicon: Lexicon = DEFAULT_LEXICON
) -> Predicate | None:
    """A remembered test on the description alone that holds whenever ``cond`` holds (the
    text-only parts of its top mapping), or None when no part reads the text alone: entries
    whose text fails it need not be asked the rest."""
    if reads_text_only(cond):
        return compile_condition(cond, lists, lexicon)
    kept = tuple(c for c in cond.all_of or () if reads_text_only(c))
    update: dict[str, object] = dict.fromkeys(ENTRY_FIELDS)
    update["all_of"] = kept or None
    if cond.any_of is not None and not all(reads_text_only(c) for c in cond.any_of):
        update["any_of"] = None
    if cond.not_ is not None and not reads_text_only(cond.not_):
        update["not_"] = None
    reduced = cond.model_copy(update=update)
    if all(getattr(reduced, name) is None for name in type(reduced).model_fields):
        return None
    return compile_condition(reduced, lists, lexicon)


def starts_after(cond: Condition, day: date) -> bool:
    """Whether a date range of ``cond`` (its own or an ``all`` part's) starts after ``day``."""
    ranges = (cond.dates, *(p.dates for p in cond.all_of or ()))
    return any(r is not None and r.start is not None and r.start > day for r in ranges)


def undated(cond: Condition) -> Condition | None:
    """``cond`` without its date ranges (its own and those of its ``all`` parts), or None
    when it has none there: what a rule asks of an entry apart from when it was worked."""
    parts = cond.all_of or ()
    if cond.dates is None and all(p.dates is None for p in parts):
        return None
    update: dict[str, object] = {"dates": None}
    if parts:
        update["all_of"] = tuple(p.model_copy(update={"dates": None}) for p in parts)
    return cond.model_copy(update=update)


ENTRY_FIELDS = (  # the tests on the entry, not its text (also read by specificity)
    "project",
    "task",
    "tags",
    "weekday",
    "hours",
    "dates",
    "time_of_day",
    "billable_flag",
)


def _remembered(test: Predicate) -> Predicate:
    def answer(s: Subject) -> bool:
        kept = s.text.answers  # keyed by the test itself: held there, its id never reused
        found = kept.get(test)
        if found is None:
            found = kept[test] = test(s)
        return found

    return answer


def _all(tests: list[Predicate]) -> Predicate:
    return lambda s: all(test(s) for test in tests)


def _tests(
    cond: Condition, lists: Mapping[str, tuple[str, ...]], lexicon: Lexicon, remember: bool
) -> list[Predicate]:
    found: list[Predicate] = []
    if cond.all_of is not None:
        subs = [compile_condition(c, lists, lexicon, remember=remember) for c in cond.all_of]
        found.append(lambda s: all(p(s) for p in subs))
    if cond.any_of is not None:
        alts = [compile_condition(c, lists, lexicon, remember=remember) for c in cond.any_of]
        found.append(lambda s: any(p(s) for p in alts))
    if cond.not_ is not None:
        inner = compile_condition(cond.not_, lists, lexicon, remember=remember)
        found.append(lambda s: not inner(s))
    found.extend(_text_tests(cond, lists, lexicon, remember))
    found.extend(_field_tests(cond, lists))
    return found


def _text_tests(
    cond: Condition, lists: Mapping[str, tuple[str, ...]], lexicon: Lexicon, remember: bool
) -> list[Predicate]:
    found: list[Predicate] = []
    if cond.words is not None:
        found.append(_words(cond.words, lexicon))
    if cond.phrases is not None:
        found.append(_phrases(cond.phrases, lexicon))
    if cond.list_ is not None:
        items = [item for name in cond.list_ for item in lists.get(name, ())]
        found.append(_phrases(tuple(items), lexicon))
    if cond.regex is not None:
        pattern = re.compile(cond.regex)
        found.append(lambda s: pattern.search(s.text.lower) is not None)
    return [_remembered(t) for t in found] if remember else found


def pick_tests(cond: Condition) -> list[tuple[str, Predicate]]:
    """This condition's own tests of the tracker's project, task and tags, by field name."""
    found: list[tuple[str, Predicate]] = []
    if cond.project is not None:
        found.append(("project", _glob(cond.project, lambda e: (e.project,))))
    if cond.task is not None:
        found.append(("task", _glob(cond.task, lambda e: (e.task,))))
    if cond.tags is not None:
        found.append(("tags", _glob(cond.tags, lambda e: e.tags)))
    return found


def _field_tests(cond: Condition, lists: Mapping[str, tuple[str, ...]]) -> list[Predicate]:
    found: list[Predicate] = [test for _, test in pick_tests(cond)]
    if cond.weekday is not None:
        days = frozenset(cond.weekday)
        found.append(lambda s: _WEEKDAYS[s.entry.work_date.weekday()] in days)
    if cond.hours is not None:
        hours_range = cond.hours
        found.append(lambda s: in_range(s.entry.hours, hours_range))
    if cond.dates is not None:
        window = cond.dates
        found.append(lambda s: in_dates(s, window))
        if window.in_ is not None:
            found.append(on_listed_day(window.in_, lists))
    if cond.time_of_day is not None:
        found.append(at_time(cond.time_of_day))
    if cond.billable_flag is not None:
        flag = cond.billable_flag
        found.append(lambda s: s.entry.billable_flag is flag)
    return found


def _words(words: tuple[str, ...], lexicon: Lexicon) -> Predicate:
    test = WordTest.of(
        words, lexicon
    )  # stems, shorthand, one typo in long words (app.classify.text)
    return lambda s: test.matched(s.text) is not None


def _phrases(phrases: tuple[str, ...], lexicon: Lexicon) -> Predicate:
    test = PhraseTest.of(phrases, lexicon)  # in order, a few words inserted, a typo forgiven
    return lambda s: test.holds(s.text)


def _glob(patterns: tuple[str, ...], values: Callable[[TimeEntry], tuple[str, ...]]) -> Predicate:
    lowered = tuple(p.lower() for p in patterns)

    def test(s: Subject) -> bool:
        return any(fnmatch.fnmatchcase(v.lower(), p) for v in values(s.entry) for p in lowered)

    return test


def in_range(value: Decimal, bounds: NumberRange) -> bool:
    return not (
        (bounds.gt is not None and not value > bounds.gt)
        or (bounds.gte is not None and not value >= bounds.gte)
        or (bounds.lt is not None and not value < bounds.lt)
        or (bounds.lte is not None and not value <= bounds.lte)
    )


def in_dates(s: Subject, window: DateRange) -> bool:
    day = s.entry.work_date
    return (window.start is None or day >= window.start) and (
        window.end is None or day <= window.end
    )
