"""Calendar conditions: a day in a named list of dates, and the start time of day.

``dates: {in: holidays}`` holds on a day listed (``YYYY-MM-DD``) in the named list ``holidays``;
``rules check`` rejects list items that are not dates. ``time: {from: "09:45", to: "10:30"}``
holds when the entry's start time is in the range. An entry without a start time does not show
the condition, so it does not hold (the rule does not fire, the entry goes on to the other rules
and to review: the safe default); under ``not`` it would hold, so write ``time`` positively.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from datetime import time as Clock
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from app.domain.rule_terms import TimeRange

if TYPE_CHECKING:
    from app.classify.conditions import Subject


def listed_dates(items: tuple[str, ...]) -> frozenset[date]:
    """The items that are dates; ``rules check`` reports the others."""
    found: set[date] = set()
    for item in items:
        try:
            found.add(date.fromisoformat(item.strip()))
        except ValueError:
            continue
    return frozenset(found)


def on_listed_day(
    names: tuple[str, ...], lists: Mapping[str, tuple[str, ...]]
) -> Callable[[Subject], bool]:
    days = listed_dates(tuple(item for name in names for item in lists.get(name, ())))
    return lambda s: s.entry.work_date in days


def at_time(window: TimeRange) -> Callable[[Subject], bool]:
    zone = ZoneInfo(window.zone) if window.zone else None

    def test(s: Subject) -> bool:
        start = s.entry.start
        if start is None:
            return False
        if zone is not None and start.tzinfo is not None:
            start = start.astimezone(zone)
        return in_window(start.time(), window)

    return test


def in_window(clock: Clock, window: TimeRange) -> bool:
    if window.start <= window.end:
        return window.start <= clock <= window.end
    return clock >= window.start or clock <= window.end  # the range wraps past midnight
