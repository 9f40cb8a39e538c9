"""Shorthand people type in time entries, spelled out before anything reads the text.

Rules, memory and flags all read text through ``app.classify.text.tokens``, which applies this
list to the entry and to the rules' own words alike, so a rule for "weekly review" matches
"wkly rvw" and a rule written as "mtg" matches "meeting". Each key is one word as typed (after
lowercasing); the value is what it stands for (one or more words).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
_SLASHED = {"f/u": " follow up ", "w/o": " without ", "w/": " with ", "b/c": " because "}
_SLASH_PATTERN = re.compile(
    "|".join(rf"(?<![^\W_]){re.escape(k)}" for k in sorted(_SLASHED, key=len, reverse=True))
)


def spell_out_slashes(lowered: str) -> str:
    return _SLASH_PATTERN.sub(lambda m: _SLASHED[m.group(0)], lowered)


def spell_out(words: Iterable[str]) -> tuple[str, ...]:
    found: list[str] = []
    for word in words:
        long = SHORTHAND.get(word)
        if long is None:
            found.append(word)
        else:
            found.extend(long.split())
    return tuple(found)
