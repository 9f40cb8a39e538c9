"""Out of scope: "anything not listed in the SOW's scope is out of scope for this client".

A client file's ``out_of_scope: CODE`` names where client work that no stage can place goes:
that code, proposed at confidence 0 and always sent to review (``out_of_scope``), so it is
never billed automatically. Entries a stage could not decide for another reason (ambiguous
rules, a model failure, the deadline) keep that reason instead.
"""

from __future__ import annotations

from app.domain.decisions import Proposal, ReviewReason, Stage
from app.domain.rulebook import ClientContext


def out_of_scope(ctx: ClientContext) -> Proposal | None:
    code_id = ctx.client.out_of_scope if ctx.client else None
    code = ctx.codes.get(code_id) if code_id else None
    if code is None:
        return None
    return Proposal(
        stage=Stage.REVIEW,
        code=code.code,
        confidence=0.0,
        reason=f"no rule or stage places it in the SOW's scope: out of scope ({code.code})",
        clause=code.clause,
        flags=(ReviewReason.OUT_OF_SCOPE,),
        notes=("a PM decides: out of scope (a change order?) or a code the rules missed",),
    )
