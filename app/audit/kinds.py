"""The named kinds of leakage and of overbilling: what each means and how it is valued.

``leakage.py`` implements these definitions; the report shows ``label``, ``definition`` and
``valuation`` as written here.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Direction(StrEnum):
    LEAKAGE = "leakage"  # the firm earned money it did not bill
    OVERBILLED = "overbilled"  # the firm billed money the SOW does not allow: fix it as well


class LeakageKind(StrEnum):
    MARKED_NON_BILLABLE = "marked_non_billable"
    NOT_INVOICED = "not_invoiced"
    RATE_BELOW_SOW = "rate_below_sow"
    OVER_CAP_GIVEN_AWAY = "over_cap_given_away"
    OUT_OF_SCOPE = "out_of_scope_no_change_order"
    VAGUE_NARRATIVE = "vague_narrative"
    APPROVED_CODE_DIFFERS = "approved_code_differs"  # a decision; leakage or overbilling
    NON_BILLABLE_BILLED = "non_billable_billed"
    BILLED_ABOVE_SOW = "billed_above_sow"


class KindInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    label: str
    direction: Direction
    definition: str
    valuation: str


KINDS: dict[LeakageKind, KindInfo] = {
    LeakageKind.MARKED_NON_BILLABLE: KindInfo(
        label="Billable work marked non-billable",
        direction=Direction.LEAKAGE,
        definition="The SOW bills the entry's code, the employee did not tick Billable, and it "
        "was not invoiced. Certain only with invoice data and an approved code (or every stage "
        "agreeing on the code).",
        valuation="hours x fraction x SOW rate of the part not past a cap",
    ),
    LeakageKind.NOT_INVOICED: KindInfo(
        label="Billable work never invoiced",
        direction=Direction.LEAKAGE,
        definition="The SOW bills the entry's code and the employee ticked Billable (or left it "
        "empty), but no invoice covers it, or covers fewer hours than were logged. Needs "
        "invoice data.",
        valuation="uninvoiced hours x fraction x SOW rate (part not past a cap)",
    ),
    LeakageKind.RATE_BELOW_SOW: KindInfo(
        label="Billed below the SOW rate card",
        direction=Direction.LEAKAGE,
        definition="Invoiced (or logged billable) at an hourly rate below the SOW's: rate card "
        "by role and date, flat code rates, change orders, fractions. Certain only with an "
        "invoice file: a tracker's billable rate is not what the invoice charged.",
        valuation="billed hours x fraction x SOW rate - billed hours x billed rate (each in cents)",
    ),
    LeakageKind.OVER_CAP_GIVEN_AWAY: KindInfo(
        label="Hours over a cap given away",
        direction=Direction.LEAKAGE,
        definition="Hours past a cap (monthly, phase or not-to-exceed; a retainer's monthly "
        "hours) that were not billed. Exports record no write-down decision, so every unbilled "
        "hour past a cap counts: approve and bill it, or record the write-down.",
        valuation="hours past the cap x fraction x SOW rate (amount caps: the amount past)",
    ),
    LeakageKind.OUT_OF_SCOPE: KindInfo(
        label="Out-of-scope work without a change order",
        direction=Direction.LEAKAGE,
        definition="Work on a non-billable code the SOW sends to review (a code with `review:` "
        "text or in `always_review_codes`, e.g. exclusions) that was not billed. Money only if "
        "a change order is signed: always needs a decision, never certain.",
        valuation="hours x the SOW rate card for the person: what it would bill if the change "
        "order is signed",
    ),
    LeakageKind.VAGUE_NARRATIVE: KindInfo(
        label="Vague narrative a client could dispute",
        direction=Direction.LEAKAGE,
        definition="Client work whose narrative the firm's `vague` list (or fewer than two "
        "meaningful words) marks as one a client would dispute. Money at risk, not lost.",
        valuation="the amount billed for it, or the SOW amount when it was not billed",
    ),
    LeakageKind.NON_BILLABLE_BILLED: KindInfo(
        label="Non-billable work billed",
        direction=Direction.OVERBILLED,
        definition="The SOW says the code is not billable (travel not compensable, warranty, "
        "business development, out of scope without a change order...) but it was invoiced, "
        "or ticked Billable when there is no invoice data (then at risk, not certain).",
        valuation="the amount billed (hours x SOW rate card when the export has no amount)",
    ),
    LeakageKind.BILLED_ABOVE_SOW: KindInfo(
        label="Billed above the SOW terms",
        direction=Direction.OVERBILLED,
        definition="Billed at a higher hourly rate than the SOW allows (a fraction ignored, "
        "an old rate after a change order, a flat rate ignored) or for more hours than logged. "
        "Certain only with an invoice file: invoices may apply the SOW fraction the tracker's "
        "rate ignores.",
        valuation="billed hours x billed rate - billed hours x fraction x SOW rate (each in "
        "cents), plus extra hours x billed rate",
    ),
    LeakageKind.APPROVED_CODE_DIFFERS: KindInfo(
        label="Approved code differs from what the SOW rules say",
        direction=Direction.LEAKAGE,
        definition="The history's approved code is what the entry was, and the audit uses it; "
        "the rules give another code that bills differently. Either the approval or the rules "
        "are wrong: needs a decision. Counted as leakage when the rules bill more, as "
        "overbilling when they bill less.",
        valuation="the difference between the two codes' hourly SOW amounts",
    ),
}
