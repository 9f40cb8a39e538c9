"""Revision rounds and acceptance: whether work on a deliverable is included or a change request.

A client's ``deliverables`` map an id ("D1") to its included ``rounds``, the ``accepted`` event
and the ``change_code`` for work beyond them. An entry that names the deliverable and is on one
of its ``codes`` (any code when none are listed) is a change request when it says a round past
the included ones, or when it is dated after the acceptance event: it moves to the change code
and is flagged ``change_request`` (a PM confirms, the client approves). Nothing else changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.classify.text import Text, contains_phrase, tokens
from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext

_ROUND = re.compile(r"\b(?:round|revision|rev)\s*#?\s*(\d{1,3})\b", re.IGNORECASE)


@dataclass(frozen=True)
class ChangeRequest:
    code: str
    note: str


def change_request(code: str, entry: TimeEntry, ctx: ClientContext) -> ChangeRequest | None:
    """The change request ``entry`` is, on ``code``, or None when the work is included."""
    if ctx.client is None or not ctx.client.deliverables:
        return None
    text = Text(entry.description, ctx.lexicon)
    for ident, spec in sorted(ctx.client.deliverables.items()):
        if spec.codes and code not in spec.codes:
            continue
        if not (wanted := tokens(ident)) or not contains_phrase(text.toks, wanted):
            continue
        accepted = ctx.event_date(spec.accepted) if spec.accepted else None
        if accepted is not None and entry.work_date > accepted:
            why = f"{ident} was accepted on {accepted}: later work on it is a change request"
            return ChangeRequest(spec.change_code, why)
        said = written_round(entry.description)
        if spec.rounds is not None and said is not None and said > spec.rounds:
            why = f"{ident} round {said} is past the {spec.rounds} included: a change request"
            return ChangeRequest(spec.change_code, why)
    return None


def written_round(description: str) -> int | None:
    found = _ROUND.search(description)
    return int(found[1]) if found else None
