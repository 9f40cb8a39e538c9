"""From a proposed code to a Decision: SOW dates, rates and money, and the review policy.

Money never comes from a stage: billability, fraction and rate are read from the rules for
the final code, so nothing typed in an entry (or said by a model) can change them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from app.classify.conditions import Predicate, Subject, compile_condition
from app.classify.deliverables import change_request
from app.classify.lexicon import Lexicon
from app.classify.rate_cards import cards_in_force, pending_change_order, role_rate
from app.classify.text import Text
from app.domain.decisions import ReviewReason
from app.domain.entries import TimeEntry
from app.domain.rule_terms import CodeKind
from app.domain.rulebook import ClientContext
from app.domain.rules import Basis, BillingCode, Condition

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    """Round money to the cent, half up: the one rounding rule of every amount timebill shows."""
    return value.quantize(CENT, ROUND_HALF_UP)


_MAX_REMAPS = 5


@dataclass(frozen=True)
class CodeOnDate:
    """The code that applies on the entry's date, after closed phases remap to successors."""

    code: BillingCode | None
    notes: tuple[str, ...] = ()
    inactive: bool = False


def closes_after(code: BillingCode, ctx: ClientContext) -> date | None:
    """Last day the code accepts time: its end date or the day its closing event happened."""
    ends = [code.effective.end] if code.effective.end else []
    if code.effective.closes_on and (day := ctx.event_date(code.effective.closes_on)):
        ends.append(day)
    return min(ends) if ends else None


def code_on_date(code_id: str, entry: TimeEntry, ctx: ClientContext) -> CodeOnDate:
    """Also: work on a deliverable past its rounds or acceptance moves to its change code."""
    if (change := change_request(code_id, entry, ctx)) and change.code in ctx.codes:
        return CodeOnDate(ctx.codes[change.code], (change.note,))
    code = ctx.codes.get(code_id)
    notes: list[str] = []
    for _ in range(_MAX_REMAPS):
        if code is None:
            return CodeOnDate(None, tuple(notes))
        day, last = entry.work_date, closes_after(code, ctx)
        if code.effective.start and day < code.effective.start:
            return CodeOnDate(code, (*notes, f"{code.code} starts {code.effective.start}"), True)
        if last is None or day <= last:
            return CodeOnDate(code, tuple(notes))
        if code.successor is None or _successor_blocked(code, entry, ctx):
            return CodeOnDate(code, (*notes, f"{code.code} closed after {last}"), True)
        notes.append(f"{code.code} closed after {last}: remapped to {code.successor}")
        code = ctx.codes.get(code.successor)
    return CodeOnDate(code, (*notes, "too many successor remaps"), True)


def _successor_blocked(code: BillingCode, entry: TimeEntry, ctx: ClientContext) -> bool:
    if code.successor_unless is None:
        return False
    test = _compiled_unless(code.successor_unless, _frozen_lists(ctx.lists()), ctx.lexicon)
    return test(Subject(entry, Text(entry.description, ctx.lexicon)))


_FrozenLists = tuple[tuple[str, tuple[str, ...]], ...]


def _frozen_lists(lists: Mapping[str, tuple[str, ...]]) -> _FrozenLists:
    return tuple(sorted(lists.items()))


@lru_cache(maxsize=256)
def _compiled_unless(cond: Condition, lists: _FrozenLists, lexicon: Lexicon) -> Predicate:
    """Compiled once per condition, named lists and lexicon (so per tenant too)."""
    return compile_condition(cond, dict(lists), lexicon)


def rate_for(code: BillingCode, entry: TimeEntry, ctx: ClientContext) -> Decimal | None:
    """A flat code rate, else the role rate of the rate card in force on the entry's date."""
    if code.rate is not None:
        return code.rate
    if ctx.client is None:
        return None
    cards = cards_in_force(code, entry.work_date, ctx.client)
    if not cards:
        return None
    card = max(cards, key=lambda c: c.start)
    return role_rate(card, role_of(entry, ctx))


