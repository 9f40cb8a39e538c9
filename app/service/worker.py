"""Process one accepted item: classify it, record the decision, hand it to the writer.

Write identity is the source entry, not the delivery (``app/domain/ledger.py``): under the
entry's lease the worker compares the item with what was already taken up for that entry. An
older delivery processed late is skipped as superseded; the same content again (a resend, a
Toggl event whose ``at`` moved) is no work; an edit updates the records the entry already has;
a delete removes them (``skipped`` with what was removed, never classified or posted as new
work), and an entry deleted at the source is never written again. A record QuickBooks says is
invoiced is left alone and the item goes to a person as ``changed_after_invoice``. With an API
key for the tenant, a Clockify entry is read back from Clockify before anything is written.
Each decision is counted in the tenant's running totals (caps, hours per request and per
person-day: ``app.service.live_sums``) under the entry's key, so an edit replaces what the
entry added and a delete removes it; the entry that takes a total past its limit goes to a
person.

Every path ends in an explicit state. Transient failures (the model timing out or overloaded,
the writer down) go to ``retrying`` with a growing delay; past the budget the item lands in
``dead_letter`` with its last error, where ``timebill replay`` can send it back. Nothing is
dropped and nothing defaults to billable.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.classify.cascade import Cascade
from app.domain.decisions import Decision, ReviewReason
from app.domain.entries import Source, TimeEntry
from app.domain.inbox import InboxItem, Status, Tenant
from app.domain.ledger import EntryLedger, entry_key_of, is_delete, older_than, own_record
from app.errors import ConfigError, InvoicedError, UpstreamError, UpstreamKind
from app.ports import Reader, Rereader, Store, Writer
from app.service import live_sums
from app.service.entry_writes import (
    EntryBusyError,
    EntryWrites,
    Held,
    Part,
    Route,
    after_invoice,
    as_classified,
    deleted_after_invoice,
    follow,
    route,
    taken_up,
)
from app.sources.webhooks import content_hash

log = logging.getLogger("timebill.worker")

# A decision sent to review only because the model could not be reached is worth a retry.
TRANSIENT_MODEL = frozenset({ReviewReason.MODEL_ERROR, ReviewReason.DEADLINE})
# Write failures only a person can resolve: a missing mapping, a record changed under us.
NEEDS_PERSON = frozenset({UpstreamKind.MAPPING, UpstreamKind.CONFLICT})
RATE_LIMIT_WAIT_S = 60.0
BUSY_WAIT_S = 5.0  # another delivery of the same entry holds its lease


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 8
    model_attempts: int = 3  # then the entry goes to review instead of waiting for the model
    base_delay_s: float = 30.0
    max_delay_s: float = 3_600.0

    def next_try(self, attempts: int, now: datetime) -> datetime:
        delay = min(self.max_delay_s, self.base_delay_s * 2 ** max(0, attempts - 1))
        return now + timedelta(seconds=delay)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Worker:
    def __init__(
        self,
        store: Store,
        writer: Writer,
        cascade_for: Callable[[str], Cascade],
        *,
        reader: Reader | None = None,
        trackers: Mapping[Source, Writer] | None = None,
        rereaders: Mapping[Source, Rereader] | None = None,
        write_reviews: bool = False,
        policy: RetryPolicy | None = None,
        lease_s: float = 60.0,
        lock_wait_s: float = 5.0,
        clock: Callable[[], datetime] = utc_now,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.store = store
        self.cascade_for = cascade_for
        self.reader = reader
        self.rereaders = dict(rereaders or {})
        self.write_reviews = write_reviews
        self.policy = policy or RetryPolicy()
        self.lease_s = lease_s
        self.lock_wait_s = lock_wait_s
        self.clock = clock
        self.sleep = sleep
        self.writer = writer
        self.trackers = {source: self._entries(w) for source, w in (trackers or {}).items()}

    @property
    def writer(self) -> Writer:
        return self.entries.writer

    @writer.setter
    def writer(self, writer: Writer) -> None:
        self.entries = self._entries(writer)

    def _entries(self, writer: Writer) -> EntryWrites:
        # Late-bound clock and sleep: tests swap them on the worker.
        return EntryWrites(
            self.store, writer, self._now, lease_s=self.lease_s, wait_s=self.lock_wait_s,
            sleep=self._pause,
        )  # fmt: skip

    def route(self, tenant: Tenant, source: Source) -> Route:
        """The writers the tenant chose for this tracker's entries (``SourceAccess.writes``)."""
        return route(self.entries, self.trackers, tenant, source)

    def _now(self) -> datetime:
        return self.clock()

    def _pause(self, seconds: float) -> None:
        self.sleep(seconds)

    def process(self, tenant_id: str, item_id: str) -> Status | None:
        """The state the item ended in, or ``None`` if it was not ours to take."""
        item = self.store.claim(tenant_id, item_id, now=self.clock(), lease_s=self.lease_s)
        if item is None:
            return None
        tenant = self.store.get_tenant(tenant_id)
        if tenant is None or tenant.paused:
            return self._end(item, Status.WAITING, error="tenant paused or removed")
        if item.ref is not None and self._is_echo(item):
            return self._end(
                item, Status.SKIPPED, error=f"our own write ({item.ref.id}) echoed back"
            )
        rereader = self.rereaders.get(item.source)
        if rereader is not None and rereader.available(tenant):
            return self._reread_then_decide(tenant, item, rereader)
        if is_delete(item):
            return self._deleted(tenant, item)
        if item.entry is None:
            return self._read_then_decide(tenant, item)
        return self._decide_then_write(tenant, item)

    def _reread_then_decide(self, tenant: Tenant, item: InboxItem, rereader: Rereader) -> Status:
        """The entry as the tracker has it now, whatever the delivery said (its body is not
        signed): a delete the tracker does not confirm is not a delete, and an edited body is
        written as the tracker holds it."""
        try:
            entry = rereader.reread(tenant, item)
        except UpstreamError as exc:
            return self._write_failed(item, None, exc)
        if entry is None:
            return self._deleted(tenant, item)
        return self._decide_then_write(tenant, item.model_copy(update={"entry": entry}))

    def _read_then_decide(self, tenant: Tenant, item: InboxItem) -> Status:
        """Events that carry ids only (QuickBooks): read the record, then treat it as an entry."""
        ref = item.ref
        if self.reader is None or ref is None or self.reader.system != item.source.value:
            return self._end(item, Status.WAITING, error=f"no reader for {item.source} records")
        try:
            entry = self.reader.read(tenant, ref)
        except UpstreamError as exc:
            return self._write_failed(item, None, exc)
        if entry is None:
            return self._end(item, Status.SKIPPED, error=f"{ref.entity} {ref.id}: nothing to read")
        return self._decide_then_write(tenant, item.model_copy(update={"entry": entry}))

    def _decide_then_write(self, tenant: Tenant, item: InboxItem) -> Status:
        assert item.entry is not None
        lead = self.route(tenant, item.source).lead
        try:
            with lead.locked(tenant.id, item.entry.key, item.id) as held:
                return self._take_up(tenant, item, held)
        except EntryBusyError as exc:
            return self._busy(item, exc)

    def _take_up(self, tenant: Tenant, item: InboxItem, held: Held) -> Status:
        """Under the entry's lease: skip what is stale or unchanged, else decide and write."""
        assert item.entry is not None
        ledger = held.ledger
        if ledger.deleted:
            if self._may_have_written(tenant, item):
                return self._unwrite(tenant, item, held)
            note = "the entry was deleted at the source: nothing is written for it again"
            return self._end(item, Status.SKIPPED, error=note)
        # The item of the version taken up, when another (read once; None when archived).
        other = ledger.item_id not in (None, item.id)
        taken = self.store.get(item.tenant, str(ledger.item_id)) if other else None
        if other and self._stale(item, ledger, taken):
            note = f"superseded by a newer version of this entry (item {ledger.item_id})"
            return self._end(item, Status.SKIPPED, error=note)
        seen = self._as_classified(tenant, item)
        content = content_hash(seen)
        if ledger.content == content and other:
            note = f"no change since item {ledger.item_id}: nothing to write"
            if self._echo(item, taken):
                note = f"our own write echoed back ({note})"
            return self._end(item, Status.SKIPPED, error=note)
        try:
            decision = self._decide(item, seen)
        except Exception as exc:
            log.exception("classification failed for %s/%s", item.tenant, item.id)
            # A set-up problem (no rules in the store for the tenant) is said in full: it is
            # what ops must fix; anything else is named by its type only (no entry text).
            said = str(exc) if isinstance(exc, ConfigError) else type(exc).__name__
            return self._retry(item, f"classification failed: {said}")
        reasons = set(decision.review_reasons)
        if reasons and reasons <= TRANSIENT_MODEL and item.attempts < self.policy.model_attempts:
            return self._retry(item, "model unavailable: " + decision.reason, decision)
        try:  # caps, hours per request and per person-day, with this entry counted once
            book = self.cascade_for(item.tenant).book
            decision = live_sums.checked(self.store, item.tenant, book, seen, decision)
        except Exception as exc:
            log.exception("running totals failed for %s/%s", item.tenant, item.id)
            return self._retry(item, f"running totals failed: {_said(exc)}", decision)
        if decision.needs_review and not self._writes_review(tenant, item, ledger):  # a person
            return self._settle(held, item, taken_up(ledger, item, content),
                                Status.NEEDS_REVIEW, decision=decision)  # fmt: skip
        return self._write(tenant, item, decision, held, content)

    def _write(
        self, tenant: Tenant, item: InboxItem, decision: Decision, held: Held, content: str
    ) -> Status:
        assert item.entry is not None
        ledger = held.ledger
        if ledger.item_id == item.id and ledger.written == content and ledger.review_id is None:
            # Written by this very item before a crash took our commit: never write twice.
            return self._end(item, Status.NEEDS_REVIEW if decision.needs_review else Status.POSTED,
                             decision=decision)  # fmt: skip
        parts = [Part(item, decision, item.entry.version)]
        try:
            records = self._owner(held).write(tenant, ledger, parts)
            for follower in self.route(tenant, item.source).followers:
                follow(follower, tenant, parts, content, review_id=None)
        except InvoicedError as exc:
            return self._settle(held, item, taken_up(ledger, item, content), Status.NEEDS_REVIEW,
                                decision=after_invoice(decision, exc), error=str(exc))  # fmt: skip
        except UpstreamError as exc:
            return self._write_failed(item, decision, exc)
        except Exception as exc:
            log.exception("writer failed for %s/%s", item.tenant, item.id)
            return self._retry(item, f"writer failed: {type(exc).__name__}", decision)
        done = taken_up(ledger, item, content, records=records, written=content, review_id=None)
        # NEEDS_REVIEW: written NotBillable with a review marker, for the PM in QBO.
        ended = Status.NEEDS_REVIEW if decision.needs_review else Status.POSTED
        log.info("%s %s/%s as %s (%s)", ended.value, item.tenant, item.id, decision.code, records)
        return self._settle(held, item, done, ended, decision=decision)

    def _may_have_written(self, tenant: Tenant, item: InboxItem) -> bool:
        """This item was decided on an earlier attempt that did not end: its write may have
        reached the writer even though no answer came back (a timeout, a connection reset)."""
        decision = item.decision
        if decision is None or item.attempts < 2:
            return False
        if self.route(tenant, item.source).lead.system == item.source.value:
            return False  # the record is the entry itself, gone with it
        return not decision.needs_review or self._writes_review(tenant, item)

    def _unwrite(self, tenant: Tenant, item: InboxItem, held: Held) -> Status:
        """The entry was deleted at the source while this item's write went unanswered: find
        the record that write may have made and remove it, so no record outlives the entry."""
        assert item.entry is not None
        assert item.decision is not None
        parts = [Part(item, item.decision, item.entry.version)]
        try:
            removed = self._owner(held).recover(tenant, held.ledger, parts)
        except UpstreamError as exc:
            if exc.kind in NEEDS_PERSON:  # no person can act on a deleted entry: later
                return self._retry(item, str(exc), item.decision)
            return self._write_failed(item, item.decision, exc)
        done = "; ".join(removed.notes) or "its earlier write had made nothing"
        try:
            self._end(item, Status.SKIPPED, error=f"the entry was deleted at the source: {done}")
        finally:  # what is left (an invoiced record) stays known: never written again
            records = (*held.ledger.records, *removed.records)
            self._owner(held).save(held, held.ledger.model_copy(update={"records": records}))
        return Status.SKIPPED

    def _deleted(self, tenant: Tenant, item: InboxItem) -> Status:
        """The entry is gone at the source: remove what was written for it, never bill it."""
        key = entry_key_of(item)
        if key is None:
            return self._end(item, Status.SKIPPED, error="a delete that names no entry")
        try:
            with self.route(tenant, item.source).lead.locked(tenant.id, key, item.id) as held:
                ledger = held.ledger
                if ledger.deleted and ledger.item_id != item.id:
                    note = f"deleted at the source (already handled by item {ledger.item_id})"
                    return self._end(item, Status.SKIPPED, error=note)
                try:  # it adds nothing to any running total any more
                    self.store.tally(tenant.id, key, {})
                except Exception as exc:
                    log.exception("running totals failed for %s/%s", item.tenant, item.id)
                    return self._retry(item, f"running totals failed: {_said(exc)}")
                try:
                    removed = self._owner(held).remove(tenant, item, ledger)
                except UpstreamError as exc:
                    if exc.kind is UpstreamKind.CONFLICT:  # no person can act on a delete
                        return self._retry(item, str(exc))  # the record kept moving: later
                    return self._write_failed(item, None, exc)
                gone = taken_up(
                    ledger, item, "", records=removed.records, deleted=True, written="",
                    generation=ledger.generation + 1, review_id=None,
                )  # fmt: skip
                if removed.invoiced is not None:
                    flagged = deleted_after_invoice(item, key, removed.invoiced)
                    return self._settle(held, item, gone, Status.NEEDS_REVIEW, decision=flagged,
                                        error=str(removed.invoiced))  # fmt: skip
                done = "; ".join(removed.notes) or "nothing had been written for it"
                return self._settle(held, item, gone, Status.SKIPPED,
                                    error=f"deleted at the source: {done}")  # fmt: skip
        except EntryBusyError as exc:
            return self._busy(item, exc)

    def _settle(
        self, held: Held, item: InboxItem, ledger: EntryLedger, status: Status, *,
        decision: Decision | None = None, error: str | None = None,
    ) -> Status:  # fmt: skip
        """End the item, retire the version it replaced, then store the ledger (which releases
        the entry): all while the lease is held, so the next delivery of the entry sees it."""
        try:
            self._end(item, status, decision=decision, error=error)
            previous = held.ledger.item_id
            if previous and previous != item.id:
                # An older version still waiting for a person is moot now: approving it would
                # write what the source no longer says.
                note = f"superseded by a newer version of this entry (item {item.id})"
                self.store.supersede(item.tenant, previous, now=self.clock(), note=note)
        finally:  # what was written is kept even if ending the item failed: never twice
            self._owner(held).save(held, ledger)
        return status

    def _owner(self, held: Held) -> EntryWrites:
        return held.owner or self.entries

    def _writes_review(
        self, tenant: Tenant, item: InboxItem, ledger: EntryLedger | None = None
    ) -> bool:
        """A decision waiting for a person is written when the settings say so (``mark``),
        when the tracker itself leads (its ``review`` mark is how people there see it), or
        when the entry already has records: they hold an earlier version, which must not stay
        billable once the source says something else (written NotBillable, marked REVIEW)."""
        lead = self.route(tenant, item.source).lead
        earlier = ledger is not None and any(
            not own_record(ledger.entry_key, record, lead.system) for record in ledger.records
        )
        return self.write_reviews or lead.system == item.source.value or earlier

    def _stale(self, item: InboxItem, ledger: EntryLedger, taken: InboxItem | None) -> bool:
        """A version of the entry older than the one taken up (``taken``'s): by what the
        tracker says (an edit delivered before its create, a Toggl change retried late), else
        by arrival."""
        if ledger.as_of is None:
            return False
        said = older_than(item, taken) if taken is not None else None
        return ledger.supersedes(item) if said is None else said

    def _echo(self, item: InboxItem, taken: InboxItem | None) -> bool:
        """The same content as the version taken up (``taken``'s), except for what we wrote
        onto it."""
        assert item.entry is not None
        before = taken.entry if taken is not None else None
        return before is not None and content_hash(before) != content_hash(item.entry)

    def _as_classified(self, tenant: Tenant, item: InboxItem) -> TimeEntry:
        assert item.entry is not None
        return as_classified(self.route(tenant, item.source), item.entry)

    def _busy(self, item: InboxItem, exc: EntryBusyError) -> Status:
        when = self.clock() + timedelta(seconds=BUSY_WAIT_S)
        return self._later(item, str(exc), item.decision, when)

    def _decide(self, item: InboxItem, entry: TimeEntry) -> Decision:
        cascade = self.cascade_for(item.tenant)
        earlier = item.decision
        # Decided on an earlier attempt under the same rules, and only the write failed:
        # keep that decision (a review decision is re-made: the model may be back).
        reusable = earlier is not None and not earlier.needs_review
        if reusable and earlier and earlier.rules_version == _version(cascade, item):
            return earlier
        return cascade.classify(entry)

    def _is_echo(self, item: InboxItem) -> bool:
        """A record we created for an entry from another tracker, announced back to us.

        Records that came from QuickBooks itself are read and classified again: a change a
        person made there is news, and an unchanged record makes the writer a no-op.
        """
        assert item.ref is not None
        record = self.store.own_record(item.tenant, item.source.value, item.ref.id)
        if record is None:
            return False
        origin = self.store.get(item.tenant, record.item_id)
        return origin is not None and origin.source is not item.source

    def _write_failed(
        self, item: InboxItem, decision: Decision | None, exc: UpstreamError
    ) -> Status:
        error = str(exc)
        if exc.kind is UpstreamKind.RATE_LIMITED:
            # Throttling is the other side's pace, not a failure: no attempt is spent on it.
            wait = max(RATE_LIMIT_WAIT_S, exc.retry_after_s or 0.0)
            return self._later(item, error, decision, self.clock() + timedelta(seconds=wait))
        if exc.kind in NEEDS_PERSON:
            return self._end(item, Status.NEEDS_REVIEW, decision=decision, error=error)
        if exc.kind is UpstreamKind.GONE:  # deleted at the source meanwhile: nothing to bill
            note = f"{error}; deleted at the source, its delete webhook ends the entry"
            return self._end(item, Status.SKIPPED, decision=decision, error=note)
        if exc.kind is UpstreamKind.AUTH and not exc.retryable:
            note = f"{error}; reconnect the company, then replay"
            return self._end(item, Status.WAITING, decision=decision, error=note)
        if not exc.retryable:
            return self._end(item, Status.DEAD_LETTER, decision=decision, error=error)
        return self._retry(item, error, decision)

    def _later(
        self, item: InboxItem, error: str, decision: Decision | None, when: datetime
    ) -> Status:
        self.store.finish(
            item.tenant, item.id, Status.RETRYING, now=self.clock(), decision=decision,
            error=error, next_attempt_at=when,
        )  # fmt: skip
        return Status.RETRYING

    def _retry(self, item: InboxItem, error: str, decision: Decision | None = None) -> Status:
        if item.attempts >= self.policy.max_attempts:
            return self._end(item, Status.DEAD_LETTER, decision=decision, error=error)
        return self._later(item, error, decision, self.policy.next_try(item.attempts, self.clock()))

    def _end(
        self,
        item: InboxItem,
        status: Status,
        *,
        decision: Decision | None = None,
        error: str | None = None,
    ) -> Status:
        self.store.finish(
            item.tenant, item.id, status, now=self.clock(), decision=decision, error=error
        )
        return status


def _version(cascade: Cascade, item: InboxItem) -> str:
    assert item.entry is not None
    book = cascade.book
    return book.version_of(book.resolve_client(item.entry.client, item.entry.project))


def _said(exc: Exception) -> str:
    """A store's or set-up error in full (what ops must fix: a missing migration, say), any
    other by its type only (no entry text in the item's error)."""
    return str(exc) if isinstance(exc, UpstreamError | ConfigError) else type(exc).__name__
