"""What the live worker does not check: caps, totalled over a month, a phase or a whole SOW.

``timebill classify`` and ``audit`` total every cap over the export and flag the entries past
it (``app.classify.sums``); the worker decides one entry at a time and keeps no running totals.
The rules encode the agreement's own terms (dates, events, the code after a cap); memory repeats
what people approved in months when the cap may not have been reached ("update Plant 2 well
database", approved 11 times as time and materials, is capped work once the month's cap is
passed). So in the worker, a code memory decided on habit alone that counts toward a cap (hours
or an amount; not an ``alert_only`` budget) goes to a person: ``cap_unchecked``.
"""

from __future__ import annotations

from app.classify.cap_scope import caps_for
from app.domain.decisions import Decision, ReviewReason, Stage
from app.domain.rulebook import RuleBook


def cap_unchecked(book: RuleBook, decision: Decision) -> Decision:
    """``decision``, sent to review when memory decided a capped code (see the module)."""
    if decision.needs_review or decision.stage is not Stage.MEMORY or not decision.client_id:
        return decision
    client = book.clients.get(decision.client_id)
    caps = (
        [what for cap, what in caps_for(client, decision) if not cap.alert_only] if client else []
    )
    if not caps:
        return decision
    covers = ", ".join(dict.fromkeys("the whole SOW" if what == "*" else what for what in caps))
    note = (
        f"memory decided {decision.code}, which counts toward a cap ({covers}) the service does"
        " not total as entries arrive: a person confirms it (`timebill classify` totals it)"
    )
    return decision.model_copy(
        update={
            "needs_review": True,
            "review_reasons": (*decision.review_reasons, ReviewReason.CAP_UNCHECKED),
            "reason": f"{decision.reason}; {note}",
        }
    )
