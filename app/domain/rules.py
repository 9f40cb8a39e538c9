"""The SOW rules a person writes (``sow_rules/*.yaml``), as validated models. No I/O here.

A rules file says, for one client: who the client is in the trackers, what its SOW is, which
billing codes exist (billable or not, fraction, rate, dates, caps), which deterministic rules
map entries to codes, and when a person must look. The firm-wide file (``_firm.yaml``) holds the
internal codes, the people's roles for rate cards, and rules that apply to every client unless
a client file overrides them.
"""

from __future__ import annotations

from datetime import date
from datetime import time as Clock
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from app.domain import rule_terms
from app.domain.basis import Basis as Basis  # noqa: PLC0414 - re-exported, for the rule book
from app.domain.rule_terms import (
    Code,
    CodeKind,
    Deliverable,
    FeeUnit,
    HoursLimit,
    LexiconEntries,
    Money,
    RequestLimit,
    SharedCap,
    Strict,
    TimeRange,
    Weekday,
    compiles,
    hours_limit,
    one_or_many,
)

NEEDS_REVIEW = "NEEDS_REVIEW"
Cap = rule_terms.Cap  # defined there, named here too (caps, sums and the audit import it)
Clause = Annotated[str, Field(min_length=1, max_length=200)]
Confidence = Annotated[float, Field(ge=0.0, le=1.0)]


class NumberRange(Strict):
    gt: Decimal | None = None
    gte: Decimal | None = None
    lt: Decimal | None = None
    lte: Decimal | None = None


class DateRange(Strict):
    """``from``/``to`` bound the entry's date; ``in`` names lists of dates (firm holidays)."""

    start: date | None = Field(default=None, alias="from")
    end: date | None = Field(default=None, alias="to")
    in_: tuple[str, ...] | None = Field(default=None, alias="in")

    _in_list = field_validator("in_", mode="before")(one_or_many)

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.start and self.end and self.end < self.start:
            raise ValueError("'to' is before 'from'")
        return self


class Condition(Strict):
    """A boolean test on an entry. Several keys in one mapping must all hold (AND).

    ``words`` match whole words (``regul*`` matches a prefix); ``phrases`` match word
    sequences; ``list`` matches any item of a named list (client contacts, sites,
    deliverables); ``project``/``task``/``tags`` are case-insensitive globs.
    """

    all_of: tuple[Condition, ...] | None = Field(default=None, alias="all")
    any_of: tuple[Condition, ...] | None = Field(default=None, alias="any")
    not_: Condition | None = Field(default=None, alias="not")
    words: tuple[str, ...] | None = None
    phrases: tuple[str, ...] | None = None
    regex: str | None = None
    project: tuple[str, ...] | None = None
    task: tuple[str, ...] | None = None
    tags: tuple[str, ...] | None = None
    list_: tuple[str, ...] | None = Field(default=None, alias="list")
    weekday: tuple[Weekday, ...] | None = None
    hours: NumberRange | None = None
    dates: DateRange | None = None
    time_of_day: TimeRange | None = Field(default=None, alias="time")
    billable_flag: bool | None = None

    _one_or_many = field_validator(
        "words", "phrases", "project", "task", "tags", "list_", mode="before"
    )(one_or_many)

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        return value if value is None else compiles(value)

    @model_validator(mode="after")
    def _not_empty(self) -> Condition:
        tests = (name for name in type(self).model_fields if name != "code")
        if all(getattr(self, name) is None for name in tests):
            raise ValueError("empty condition: give at least one test (words, phrases, all, ...)")
        return self


class Unless(Condition):
    """A blocking condition; with ``code``, a match that meets it goes to that code instead."""

    code: Code | None = None


class Effective(Strict):
    """When a code accepts time: a date range, optionally ended early by a named event."""

    start: date | None = Field(default=None, alias="from")
    end: date | None = Field(default=None, alias="to")
    closes_on: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Effective:
        if self.start and self.end and self.end < self.start:
            raise ValueError("'to' is before 'from'")
        return self


