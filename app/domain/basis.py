"""How a billable code turns into money: apart from the rule models, so a decision (and the inbox
row that holds one) can name it without loading the rule book's models on the webhook path."""

from __future__ import annotations

from enum import StrEnum


class Basis(StrEnum):
    """How a billable code turns into money on the invoice."""

    HOURLY = "hourly"
    FIXED_FEE = "fixed_fee"
    RETAINER = "retainer"
    NON_BILLABLE = "non_billable"
