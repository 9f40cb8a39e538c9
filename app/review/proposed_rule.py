"""The rule a proposal suggests: built from the entries people corrected the same way.

Its ``when`` is the phrases those entries share, its ``clause`` the code's, its priority one
above every rule that matched them, its ``examples`` the corrected entries (so ``timebill rules
check`` keeps testing it).
"""

from __future__ import annotations

import json
import re
from typing import Any

from app.classify.conditions import Subject
from app.classify.rules_stage import RulesStage
from app.classify.text import Text, tokens
from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext

_NUMBERISH = re.compile(r"^(?:[a-z]{0,5}\d[a-z0-9]*)$")


def build_rule(ctx: ClientContext, code: str, entries: list[TimeEntry]) -> dict[str, Any]:
    phrases = list(dict.fromkeys(_phrase(e.description) for e in entries if _phrase(e.description)))
    prefix = ctx.client_id or "firm"
    slug = "-".join(phrases[0].split()[:5]) if phrases else code.lower()
    rule: dict[str, Any] = {
        "id": f"{prefix}.learned.{slug}"[:64].rstrip("-."),
        "clause": ctx.codes[code].clause,
        "code": code,
        "priority": _priority_to_win(ctx, entries),
        "note": f"proposed by timebill from {len(entries)} corrected entries",
        "when": {"phrases": phrases},
        "examples": [_example(e, code) for e in entries],
    }
    return rule


def _phrase(description: str) -> str:
    """The longest run of words with no number or ticket id in it: the description's gist."""
    runs: list[list[str]] = [[]]
    for token in tokens(description):
        if _NUMBERISH.match(token):
            runs.append([])
        else:
            runs[-1].append(token)
    longest: list[str] = max(runs, key=len)
    return " ".join(longest)


def _priority_to_win(ctx: ClientContext, entries: list[TimeEntry]) -> int:
    """One above every rule that matched these entries (the rules said otherwise, or nothing)."""
    compiled = RulesStage().compiled(ctx)
    matched = [
        rule.rule.priority
        for entry in entries
        for rule in compiled
        if rule.matches(Subject(entry, Text(entry.description, ctx.lexicon)))
    ]
    return max(matched, default=0) + 1


def _example(entry: TimeEntry, code: str) -> dict[str, Any]:
    example: dict[str, Any] = {"text": entry.description, "expect": code}
    if entry.project:
        example["project"] = entry.project
    if entry.task:
        example["task"] = entry.task
    example["hours"] = float(entry.hours)
    example["on"] = entry.work_date
    return example


def json_safe(rule: dict[str, Any]) -> dict[str, Any]:
    """The rule as JSON holds it (an example's date as ``YYYY-MM-DD`` text, which the rules
    loader reads back as the date)."""
    safe: dict[str, Any] = json.loads(json.dumps(rule, default=lambda v: v.isoformat()))
    return safe
