"""Per-entry findings: each named gap between logged, SOW and billed, valued at SOW rates.

``EntryAudit`` holds one entry's three views; ``findings`` turns it into ``Finding`` rows, at
most one per kind. The definitions and valuations are those of ``model.KINDS``; in short, for
an entry whose code bills by the hour (``sow_rate`` = fraction x SOW rate per logged hour):

- not billed: the part past a cap is ``over_cap_given_away``; the rest is
  ``marked_non_billable`` when the employee did not tick Billable, else ``not_invoiced`` (only
  with invoice data: without it, an unticked entry is the only evidence of "not billed");
- billed: hours logged but not on the invoice are ``not_invoiced``; a billed rate below
  ``sow_rate`` is ``rate_below_sow``, above it (or more hours billed than logged)
  ``billed_above_sow``. An invoice line at the full rate for the billable hours of a code
  billed at a fraction (0.75 h at 300 for 1.5 h of travel at 50%) is read per hour worked.

For a non-billable code: billed is ``non_billable_billed``; not billed on a code the SOW sends
to review (exclusions) is ``out_of_scope_no_change_order``. Fixed-fee work and retainer hours
inside the allowance carry no per-entry money; retainer hours past it are valued at the code's
``overage_rate`` when it has one, as the invoice draft bills them. ``vague_narrative`` comes on
top, whatever else.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.audit.approved import APPROVED_STAGE
from app.audit.billing import Billed, BilledBasis, Logged
from app.audit.caps import ZERO, OverCap
from app.audit.certainty import certainty
from app.audit.kinds import KINDS, Direction, LeakageKind
from app.audit.model import Finding
from app.classify.policy import cents, rate_for
from app.domain.decisions import Decision, ReviewReason, Stage
from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext
from app.domain.rules import Basis, BillingCode

# Review reasons that do not put the code in doubt: the SOW's own flags on a decided code.
POLICY_REASONS = frozenset(
    {
        ReviewReason.VAGUE,
        ReviewReason.CODE_REVIEW,
        ReviewReason.OVER_CAP,
        ReviewReason.OVER_DAY_HOURS,
        ReviewReason.OVER_ENTRY_HOURS,
        ReviewReason.OVER_TRAVEL_HOURS,
        ReviewReason.BILLABLE_FLAG_CONFLICT,
    }
)


def doubts(decision: Decision) -> list[ReviewReason]:
    """The review reasons that put the decision's code in doubt."""
    return [r for r in decision.review_reasons if r not in POLICY_REASONS]


def code_certain(decision: Decision) -> bool:
    return decision.code is not None and decision.stage is not Stage.REVIEW and not doubts(decision)


def client_label(decision: Decision) -> str:
    if decision.client_id:
        return decision.client_id
    unknown = ReviewReason.UNKNOWN_CLIENT in decision.review_reasons
    return "unknown" if unknown else "internal"


@dataclass(frozen=True)
class EntryAudit:
    """One entry in the three views. ``sow_hours`` are billed by the hour at ``sow_rate``."""

    entry: TimeEntry
    decision: Decision
    billing_code: BillingCode | None
    client: str
    logged: Logged
    billed: Billed
    sow_hours: Decimal
    fee_hours: Decimal
    sow_rate: Decimal | None
    sow_amount: Decimal
    over: OverCap | None
    card_rate: Decimal | None
    out_of_scope: bool
    invoice_doubt: bool
    replay: Decision | None = None  # the cascade's answer, when an approved code replaced it
    corroborated: bool = False  # no approved code, but every local stage gave this code

    @property
    def approved(self) -> bool:
        return self.replay is not None

    @property
    def month(self) -> str:
        return self.entry.work_date.strftime("%Y-%m")

    @property
    def code(self) -> str | None:
        return self.decision.code

    @property
    def code_certain(self) -> bool:
        return self.approved or code_certain(self.decision)


def entry_audit(
    entry: TimeEntry,
    decision: Decision,
    ctx: ClientContext,
    *,
    views: tuple[Logged, Billed],
    over: tuple[OverCap | None, Decimal],
    invoice_doubt: bool,
    evidence: tuple[Decision | None, bool] = (None, False),
) -> EntryAudit:
    """Build the audit of one entry; ``over`` = (part past a cap, retainer hours past);
    ``evidence`` = (the replay an approved code replaced, whether the stages agreed)."""
    code = ctx.codes.get(decision.code) if decision.code else None
    rate = decision.rate
    retainer = code is not None and code.resolved_basis is Basis.RETAINER
    if retainer and code is not None and code.overage_rate is not None:
        rate = code.overage_rate  # a retainer's hours billed by the hour are its overage
    sow_rate = decision.billable_fraction * rate if rate is not None else None
    sow_hours, fee_hours, amount = _sow_split(decision, sow_rate, over[1])
    review = ctx.review.always_review_codes
    return EntryAudit(
        entry=entry, decision=decision, billing_code=code, client=client_label(decision),
        logged=views[0], billed=views[1], sow_hours=sow_hours, fee_hours=fee_hours,
        sow_rate=sow_rate, sow_amount=amount, over=over[0],
        card_rate=rate_for(code, entry, ctx) if code else None,
        out_of_scope=code is not None and (bool(code.review) or code.code in review),
        invoice_doubt=invoice_doubt, replay=evidence[0], corroborated=evidence[1],
    )  # fmt: skip


