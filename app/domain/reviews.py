"""What a person did to a flagged entry, and who may do it. No I/O here.

A review is kept append-only: who, when, which action, the decision before, the decision(s)
after (one per part of a split), and why. ``seq`` orders a tenant's reviews (the store assigns
it), so a process can catch up with reviews made elsewhere (memory, rule proposals).
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from app.domain.decisions import Decision
from app.domain.inbox import Status
from app.domain.review_actions import ReviewAction
from app.errors import ReviewConflictError

__all__ = [  # ReviewAction is defined apart (``app.domain.review_actions``), used from here
    "REVIEWER_NAME", "ReviewAction", "ReviewRecord", "ReviewSession", "Reviewer",
    "review_conflict", "review_detail",
]  # fmt: skip

REVIEWER_NAME = r"^[a-z0-9][a-z0-9_.@-]{0,79}$"


class ReviewRecord(BaseModel):
    """One person's action on one inbox item. ``after`` holds one decision per written record."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1, max_length=64)
    tenant: str = Field(min_length=1)
    item_id: str = Field(min_length=1)
    reviewer: str = Field(min_length=1, max_length=200)
    at: AwareDatetime
    action: ReviewAction
    before: Decision | None = None
    after: tuple[Decision, ...] = Field(min_length=1)
    why: str = Field(default="", max_length=2000)
    client_id: str | None = None
    description: str = Field(default="", max_length=4000)  # what the person reviewed
    pattern: str = Field(default="", max_length=500)  # the description's memory key, joined
    seq: int = 0  # assigned by the store

    @property
    def final_code(self) -> str | None:
        """The one code this review settled on; ``None`` for a split."""
        return self.after[0].code if len(self.after) == 1 else None

    @property
    def is_correction(self) -> bool:
        """The person chose another code than the one proposed."""
        before = self.before.code if self.before else None
        code = self.final_code
        return code is not None and code != before and self.action is not ReviewAction.RETRY


class Reviewer(BaseModel):
    """A person who may review one tenant's entries, with the hash of their sign-in token."""

    model_config = ConfigDict(frozen=True)

    tenant: str = Field(min_length=1)
    name: str = Field(pattern=REVIEWER_NAME)
    token_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    created_at: AwareDatetime
    disabled: bool = False


class ReviewSession(BaseModel):
    """A signed-in reviewer's session: the cookie names it, the store decides if it still holds
    (not signed out, not expired, and for a token reviewer, the reviewer still enabled)."""

    model_config = ConfigDict(frozen=True)

    tenant: str = Field(min_length=1)
    id: str = Field(pattern=r"^[A-Za-z0-9_-]{16,64}$")
    reviewer: str = Field(min_length=1, max_length=200)
    via: str = Field(pattern=r"^(token|supabase)$")
    created_at: AwareDatetime
    expires_at: AwareDatetime


def review_detail(review: ReviewRecord) -> str:
    """The audit-trail line of a review: who did what, from which code to which, and why."""
    before = (review.before.code if review.before else None) or "-"
    after = " + ".join(f"{d.code or '-'} {d.hours}h" for d in review.after)
    why = f": {review.why}" if review.why else ""
    return f"review by {review.reviewer}: {review.action.value} {before} -> {after}{why}"


def review_conflict(
    status: Status,
    *,
    by: str | None,
    by_at: datetime | None,
    changed_at: datetime | None,
    detail: str,
) -> ReviewConflictError:
    """Why a person's action was refused: the entry is not in the state they saw."""
    if by is not None and by_at is not None:
        return ReviewConflictError(
            f"already decided by {by} at {_when(by_at)} (the entry is now {status.value}): "
            "nothing was written",
            by=by, at=by_at,
        )  # fmt: skip
    when = f" at {_when(changed_at)}" if changed_at else ""
    said = f": {detail}" if detail else ""
    return ReviewConflictError(
        f"this entry changed since you opened it (now {status.value}{said}{when}): "
        "reload it; nothing was written"
    )


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
