"""Apply a reviewer's action: record it, write it, learn from it. Nothing is ever lost.

A person's action applies only to the entry as they saw it: the review is kept with a
compare-and-set on the item's state (``Store.claim_review``; the page sends the state it
showed, ``seen``), so of two submits of one entry (a double click, two tabs, two reviewers)
exactly one is applied and the other is answered "already decided by X at T" with nothing
written (``ReviewConflictError``).

Order matters: the review is recorded first (append-only, with the decision before and the
decisions after), memory is taught, then the decisions are written as the entry's records,
under the entry's lease, as the worker writes them: one entry, one record per part, for its
whole life (``EntryWrites``); the record the entry already has is updated, never duplicated.
Only when every part is written does the item move to ``posted``; a failed write leaves the
item in ``needs_review`` with the error and the saved review, and ``retry`` writes that
review's decisions again (a part written before the failure finds its record again). An entry
that was since deleted at the source, or has a newer version, is not written: the item is
``skipped``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from app.domain.decisions import Decision
from app.domain.entries import Source, TimeEntry
from app.domain.inbox import InboxItem, Status, Tenant
from app.domain.ledger import is_delete
from app.domain.reviews import ReviewAction, ReviewRecord, review_conflict
from app.domain.rulebook import ClientContext
from app.errors import ConfigError, InvoicedError, ReviewConflictError
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
from app.service import live_sums
from app.service.entry_writes import (
    EntryBusyError,
    EntryWrites,
    Part,
    Route,
    as_classified,
    follow,
    route,
    taken_up,
)
from app.sources.webhooks import content_hash

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
        trackers: Mapping[Source, Writer] | None = None,
    ) -> None:
        self.store = store
        self.rules = rules
        self.bank = bank
        self.proposals = proposals
        self.clock = clock
        self.writer = writer
        self.trackers = {s: EntryWrites(store, w, self._now) for s, w in (trackers or {}).items()}

    @property
    def writer(self) -> Writer:
        return self.entries.writer

    @writer.setter
    def writer(self, writer: Writer) -> None:
        self.entries = EntryWrites(self.store, writer, self._now)

    def _now(self) -> datetime:
        return self.clock()

    # -- the actions -------------------------------------------------------------------------

    def approve(
        self, tenant: str, item_id: str, reviewer: str, why: str = "", *, seen: int | None = None
    ) -> Outcome:
        """``seen``: the item's state the person saw (``Store.review_state``, sent by the page);
        without it, the state as read now. Every action takes it."""
        item, entry, state = self._flagged(tenant, item_id, seen)
        code = item.decision.code if item.decision else None
        if code is None:
            raise ReviewError("nothing proposed to approve: change the code instead")
        return self._apply(item, entry, state, reviewer=reviewer, action=ReviewAction.APPROVE,
                           parts=[(code, entry.hours)], why=why)  # fmt: skip

    def change_code(
        self, tenant: str, item_id: str, reviewer: str, code: str, why: str = "", *,
        seen: int | None = None,
    ) -> Outcome:  # fmt: skip
        item, entry, state = self._flagged(tenant, item_id, seen)
        return self._apply(item, entry, state, reviewer=reviewer,
                           action=ReviewAction.CHANGE_CODE, parts=[(code, entry.hours)],
                           why=why)  # fmt: skip

    def non_billable(
        self, tenant: str, item_id: str, reviewer: str, code: str | None = None, why: str = "",
        *, seen: int | None = None,
    ) -> Outcome:  # fmt: skip
        item, entry, state = self._flagged(tenant, item_id, seen)
        ctx = self._context(tenant, item, entry)
        chosen = code or default_non_billable(ctx)
        found = ctx.codes.get(chosen)
        if found is None or found.billable:
            raise ReviewError(f"{chosen} is not a non-billable code of this client or the firm")
        return self._apply(item, entry, state, reviewer=reviewer,
                           action=ReviewAction.NON_BILLABLE, parts=[(chosen, entry.hours)],
                           why=why)  # fmt: skip

    def split(
        self,
        tenant: str,
        item_id: str,
        reviewer: str,
        parts: list[tuple[str, Decimal]],
        why: str = "",
        *,
        seen: int | None = None,
    ) -> Outcome:
        item, entry, state = self._flagged(tenant, item_id, seen)
        check_split(entry, parts)
        return self._apply(
            item, entry, state, reviewer=reviewer, action=ReviewAction.SPLIT, parts=parts, why=why
        )

    def bulk_approve(
        self, tenant: str, item_ids: list[str], reviewer: str, why: str = "", *,
        seen: Mapping[str, int] | None = None,
    ) -> BulkOutcome:  # fmt: skip
        """Approve each item as proposed; one review per item. Items that cannot be approved
        (no code, no longer flagged or changed since ``seen``, no rate) are skipped with the
        reason."""
        approved = failed = 0
        skipped: list[str] = []
        states = seen or {}
        for item_id in dict.fromkeys(item_ids):
            try:
                outcome = self.approve(tenant, item_id, reviewer, why, seen=states.get(item_id))
            except (ReviewError, NotFoundError, ReviewConflictError) as exc:
                skipped.append(f"{item_id[:8]}: {exc}")
                continue
            approved += outcome.status is Status.POSTED
            failed += outcome.status is not Status.POSTED
        return BulkOutcome(approved, failed, skipped)

    def retry(
        self, tenant: str, item_id: str, reviewer: str, *, seen: int | None = None
    ) -> Outcome:
        """Write the saved review of an item whose write failed, under the same keys."""
        item, entry, state = self._flagged(tenant, item_id, seen, retry=True)
        pending = self.pending_review(item)
        if pending is None:
            raise ReviewError("no saved review waits for a write on this entry")
        retry = self._record(item, entry, state, reviewer=reviewer, action=ReviewAction.RETRY,
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
        tenant = self.store.get_tenant(item.tenant)
        lead = self.entries if tenant is None else self._route(tenant, item.source).lead
        ledger = self.store.entry_ledger(item.tenant, lead.system, item.entry.key)
        return None if ledger is not None and ledger.review_id == last.id else last

    def state(self, tenant: str, item_id: str) -> int:
        """The item's state to send back with an action (``seen``)."""
        return self.store.review_state(tenant, item_id)

    # -- the steps ---------------------------------------------------------------------------

    def _flagged(
        self, tenant: str, item_id: str, seen: int | None, *, retry: bool = False
    ) -> tuple[InboxItem, TimeEntry, int]:
        state = self.store.review_state(tenant, item_id) if seen is None else seen  # first
        item = self.store.get(tenant, item_id)
        if item is None:
            raise NotFoundError(f"no entry {item_id} for tenant {tenant}")
        if item.status is not Status.NEEDS_REVIEW:
            decided = self.store.reviews(tenant, item_id=item.id)
            if decided:  # someone got there first: say who and when
                last = decided[-1]
                raise review_conflict(item.status, by=last.reviewer, by_at=last.at,
                                      changed_at=None, detail="")  # fmt: skip
            raise ReviewError(f"this entry is {item.status.value}, not waiting for review")
        if is_delete(item):
            raise ReviewError(
                "this entry was deleted at the source after its record was invoiced: settle "
                "it in QuickBooks (credit or adjust the invoice); timebill writes nothing for it"
            )
        if item.entry is None:
            raise ReviewError("this event carries no entry to review")
        pending = None if retry else self.pending_review(item)
        if pending is not None:  # decided, its write in flight or failed: only a retry now
            raise ReviewConflictError(
                f"already decided by {pending.reviewer} at {_when(pending.at)}; its write is "
                "not done yet (retry it from the entry): nothing was written",
                by=pending.reviewer, at=pending.at,
            )  # fmt: skip
        return item, item.entry, state

    def _context(self, tenant: str, item: InboxItem, entry: TimeEntry) -> ClientContext:
        try:
            book = self.rules.rulebook(tenant)
        except ConfigError as exc:  # no rules in the store for the tenant: said, nothing done
            raise ReviewError(str(exc)) from None
        return context_of(book, entry, item.decision)

    def _apply(
        self,
        item: InboxItem,
        entry: TimeEntry,
        state: int,
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
        review = self._record(item, entry, state, reviewer=reviewer, action=action,
                              after=decisions, why=why, client_id=ctx.client_id)  # fmt: skip
        self.bank.teach(item.tenant, review)
        proposal = self._propose(item.tenant, review)
        status, error = self._write(item, entry, review)
        return Outcome(review, status, error, proposal)

    def _record(
        self,
        item: InboxItem,
        entry: TimeEntry,
        state: int,
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
        return self.store.claim_review(review, seen=state)  # ReviewConflictError: not applied

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
        said = f"review {review.id[:8]} by {review.reviewer} saved"
        writes = self._route(tenant, entry.source)
        try:
            with writes.lead.locked(item.tenant, entry.key, f"review:{review.id}") as held:
                ledger = held.ledger
                moot = _moot(ledger.deleted, ledger.supersedes(item))
                if moot is not None:
                    self.store.supersede(item.tenant, item.id, now=self.clock(),
                                         note=f"{said}; not written: {moot}")  # fmt: skip
                    return Status.SKIPPED, f"{said}; not written: {moot}"
                records = ledger.records
                parts = [Part(part_item(item, entry, review, i), decision,
                              part_key(entry, review, i))
                         for i, decision in enumerate(review.after)]  # fmt: skip
                if ledger.review_id != review.id:  # else written before a crash: not twice
                    records = writes.lead.write(tenant, ledger, parts)
                content = content_hash(as_classified(writes, entry))
                for follower in writes.followers:  # "both": each writer its own record
                    follow(follower, tenant, parts, content, review_id=review.id)
                done = taken_up(ledger, item, content, records=records, written=content,
                                review_id=review.id)  # fmt: skip
                # Posted before the entry is released: a newer delivery then finds it so.
                self.store.finish(item.tenant, item.id, Status.POSTED, now=self.clock(),
                                  decision=_summary(review))  # fmt: skip
                self._count(item.tenant, entry, review)  # under the lease: a newer version wins
                writes.lead.save(held, done)
        except EntryBusyError:
            return self._failed(item, f"{said}; the entry is being written by a newer delivery:"
                                " retry in a moment")  # fmt: skip
        except InvoicedError as exc:
            return self._failed(item, f"{said}; not written: {exc.message}. Settle it in "
                                "QuickBooks, then retry")  # fmt: skip
        except Exception as exc:
            log.warning("review write failed for %s/%s: %s", item.tenant, item.id, exc)
            return self._failed(item, f"{said}; write failed: {exc}")
        return Status.POSTED, None

    def _count(self, tenant: str, entry: TimeEntry, review: ReviewRecord) -> None:
        """The running totals (``app.service.live_sums``) from what the person decided. The
        decision is written already: a failure here is logged, never undoes it."""
        try:
            book = self.rules.rulebook(tenant)
            parts = [live_sums.counts(book, entry, decision) for decision in review.after]
            live_sums.tally(self.store, tenant, entry, [c for part in parts for c in part])
        except Exception:
            log.exception("running totals failed for review %s", review.id)

    def _route(self, tenant: Tenant, source: Source) -> Route:
        return route(self.entries, self.trackers, tenant, source)

    def _failed(self, item: InboxItem, error: str) -> tuple[Status, str]:
        self.store.finish(item.tenant, item.id, Status.NEEDS_REVIEW, now=self.clock(),
                          error=error[:500])  # fmt: skip
        return Status.NEEDS_REVIEW, error


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _moot(deleted: bool, superseded: bool) -> str | None:
    if deleted:
        return "the entry was deleted at the source"
    if superseded:
        return "a newer version of this entry arrived"
    return None


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
