"""Words typed with their vowels dropped ("gdlns", "bldg", "mktg", "cntrct"), read as the rule
word they shorten.

The lexicon (``app.classify.lexicon``) spells out the shorthand everyone types ("mtg", "rvw");
a firm's own words get shortened the same way, and no list can hold them all. A token is read
as a rule's word only when it looks like such a shortening and the word is unmistakable:

* the token has ``MIN_LETTERS`` letters or more and no vowel (``y`` counts as one: "sync",
  "gym" are words); shorter ones are too often acronyms ("crm", "pdf");
* it keeps the word's first and last letters, and its letters appear in the word in order;
* it keeps at least half of the word's consonants ("bldg" of "building": 4 of 5), and the
  word is at least two letters longer;
* exactly one of the test's words (by stem) fits: a token that could shorten two words reads
  as neither;
* it was not typed in capitals: "CTMS" is an acronym, not "christmas" (``Text.shorthand``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

MIN_LETTERS = 4
_VOWELS = frozenset("aeiouyàáâäãåæèéêëìíîïòóôöõøùúûüýÿœ")


def shortened(token: str) -> bool:
    """Whether ``token`` looks like a word typed without its vowels."""
    return len(token) >= MIN_LETTERS and token.isalpha() and _VOWELS.isdisjoint(token)


def abbreviates(short: str, word: str) -> bool:
    """Whether ``short`` (a ``shortened`` token) is ``word`` with letters dropped, keeping its
    first and last letters and at least half of its consonants."""
    if len(word) < len(short) + 2 or short[0] != word[0] or short[-1] != word[-1]:
        return False
    if 2 * len(short) < sum(c not in _VOWELS for c in word):
        return False
    letters = iter(word)
    return all(c in letters for c in short)  # in order: ``in`` advances the iterator


@dataclass(frozen=True)
class Abbreviations:
    """A test's words long enough to be shortened, each with the stem it stands for."""

    words: tuple[tuple[str, str], ...]  # (word, stem)
    # What each token read as: few tokens are shortenings, and they repeat from entry to entry.
    _read: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, words: Iterable[tuple[str, str]]) -> Abbreviations:
        return cls(
            tuple(sorted({(w, s) for w, s in words if len(w) >= MIN_LETTERS + 2 and w.isalpha()}))
        )

    def __bool__(self) -> bool:
        return bool(self.words)

    def read(self, token: str) -> str | None:
        """The stem of the one word ``token`` shortens; None if none, or more than one."""
        if token not in self._read:
            found = {s for w, s in self.words if abbreviates(token, w)}
            self._read[token] = found.pop() if len(found) == 1 else None
        return self._read[token]
