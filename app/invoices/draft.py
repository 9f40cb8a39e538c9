"""From one client's rules and its decided entries of a month to an invoice draft. No I/O.

The drafting rules:

- **What is billed.** Only the client's entries dated in the month whose decision is approved
  (``needs_review`` false) and billable. Entries awaiting review and non-billable entries are
  counted (entries, hours, value) and left off.
- **Hourly codes** (basis ``hourly``): one line per (code, rate); the rate differs by role, so
  the role is in the description. ``Qty`` is billable hours (hours worked x the code's
  fraction: travel at 0.5), ``UnitPrice`` the SOW rate the decision carries, ``Amount`` is
  ``Qty x UnitPrice`` rounded once per line to the cent, half up. QuickBooks checks that
  ``Amount`` equals ``Qty x UnitPrice``; rounding each entry first and adding could break that
  by a cent, so the per-entry sum is kept beside the draft only to show the difference.
- **Caps stop the billing** (``caps``): code caps on hourly codes, then the client-wide
  ``sow`` not-to-exceed caps, entries in date order; what is past a cap is a proposed
  write-down. ``month`` caps apply to the month invoiced; ``phase`` and ``sow`` caps subtract
  prior billing when given, else are held against this month alone, and the draft says so.
- **Retainers** (basis ``retainer``): the month's ``retainer_fee`` as one line (no fee in the
  rules: only the overage, the fee being billed elsewhere). Hours beyond ``retainer_hours``, in
  date order, at the decision's rate (the code's ``rate``) are a *proposed* line flagged "needs
  client approval", unless the caller says the client approved them. The rules have no field
  for "overage billable without approval", so a proposal is the default. A cap on a retainer
  code marks where the overage starts; it writes nothing down. Overage the client approved is
  billed with the hourly time, in date order, so a ``sow`` not-to-exceed stops it too.
- **Fixed-fee codes** (basis ``fixed_fee``): no hourly lines, and no milestone line (the rules
  define no milestones); the hours worked are listed as information.
- **Fees per unit** (basis ``per_unit``): one line, ``Qty`` the units counted from the approved
  entries on the code (``day``: dates; ``person_day``: person and date; ``entry``: entries;
  ``month``: 1 while the code is in force, with time or none; an entry of 0 h counts no unit),
  ``UnitPrice`` the ``unit_fee``.
  The hours are information; entries awaiting review that would add units are said in a note.
- **Fees count against a ``sow`` not-to-exceed in amount**, before the time: a retainer fee
  that does not fit is billed for what fits (``Qty`` 1 at that amount), a per-unit line for
  the whole units that fit; the rest of each is a proposed write-down.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from app.classify.policy import cents, role_of
from app.domain.decisions import Decision
from app.domain.entries import Source, TimeEntry
from app.domain.rule_terms import FeeUnit
from app.domain.rulebook import RuleBook
from app.domain.rules import Basis, BillingCode, ClientRules
from app.invoices.caps import Allowances, Piece, PriorBilling, allocate, allowances, split_at
from app.invoices.model import (
    ZERO,
    Excluded,
    InvoiceDraft,
    InvoiceLine,
    LineKind,
    Period,
    Proposal,
    WriteDown,
    fmt_hours,
    fmt_money,
)
from app.invoices.retainer import Allowance, allowance, at_overage_rate
from app.invoices.tracking import tracked_notes

Pair = tuple[TimeEntry, Decision]


@dataclass(frozen=True)
class DraftOptions:
    prior: PriorBilling = field(default_factory=PriorBilling)
    time_activities: Mapping[str, str] = field(default_factory=dict)  # entry key -> QBO id
    bill_retainer_overage: bool = False  # the client approved the overage in writing
    terms_days: int | None = None  # the rules carry no payment terms: no DueDate by default


def draft_invoice(
    book: RuleBook,
    client_id: str,
    pairs: Iterable[Pair],
    period: Period,
    options: DraftOptions | None = None,
) -> InvoiceDraft:
    options = options or DraftOptions()
    rules, ctx = book.clients[client_id], book.context(client_id)
    pairs = [(e, d) for e, d in pairs if d.client_id == client_id]
    mine = [(e, d) for e, d in pairs if d.client_id == client_id and e.work_date in period]
    approved, waiting, unbillable = _partition(rules, mine)
    pieces = sorted(
        (Piece(e, d, e.hours, role_of(e, ctx)) for e, d in approved),
        key=lambda p: (p.entry.work_date, p.entry.key),
    )
    builder = _Builder(rules, period, options)
    builder.allowances = {c.code: allowance(c, pairs, period, options.prior) for c in rules.codes}
    builder.run(pieces, waiting)
    due = period.end + timedelta(days=options.terms_days) if options.terms_days else None
    return InvoiceDraft(
        client_id=client_id, client_name=rules.client.name, sow_id=rules.sow.id,
        currency=rules.sow.currency, period=period, txn_date=period.end, due_date=due,
        lines=tuple(builder.lines), write_downs=tuple(builder.write_downs),
        proposals=tuple(builder.proposals), awaiting_review=excluded(waiting),
        non_billable=excluded(unbillable),
        notes=tuple(builder.notes) + tracked_notes(rules, unbillable),
        per_entry_total=builder.per_entry_total,
    )  # fmt: skip


def _partition(rules: ClientRules, pairs: Sequence[Pair]) -> tuple[list[Pair], ...]:
    codes = {c.code: c for c in rules.codes}
    approved: list[Pair] = []
    waiting: list[Pair] = []
    unbillable: list[Pair] = []
    for entry, d in pairs:
        if d.needs_review:
            waiting.append((entry, d))
        elif not d.billable:
            unbillable.append((entry, d))
        elif d.code in codes and (d.rate is not None or d.basis.by_fee):
            approved.append((entry, d))
        else:  # billable without a client code or a rate: a person must look
            waiting.append((entry, d))
    return approved, waiting, unbillable


def excluded(pairs: Sequence[Pair]) -> Excluded:
    per_code: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    for entry, d in pairs:
        row = per_code[d.code or "(no code)"]
        row[0] += 1
        row[1] += entry.hours
        row[2] += d.amount
    rows = tuple((code, int(n), h, v) for code, (n, h, v) in sorted(per_code.items()))
    return Excluded(
        entries=len(pairs),
        hours=sum((r[2] for r in rows), ZERO),
        value=sum((r[3] for r in rows), ZERO),
        by_code=rows,
    )


class _Builder:
    """Accumulates the draft's lines, write-downs, proposals and notes, code by code."""

    def __init__(self, rules: ClientRules, period: Period, options: DraftOptions) -> None:
        self.rules, self.period, self.options = rules, period, options
        self.lines: list[InvoiceLine] = []
        self.write_downs: list[WriteDown] = []
        self.proposals: list[Proposal] = []
        self.notes: list[str] = []
        self.per_entry_total = ZERO
        self.waiting: Sequence[Pair] = ()
        self.allowances: dict[str, Allowance] = {}
        self.overage: list[Piece] = []  # approved retainer overage, billed under the SOW caps

    def run(self, pieces: list[Piece], waiting: Sequence[Pair]) -> None:
        caps = allowances(self.rules, self.options.prior, {p.decision.code for p in pieces})
        if caps.unknown:
            self.notes.append(
                "No billing to date was given, so these caps are held against this month "
                "alone (billed up to the cap within the month): " + "; ".join(caps.unknown) + "."
            )
        self.waiting = waiting
        for code in self.rules.codes:
            mine = [p for p in pieces if p.decision.code == code.code]
            if code.resolved_basis is Basis.RETAINER:
                self._retainer(code, mine, caps)
            elif code.resolved_basis is Basis.PER_UNIT:
                self._per_unit(code, mine, caps)
            elif code.resolved_basis is Basis.FIXED_FEE and mine:
                worked = sum((p.hours for p in mine), ZERO)
                self.notes.append(
                    f"{code.code} is a fixed fee ({fmt_money(code.fixed_fee or ZERO)}): "
                    f"{fmt_hours(worked)} h approved this month, listed as information only; "
                    "the rules define no milestones to bill."
                )
        hourly = [p for p in pieces if _basis(self.rules, p) is Basis.HOURLY]
        dated = sorted([*hourly, *self.overage], key=lambda p: (p.entry.work_date, p.entry.key))
        billed, over = allocate(dated, caps)
        for basis, kind in ((Basis.HOURLY, LineKind.HOURLY),
                            (Basis.RETAINER, LineKind.RETAINER_OVERAGE)):  # fmt: skip
            self._time_lines([p for p in billed if _basis(self.rules, p) is basis], kind)
        self._write_downs(over)
        order = {c.code: i for i, c in enumerate(self.rules.codes)}
        self.lines.sort(key=lambda line: order[line.code])  # stable: rates stay high to low

    def _retainer(self, code: BillingCode, pieces: list[Piece], caps: Allowances) -> None:
        hours = self.allowances.get(code.code, Allowance(code.retainer_hours or ZERO))
        included, overage = split_at(pieces, hours.hours)
        overage = at_overage_rate(code, overage)
        self.notes += [hours.note] if hours.note else []
        if code.retainer_fee is not None and _in_force(code, self.rules, self.period):
            fee = code.retainer_fee
            billed, cut = caps.fee(fee)
            if billed > 0:
                self.lines.append(self._fee_line(code, included, billed, cut=cut))
            if cut is not None:
                self._fee_down(code, included, fee, fee - billed, cut)
        elif code.retainer_fee is None:
            self.notes.append(f"{code.code} has no retainer fee in the rules: only overage here.")
        self.notes.append(self._retainer_note(code, included, overage))
        if self.options.bill_retainer_overage:
            self.overage += overage  # billed with the hourly time, in date order, under the caps
            return
        for rate_pieces in _by_rate(overage):
            line = self._time_line(code, LineKind.RETAINER_OVERAGE, rate_pieces)
            why = f"hours beyond the {fmt_hours(code.retainer_hours or ZERO)} h retainer"
            self.proposals.append(Proposal(line, f"{why}: needs client approval"))

    def _per_unit(self, code: BillingCode, pieces: list[Piece], caps: Allowances) -> None:
        unit, fee = code.unit, code.unit_fee
        assert unit is not None  # BillingCode requires a unit and a fee for basis per_unit
        assert fee is not None
        if unit is FeeUnit.MONTH:
            units = 1 if _in_force(code, self.rules, self.period) else 0
        else:
            billed = {_unit_of(unit, p.entry) for p in pieces if p.hours > 0}
            units = len(billed)
            pending = [e for e, d in self.waiting if d.code == code.code and e.hours > 0]
            more = {_unit_of(unit, e) for e in pending} - billed
            if more:
                waiting = "the entry" if len(pending) == 1 else f"the {len(pending)} entries"
                self.notes.append(
                    f"{code.code}: {_units(len(more), unit)} more at {fmt_money(fee)} if "
                    f"{waiting} awaiting review {'is' if len(pending) == 1 else 'are'} approved."
                )
        if not units:
            return
        worked = sum((p.hours for p in pieces), ZERO)
        room, cut = caps.fee(cents(units * fee))
        if cut is not None:  # whole units only: QuickBooks bills Qty x UnitPrice
            fits = int(room // fee)
            self._fee_down(code, pieces, fee, cents((units - fits) * fee), cut)
            units = fits
            if not units:
                return
        amount = cents(units * fee)
        text = (
            f"{code.code} {code.name}, {self.period.label}: {_units(units, unit)} at "
            f"{fmt_money(fee)} ({fmt_hours(worked)} h worked)"
        ) + (f"; as many as fit under the {cut}" if cut else "")
        line = InvoiceLine(
            code=code.code, kind=LineKind.UNIT_FEE, description=text, qty=Decimal(units),
            rate=fee, amount=amount, hours_worked=worked, entry_keys=_keys(pieces),
            time_activity_ids=self._links(pieces),
        )  # fmt: skip
        self.lines.append(line)

    def _retainer_note(self, code: BillingCode, included: list[Piece], over: list[Piece]) -> str:
        used, beyond = (sum((p.hours for p in ps), ZERO) for ps in (included, over))
        note = (
            f"{code.code}: {fmt_hours(used)} h approved of the "
            f"{fmt_hours(code.retainer_hours or ZERO)} h the retainer includes; "
            f"{fmt_hours(beyond)} h over."
        )
        pending = sum((e.hours for e, d in self.waiting if d.code == code.code), ZERO)
        if pending:
            later = max(used + beyond + pending - (code.retainer_hours or ZERO), ZERO)
            note += (
                f" {fmt_hours(pending)} h more await review; if approved, {fmt_hours(later)} h"
                " would be over the retainer (a proposal needing client approval)."
            )
        return note

    def _fee_line(
        self, code: BillingCode, included: list[Piece], fee: Decimal, *, cut: str | None = None
    ) -> InvoiceLine:
        worked = sum((p.hours for p in included), ZERO)
        text = (
            f"{code.code} {code.name}, {self.period.label}: monthly retainer "
            f"({fmt_hours(code.retainer_hours or ZERO)} h included, {fmt_hours(worked)} h used)"
        ) + (f"; the part of the fee that fits under the {cut}" if cut else "")
        keys = _keys(included)
        return InvoiceLine(
            code=code.code, kind=LineKind.RETAINER_FEE, description=text, qty=Decimal(1),
            rate=fee, amount=cents(fee), hours_worked=worked, entry_keys=keys,
            time_activity_ids=self._links(included),
        )  # fmt: skip

    def _fee_down(
        self, code: BillingCode, pieces: list[Piece], fee: Decimal, value: Decimal, cap: str
    ) -> None:
        """The part of a fee past an amount cap: not invoiced, proposed as a write-down."""
        down = WriteDown(
            code=code.code, rate=fee, hours_worked=sum((p.hours for p in pieces), ZERO),
            billable_hours=ZERO, value=value, reason=cap, entry_keys=_keys(pieces),
        )  # fmt: skip
        self.write_downs.append(down)

    def _time_lines(self, billed: list[Piece], kind: LineKind) -> None:
        """One line per code and rate of the time billed (hourly, or approved overage)."""
        for code in self.rules.codes:
            mine = [p for p in billed if p.decision.code == code.code]
            for rate_pieces in _by_rate(mine):
                self.lines.append(self._time_line(code, kind, rate_pieces))
                self.per_entry_total += sum((cents(p.value) for p in rate_pieces), ZERO)

    def _time_line(self, code: BillingCode, kind: LineKind, pieces: list[Piece]) -> InvoiceLine:
        worked = sum((p.hours for p in pieces), ZERO)
        qty = sum((p.billable_hours for p in pieces), ZERO)
        rate = pieces[0].rate
        roles = ("flat rate",) if code.rate is not None else _roles(pieces)
        return InvoiceLine(
            code=code.code, kind=kind, qty=qty, rate=rate, amount=cents(qty * rate),
            description=self._describe(code, ", ".join(roles), worked, qty, rate),
            hours_worked=worked, roles=roles, entry_keys=_keys(pieces),
            time_activity_ids=self._links(pieces),
        )  # fmt: skip

    def _describe(
        self, code: BillingCode, who: str, worked: Decimal, qty: Decimal, rate: Decimal
    ) -> str:
        hours = f"{fmt_hours(worked)} h"
        if code.fraction != 1:
            share = format((code.fraction * 100).normalize(), "f")
            hours = f"{fmt_hours(worked)} h worked, billed at {share}% = {fmt_hours(qty)} h"
        return f"{code.code} {code.name}, {self.period.label}: {who}; {hours} at {rate:.2f}/h"

    def _links(self, pieces: list[Piece]) -> tuple[str, ...]:
        found = (time_activity_id(p.entry, self.options.time_activities) for p in pieces)
        return tuple(dict.fromkeys(i for i in found if i))

    def _write_downs(self, over: list[tuple[Piece, str]]) -> None:
        groups: dict[tuple[str, Decimal, str], list[Piece]] = defaultdict(list)
        for piece, reason in over:
            groups[(piece.decision.code or "", piece.rate, reason)].append(piece)
        for (code, rate, reason), pieces in groups.items():
            billable = sum((p.billable_hours for p in pieces), ZERO)
            down = WriteDown(
                code=code, rate=rate, hours_worked=sum((p.hours for p in pieces), ZERO),
                billable_hours=billable, value=cents(billable * rate), reason=reason,
                entry_keys=_keys(pieces),
            )  # fmt: skip
            self.write_downs.append(down)


def time_activity_id(entry: TimeEntry, known: Mapping[str, str]) -> str | None:
    """The QBO TimeActivity behind an entry: written by us (``known``) or read from QBO."""
    if entry.key in known:
        return known[entry.key]
    return entry.external_id if entry.source is Source.QUICKBOOKS else None


def _in_force(code: BillingCode, rules: ClientRules, period: Period) -> bool:
    starts = [d for d in (code.effective.start, rules.sow.effective.start) if d]
    ends = [d for d in (code.effective.end, rules.sow.effective.end) if d]
    return all(d <= period.end for d in starts) and all(d >= period.start for d in ends)


_UNIT_NAMES = {FeeUnit.DAY: ("day", "days"), FeeUnit.PERSON_DAY: ("person-day", "person-days"),
               FeeUnit.ENTRY: ("entry", "entries"), FeeUnit.MONTH: ("month", "months")}  # fmt: skip


def _units(count: int, unit: FeeUnit) -> str:
    one, many = _UNIT_NAMES[unit]
    return f"{count} {one if count == 1 else many}"


def _unit_of(unit: FeeUnit, entry: TimeEntry) -> tuple[str, ...]:
    """What one fee is billed for: the entry's date, its person and date, or the entry."""
    if unit is FeeUnit.DAY:
        return (entry.work_date.isoformat(),)
    if unit is FeeUnit.PERSON_DAY:
        who = entry.user_ref or entry.user_email or entry.user_name or ""
        return (who.casefold(), entry.work_date.isoformat())
    return (entry.key,)


def _basis(rules: ClientRules, piece: Piece) -> Basis:
    code = next(c for c in rules.codes if c.code == piece.decision.code)
    return code.resolved_basis


def _by_rate(pieces: list[Piece]) -> list[list[Piece]]:
    groups: dict[Decimal, list[Piece]] = defaultdict(list)
    for piece in pieces:
        groups[piece.rate].append(piece)
    return [groups[rate] for rate in sorted(groups, reverse=True)]


def _roles(pieces: list[Piece]) -> tuple[str, ...]:
    return tuple(sorted({(p.role or "no role").replace("_", " ") for p in pieces}))


def _keys(pieces: list[Piece]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.entry.key for p in pieces))
