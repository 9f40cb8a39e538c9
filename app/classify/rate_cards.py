"""Which rate cards price a code on a day, and rates that wait for a change order.

A card with ``requires: CO-2`` applies only once amendment CO-2 is executed (on or before the
entry's date); a card with ``codes`` prices only those codes, and a code that some card names
is priced by those cards alone. Before the change order is executed, time on a code that only
such a card prices has no rate and goes to review (``change_order_pending``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.entries import TimeEntry
from app.domain.rules import BillingCode, ClientRules, RateCard


def cards_in_force(code: BillingCode, day: date, client: ClientRules) -> list[RateCard]:
    """The cards that may price ``code`` on ``day``, executed change orders only."""
    return [c for c in _cards_of(code, client) if c.start <= day and _executed(c, day, client)]


def pending_change_order(code: BillingCode, entry: TimeEntry, client: ClientRules) -> str:
    """Why ``code``'s time waits for a change order on the entry's day, or "" when it does not."""
    day = entry.work_date
    if code.rate is not None or not code.billable:
        return ""
    cards = _cards_of(code, client)
    waiting = [c for c in cards if c.requires and not _executed(c, day, client)]
    if not waiting or any(c.start <= day and _executed(c, day, client) for c in cards):
        return ""
    names = ", ".join(sorted({c.requires or "" for c in waiting}))
    return f"{code.code} is billable only under change order {names}, not executed by {day}"


def role_rate(card: RateCard, role: str | None) -> Decimal | None:
    """The card's rate for the role (a role from an export's column matches in any case)."""
    if not role:
        return card.default
    if role in card.roles:
        return card.roles[role]
    folded = {name.casefold(): rate for name, rate in card.roles.items()}
    return folded.get(role.casefold(), card.default)


def _cards_of(code: BillingCode, client: ClientRules) -> list[RateCard]:
    named = [c for c in client.rates if code.code in c.codes]
    return named or [c for c in client.rates if not c.codes]


def _executed(card: RateCard, day: date, client: ClientRules) -> bool:
    if card.requires is None:
        return True
    found = next((a for a in client.sow.amendments if a.id == card.requires), None)
    return found is not None and found.executed is not None and found.executed <= day
