"""How entry text is read: one normalisation shared by rules, memory and flags."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

_TOKEN = re.compile(r"[a-z0-9]+")
_APOSTROPHE = re.compile(r"['\u2019]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Ticket ids ("NWF-1423", "#877") and bare numbers carry no meaning for the code.
_NUMBERISH = re.compile(r"^(?:[a-z]{0,5}\d[a-z0-9]*)$")
_WITH_SLASH = re.compile(r"\bw/", re.IGNORECASE)
_SEGMENT_SPLIT = re.compile(r"\s*(?:;|\+|/|,|&|\band\b|\bthen\b|\balso\b)\s*")

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


def tokens(text: str) -> tuple[str, ...]:
    """Lowercased word tokens; ``&`` reads as "and", apostrophes vanish ("client's" -> clients)."""
    lowered = _APOSTROPHE.sub("", text.lower()).replace("&", " and ")
    return tuple(_TOKEN.findall(lowered))


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
    """A description read once: raw lowercase, tokens and token set, computed lazily."""

    raw: str

    @cached_property
    def lower(self) -> str:
        return self.raw.lower()

    @cached_property
    def toks(self) -> tuple[str, ...]:
        return tokens(self.raw)

    @cached_property
    def tokset(self) -> frozenset[str]:
        return frozenset(self.toks)
