"""What timebill writes back onto a time entry in the tracker itself (Clockify, Toggl). No I/O.

The values are the same for every tracker: the billing code, the review state (``review`` while
a person must look, else ``ok``), a short reason, and the billable flag (the SOW decision:
billable only when billable and not waiting for a person, never billable by default). Clockify
holds the first three in workspace custom fields, Toggl as tags (``code:XYZ``, ``review``).

Once timebill writes an entry's billable flag and tags, they are timebill's, not the person's:
``without_marks`` takes them out of an entry before it is classified or hashed, so the webhook
our own write fires carries the same content as the version we took up (no work), and our
output is never read back as the person's input.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.decisions import Decision
from app.domain.entries import TimeEntry

CODE_TAG = "code:"
REVIEW_TAG = "review"
REASON_CHARS = 150


@dataclass(frozen=True)
class Marks:
    code: str  # "" when the decision names no code
    review: str  # "review" or "ok"
    reason: str
    billable: bool

    @property
    def tags(self) -> tuple[str, ...]:
        """Toggl's tags for these marks: ``code:XYZ`` and, while a person must look, ``review``."""
        tags = (f"{CODE_TAG}{self.code}",) if self.code else ()
        return (*tags, REVIEW_TAG) if self.review == REVIEW_TAG else tags


def marks_of(decision: Decision) -> Marks:
    reason = " ".join(decision.reason.split())
    if decision.sow_clause:
        reason = f"{reason} ({decision.sow_clause})"
    if len(reason) > REASON_CHARS:
        reason = reason[: REASON_CHARS - 1] + "…"
    return Marks(
        code=decision.code or "",
        review=REVIEW_TAG if decision.needs_review else "ok",
        reason=reason,
        billable=decision.billable and not decision.needs_review,
    )


def ours(tag: str) -> bool:
    """A tag timebill writes (and owns)."""
    return tag.startswith(CODE_TAG) or tag == REVIEW_TAG


def without_marks(entry: TimeEntry) -> TimeEntry:
    """The entry without what timebill writes back: no billable tick, no tags of ours."""
    tags = tuple(tag for tag in entry.tags if not ours(tag))
    if tags == entry.tags and entry.billable_flag is None:
        return entry
    return entry.model_copy(update={"tags": tags, "billable_flag": None})
