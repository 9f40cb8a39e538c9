"""How a billable code turns into money: apart from the rule models, so a decision (and the inbox
row that holds one) can name it without loading the rule book's models on the webhook path."""

from __future__ import annotations

from enum import StrEnum


class Basis(StrEnum):
    """How a billable code turns into money on the invoice."""

    @property
    def by_fee(self) -> bool:
        """The time itself is not priced: a fixed fee or a fee per unit covers it."""
        return self in (Basis.FIXED_FEE, Basis.PER_UNIT)

    HOURLY = "hourly"
    FIXED_FEE = "fixed_fee"
    PER_UNIT = "per_unit"  # a fee per day, person-day, entry or month: a day rate, a fee per call
    RETAINER = "retainer"
    NON_BILLABLE = "non_billable"
