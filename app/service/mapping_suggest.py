"""Suggest QuickBooks records for the clients, people and codes a mapping lacks.

Names differ slightly between a tracker and QuickBooks ("Northwind Freight" and "Northwind
Freight LLC"): timebill proposes the closest record with a score, and a person confirms each
one before it is written. Exact matches (same name, or the same email for a person) are marked
as such; nothing below ``MIN_SCORE`` is proposed at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from app.domain.rulebook import RuleBook, name_key

MIN_SCORE = 0.6


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    email: str = ""


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "customers", "employees" or "items": the mapping section
    key: str  # client id, person (user_ref) or billing code
    label: str  # what the key is called on our side
    record: Candidate
    score: float

    @property
    def exact(self) -> bool:
        return self.score >= 1.0


def candidates(records: Iterable[Mapping[str, Any]]) -> list[Candidate]:
    """QuickBooks records as id, display name and email (active ones only)."""
    found = []
    for record in records:
        if record.get("Active") is False or not record.get("Id"):
            continue
        name = str(
            record.get("DisplayName")
            or record.get("FullyQualifiedName")
            or record.get("Name")
            or ""
        )
        email = str((record.get("PrimaryEmailAddr") or {}).get("Address", ""))
        found.append(Candidate(str(record["Id"]), name, email.lower()))
    return found


def score(ours: Iterable[str], theirs: str) -> float:
    """Best similarity of any of our names to theirs, on loosened names (case, punctuation)."""
    target = name_key(theirs)
    return max((SequenceMatcher(None, name_key(n), target).ratio() for n in ours if n), default=0.0)


def best(
    kind: str, key: str, names: list[str], pool: list[Candidate], email: str = ""
) -> Suggestion | None:
    if email:
        for record in pool:
            if record.email and record.email == email.lower():
                return Suggestion(kind, key, names[0], record, 1.0)
    scored = [(score(names, record.name), record) for record in pool]
    top, record = max(scored, key=lambda pair: pair[0], default=(0.0, Candidate("", "")))
    return Suggestion(kind, key, names[0], record, round(top, 3)) if top >= MIN_SCORE else None


def suggest(
    book: RuleBook, mapped: Mapping[str, Mapping[str, str]], lists: Mapping[str, list[Candidate]]
) -> list[Suggestion]:
    """A suggestion for each client, person and code the mapping does not cover yet."""
    wanted: list[tuple[str, str, list[str], str]] = []
    for cid, rules in sorted(book.clients.items()):
        wanted.append(("customers", cid, [rules.client.name, *rules.client.aliases], ""))
    for person in sorted(book.firm.people):
        email = person if "@" in person else ""
        wanted.append(("employees", person, [person.split("@")[0].replace(".", " ")], email))
    codes = [*book.firm.codes, *(c for r in book.clients.values() for c in r.codes)]
    for code in codes:
        wanted.append(("items", code.code, [code.name, code.code], ""))
    out = []
    for kind, key, names, email in wanted:
        if key in mapped.get(kind, {}):
            continue
        found = best(kind, key, names, lists.get(kind, []), email)
        if found is not None:
            out.append(found)
    return out