def _sow_split(
    d: Decision, sow_rate: Decimal | None, past_allowance: Decimal
) -> tuple[Decimal, Decimal, Decimal]:
    """(hours billed by the hour, hours covered by a fee, SOW amount) of one decision."""
    if not d.billable:
        return ZERO, ZERO, ZERO
    if d.basis.by_fee:
        return ZERO, d.hours, ZERO
    if d.basis is Basis.RETAINER:
        amount = cents(past_allowance * sow_rate) if sow_rate is not None else ZERO
        return past_allowance, d.hours - past_allowance, amount
    return d.hours, ZERO, d.amount


Gap = tuple[LeakageKind, Decimal, Decimal, str]  # kind, hours, value, what was found


def findings(a: EntryAudit) -> list[Finding]:
    """Every gap on this entry worth at least a cent. Without a code there is no SOW view:
    only a vague narrative on an amount billed can be priced."""
    if a.decision.code is None:
        gaps = []
    elif a.decision.billable:
        gaps = _billable_gaps(a)
    else:
        gaps = _non_billable_gaps(a)
    vague = _vague(a)
    found = [_finding(a, gap) for gap in gaps if gap[2] > 0]
    differs = approval_gap(a)
    if differs is not None:
        found.append(_finding(a, differs[0], direction=differs[1]))
    if vague is not None and vague[0][2] > 0 and (a.decision.code or vague[1]):
        found.append(_finding(a, vague[0], from_invoice=vague[1]))
    return found


def _billable_gaps(a: EntryAudit) -> list[Gap]:
    if a.billed.billed is None or a.sow_rate is None:
        return []  # billing unknown, or nothing billed by the hour (fixed fee, no rate)
    return _billed_gaps(a) if a.billed.billed else _unbilled_gaps(a)


def _unbilled_gaps(a: EntryAudit) -> list[Gap]:
    over_h = min(a.over.hours, a.sow_hours) if a.over else ZERO
    over_v = min(a.over.value, a.sow_amount) if a.over else ZERO
    rest_h, rest_v = a.sow_hours - over_h, a.sow_amount - over_v
    gaps: list[Gap] = []
    if a.over is not None:
        gaps.append((LeakageKind.OVER_CAP_GIVEN_AWAY, over_h, over_v, f"{a.over.note}, not billed"))
    if a.logged.flag is False:
        note = "billable under the SOW; the employee did not tick Billable and it was not billed"
        gaps.append((LeakageKind.MARKED_NON_BILLABLE, rest_h, rest_v, note))
    elif a.billed.from_invoices:
        note = "billable under the SOW and ticked Billable, but not invoiced"
        gaps.append((LeakageKind.NOT_INVOICED, rest_h, rest_v, note))
    return gaps


def _billed_gaps(a: EntryAudit) -> list[Gap]:
    assert a.sow_rate is not None
    gaps: list[Gap] = []
    hourly = a.decision.basis is Basis.HOURLY
    hours, rate = _per_hour_worked(a)
    missing = a.sow_hours - hours if hourly else ZERO
    if missing > 0:
        gaps += _missing_hours(a, missing, hours)
    if rate is None:
        return gaps
    compared = min(hours, a.sow_hours)
    # Both sides rounded to cents as amounts are, so a gap equals billed minus SOW amount.
    diff = cents(compared * a.sow_rate) - cents(compared * rate)
    extra = max(ZERO, hours - a.sow_hours) if hourly else ZERO
    shown = f"billed {rate:.2f}/h, the SOW allows {a.sow_rate:.2f}/h"
    if diff > 0:
        gaps.append((LeakageKind.RATE_BELOW_SOW, compared, diff, shown))
    above = max(ZERO, -diff) + cents(extra * rate)
    if above > 0:
        more = f"; {extra:.2f} h more than logged" if extra else ""
        gaps.append((LeakageKind.BILLED_ABOVE_SOW, compared + extra, above, shown + more))
    return gaps


def _per_hour_worked(a: EntryAudit) -> tuple[Decimal, Decimal | None]:
    """The hours invoiced and the rate billed, per hour worked. An invoice line on a code billed
    at a fraction, at the code's full SOW rate and for no more than its billable hours, holds
    billable hours (timebill's drafts write 1.5 h of travel at 50% as 0.75 h at 300): per hour
    worked that is hours / fraction at rate x fraction."""
    billed, fraction = a.billed, a.decision.billable_fraction
    rate = billed.rate
    if (
        billed.basis is BilledBasis.INVOICE_FILE
        and a.decision.basis is Basis.HOURLY
        and 0 < fraction < 1
        and rate is not None
        and rate == a.decision.rate
        and billed.hours <= a.sow_hours * fraction
    ):
        return billed.hours / fraction, rate * fraction
    return billed.hours, rate