def role_of(entry: TimeEntry, ctx: ClientContext) -> str | None:
    people = ctx.firm.people
    for ref in (entry.user_ref, entry.user_email, entry.user_name):
        if ref and ref in people:
            return people[ref]
    return entry.role or None


@dataclass(frozen=True)
class Money:
    billable: bool
    fraction: Decimal
    rate: Decimal | None
    amount: Decimal
    basis: Basis
    missing_rate: bool = False


NO_MONEY = Money(False, Decimal(0), None, Decimal(0), Basis.NON_BILLABLE)


def money_for(code: BillingCode | None, entry: TimeEntry, ctx: ClientContext) -> Money:
    if code is None or not code.billable:
        return NO_MONEY
    basis = code.resolved_basis
    if basis.by_fee:  # the fee is billed on the invoice draft, not by the hour
        return Money(True, code.fraction, None, Decimal(0), basis)
    rate = rate_for(code, entry, ctx)
    if rate is None:
        return Money(True, code.fraction, None, Decimal(0), basis, missing_rate=True)
    amount = cents(entry.hours * code.fraction * rate)
    return Money(True, code.fraction, rate, amount, basis)


def is_travel(code: BillingCode) -> bool:
    """A code's declared ``kind``; a code without one is read by the word in its id or name."""
    if code.kind is not None:
        return code.kind is CodeKind.TRAVEL
    return "travel" in code.code.lower() or "travel" in code.name.lower()


_LEAVE_WORDS = ("pto", "paid time off", "time off", "leave", "vacation", "holiday", "sick")


def is_leave(code: BillingCode, ctx: ClientContext) -> bool:
    """A firm's time-off code: its declared ``kind``, or for a firm code without one, a leave
    word in its id or name ("INT-PTO", "Studio holiday"). A client's own code is never read
    by its name: a retailer's "Holiday campaign" is work."""
    if code.kind is not None:
        return code.kind is CodeKind.LEAVE
    if ctx.client is not None and any(c.code == code.code for c in ctx.client.codes):
        return False
    said = f"{code.code} {code.name}".lower().replace("-", " ")
    return any(f" {word} " in f" {said} " for word in _LEAVE_WORDS)


def policy_flags(
    code: BillingCode, entry: TimeEntry, ctx: ClientContext
) -> list[tuple[ReviewReason, str]]:
    """Review outcomes the SOW's policy attaches to this code and entry, whatever the stage."""
    policy = ctx.review
    found: list[tuple[ReviewReason, str]] = []
    if ctx.client and any(d.change_code == code.code for d in ctx.client.deliverables.values()):
        found.append((ReviewReason.CHANGE_REQUEST, f"{code.code}: the client approves changes"))
    if code.review or code.code in policy.always_review_codes:
        found.append((ReviewReason.CODE_REVIEW, code.review or f"{code.code} is always reviewed"))
    limit = policy.max_entry_hours
    if entry.hours > limit.hours and code.code not in limit.exempt_codes:
        found.append((ReviewReason.OVER_ENTRY_HOURS, f"{entry.hours} h > {limit.hours} h"))
    travel_cap = policy.max_travel_hours
    if travel_cap is not None and is_travel(code) and entry.hours > travel_cap:
        found.append((ReviewReason.OVER_TRAVEL_HOURS, f"travel {entry.hours} h > {travel_cap} h"))
    if ctx.client is not None and is_leave(code, ctx):
        where = f"{ctx.client.client.name}'s project" + (
            f" {entry.project!r}" * bool(entry.project)
        )
        note = (
            f"{code.code} is time off, logged on {where}: the client's work, or the wrong project?"
        )
        found.append((ReviewReason.LEAVE_ON_CLIENT_PROJECT, note))
    if ctx.client is not None and (pending := pending_change_order(code, entry, ctx.client)):
        found.append((ReviewReason.CHANGE_ORDER_PENDING, pending))
    return found


def next_month(day: date) -> date:
    """The first day of the month after ``day``'s (invoice periods use it)."""
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
