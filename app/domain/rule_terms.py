"""Small parts of the rules schema: the strict base model, code ids, and the limits and
ranges that conditions, caps and the review policy are built from. No I/O here."""

from __future__ import annotations

import re
from datetime import time as Clock
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

CODE_PATTERN = r"^[A-Z0-9][A-Z0-9_.-]{1,39}$"

Code = Annotated[str, Field(pattern=CODE_PATTERN)]
Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


_SHORTHAND_KEY = re.compile(r"^[^\W_A-Z]+(?:/[^\W_A-Z]*)?$")
_SHORTHAND_VALUE = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+){0,4}$")


def _shorthand_key(value: str) -> str:
    if not _SHORTHAND_KEY.match(value):
        raise ValueError(f"{value!r}: shorthand is one lowercase word as typed, or a slashed form")
    return value


def _shorthand_value(value: str) -> str:
    if not _SHORTHAND_VALUE.match(value):
        raise ValueError(f"{value!r}: write the lowercase words it stands for, single-spaced")
    return value


ShorthandKey = Annotated[str, AfterValidator(_shorthand_key)]
ShorthandValue = Annotated[str, AfterValidator(_shorthand_value)]
LexiconEntries = dict[ShorthandKey, ShorthandValue | None]
"""The firm's shorthand (``_firm.yaml`` ``lexicon:``): one lowercase word as typed (or a slashed
form such as ``f/u``) to the words it stands for; ``null`` switches a default off."""


class Strict(BaseModel):
    # Authors write the aliases (`from`, `not`, `list`); one spelling keeps error messages clear.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


def one_or_many(value: object) -> object:
    """A single text where a list is expected is a list of one."""
    return (value,) if isinstance(value, str) else value


def compiles(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"invalid regular expression: {exc}") from exc
    return value


class CodeKind(StrEnum):
    """What a code's time is, for limits that concern one kind (``max_travel_hours``)."""

    WORK = "work"
    TRAVEL = "travel"
    LEAVE = "leave"
    ADMIN = "admin"


class FeeUnit(StrEnum):
    """What one ``unit_fee`` of a ``per_unit`` code is billed for, counted on the invoice draft
    from the month's approved entries on the code."""

    DAY = "day"  # each date with time on the code (a facilitation day, however many staff)
    PERSON_DAY = "person_day"  # each person and date (a site visit per person per day)
    ENTRY = "entry"  # each entry (a coaching call, a visit logged once)
    MONTH = "month"  # each month the code is in force, time or none (a monthly program fee)


class TimeRange(Strict):
    """The entry's start time of day, ``from`` to ``to`` inclusive (``to`` before ``from``
    wraps past midnight); ``zone`` reads a start time that carries a UTC offset in that zone."""

    start: Clock = Field(alias="from")
    end: Clock = Field(alias="to")
    zone: str | None = None

    @field_validator("zone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise ValueError(f"unknown time zone {value!r} (e.g. America/New_York)") from exc
        return value


class RequestLimit(Strict):
    """Hours per ad-hoc request before a change order is needed. The request id is what
    ``pattern`` finds in the description or the task (case-insensitive)."""

    pattern: str = Field(min_length=1)
    hours: Decimal = Field(gt=0)
    codes: tuple[Code, ...] = ()
    alert_at: Annotated[float, Field(gt=0, le=1)] = 0.8

    _pattern = field_validator("pattern")(compiles)


class HoursLimit(Strict):
    """An hours limit; time on ``exempt_codes`` (leave, say) is not held to it."""

    hours: Decimal = Field(gt=0)
    exempt_codes: tuple[Code, ...] = ()


def hours_limit(value: object) -> object:
    return value if isinstance(value, dict | HoursLimit) else {"hours": value}


class Cap(Strict):
    """A sum across entries. Crossing it raises an alert; it never changes a code.
    ``alert_only``: an estimate (a budget), not a cap: it alerts, flags nothing, bills on."""

    period: Literal["month", "phase", "sow"] = "month"
    hours: Decimal | None = Field(default=None, gt=0)
    amount: Money | None = None
    alert_at: Annotated[float, Field(gt=0, le=1)] = 0.8
    alert_only: bool = False

    @model_validator(mode="after")
    def _has_limit(self) -> Cap:
        if self.hours is None and self.amount is None:
            raise ValueError("a cap needs 'hours' or 'amount'")
        return self


class SharedCap(Cap):
    """A client-level cap on the sum of several codes (``codes``)."""

    codes: tuple[Code, ...] = Field(min_length=1)


class Deliverable(Strict):
    """A deliverable's state: revision rounds included, and the event that accepts it.

    Work on it (its id named in the entry, on one of ``codes``) past ``rounds`` (the round
    number written in the entry: "round 3", "revision 3", "rev 3") or after the ``accepted``
    event's date is a change request: it goes to ``change_code``, flagged for review.
    """

    rounds: int | None = Field(default=None, ge=0)
    accepted: str | None = None
    change_code: Code
    codes: tuple[Code, ...] = ()
