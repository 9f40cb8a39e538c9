"""The dominant activity of a mixed entry, by the durations written in it.

"memo (2h) + call (30m)" (or "memo (2.0); call (0.5)") names two activities and says how long
each took. With
``review.dominant_share`` set (e.g. 0.75), when every part that points at a code says its
duration and one code holds at least that share of the written time, the entry gets that code
and is not flagged ``mixed_activities``; otherwise a person still picks or splits.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

_DURATION = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m)(?:\s*(\d{1,2})\s*(?:minutes?|mins?|m)?)?\b",
    re.IGNORECASE,
)
_MINUTES = ("m", "min", "mins", "minute", "minutes")
# Hours in tenths after the part, as law and accounting firms write them: "draft MSJ (2.5)".
_TENTHS = re.compile(r"\((\d{1,2}(?:[.,]\d{1,2})?)\)\W*$")


def written_hours(part: str) -> Decimal | None:
    """The duration a part of a description states ("2h", "30 min", "1h30", or a bare number
    in brackets at its end: "(2.5)"), in hours."""
    found = list(_DURATION.finditer(part))
    if not found:
        tenths = _TENTHS.search(part)
        hours = Decimal(tenths[1].replace(",", ".")) if tenths else None
        return hours if hours is not None and 0 < hours <= 24 else None
    total = Decimal(0)
    for match in found:
        value = Decimal(match[1].replace(",", "."))
        total += value / 60 if match[2].lower() in _MINUTES else value
        if match[3]:
            total += Decimal(match[3]) / 60
    return total


def dominant(parts: Sequence[tuple[str, str | None]], share: float | None) -> str | None:
    """The code holding at least ``share`` of the written time of (part, code) pairs, or None
    when no share is set, a coded part says no duration, or no code dominates."""
    if share is None:
        return None
    hours: dict[str, Decimal] = defaultdict(Decimal)
    total = Decimal(0)
    for part, code in parts:
        written = written_hours(part)
        if written is None:
            if code is not None:
                return None
            continue
        total += written
        if code is not None:
            hours[code] += written
    if total <= 0 or not hours:
        return None
    code, most = max(hours.items(), key=lambda item: item[1])
    return code if most / total >= Decimal(str(share)) else None


def minor_share(parts: Sequence[tuple[str, str | None]], code: str) -> bool:
    """Whether every part states its duration and ``code``'s parts hold under half of the
    written time: the entry is mostly something else ("heat stress program (3.0h); HAZWOPER
    refresher (0.5h)" coded as the refresher)."""
    written = [(written_hours(part), found) for part, found in parts]
    if len(written) < 2 or any(hours is None for hours, _ in written):
        return False
    total = sum((hours for hours, _ in written if hours is not None), Decimal(0))
    mine = sum((h for h, found in written if h is not None and found == code), Decimal(0))
    return total > 0 and mine * 2 < total
