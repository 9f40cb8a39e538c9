"""Shorthand people type in time entries, spelled out before anything reads the text.

Rules, memory and flags all read text through ``app.classify.text.tokens``, which applies a
``Lexicon`` to the entry and to the rules' own words alike, so a rule for "weekly review" matches
"wkly rvw" and a rule written as "mtg" matches "meeting". Each key is one word as typed (after
lowercasing), or a slashed form such as "f/u"; the value is what it stands for (one or more
words). ``DEFAULT_LEXICON`` holds general shorthand; a firm's ``_firm.yaml`` may add entries,
replace them, or switch one off (``lexicon: {rev: null}``): ``Lexicon.of``. A lexicon is built
once per rule book (its tables and pattern precomputed), never per entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

SHORTHAND: dict[str, str] = {
    "wkly": "weekly",
    "wk": "week",
    "mthly": "monthly",
    "mo": "month",
    "rvw": "review",
    "rev": "review",
    "mtg": "meeting",
    "mtgs": "meetings",
    "mgmt": "management",
    "mgr": "manager",
    "params": "parameters",
    "param": "parameter",
    "reg": "regulation",
    "regs": "regulations",
    "reqs": "requirements",
    "req": "requirement",
    "prep": "prepare",
    "prepped": "prepared",
    "prepping": "preparing",
    "appt": "appointment",
    "appts": "appointments",
    "info": "information",
    "docs": "documents",
    "doc": "document",
    "config": "configuration",
    "cfg": "configuration",
    "admin": "administration",
    "dev": "development",
    "env": "environment",
    "eval": "evaluation",
    "impl": "implementation",
    "govt": "government",
    "dept": "department",
    "drft": "draft",
    "rpt": "report",
    "stmt": "statement",
    "trng": "training",
    "sched": "schedule",
    "svc": "service",
    "svcs": "services",
    "qtr": "quarter",
    "qtrly": "quarterly",
    "yr": "year",
    "approx": "approximately",
    "thru": "through",
    "convo": "conversation",
    "fu": "follow up",
    "fup": "follow up",
}

# Shorthand with a slash, read before the text is split into words.
SLASHED: dict[str, str] = {"f/u": "follow up", "w/o": "without", "w/": "with", "b/c": "because"}


def _slash_pattern(keys: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(keys, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile("|".join(rf"(?<![^\W_]){re.escape(k)}" for k in ordered))


@dataclass(frozen=True, eq=False)
class Lexicon:
    """One firm's shorthand: words spelled out after splitting, slashed forms before."""

    words: Mapping[str, tuple[str, ...]]
    slashed: Mapping[str, str]
    pattern: re.Pattern[str] | None = field(default=None)

    @classmethod
    def build(cls, words: Mapping[str, str], slashed: Mapping[str, str]) -> Lexicon:
        return cls(
            {k: tuple(v.split()) for k, v in words.items()},
            {k: f" {v} " for k, v in slashed.items()},
            _slash_pattern(slashed),
        )

    @classmethod
    def of(cls, changes: Mapping[str, str | None]) -> Lexicon:
        """The defaults with a firm's changes: a value adds or replaces, ``None`` switches off."""
        if not changes:
            return DEFAULT_LEXICON
        words, slashed = dict(SHORTHAND), dict(SLASHED)
        for key, value in changes.items():
            table = slashed if "/" in key else words
            if value is None:
                table.pop(key.lower(), None)
            else:
                table[key.lower()] = value.lower()
        return cls.build(words, slashed)

    def spell_out_slashes(self, lowered: str) -> str:
        if self.pattern is None:
            return lowered
        return self.pattern.sub(lambda m: self.slashed[m.group(0)], lowered)

    def spell_out(self, words: Iterable[str]) -> tuple[str, ...]:
        table = self.words
        found: list[str] = []
        for word in words:
            long = table.get(word)
            if long is None:
                found.append(word)
            else:
                found.extend(long)
        return tuple(found)


DEFAULT_LEXICON = Lexicon.build(SHORTHAND, SLASHED)


def spell_out_slashes(lowered: str) -> str:
    return DEFAULT_LEXICON.spell_out_slashes(lowered)


def spell_out(words: Iterable[str]) -> tuple[str, ...]:
    return DEFAULT_LEXICON.spell_out(words)