class BillingCode(Strict):
    code: Code
    name: str = Field(min_length=1)
    scope: str = ""
    clause: Clause
    billable: bool
    basis: Basis | None = None
    fraction: Annotated[Decimal, Field(ge=0, le=1)] = Decimal(1)
    rate: Money | None = None
    effective: Effective = Effective()
    successor: Code | None = None
    successor_unless: Condition | None = None
    caps: tuple[Cap, ...] = ()
    fixed_fee: Money | None = None
    unit: FeeUnit | None = None  # basis per_unit: what one unit_fee is billed for
    unit_fee: Money | None = None
    retainer_hours: Decimal | None = Field(default=None, gt=0)
    retainer_fee: Money | None = None
    rollover_hours: Decimal | None = Field(default=None, gt=0)  # unused hours carried, at most
    overage_rate: Money | None = None  # hours past the allowance; default: the code's rate
    review: str | None = None
    kind: CodeKind | None = None
    counts_toward: Code | None = None

    @model_validator(mode="after")
    def _consistent(self) -> BillingCode:
        basis = self.resolved_basis
        if not self.billable and basis is not Basis.NON_BILLABLE:
            raise ValueError(f"a non-billable code cannot have basis '{basis.value}'")
        if self.billable and basis is Basis.NON_BILLABLE:
            raise ValueError("a billable code cannot have basis 'non_billable'")
        if basis is Basis.FIXED_FEE and self.fixed_fee is None:
            raise ValueError("basis 'fixed_fee' needs 'fixed_fee' (the fee amount)")
        if basis is Basis.RETAINER and self.retainer_hours is None:
            raise ValueError("basis 'retainer' needs 'retainer_hours' (hours included per month)")
        if basis is Basis.PER_UNIT:
            self._per_unit()
        elif self.unit is not None or self.unit_fee is not None:
            raise ValueError("'unit' and 'unit_fee' are for basis 'per_unit'")
        if self.successor_unless is not None and self.successor is None:
            raise ValueError("'successor_unless' means nothing without 'successor'")
        if self.counts_toward is not None and self.billable:
            raise ValueError("'counts_toward' is for non-billable codes (tracked, never billed)")
        return self

    def _per_unit(self) -> None:
        if self.unit is None or self.unit_fee is None:
            raise ValueError(
                "basis 'per_unit' needs 'unit' (day, person_day, entry or month) and 'unit_fee'"
            )
        if self.rate is not None or self.fixed_fee is not None or self.fraction != 1:
            raise ValueError(
                "a per_unit code bills its 'unit_fee': no 'rate', 'fixed_fee' or 'fraction'"
            )

    @property
    def resolved_basis(self) -> Basis:
        if self.basis is not None:
            return self.basis
        return Basis.HOURLY if self.billable else Basis.NON_BILLABLE


class RuleExample(Strict):
    """An example entry attached to a rule; ``timebill rules check`` runs it as a test."""

    text: str = Field(min_length=1)
    expect: Code | None = None
    project: str = ""
    task: str = ""
    tags: tuple[str, ...] = ()
    hours: Decimal = Decimal(1)
    on: date | None = None
    at: Clock | None = None
    matches: bool = True
    flags: tuple[str, ...] = ()
    needs_review: bool | None = None

    _flag_list = field_validator("flags", "tags", mode="before")(one_or_many)


class Rule(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{1,63}$")
    clause: Clause
    when: Condition
    unless: Unless | None = None
    code: Code
    confidence: Confidence = 0.95
    flag: str | None = None
    priority: int = 0
    beats_client: bool = False  # a firm keyword rule that outranks client rules (README)
    note: str = ""
    examples: tuple[RuleExample, ...] = ()


class RateCard(Strict):
    """Hourly rates by role from a date; a change order adds a card (``source: CO-2``)."""

    start: date = Field(alias="from")
    source: str = "SOW"
    default: Money | None = None
    roles: dict[str, Money] = Field(default_factory=dict)
    requires: str | None = None
    codes: tuple[Code, ...] = ()


class Amendment(Strict):
    id: str
    executed: date | None = None
    effective: date
    summary: str


class ReviewPolicy(Strict):
    confidence_threshold: Confidence = 0.85
    max_entry_hours: HoursLimit = HoursLimit(hours=Decimal(10))
    max_day_hours: HoursLimit = HoursLimit(hours=Decimal(12))
    max_travel_hours: Decimal | None = None
    flag_vague: bool = True
    always_review_codes: tuple[Code, ...] = ()
    dominant_share: Annotated[float, Field(gt=0.5, le=1)] | None = None

    _limits = field_validator("max_entry_hours", "max_day_hours", mode="before")(hours_limit)


class ClientIdentity(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{1,39}$")
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()


class Sow(Strict):
    id: str = Field(min_length=1)
    title: str = ""
    version: str = "1"
    engagement: Literal["time_and_materials", "fixed_fee", "retainer", "mixed"]
    effective: DateRange
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    document: str = ""
    amendments: tuple[Amendment, ...] = ()


class ClientRules(Strict):
    schema_version: Literal[1] = 1
    client: ClientIdentity
    sow: Sow
    rates: tuple[RateCard, ...] = ()
    lists: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    events: dict[str, date] = Field(default_factory=dict)
    codes: tuple[BillingCode, ...] = Field(min_length=1)
    rules: tuple[Rule, ...] = ()
    overrides: tuple[str, ...] = ()
    review: ReviewPolicy = ReviewPolicy()
    caps: tuple[SharedCap, ...] = ()
    requests: RequestLimit | None = None
    out_of_scope: Code | None = None
    deliverables: dict[str, Deliverable] = Field(default_factory=dict)


class Firm(Strict):
    name: str
    internal_clients: tuple[str, ...] = ()


class FirmRules(Strict):
    schema_version: Literal[1] = 1
    firm: Firm
    people: dict[str, str] = Field(default_factory=dict)
    lists: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    lexicon: LexiconEntries = Field(default_factory=dict)
    codes: tuple[BillingCode, ...] = ()
    rules: tuple[Rule, ...] = ()
    review: ReviewPolicy = ReviewPolicy()
