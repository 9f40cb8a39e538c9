"""How specific a rule's match is: the tie-break between rules of the same rank.

A match's specificity is ``(text, other)``: ``text`` counts the entry's words the rule's text
tests covered (a matched ``words`` test is 1, a matched phrase or ``list`` item counts its own
words), ``other`` counts the other tests that held (``regex``, ``project``, ``task``, ``tags``,
``weekday``, ``hours``, ``dates``, ``time``, ``billable_flag``). A match with ``text`` > 0 is a
*topic*; a ``regex`` (an id pattern, say) is not. ``all`` adds its
parts up, ``any`` takes its best matching alternative, ``not`` adds nothing. A rule whose match
covers more wins over one that covers less at the same rank ("status call" over "call", a
rule with ``words`` and ``project`` over one with ``words`` alone); equal ones that disagree
still go to review. Computed only for the few rules that already matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from app.classify.conditions import (
    ENTRY_FIELDS,
    Subject,
    compile_condition,
    entry_fields,
    pick_tests,
)
from app.classify.lexicon import Lexicon
from app.classify.text import PhraseTest, WordTest, stem, tokens
from app.domain.rules import Condition, Rule

Score = tuple[int, int]
Scorer = Callable[[Subject], Score]
_FIELDS = ("regex", *ENTRY_FIELDS)


def total(score: Score) -> int:
    return score[0] + score[1]


def compile_specificity(
    cond: Condition, lists: Mapping[str, tuple[str, ...]], lexicon: Lexicon
) -> Scorer:
    """The ``(text, other)`` score of a condition on a subject it matches."""
    parts = [compile_specificity(c, lists, lexicon) for c in cond.all_of or ()]
    alts = [
        (compile_condition(c, lists, lexicon), compile_specificity(c, lists, lexicon))
        for c in cond.any_of or ()
    ]
    text = _text_scorer(cond, lists, lexicon)
    other = sum(getattr(cond, name) is not None for name in _FIELDS)

    def score(s: Subject) -> Score:
        found = [p(s) for p in parts]
        found.append(max((sc(s) for test, sc in alts if test(s)), key=total, default=(0, 0)))
        return (text(s) + sum(f[0] for f in found), other + sum(f[1] for f in found))

    return score


def _text_scorer(
    cond: Condition, lists: Mapping[str, tuple[str, ...]], lexicon: Lexicon
) -> Callable[[Subject], int]:
    words = WordTest.of(cond.words, lexicon) if cond.words is not None else None
    phrases = _phrase_test(cond, lists, lexicon)

    def score(s: Subject) -> int:
        found = 1 if words is not None and words.matched(s.text) is not None else 0
        return found + max((len(p) for p in phrases.found(s.text)), default=0)

    return score


Evidence = Callable[[Subject], frozenset[str]]
ID_MARK, PICK_MARK = "/", "@"  # evidence that is an id a regex found, a tracker pick that held


def compile_evidence(
    cond: Condition, lists: Mapping[str, tuple[str, ...]], lexicon: Lexicon
) -> Evidence:
    """What of an entry a matching condition rests on: the description's words its text tests
    accept (stems; a typo as typed), ``/`` + what its ``regex`` found, ``@`` + each tracker
    pick (project, task, tags) it tests that holds. Parts of ``all`` count, of ``any`` the
    alternatives that hold, of ``not`` nothing. Two rules that both match can then be told
    apart by how much of the entry each explains (``rules_stage``: precedence alone decided)."""
    parts = [compile_evidence(c, lists, lexicon) for c in cond.all_of or ()]
    alts = [
        (compile_condition(c, lists, lexicon), compile_evidence(c, lists, lexicon))
        for c in cond.any_of or ()
    ]
    words = WordTest.of(cond.words, lexicon) if cond.words is not None else None
    phrases = _phrase_test(cond, lists, lexicon)
    pattern = re.compile(cond.regex) if cond.regex is not None else None
    picks = pick_tests(cond)

    def evidence(s: Subject) -> frozenset[str]:
        found: set[str] = set(words.covered(s.text)) if words is not None else set()
        for part in parts:
            found |= part(s)
        for test, alt in alts:
            if test(s):
                found |= alt(s)
        found.update(w for p in phrases.found(s.text) for w in p)
        if pattern is not None and (hit := pattern.search(s.text.lower)):
            found.add(ID_MARK + hit.group(0))
        found.update(PICK_MARK + name for name, test in picks if test(s))
        return frozenset(found)

    return evidence


def _phrase_test(
    cond: Condition, lists: Mapping[str, tuple[str, ...]], lexicon: Lexicon
) -> PhraseTest:
    """The condition's own phrases and list items."""
    items = (*(cond.phrases or ()), *(i for name in cond.list_ or () for i in lists.get(name, ())))
    return PhraseTest.of(items, lexicon)


PICKED = ("project", "task", "tags", "billable_flag")  # what a person picks in the tracker
OBJECTIVE = frozenset({"dates", "weekday", "time_of_day", "hours"})  # facts of the entry


def reads_picks(cond: Condition) -> tuple[str, ...]:
    """The tracker fields a person picks (``PICKED``) that the condition tests, if it tests
    no objective fact of the entry (``OBJECTIVE``) anywhere; else nothing."""
    found = entry_fields(cond)
    return () if found & OBJECTIVE else tuple(f for f in PICKED if f in found)


def unless_words(rules: Iterable[Rule], lexicon: Lexicon) -> frozenset[str]:
    """The stems of the single ``words`` a set of rules names in its ``unless``."""
    found: set[str] = set()
    for cond in (r.unless for r in rules if r.unless is not None):
        found |= _condition_words(cond, lexicon)
    return frozenset(found)


def _condition_words(cond: Condition, lexicon: Lexicon) -> set[str]:
    said = cond.words or ()
    found = {stem(t) for w in said if not w.endswith("*") for t in tokens(w, lexicon)}
    subs = (*(cond.all_of or ()), *(cond.any_of or ()))
    return found.union(*(_condition_words(c, lexicon) for c in subs))
