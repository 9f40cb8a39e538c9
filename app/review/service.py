"""Apply a reviewer's action: record it, write it, learn from it. Nothing is ever lost.

Order matters: the review is recorded first (append-only, with the decision before and the
decisions after), memory is taught, then each decision goes to the writer as its own record
under its own idempotency key (``part_item``). Only when every part is written does the item
move to ``posted``; a failed write leaves the item in ``needs_review`` with the error and the
saved review, and ``retry`` writes that review's decisions again under the same keys (a part
written before the failure is not written twice).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from app.domain.decisions import Decision
from app.domain.entries import Source, TimeEntry
from app.domain.inbox import InboxItem, Status
from app.domain.reviews import ReviewAction, ReviewRecord
from app.domain.rulebook import ClientContext
from app.ports import Store, Writer
from app.review.decide import (
    ReviewError,
    check_split,
    context_of,
    default_non_billable,
    person_decision,
)
from app.review.learning import MemoryBank, pattern_of
from app.review.proposals import Proposals, RuleProposal, RulesProvider

log = logging.getLogger("timebill.review")


class NotFoundError(LookupError):
    """No such item for this tenant (or not one waiting for review)."""


@dataclass(frozen=True)
class Outcome:
    review: ReviewRecord
    status: Status
    error: str | None = None
    proposal: RuleProposal | None = None


@dataclass(frozen=True)
class BulkOutcome:
    approved: int
    failed: int
    skipped: list[str]


class ReviewService:
    def __init__(
        self,
        store: Store,
        writer: Writer,
        rules: RulesProvider,
        *,
        bank: MemoryBank,
        proposals: Proposals,
        clock: Callable[[], datetime],
    ) -> None:
        self.store = store
        self.writer = writer
        self.rules = rules
        self.bank = bank
        self.proposals = proposals
        self.clock = clock

    # -- the actions -------------------------------------------------------------------------

    def approve(self, tenant: str, item_id: str, reviewer: str, why: str = "") -> Outcome:
        item, entry = self._flagged(tenant, item_id)
        code = item.decision.code if item.decision else None
        if code is None:
            raise ReviewError("nothing proposed to approve: change the code instead")
        return self._apply(item, entry, reviewer=reviewer, action=ReviewAction.APPROVE,
                           parts=[(code, entry.hours)], why=why)  # fmt: skip

    def change_code(
        self, tenant: str, item_id: str, reviewer: str, code: str, why: str = ""
    ) -> Outcome:
        item, entry = self._flagged(tenant, item_id)
        return self._apply(item, entry, reviewer=reviewer, action=ReviewAction.CHANGE_CODE,
                           parts=[(code, entry.hours)], why=why)  # fmt: skip

    def non_billable(
        self, tenant: str, item_id: str, reviewer: str, code: str | None = None, why: str = ""
    ) -> Outcome:
        item, entry = self._flagged(tenant, item_id)
        ctx = self._context(tenant, item, entry)
        chosen = code or default_non_billable(ctx)
        found = ctx.codes.get(chosen)
        if found is None or found.billable:
            raise ReviewError(f"{chosen} is not a non-billable code of this client or the firm")
        return self._apply(item, entry, reviewer=reviewer, action=ReviewAction.NON_BILLABLE,
                           parts=[(chosen, entry.hours)], why=why)  # fmt: skip

    def split(
        self,
        tenant: str,
        item_id: str,
        reviewer: str,
        parts: list[tuple[str, Decimal]],
        why: str = "",
    ) -> Outcome:
        item, entry = self._flagged(tenant, item_id)
        check_split(entry, parts)
        return self._apply(
            item, entry, reviewer=reviewer, action=ReviewAction.SPLIT, parts=parts, why=why
        )

    def bulk_approve(
        self, tenant: str, item_ids: list[str], reviewer: str, why: str = ""
    ) -> BulkOutcome:
        """Approve each item as proposed; one review per item. Items that cannot be approved
        (no code, no longer flagged, no rate) are skipped with the reason."""
        approved = failed = 0
        skipped: list[str] = []
        for item_id in dict.fromkeys(item_ids):
            try:
                outcome = self.approve(tenant, item_id, reviewer, why)
            except (ReviewError, NotFoundError) as exc:
                skipped.append(f"{item_id[:8]}: {exc}")
                continue
            approved += outcome.status is Status.POSTED
            failed += outcome.status is not Status.POSTED
        return BulkOutcome(approved, failed, skipped)

    def retry(self, tenant: str, item_id: str, reviewer: str) -> Outcome:
        """Write the saved review of an item whose write failed, under the same keys."""
        item, entry = self._flagged(tenant, item_id)
        pending = self.pending_review(item)
        if pending is None:
            raise ReviewError("no saved review waits for a write on this entry")
        retry = self._record(item, entry, reviewer=reviewer, action=ReviewAction.RETRY,
                             after=pending.after, why=f"retry of {pending.id}")  # fmt: skip
        status, error = self._write(item, entry, pending)
        return Outcome(retry, status, error)

    def pending_review(self, item: InboxItem) -> ReviewRecord | None:
        """The last review of this entry version that is not fully written yet, if any."""
        if item.entry is None or item.status is not Status.NEEDS_REVIEW:
            return None
        mine = [r for r in self.store.reviews(item.tenant, item_id=item.id)
                if r.action is not ReviewAction.RETRY]  # fmt: skip
        if not mine or mine[-1].after[0].entry_version != item.entry.version:
            return None
        last = mine[-1]
        keys = [part_key(item.entry, last, i) for i in range(len(last.after))]
        done = all(self.store.write_for(item.tenant, item.id, key) for key in keys)
        return None if done else last

    # -- the steps ---------------------------------------------------------------------------

    def _flagged(self, tenant: str, item_id: str) -> tuple[InboxItem, TimeEntry]:
        item = self.store.get(tenant, item_id)
        if item is None:
            raise NotFoundError(f"no entry {item_id} for tenant {tenant}")
        if item.status is not Status.NEEDS_REVIEW:
            raise ReviewError(f"this entry is {item.status.value}, not waiting for review")
        if item.entry is None:
            raise ReviewError("this event carries no entry to review")
        return item, item.entry

    def _context(self, tenant: str, item: InboxItem, entry: TimeEntry) -> ClientContext:
        return context_of(self.rules.rulebook(tenant), entry, item.decision)

    def _apply(
        self,
        item: InboxItem,
        entry: TimeEntry,
        *,
        reviewer: str,
        action: ReviewAction,
        parts: list[tuple[str, Decimal]],
        why: str,
    ) -> Outcome:
        ctx = self._context(item.tenant, item, entry)
        said = f"{action.value.replace('_', ' ')} by {reviewer}" + (f": {why}" if why else "")
        decisions = tuple(
            person_decision(entry, ctx, code, hours=hours, reason=_part(said, i, len(parts)))
            for i, (code, hours) in enumerate(parts)
        )
        review = self._record(item, entry, reviewer=reviewer, action=action, after=decisions,
                              why=why, client_id=ctx.client_id)  # fmt: skip
        self.bank.teach(item.tenant, review)
        proposal = self._propose(item.tenant, review)
        status, error = self._write(item, entry, review)
        return Outcome(review, status, error, proposal)

    def _record(
        self,
        item: InboxItem,
        entry: TimeEntry,
        *,
        reviewer: str,
        action: ReviewAction,
        after: tuple[Decision, ...],
        why: str,
        client_id: str | None = None,
    ) -> ReviewRecord:
        review = ReviewRecord(
            id=uuid.uuid4().hex, tenant=item.tenant, item_id=item.id, reviewer=reviewer,
            at=self.clock(), action=action, before=item.decision, after=after, why=why[:2000],
            client_id=client_id or after[0].client_id, description=entry.description[:4000],
            pattern=pattern_of(entry.description),
        )  # fmt: skip
        return self.store.record_review(review)

    def _propose(self, tenant: str, review: ReviewRecord) -> RuleProposal | None:
        try:
            return self.proposals.consider(tenant, review)
        except Exception:  # a proposal is a bonus: it must never undo a person's action
            log.exception("rule proposal failed for review %s", review.id)
            return None

    def _write(
        self, item: InboxItem, entry: TimeEntry, review: ReviewRecord
    ) -> tuple[Status, str | None]:
        tenant = self.store.get_tenant(item.tenant)
        if tenant is None:
            raise NotFoundError(f"no tenant {item.tenant}")
        for i, decision in enumerate(review.after):
            part = part_item(item, entry, review, i)
            key = part_key(entry, review, i)
            if self.store.write_for(item.tenant, item.id, key) is not None:
                continue  # written before a failure or a crash: never twice
            try:
                record = self.writer.write(tenant, part, decision)
            except Exception as exc:
                error = f"review {review.id[:8]} by {review.reviewer} saved; write failed: {exc}"
                log.warning("review write failed for %s/%s: %s", item.tenant, item.id, exc)
                self.store.finish(item.tenant, item.id, Status.NEEDS_REVIEW, now=self.clock(),
                                  error=error[:500])  # fmt: skip
                return Status.NEEDS_REVIEW, error
            self._remember(item, key, record)
        self.store.finish(item.tenant, item.id, Status.POSTED, now=self.clock(),
                          decision=_summary(review))  # fmt: skip
        return Status.POSTED, None

    def _remember(self, item: InboxItem, key: str, record: str) -> None:
        try:
            self.store.record_write(
                item.tenant, item.id, entry_version=key, system=self.writer.system,
                record_id=record, now=self.clock(),
            )  # fmt: skip
        except ValueError:  # the writer updated a record kept for an earlier write in place
            log.warning("review write of %s/%s updated record %s in place", item.tenant, item.id,
                        record)  # fmt: skip


def part_key(entry: TimeEntry, review: ReviewRecord, index: int) -> str:
    """The idempotency key of one written part: the entry version, the review, the part."""
    return f"{entry.version}+review-{review.id[:12]}.{index + 1}"


def part_item(item: InboxItem, entry: TimeEntry, review: ReviewRecord, index: int) -> InboxItem:
    """What the writer sees for one part: the entry with the part's hours and key. Parts after
    the first are new records (a record read from QuickBooks is updated by the first only)."""
    update: dict[str, object] = {"version": part_key(entry, review, index),
                                 "hours": review.after[index].hours}  # fmt: skip
    if index > 0:
        update["external_id"] = f"{entry.external_id}.part{index + 1}"
        if entry.source is Source.QUICKBOOKS:
            update["source"] = Source.MANUAL
    return item.model_copy(update={"entry": entry.model_copy(update=update)})


def _part(said: str, index: int, parts: int) -> str:
    return said if parts == 1 else f"part {index + 1} of {parts}, {said}"


def _summary(review: ReviewRecord) -> Decision:
    """The item's decision after a review: the one decision, or a split's first part with
    every part named in its reason (the review record keeps each part in full)."""
    first = review.after[0]
    if len(review.after) == 1:
        return first
    parts = " + ".join(f"{d.code} {d.hours} h" for d in review.after)
    return first.model_copy(update={"reason": f"split by {review.reviewer}: {parts}"})
