"""The flagged entries as the review page shows them: ranked by money at stake and doubt.

``stake`` is the money the decision moves: its amount, or for an entry with no billable code
yet, its hours at the person's rate on the client's rate card (what billing it would bring).
``risk`` is the stake times the doubt (1 - confidence): the money a wrong call would cost.
The page lists the riskiest first; ties go to the larger stake, then the oldest entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.classify.policy import money_for
from app.domain.decisions import Decision
from app.domain.entries import TimeEntry
from app.domain.inbox import InboxItem
from app.domain.rulebook import ClientContext, RuleBook
from app.domain.rules import BillingCode
from app.review.decide import context_of

CENT = Decimal("0.01")
# A billable hourly code with no rate of its own: ``money_for`` prices it at the rate card.
_RATE_CARD = BillingCode(code="RATE-CARD", name="rate card", clause="rate card", billable=True)


@dataclass(frozen=True)
class Row:
    item: InboxItem
    entry: TimeEntry
    decision: Decision | None
    client_id: str | None
    client_name: str
    stake: Decimal
    risk: Decimal

    @property
    def code(self) -> str:
        return (self.decision.code if self.decision else None) or ""

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(r.value for r in self.decision.review_reasons) if self.decision else ()

    @property
    def confidence(self) -> float:
        return self.decision.confidence if self.decision else 0.0

    @property
    def person(self) -> str:
        """Initials, or the tracker's user id: the page needs no one's full name."""
        words = [w for w in self.entry.user_name.split() if w[:1].isalpha()]
        if words:
            return "".join(w[0].upper() for w in words[:3])
        return self.entry.user_ref[:12]


FIRM_KEY = "_firm"  # the filter value of internal time (no client id): never a client id


@dataclass(frozen=True)
class Filter:
    reason: str = ""
    code: str = ""
    client: str = ""  # a client id, or FIRM_KEY for the firm's own (internal) time

    @property
    def active(self) -> bool:
        return bool(self.reason or self.code or self.client)

    def matches(self, row: Row) -> bool:
        return (
            (not self.reason or self.reason in row.reasons)
            and (not self.code or row.code == self.code)
            and (not self.client or (row.client_id or FIRM_KEY) == self.client)
        )


def ranked(items: list[InboxItem], book: RuleBook) -> list[Row]:
    rows = [row for item in items if (row := _row(item, book)) is not None]
    rows.sort(key=lambda r: (-r.risk, -r.stake, r.item.received_at))
    return rows


def _row(item: InboxItem, book: RuleBook) -> Row | None:
    entry = item.entry
    if entry is None:
        return None
    ctx = context_of(book, entry, item.decision)
    stake = _stake(entry, item.decision, ctx)
    doubt = Decimal(str(1 - (item.decision.confidence if item.decision else 0.0)))
    name = ctx.client.client.name if ctx.client else (entry.client or "internal")
    return Row(item, entry, item.decision, ctx.client_id, name, stake,
               (stake * doubt).quantize(CENT))  # fmt: skip


def _stake(entry: TimeEntry, decision: Decision | None, ctx: ClientContext) -> Decimal:
    if decision is not None and decision.amount > 0:
        return decision.amount
    return money_for(_RATE_CARD, entry, ctx).amount