def _missing_hours(a: EntryAudit, missing: Decimal, invoiced: Decimal) -> list[Gap]:
    """Logged hours left off the invoice: past a cap first, the rest not invoiced."""
    assert a.sow_rate is not None
    note = f"{invoiced:.2f} of {a.sow_hours:.2f} h invoiced"
    past = min(a.over.hours, missing) if a.over else ZERO
    gaps: list[Gap] = []
    if a.over is not None and past > 0:
        value = cents(past * a.sow_rate)
        gaps.append((LeakageKind.OVER_CAP_GIVEN_AWAY, past, value, f"{a.over.note}; {note}"))
    rest = missing - past
    gaps.append((LeakageKind.NOT_INVOICED, rest, cents(rest * a.sow_rate), note))
    return gaps


def _non_billable_gaps(a: EntryAudit) -> list[Gap]:
    billed, hours = a.billed, a.entry.hours
    if billed.billed is None:
        return []
    at_card = cents(hours * a.card_rate) if a.card_rate is not None else ZERO
    if billed.billed:
        value = billed.amount if billed.amount else at_card
        how = "invoiced" if billed.from_invoices else "ticked Billable"
        note = f"the SOW does not bill {a.decision.code or 'this work'}, but it was {how}"
        return [(LeakageKind.NON_BILLABLE_BILLED, billed.hours, value, note)]
    if a.out_of_scope:
        note = f"out of scope, not billed: a change order would bill {a.card_rate or 0:.2f}/h"
        return [(LeakageKind.OUT_OF_SCOPE, hours, at_card, note)]
    return []


def _vague(a: EntryAudit) -> tuple[Gap, bool] | None:
    """The vague-narrative gap and whether its value is an amount actually billed."""
    if ReviewReason.VAGUE not in a.decision.review_reasons:
        return None
    billed = a.billed
    if billed.billed and billed.amount and not a.fee_hours:
        note = f"narrative {a.entry.description!r} on an amount billed"
        return (LeakageKind.VAGUE_NARRATIVE, billed.hours, billed.amount, note), True
    note = f"narrative {a.entry.description!r} on billable work"
    return (LeakageKind.VAGUE_NARRATIVE, a.sow_hours, a.sow_amount, note), False


def _finding(
    a: EntryAudit, gap: Gap, *, from_invoice: bool = False, direction: Direction | None = None
) -> Finding:
    kind, hours, value, note = gap
    d, e = a.decision, a.entry
    clause = a.over.clause if kind is LeakageKind.OVER_CAP_GIVEN_AWAY and a.over else ""
    return Finding(
        entry_key=e.key, client=a.client, month=a.month, work_date=e.work_date,
        person=e.user_name or e.user_email, description=e.description, code=d.code, kind=kind,
        direction=direction or KINDS[kind].direction,
        certainty=certainty(a, kind, from_invoice=from_invoice),
        hours=hours.quantize(Decimal("0.01")), value=cents(value),
        reason=f"{note} (code by {_stage(a)}: {d.reason})",
        sow_clause=clause or d.sow_clause or (a.billing_code.clause if a.billing_code else ""),
        stage=_stage(a), confidence=d.confidence, entry_hours=e.hours.quantize(Decimal("0.01")),
    )  # fmt: skip


def _stage(a: EntryAudit) -> str:
    return APPROVED_STAGE if a.approved else a.decision.stage.value


def _hourly_amount(d: Decision) -> Decimal:
    return d.amount if d.billable and d.basis is Basis.HOURLY else ZERO


def approval_differs(a: EntryAudit) -> bool:
    """The rules confidently gave another code than the approved one."""
    replay = a.replay
    return replay is not None and code_certain(replay) and replay.code != a.decision.code


def approval_gap(a: EntryAudit) -> tuple[Gap, Direction] | None:
    """The approved code against the rules' answer, when they differ in money."""
    replay = a.replay
    if replay is None or not approval_differs(a):
        return None
    rules, approved = _hourly_amount(replay), _hourly_amount(a.decision)
    if rules == approved:
        return None
    direction = Direction.LEAKAGE if rules > approved else Direction.OVERBILLED
    note = (
        f"approved {a.decision.code} ({approved:.2f}); the SOW rules say "
        f"{replay.code or 'no code'} ({rules:.2f}) by {replay.stage.value}: {replay.reason}"
    )
    gap = (LeakageKind.APPROVED_CODE_DIFFERS, a.entry.hours, abs(rules - approved), note)
    return gap, direction
