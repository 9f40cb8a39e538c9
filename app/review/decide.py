"""A person's choice of code (and hours) as a Decision: the money comes from the rules.

Nothing the person types reaches a rate, a fraction or billability: those are read from the
rules for the chosen code on the entry's date (``policy.money_for``), exactly as for a code a
stage proposed. A billable code whose rate card does not cover the person is refused rather
than written at zero.
"""

from __future__ import annotations

from decimal import Decimal

from app.classify.policy import code_on_date, money_for
from app.domain.decisions import Decision, Stage
from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext, RuleBook
from app.domain.rules import BillingCode

HOURS_QUANTUM = Decimal("0.0001")  # the entries' own (``app.sources``): a split's parts too


class ReviewError(ValueError):
    """An action that cannot be applied as asked; the message is shown to the person."""


def context_of(book: RuleBook, entry: TimeEntry, before: Decision | None) -> ClientContext:
    """The client the entry was decided for (the cascade's verdict), else its tracker names."""
    client_id = before.client_id if before and before.client_id else None
    client_id = client_id or book.resolve_client(entry.client, entry.project)
    return book.context(client_id)


def codes_of(ctx: ClientContext) -> list[BillingCode]:
    """The codes a person may choose: the client's SOW codes first, then the firm's."""
    own = list(ctx.client.codes) if ctx.client else []
    seen = {c.code for c in own}
    return own + [c for c in ctx.firm.codes if c.code not in seen]


def default_non_billable(ctx: ClientContext) -> str:
    """The client's one non-billable code, else the firm's first non-billable code."""
    own = [c.code for c in (ctx.client.codes if ctx.client else ()) if not c.billable]
    if len(own) == 1:
        return own[0]
    firm = [c.code for c in ctx.firm.codes if not c.billable]
    if not firm:
        raise ReviewError("no non-billable code in the rules: pick one")
    return firm[0]


def person_decision(
    entry: TimeEntry,
    ctx: ClientContext,
    code_id: str,
    *,
    hours: Decimal,
    reason: str,
) -> Decision:
    """The decision for ``hours`` of ``entry`` on ``code_id``, priced by the rules."""
    code = ctx.codes.get(code_id)
    if code is None:
        raise ReviewError(f"{code_id} is not a code of this client's SOW or of the firm")
    part = entry.model_copy(update={"hours": hours})
    money = money_for(code, part, ctx)
    if money.missing_rate:
        raise ReviewError(
            f"no rate card covers this person's role for {code_id} on {entry.work_date}: "
            "fix the rules first"
        )
    on_date = code_on_date(code_id, entry, ctx)
    notes = [n for n in on_date.notes if code_id in n]
    return Decision(
        entry_key=entry.key,
        entry_version=entry.version,
        client_id=ctx.client_id,
        code=code.code,
        billable=money.billable,
        billable_fraction=money.fraction,
        rate=money.rate,
        amount=money.amount,
        basis=money.basis,
        hours=hours,
        confidence=1.0,
        needs_review=False,
        review_reasons=(),
        stage=Stage.REVIEW,
        reason="; ".join([reason, *notes]),
        sow_clause=code.clause,
        rules_version=ctx.version,
    )


def check_split(entry: TimeEntry, parts: list[tuple[str, Decimal]]) -> None:
    if len(parts) < 2:
        raise ReviewError("a split needs at least two parts")
    if any(hours <= 0 for _, hours in parts):
        raise ReviewError("every part of a split needs hours above zero")
    if any(hours > entry.hours for _, hours in parts):
        raise ReviewError(f"a part has more hours than the entry has ({entry.hours} h)")
    # Decimal adds in 28 digits: parts written past the entries' ten-thousandths of an hour
    # could round to the entry's hours. Within them (and the entry's hours), the sum is exact.
    if any(hours.quantize(HOURS_QUANTUM) != hours for _, hours in parts):
        raise ReviewError("hours of a part go to four decimal places at most")
    total = sum((hours for _, hours in parts), Decimal(0))
    if total != entry.hours:
        raise ReviewError(f"the parts add up to {total} h, the entry has {entry.hours} h")
