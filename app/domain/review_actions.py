"""What a reviewer can do to a flagged entry, apart from the review models (``app.domain.reviews``)
so the SQLite store's schema text can name the actions without loading those models: the
webhook's cold path opens the store, and never reviews."""

from __future__ import annotations

from enum import StrEnum


class ReviewAction(StrEnum):
    APPROVE = "approve"  # accept the proposed code
    CHANGE_CODE = "change_code"  # another code of the client's SOW or the firm's
    NON_BILLABLE = "non_billable"  # a non-billable code
    SPLIT = "split"  # the hours across two or more codes
    RETRY = "retry"  # write the previous review's decisions again after a failed write
