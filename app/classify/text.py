"""How entry text is read: one normalisation shared by rules, memory and flags."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, TypeVar

from app.classify.abbreviations import Abbreviations, shortened
from app.classify.lexicon import DEFAULT_LEXICON, Lexicon

T = TypeVar("T")

# Words are runs of letters (accents kept: "ángela" is one word) and digits; an id written with
# a separator and a digit ("a-1", "d1.4", "cr-07", "mcs-150") stays one word.
_TOKEN = re.compile(r"[^\W_]+(?:[-./][^\W_]*\d[^\W_]*)*")
_APOSTROPHE = re.compile(r"['\u2019]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Ticket ids ("NWF-1423", "#877") and bare numbers carry no meaning for the code.
_NUMBERISH = re.compile(r"^(?:[^\W\d_]{0,5}[-./]?\d[^\W_]*(?:[-./][^\W_]+)*)$")
_WITH_SLASH = re.compile(r"\bw/", re.IGNORECASE)
# A slash separates activities between words ("research/memo", "call / email"), not inside
# shorthand ("o/c", "t/c", "rev/rev", "A/R") or a date ("11/3"): words of four letters or more
# on both sides, or a space on one.
_SEGMENT_SPLIT = re.compile(
    r"\s*(?:;|\+|,|&|\band\b|\bthen\b|\balso\b)\s*|\s+/\s*|\s*/\s+"
    r"|(?<=[^\W_]{4})/(?=[^\W_]{4})"
)

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "of",
        "for",
        "on",
        "in",
        "at",
        "with",
        "w",
        "by",
        "re",
        "and",
        "or",
        "from",
        "per",
        "about",
        "into",
        "via",
        "is",
        "was",
    ]
)


def tokens(text: str, lexicon: Lexicon = DEFAULT_LEXICON) -> tuple[str, ...]:
    """Lowercased word tokens; ``&`` reads as "and", apostrophes vanish ("client's" -> clients),
    shorthand is spelled out ("wkly" -> weekly, "f/u" -> follow up: the firm's ``lexicon``)."""
    lowered = _APOSTROPHE.sub("", text.lower()).replace("&", " and ")
    return lexicon.spell_out(_TOKEN.findall(lexicon.spell_out_slashes(lowered)))


def strip_control(text: str) -> str:
    return _CONTROL.sub(" ", text)


_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")


def stem(word: str) -> str:
    """A deliberately crude stem so "updated"/"update" and "files"/"file" meet in memory."""
    if len(word) < 4:
        return word
    base = _SUFFIX.sub("", word)
    base = base[:-1] if base.endswith("e") else base
    return base if len(base) >= 3 else word


def memory_key(toks: tuple[str, ...]) -> tuple[str, ...]:
    """The shape of a description for recall: numbers and ticket ids become '#'."""
    return tuple("#" if _NUMBERISH.match(t) else stem(t) for t in toks)


def content_words(toks: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in toks if t not in STOPWORDS and not _NUMBERISH.match(t))


def memory_words(toks: tuple[str, ...]) -> frozenset[str]:
    return frozenset(stem(t) for t in content_words(toks))


@lru_cache(maxsize=8192)
def memory_shape(description: str) -> tuple[str, frozenset[str]]:
    """What memory files a description under and recalls it by: its key ("" when it has no
    words) and its content words. Kept for the descriptions seen last: entries repeat them."""
    toks = tokens(description)
    return " ".join(memory_key(toks)), memory_words(toks)


def segments(text: str) -> list[str]:
    """Parts of a multi-activity description ("call w/ Dana; drafted memo")."""
    spelled = _WITH_SLASH.sub("with ", text)
    return [part for part in _SEGMENT_SPLIT.split(spelled) if part.strip()]


def contains_phrase(haystack: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    if n == 0 or n > len(haystack):
        return False
    if n == 1:
        return phrase[0] in haystack
    first = phrase[0]
    return any(
        haystack[i] == first and haystack[i : i + n] == phrase for i in range(len(haystack) - n + 1)
    )


@dataclass(frozen=True)
class Text:
    """A description read once, through a firm's lexicon: raw lowercase, tokens and token set,
    computed lazily."""

    raw: str
    lexicon: Lexicon = field(default=DEFAULT_LEXICON, compare=False)

    @cached_property
    def answers(self) -> dict[object, bool]:
        """Answers of tests that read this text alone, by test (``compile_condition``)."""
        return {}

    @cached_property
    def kept(self) -> dict[object, Any]:
        """What was derived from this text alone, by what derived it: the rules worth testing
        on it (``RuleList.shortlist``), the words a rule matched (``RulesStage``), the signs
        of another client or of instructions (``Signals``). Read and filled through ``keep``."""
        return {}

    def keep(self, key: object, make: Callable[[], T]) -> T:
        """``make()``, computed once per ``key`` for this text and kept (``kept``): for what
        depends on the text alone, so every entry that shares the reading shares it."""
        kept = self.kept
        if key not in kept:
            kept[key] = make()
        found: T = kept[key]
        return found

    @cached_property
    def lower(self) -> str:
        return self.raw.lower()

    @cached_property
    def toks(self) -> tuple[str, ...]:
        return tokens(self.raw, self.lexicon)

    @cached_property
    def tokset(self) -> frozenset[str]:
        return frozenset(self.toks)

    @cached_property
    def stems(self) -> tuple[str, ...]:
        return tuple(stem(t) for t in self.toks)

    @cached_property
    def stemset(self) -> frozenset[str]:
        return frozenset(self.stems)

    @cached_property
    def deletes(self) -> frozenset[str]:
        """Long words with one letter left out (a typed letter too many, undone)."""
        return frozenset(
            d for t in self.tokset if len(t) > LONG_FOR_INSERTS and t.isalpha() for d in _deletes(t)
        )

    @cached_property
    def shorthand(self) -> tuple[str, ...]:
        """Words typed without their vowels ("gdlns"): ``app.classify.abbreviations``. A word
        typed in capitals ("CTMS", "SDTM") is an acronym, not a word shortened: "CTMS" is not
        "christmas"."""
        found = [t for t in self.toks if shortened(t)]
        if not found:
            return ()
        capitals = {w.lower() for w in _TOKEN.findall(self.raw) if w.isupper()}
        return tuple(dict.fromkeys(t for t in found if t not in capitals))


TYPO_MIN_LETTERS = 5  # shorter words differ by one letter too often ("call"/"cell")
PHRASE_GAP = 2  # words that may sit inside a phrase ("took the weekly call" ~ "took call")


LONG_FOR_INSERTS = 7  # a letter more or less only in long words ("driver" is not "drive")


_VOWEL = frozenset("aeiou")
_KEPT_DOUBLE = frozenset("lsfz")  # "bill", "pass", "staff", "buzz" end doubled as words


def _doubled(found: str) -> tuple[str, ...]:
    """A stem and its other spelling across a doubled last consonant: the stemmer keeps
    "scann" of "scanning" and "scan" of "scan"; a rule's word meets the text in either."""
    last = found[-1]
    if len(found) >= 4 and last == found[-2] and last not in _VOWEL | _KEPT_DOUBLE:
        return found, found[:-1]
    if (
        len(found) >= 3
        and last not in _VOWEL | _KEPT_DOUBLE | {"w", "x", "y"}
        and (found[-2] in _VOWEL and found[-3] not in _VOWEL)
    ):
        return found, found + last
    return (found,)


def _swaps(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass(frozen=True)
class WordTest:
    """Whole words of a rule, read like the text: shorthand spelled out, stems compared, and
    one typo forgiven: two letters swapped in words of ``TYPO_MIN_LETTERS`` letters or more,
    a letter more or less in words of ``LONG_FOR_INSERTS`` or more."""

    stems: frozenset[str]
    near: frozenset[str]  # the rule's long words with two letters swapped
    long_words: frozenset[str]  # words long enough for a letter more or less
    long_deletes: frozenset[str]
    prefixes: tuple[str, ...]
    short: Abbreviations  # the rule's words a token without vowels may stand for
    # Items that read as several words ("on-call", "e-mail", "follow up"): found as a phrase,
    # never word by word ("on" alone is not "on-call").
    joined: PhraseTest | None = None

    @classmethod
    def of(cls, words: Iterable[str], lexicon: Lexicon = DEFAULT_LEXICON) -> WordTest:
        """The test of ``words``, one instance per (words, lexicon) of the 4,096 latest: a
        rule's words are compiled for its condition, score and evidence alike (``_word_test``)."""
        return _word_test(tuple(words), lexicon)

    @classmethod
    def _build(cls, words: tuple[str, ...], lexicon: Lexicon) -> WordTest:
        whole = [w for w in words if not w.endswith("*")]
        read = [tokens(w, lexicon) for w in whole]
        exact = [toks[0] for toks in read if len(toks) == 1]
        joined = [w for w, toks in zip(whole, read, strict=True) if len(toks) > 1]
        typed = [t for t in exact if len(t) >= TYPO_MIN_LETTERS and t.isalpha()]
        long = frozenset(t for t in typed if len(t) >= LONG_FOR_INSERTS)
        return cls(
            frozenset(v for t in exact for v in _doubled(stem(t))),
            frozenset(s for w in typed for s in _swaps(w)) - frozenset(exact),
            long,
            frozenset(d for w in long for d in _deletes(w)),
            tuple(w[:-1].lower() for w in words if w.endswith("*")),
            Abbreviations.of((t, stem(t)) for t in typed),
            PhraseTest.of(joined, lexicon) if joined else None,
        )

    def matched(self, text: Text) -> str | None:
        """The first word of the text this test accepts, or None (set look-ups: hot path)."""
        if not self.stems.isdisjoint(text.stemset):
            return next(t for t, s in zip(text.toks, text.stems, strict=True) if s in self.stems)
        if self.prefixes:
            found = next((t for t in text.toks if t.startswith(self.prefixes)), None)
            if found is not None:
                return found
        if self.near and not self.near.isdisjoint(text.tokset):
            return next(t for t in text.toks if t in self.near)
        if self.long_words and not self.long_deletes.isdisjoint(text.tokset):
            return next(t for t in text.toks if t in self.long_deletes)  # a letter missing
        if self.long_words and not self.long_words.isdisjoint(text.deletes):
            return next(t for t in text.toks if self.long_words & _deletes(t))  # one too many
        if text.shorthand and self.short:
            found = next((t for t in text.shorthand if self.short.read(t)), None)
            if found is not None:
                return found
        if self.joined is not None and (phrases := self.joined.found(text)):
            first = phrases[0][0]
            return next((t for t, s in zip(text.toks, text.stems, strict=True) if s == first),
                        first)  # fmt: skip
        return None

    def covered(self, text: Text) -> frozenset[str]:
        """Every word of the text this test accepts (its stem; a typo as typed), not only the
        first: how much of an entry a rule's match rests on (``specificity.compile_evidence``)."""
        found = {s for s in text.stems if s in self.stems}
        for tok in text.toks:
            if (
                (self.prefixes and tok.startswith(self.prefixes))
                or tok in self.near
                or tok in self.long_deletes
                or (self.long_words and self.long_words & _deletes(tok))
            ):
                found.add(tok)
        if text.shorthand and self.short:
            found.update(t for t in text.shorthand if self.short.read(t))
        if self.joined is not None:
            found.update(s for phrase in self.joined.found(text) for s in phrase)
        return frozenset(found)


@dataclass(frozen=True)
class PhraseTest:
    """A rule's phrases (or list items), read like the text, found in order with up to
    ``PHRASE_GAP`` words inserted (none before a word with a digit but "no" or "number":
    ``_rest_within``), and each word forgiven one typo as ``WordTest`` forgives it:
    two letters swapped in a word of ``TYPO_MIN_LETTERS`` letters or more, a letter missing in
    one of ``LONG_FOR_INSERTS`` or more ("negtaive air" is "negative air"), typed without its
    vowels ("gdlns site" is "guidelines site": ``app.classify.abbreviations``), or across a
    doubled last consonant ("scan exhibits" is "scanning exhibits": ``_doubled``)."""

    phrases: tuple[tuple[str, ...], ...]  # stems
    firsts: frozenset[str]  # the phrases' first stems: most texts share none
    fixes: Mapping[str, str]  # a misspelling as typed -> the stem of the phrase word it is
    fixed_firsts: frozenset[str]  # misspellings of first words
    short: Abbreviations  # the phrases' words a token without vowels may stand for
    doubles: Mapping[str, str]  # a stem across a doubled consonant -> the phrase word's stem
    doubled_firsts: frozenset[str]  # such stems of first words

    @classmethod
    def of(cls, items: Iterable[str], lexicon: Lexicon = DEFAULT_LEXICON) -> PhraseTest:
        """The test of ``items``, shared as ``WordTest.of``'s is."""
        return _phrase_test(tuple(items), lexicon)

    @classmethod
    def _build(cls, items: tuple[str, ...], lexicon: Lexicon) -> PhraseTest:
        read = [t for t in (tokens(i, lexicon) for i in items) if t]
        phrases = tuple(tuple(stem(w) for w in toks) for toks in read)
        words = {w for toks in read for w in toks}
        fixes: dict[str, str] = {}
        for word in sorted(w for w in words if len(w) >= TYPO_MIN_LETTERS and w.isalpha()):
            missing = _deletes(word) if len(word) >= LONG_FOR_INSERTS else set()
            for typo in (_swaps(word) | missing) - words:
                fixes.setdefault(typo, stem(word))
        firsts = frozenset(p[0] for p in phrases)
        fixed_firsts = frozenset(t for t, s in fixes.items() if s in firsts)
        stems = {stem(w) for w in words}  # a stem that is a phrase word's own stays as it is
        doubles = {v: s for s in stems for v in _doubled(s)[1:] if v not in stems}
        doubled_firsts = frozenset(v for v, s in doubles.items() if s in firsts)
        short = Abbreviations.of((w, stem(w)) for w in words)
        return cls(phrases, firsts, fixes, fixed_firsts, short, doubles, doubled_firsts)

    def holds(self, text: Text) -> bool:
        """Whether one of the phrases is in the text: the first found ends it, and the typos
        are read only when no phrase is found as written (the hot path of every condition)."""
        written = not self.firsts.isdisjoint(text.stemset)
        if not written and not self._first_fixed(text):
            return False
        if written and any(phrase_at(text.stems, p) for p in self.phrases):
            return True
        fixed = self._fixed(text)
        return fixed is not None and any(phrase_at(fixed, p) for p in self.phrases)

    def found(self, text: Text) -> list[tuple[str, ...]]:
        """The phrases in the text (as stems), in the test's order."""
        if self.firsts.isdisjoint(text.stemset) and not self._first_fixed(text):
            return []  # most entries: three set look-ups instead of a scan per phrase
        stems = self._fixed(text) or text.stems
        return [p for p in self.phrases if phrase_at(stems, p)]

    def _first_fixed(self, text: Text) -> bool:
        """Whether a misspelt, doubled or shortened word of the text is a phrase's first."""
        return (
            not self.fixed_firsts.isdisjoint(text.tokset)
            or not self.doubled_firsts.isdisjoint(text.stemset)
            or bool(text.shorthand and self._short_first(text))
        )

    def _short_first(self, text: Text) -> bool:
        """Whether a word of the text typed without vowels shortens a phrase's first word."""
        return any(s in self.firsts for s in self._shortened(text).values())

    def _shortened(self, text: Text) -> dict[str, str]:
        """The text's words typed without vowels that shorten a phrase word: their stems."""
        if not text.shorthand or not self.short:
            return {}
        read = ((t, self.short.read(t)) for t in text.shorthand)
        return {t: s for t, s in read if s is not None}

    def _fixed(self, text: Text) -> tuple[str, ...] | None:
        """The text's stems with the phrases' misspelt, doubled or shortened words read right;
        None if it has none."""
        fixes = {t: self.fixes[t] for t in text.tokset if t in self.fixes}
        for token, found in zip(text.toks, text.stems, strict=True):
            if found in self.doubles:
                fixes[token] = self.doubles[found]
        fixes.update(self._shortened(text))
        if not fixes:
            return None
        return tuple(fixes.get(t, s) for t, s in zip(text.toks, text.stems, strict=True))


def phrase_at(haystack: tuple[str, ...], phrase: tuple[str, ...], gap: int = PHRASE_GAP) -> bool:
    """``phrase`` in order, with at most ``gap`` other words inserted in all."""
    if phrase and phrase[0] not in haystack:
        return False
    if contains_phrase(haystack, phrase):
        return True
    if len(phrase) < 2 or gap <= 0:
        return False
    first = phrase[0]
    return any(
        _rest_within(haystack, i + 1, phrase[1:], gap) for i, t in enumerate(haystack) if t == first
    )


def _rest_within(haystack: tuple[str, ...], start: int, rest: tuple[str, ...], gap: int) -> bool:
    """A word with a digit ("4" in "series 4", "b2" in "phase b2") follows the word before it
    with nothing between but "no", "number" ("Change Order No. 2"): "Series 3 mod 4 edit" names
    series 3, not series 4."""
    pos, left = start, gap
    for word in rest:
        window = haystack[pos : pos + left + 1]
        if _numbered(word):  # only "no", "number" may stand before it
            window = window[
                : next((n for n, t in enumerate(window) if t not in _NUMBER_WORDS), 0) + 1
            ]
        if word not in window:
            return False
        skipped = window.index(word)
        left -= skipped
        pos += skipped + 1
    return True


_NUMBER_WORDS = frozenset({"no", "number", "num", "nr"})  # as stems: "No. 2", "number 2"


def _numbered(word: str) -> bool:
    return any(c.isdigit() for c in word)


Reader = Callable[[str, Lexicon], Text]  # ``Text`` itself, or ``Readings`` (read once)
READINGS_KEPT = 4_096  # distinct descriptions kept read; a month or a history has a few thousand


class Readings:
    """Each distinct description read once per lexicon: entries repeat their descriptions (the
    demo firm's 16,000 history entries have about 2,400), and a ``Text`` is a pure, lazily
    cached reading of its words (with the answers of tests on it, ``Text.answers``), so one
    reading serves every entry that has it. Bounded: it starts afresh past ``kept`` readings."""

    def __init__(self, kept: int = READINGS_KEPT) -> None:
        self.kept = kept
        self._read: dict[tuple[str, Lexicon], Text] = {}

    def __call__(self, raw: str, lexicon: Lexicon = DEFAULT_LEXICON) -> Text:
        key = (raw, lexicon)  # a Lexicon hashes by identity: held here, never reused
        found = self._read.get(key)
        if found is None:
            if len(self._read) >= self.kept:
                self._read.clear()
            found = self._read[key] = Text(raw, lexicon)
        return found


# Tests are immutable, so one serves every condition naming the same items: a client's rules
# read the same words for their conditions, scores, evidence and text gates, and a cold start
# built each up to four times (the worker's first entry: ``bench/cold_start.py``). A lexicon
# is keyed by identity (each firm's is built once per rules book).
@lru_cache(maxsize=4096)
def _word_test(words: tuple[str, ...], lexicon: Lexicon) -> WordTest:
    return WordTest._build(words, lexicon)


@lru_cache(maxsize=4096)
def _phrase_test(items: tuple[str, ...], lexicon: Lexicon) -> PhraseTest:
    return PhraseTest._build(items, lexicon)
