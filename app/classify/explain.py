"""Which words of an entry made a rule match: every rule decision says so in its reason."""

from __future__ import annotations

from collections.abc import Mapping
from difflib import get_close_matches
from functools import lru_cache

from app.classify.abbreviations import abbreviates
from app.classify.lexicon import DEFAULT_LEXICON, Lexicon
from app.classify.text import PhraseTest, Text, WordTest, stem, tokens
from app.domain.rules import Condition

_MAX_SHOWN = 4


def matched_words(cond: Condition, text: Text, lists: Mapping[str, tuple[str, ...]]) -> str:
    """``'wkly' ~ weekly, 'status call'``: the text's words each positive test accepted."""
    found = _walk(cond, text, lists)  # the rule's words read through the text's lexicon
    return ", ".join(dict.fromkeys(found[:_MAX_SHOWN]))


def _walk(cond: Condition, text: Text, lists: Mapping[str, tuple[str, ...]]) -> list[str]:
    found: list[str] = []
    for sub in (*(cond.all_of or ()), *(cond.any_of or ())):
        found += _walk(sub, text, lists)  # `not` parts matched by being absent: nothing to cite
    if cond.words is not None and (tok := _words(cond.words, text.lexicon).matched(text)):
        found.append(_cite(tok, cond.words))
    items = (*(cond.phrases or ()), *_items(cond, lists))
    if items:
        present = set(_phrases(items, text.lexicon).found(text))
        found += [repr(item) for item in items if _stems(item, text.lexicon) in present]
    return found


def _items(cond: Condition, lists: Mapping[str, tuple[str, ...]]) -> list[str]:
    return [item for name in cond.list_ or () for item in lists.get(name, ())]


def _cite(tok: str, words: tuple[str, ...]) -> str:
    plain = {w.lower() for w in words}
    if tok in plain or any(w.endswith("*") and tok.startswith(w[:-1].lower()) for w in words):
        return repr(tok)
    near = next((w for w in words if stem(w.lower()) == stem(tok)), None)
    near = near or next((w for w in words if abbreviates(tok, w.lower())), None)  # "bldg"
    near = near or next(iter(get_close_matches(tok, [w.lower() for w in words], n=1)), None)
    return f"{tok!r} ~ {near or '/'.join(words[:3])}"


@lru_cache(maxsize=1024)
def _words(words: tuple[str, ...], lexicon: Lexicon = DEFAULT_LEXICON) -> WordTest:
    return WordTest.of(words, lexicon)


@lru_cache(maxsize=1024)
def _phrases(items: tuple[str, ...], lexicon: Lexicon = DEFAULT_LEXICON) -> PhraseTest:
    return PhraseTest.of(items, lexicon)


@lru_cache(maxsize=4096)
def _stems(phrase: str, lexicon: Lexicon = DEFAULT_LEXICON) -> tuple[str, ...]:
    return tuple(stem(t) for t in tokens(phrase, lexicon))
