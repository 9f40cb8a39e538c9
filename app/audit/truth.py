"""Check the audit's "certain" findings against a labelled export's truth.

The truth of an entry is its approved code (the label column: its SOW terms say whether and at
what rate the work bills) and its invoice columns (``Invoiced``, Harvest's ``Invoiced?``:
whether it was invoiced). A certain finding is right when the truth confirms money was lost or
overcharged as stated:

- billable work marked non-billable / never invoiced: the approved code bills by the hour and
  the entry was not invoiced; hours past a cap given away: the approved code bills and the
  entry was not invoiced;
- non-billable work billed: the approved code does not bill and the entry was invoiced;
- a rate below or above the SOW's: the invoiced amount differs from the approved code's SOW
  amount that way. The truth has no invoiced amounts (a tracker's billable amount is not what
  the invoice charged), so strictly these are unconfirmed; ``lenient`` also counts them right
  when the tracker's amount, taken as invoiced, differs that way;
- out-of-scope work without a change order is money only if a change order is signed, and an
  approved code the rules contradict is a decision: neither is ever confirmed lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from app.audit.approved import approved_decision
from app.audit.billing import ExportBilling
from app.audit.kinds import LeakageKind
from app.audit.model import Certainty, Finding
from app.domain.decisions import Decision, Stage
from app.domain.entries import TimeEntry
from app.domain.rulebook import RuleBook
from app.domain.rules import Basis
from app.sources.exports import ImportResult

K = LeakageKind
_NOT_BILLED = frozenset({K.MARKED_NON_BILLABLE, K.NOT_INVOICED})


@dataclass(frozen=True)
class Truth:
    """One entry as it really was."""

    billable: bool  # the approved code bills
    hourly_amount: Decimal  # the approved code's SOW amount, when it bills by the hour
    invoiced: bool
    tracker_amount: Decimal  # the export's billable amount (0 when empty)


@dataclass
class KindScore:
    certain: int = 0
    right: int = 0
    lenient: int = 0


@dataclass
class TruthScore:
    by_kind: dict[LeakageKind, KindScore] = field(default_factory=dict)
    unknown: int = 0  # certain findings on entries the truth does not cover

    @property
    def certain(self) -> int:
        return sum(s.certain for s in self.by_kind.values())

    @property
    def right(self) -> int:
        return sum(s.right for s in self.by_kind.values())

    @property
    def share_right(self) -> float:
        return self.right / self.certain if self.certain else 1.0


def truths(book: RuleBook, export: ImportResult, amount_column: str) -> dict[str, Truth]:
    """Entry key -> truth, for every row with a label and an Invoiced cell."""
    found: dict[str, Truth] = {}
    column = ExportBilling(export).invoiced_col or "Invoiced"  # Harvest's is "Invoiced?"
    for row in export.rows:
        if row.entry is None or not row.label:
            continue
        decision = approved_decision(book, row.entry, _blank(book, row.entry), row.label)
        invoiced = row.raw.get(column, "").strip().lower()
        if decision is None or invoiced not in ("yes", "no"):
            continue
        amount = row.raw.get(amount_column, "").strip() or "0"
        found[row.entry.key] = Truth(
            decision.billable, _hourly(decision), invoiced == "yes", Decimal(amount)
        )
    return found


def _blank(book: RuleBook, entry: TimeEntry) -> Decision:
    """A decision with no code, for the client the tracker names."""
    return Decision(
        entry_key=entry.key, entry_version=entry.version,
        client_id=book.resolve_client(entry.client, entry.project), code=None, billable=False,
        billable_fraction=Decimal(0), rate=None, amount=Decimal(0), basis=Basis.NON_BILLABLE,
        hours=entry.hours, confidence=0.0, needs_review=True, stage=Stage.REVIEW, reason="",
    )  # fmt: skip


def _hourly(d: Decision) -> Decimal:
    return d.amount if d.billable and d.basis is Basis.HOURLY else Decimal(0)


def judge(f: Finding, t: Truth, sow_amount: Decimal) -> tuple[bool, bool]:
    """(right, right if the tracker's amount was what was invoiced)."""
    if f.kind in _NOT_BILLED:
        right = t.hourly_amount > 0 and not t.invoiced
    elif f.kind is K.OVER_CAP_GIVEN_AWAY:
        right = t.billable and not t.invoiced
    elif f.kind is K.NON_BILLABLE_BILLED:
        right = not t.billable and t.invoiced
    elif f.kind is K.RATE_BELOW_SOW:
        return False, t.invoiced and t.tracker_amount < sow_amount
    elif f.kind is K.BILLED_ABOVE_SOW:
        return False, t.invoiced and t.tracker_amount > sow_amount
    else:
        right = False  # out of scope, vague, approved code differs: never certain money
    return right, right


def score(findings: Iterable[Finding], truth: Mapping[str, Truth]) -> TruthScore:
    """How many certain findings of each kind the truth confirms."""
    result = TruthScore({kind: KindScore() for kind in LeakageKind})
    for f in findings:
        if f.certainty is not Certainty.CERTAIN:
            continue
        t = truth.get(f.entry_key)
        if t is None:
            result.unknown += 1
            continue
        right, lenient = judge(f, t, t.hourly_amount)
        kind = result.by_kind[f.kind]
        kind.certain += 1
        kind.right += right
        kind.lenient += lenient
    return result
