"""How far to trust a finding, and what the audit assumed to reach it.

``certain`` is earned by evidence, never by a confident replay alone:

- the code: an approved code in the history (it outranks the replay), or the cascade's code
  with no doubt on it; "billable work marked non-billable" needs more than that: an approved
  code, or every local stage agreeing on the code;
- what was billed: invoice data (``--invoices``, or the export's Invoiced column) for anything
  billed or not billed; rates compared need an invoice file, since a tracker's billable rate
  is not what the invoice charged (invoices apply the SOW fraction the tracker ignores).

Missing evidence makes a finding ``at_risk``; a code in doubt, out-of-scope work (money only if
a change order is signed) and an approved code the rules contradict make it ``needs_decision``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.audit.billing import BilledBasis
from app.audit.kinds import LeakageKind
from app.audit.model import Certainty, InvoiceSource

if TYPE_CHECKING:
    from app.audit.leakage import EntryAudit

NOT_BILLED_KINDS = frozenset(
    {
        LeakageKind.MARKED_NON_BILLABLE,
        LeakageKind.NOT_INVOICED,
        LeakageKind.OVER_CAP_GIVEN_AWAY,
        LeakageKind.OUT_OF_SCOPE,
    }
)
RATE_KINDS = frozenset({LeakageKind.RATE_BELOW_SOW, LeakageKind.BILLED_ABOVE_SOW})
DECISION_KINDS = frozenset({LeakageKind.OUT_OF_SCOPE, LeakageKind.APPROVED_CODE_DIFFERS})


def certainty(a: EntryAudit, kind: LeakageKind, *, from_invoice: bool = False) -> Certainty:
    if kind is LeakageKind.VAGUE_NARRATIVE and (from_invoice or a.code_certain):
        return Certainty.AT_RISK
    if kind in DECISION_KINDS or not a.code_certain:
        return Certainty.NEEDS_DECISION
    if kind in NOT_BILLED_KINDS and a.invoice_doubt:
        return Certainty.NEEDS_DECISION
    return Certainty.CERTAIN if evidenced(a, kind) else Certainty.AT_RISK


def evidenced(a: EntryAudit, kind: LeakageKind) -> bool:
    """Whether the data proves the gap, not only suggests it."""
    if not a.billed.from_invoices:
        return False  # the Billable tick stands in for what was invoiced
    if kind in RATE_KINDS and a.billed.basis is not BilledBasis.INVOICE_FILE:
        return False  # the tracker's rate, not the invoice's
    if kind is LeakageKind.MARKED_NON_BILLABLE:
        return a.approved or a.corroborated
    return True


_SOURCE_NOTES = {
    InvoiceSource.NONE: "No invoice data: the employee's Billable tick is assumed to be what "
    "was invoiced. Findings about what was or was not billed are at risk, not certain; give "
    "--invoices (a QuickBooks file) or an export with an Invoiced column to make them certain.",
    InvoiceSource.EXPORT_COLUMNS: "Invoiced or not comes from the export's Invoiced column; the "
    "rates compared are the tracker's billable rates, not the invoices', so rate differences "
    "are at risk until checked against an invoice file (--invoices).",
    InvoiceSource.QUICKBOOKS_FILE: "What was billed, and at what rate, comes from the invoice "
    "file.",
}


def evidence_notes(source: InvoiceSource, labelled: int, differing: int, column: str) -> list[str]:
    """The headline's statement of what was assumed and what made findings certain."""
    notes = [_SOURCE_NOTES[source]]
    if labelled:
        notes.append(
            f"{labelled:,} entries carry an approved code ({column!r}): the audit uses it, not "
            f"the replay; on {differing:,} of them the SOW rules say another code (needs a "
            "decision)."
        )
    else:
        notes.append(
            "No approved codes: codes come from the replay through the rules; billable work "
            "marked non-billable is certain only where every local stage agrees on the code."
        )
    notes.append(
        "Out-of-scope work is valued at what it would bill if a change order is signed: it "
        "needs a decision, it is not certain lost revenue."
    )
    return notes
