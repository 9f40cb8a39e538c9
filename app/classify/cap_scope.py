"""Which caps an entry's decision counts against, and the ad-hoc request an entry belongs to.

- a code's own caps count its billable time; its ``sow`` caps (not-to-exceed) count all of the
  client's billable time;
- a client-level cap (``caps: [{codes: [...]}]``) counts the time of every code it names;
- a non-billable code that ``counts_toward`` a fixed-fee code counts its hours against that
  code's caps (effort tracked against the fee's budget, never billed).
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.domain.decisions import Decision
from app.domain.entries import TimeEntry
from app.domain.rule_terms import RequestLimit
from app.domain.rules import BillingCode, Cap, ClientRules

SOW_WIDE = "*"


def caps_for(client: ClientRules, d: Decision) -> list[tuple[Cap, str]]:
    """(cap, what it covers: a code, ``A+B`` for a shared cap, ``*`` for the whole SOW)."""
    found: list[tuple[Cap, str]] = []
    if d.billable:
        for code in client.codes:
            found += [(cap, _label(cap, code.code)) for cap in code.caps if _counts(cap, code, d)]
    else:
        target = _tracked_toward(client, d.code)
        found += [(cap, target) for cap in _caps_of(client, target) if cap.period != "sow"]
    found += [(cap, "+".join(cap.codes)) for cap in client.caps if d.code in cap.codes]
    return found


def request_of(limit: RequestLimit, entry: TimeEntry, code: str | None) -> str | None:
    """The request id the entry names, upper-cased; None when it names none or the limit does
    not cover its code."""
    if limit.codes and code not in limit.codes:
        return None
    pattern = _compiled(limit.pattern)
    for text in (entry.description, entry.task):
        if found := pattern.search(text):
            return (found.group(1) if pattern.groups else found.group(0)).upper()
    return None


def _label(cap: Cap, code: str) -> str:
    return SOW_WIDE if cap.period == "sow" else code


def _counts(cap: Cap, code: BillingCode, d: Decision) -> bool:
    return cap.period == "sow" or code.code == d.code


def _tracked_toward(client: ClientRules, code_id: str | None) -> str:
    code = next((c for c in client.codes if c.code == code_id), None)
    return code.counts_toward or "" if code is not None else ""


def _caps_of(client: ClientRules, code_id: str) -> tuple[Cap, ...]:
    code = next((c for c in client.codes if c.code == code_id), None)
    return code.caps if code is not None and code_id else ()


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)
