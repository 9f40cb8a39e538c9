"""Caps on the invoice: what is left under each, and which hours stop at it. No I/O.

Entries are taken in date order. Hours caps count hours worked and amount caps billable value
(hours x fraction x rate), as the classifier's cap alerts do. The entry that crosses a cap is
split: the part that fits, rounded down to 0.01 h, is billed; the rest is over the cap. Billing
under that cap then stops: what is left (less than 0.01 h of work) is not filled with slivers
of later, cheaper entries. Values are compared unrounded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Set
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, Decimal

from app.classify.policy import CENT
from app.domain.decisions import Decision
from app.domain.entries import TimeEntry
from app.domain.rules import Basis, Cap, ClientRules
from app.invoices.model import ZERO, fmt_hours, fmt_money


@dataclass(frozen=True)
class PriorBilling:
    """What was invoiced before this month, for ``phase`` and ``sow`` caps."""

    given: bool = False
    amount: Decimal = ZERO  # everything billed under the SOW to date
    hours: Decimal = ZERO
    by_code: Mapping[str, tuple[Decimal, Decimal]] = field(default_factory=dict)  # hours, amount
    retainer_used: Mapping[str, Decimal] = field(default_factory=dict)  # code -> last month's h


@dataclass(frozen=True)
class Piece:
    """An approved entry, or the part of one that falls on one side of a cap."""

    entry: TimeEntry
    decision: Decision
    hours: Decimal  # hours worked in this piece
    role: str | None

    @property
    def billable_hours(self) -> Decimal:
        return self.hours * self.decision.billable_fraction

    @property
    def rate(self) -> Decimal:
        return self.decision.rate or ZERO

    @property
    def value(self) -> Decimal:
        return self.billable_hours * self.rate


@dataclass
class Allowance:
    """What is left under one cap, in hours worked or in billable value."""

    label: str
    hours: bool
    left: Decimal

    def room(self, piece: Piece) -> Decimal | None:
        """Hours of ``piece`` that still fit; None when this cap cannot bind it."""
        if self.hours:
            return max(self.left, ZERO)
        per_hour = piece.decision.billable_fraction * piece.rate
        return None if per_hour == 0 else max(self.left, ZERO) / per_hour

    def take(self, piece: Piece) -> None:
        self.left -= piece.hours if self.hours else piece.value


@dataclass
class Allowances:
    """Per hourly code its own ``month``/``phase`` caps; ``shared`` the SOW-wide ones.
    ``unknown`` names the caps held against this month alone (no billing to date given)."""

    per_code: dict[str, list[Allowance]] = field(default_factory=lambda: defaultdict(list))
    shared: list[Allowance] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    def fee(self, amount: Decimal) -> tuple[Decimal, str | None]:
        """Of a fee of ``amount`` on the invoice (a retainer fee, a per-unit code's units), what
        fits under the SOW's amount caps, spent from them, and the cap that cut the rest (None
        when it all fits). Hours caps do not bind a fee: it bills no hours."""
        amounts = [a for a in self.shared if not a.hours]
        fit, binding = amount, None
        for allowance in amounts:
            if max(allowance.left, ZERO) < fit:
                fit, binding = max(allowance.left, ZERO), allowance
        for allowance in amounts:
            allowance.left -= fit
        if binding is None:
            return fit, None
        binding.left = min(binding.left, ZERO)  # reached: later lines do not fill crumbs
        return fit, binding.label


def allowances(rules: ClientRules, prior: PriorBilling, active: Set[str | None]) -> Allowances:
    """``month`` caps start full; ``phase`` and ``sow`` caps net of prior billing. ``unknown``
    lists the caps of ``active`` codes (time approved this month) that lack prior billing."""
    found = Allowances()
    for code in rules.codes:
        for cap in code.caps:
            if cap.alert_only:
                continue  # a budget (an estimate) alerts; it never stops the billing
            if cap.period == "sow":
                found.shared += _allowances(cap, "not-to-exceed", prior.hours, prior.amount)
                if not prior.given and active:
                    found.unknown.append(f"SOW not-to-exceed ({_limit(cap)})")
            elif code.resolved_basis is Basis.HOURLY:
                used = prior.by_code.get(code.code, (ZERO, ZERO))
                used = used if cap.period == "phase" else (ZERO, ZERO)
                name = f"{code.code} {cap.period} cap"
                found.per_code[code.code] += _allowances(cap, name, *used)
                if cap.period == "phase" and not prior.given and code.code in active:
                    found.unknown.append(f"{code.code} phase cap ({_limit(cap)})")
    _shared_caps(rules, prior, active, found)
    return found


def _shared_caps(
    rules: ClientRules, prior: PriorBilling, active: Set[str | None], found: Allowances
) -> None:
    """A client-level cap on several codes: one allowance that each of its codes draws on."""
    for cap in (c for c in rules.caps if not c.alert_only):
        name = f"{'+'.join(cap.codes)} {cap.period} cap"
        used = [prior.by_code.get(code, (ZERO, ZERO)) for code in cap.codes]
        hours, amount = (sum((u[k] for u in used), ZERO) for k in (0, 1))
        if cap.period == "month":
            hours, amount = ZERO, ZERO
        elif not prior.given and active & set(cap.codes):
            found.unknown.append(f"{name} ({_limit(cap)})")
        for allowance in _allowances(cap, name, hours, amount):
            for code in cap.codes:
                found.per_code[code].append(allowance)


def allocate(pieces: list[Piece], caps: Allowances) -> tuple[list[Piece], list[tuple[Piece, str]]]:
    """Bill pieces in order until a cap stops them: (billed, [(over the cap, which cap)])."""
    billed: list[Piece] = []
    over: list[tuple[Piece, str]] = []
    for piece in pieces:
        limits = [*caps.per_code.get(piece.decision.code or "", []), *caps.shared]
        fit, binding = piece.hours, None
        for allowance in limits:
            room = allowance.room(piece)
            if room is not None and room < fit:
                fit, binding = room.quantize(CENT, ROUND_DOWN), allowance
        if fit > 0:
            part = replace(piece, hours=fit)
            billed.append(part)
            for allowance in limits:
                allowance.take(part)
        if binding is not None:
            binding.left = min(binding.left, ZERO)  # reached: later entries do not fill crumbs
            over.append((replace(piece, hours=piece.hours - fit), binding.label))
    return billed, over


def split_at(pieces: list[Piece], limit: Decimal) -> tuple[list[Piece], list[Piece]]:
    """The first ``limit`` hours worked, in order, and the rest (the entry crossing it split)."""
    within: list[Piece] = []
    beyond: list[Piece] = []
    left = limit
    for piece in pieces:
        take = min(max(left, ZERO), piece.hours)
        if take > 0:
            within.append(replace(piece, hours=take))
        if take < piece.hours:
            beyond.append(replace(piece, hours=piece.hours - take))
        left -= take
    return within, beyond


def _allowances(cap: Cap, name: str, hours_used: Decimal, amount_used: Decimal) -> list[Allowance]:
    found: list[Allowance] = []
    if cap.hours is not None:
        found.append(Allowance(f"{name} {fmt_hours(cap.hours)} h", True, cap.hours - hours_used))
    if cap.amount is not None:
        label = f"{name} {fmt_money(cap.amount)}"
        found.append(Allowance(label, False, cap.amount - amount_used))
    return found


def _limit(cap: Cap) -> str:
    parts = [f"{fmt_hours(cap.hours)} h"] if cap.hours is not None else []
    return " / ".join([*parts, *([fmt_money(cap.amount)] if cap.amount is not None else [])])
