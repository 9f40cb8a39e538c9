"""One entry, one external record for its whole life: what the worker and the review page share.

Both act on an entry only under its lease in the ledger (``Store.lock_entry``), so a create and
an edit of one entry delivered at once, or a reviewer's approval and the worker taking up a
newer version, never write side by side. ``write`` brings the entry's records in line with a
decision (one record per part: part 1 updates the record the entry already has, a new part
creates one under a key of the ledger's generation, records of parts that are no longer there
are deleted); ``remove`` deletes what was written for an entry deleted at the source, and
``recover`` what an unanswered write may have made before that delete came. None
saves the ledger: the caller does, with what it decided, and that releases the lease.
"""

from __future__ import annotations

import inspect
import logging
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from app.domain.decisions import Decision, ReviewReason, Stage
from app.domain.entries import Source, TimeEntry
from app.domain.inbox import InboxItem, Tenant
from app.domain.ledger import EntryLedger, own_record
from app.domain.rules import Basis
from app.domain.tracker_marks import without_marks
from app.errors import InvoicedError, UpstreamError, UpstreamKind
from app.ports import Store, Writer

log = logging.getLogger("timebill.entries")


class EntryBusyError(Exception):
    """Another delivery (or a reviewer) holds the entry's lease: try again shortly."""


@dataclass(frozen=True)
class Part:
    """One record's worth of an entry: what the writer sees, its decision, and the key under
    which the write is logged (``Store.record_write``: how our own echo is recognised)."""

    item: InboxItem
    decision: Decision
    log_key: str


@dataclass
class Held:
    """The entry's ledger as the lease found it; ``save`` stores the new one and releases."""

    ledger: EntryLedger
    holder: str
    saved: bool = field(default=False)
    owner: EntryWrites | None = None  # whose ledger (which writer system) this is


@dataclass(frozen=True)
class Removed:
    records: tuple[str, ...]  # what is left (an invoiced record stays, for a person)
    notes: tuple[str, ...]
    invoiced: InvoicedError | None


class EntryWrites:
    def __init__(
        self,
        store: Store,
        writer: Writer,
        clock: Callable[[], datetime],
        *,
        lease_s: float = 60.0,
        wait_s: float = 5.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.store, self.writer, self.clock = store, writer, clock
        self.lease_s, self.wait_s, self.sleep = lease_s, wait_s, sleep
        self._identity = _takes(writer.write, "record_id")

    @property
    def system(self) -> str:
        return self.writer.system

    @contextmanager
    def locked(self, tenant: str, entry_key: str, holder: str) -> Iterator[Held]:
        """The entry's lease for ``holder``, waiting up to ``wait_s`` for another holder to
        finish (``EntryBusyError`` after that). Released on the way out unless saved."""
        ledger = self._lock(tenant, entry_key, holder)
        held = Held(ledger, holder, owner=self)
        try:
            yield held
        finally:
            if not held.saved:
                self.store.unlock_entry(tenant, self.system, entry_key, holder=holder)

    def save(self, held: Held, ledger: EntryLedger) -> bool:
        held.saved = True
        kept = self.store.save_entry(ledger, holder=held.holder, now=self.clock())
        if not kept:  # our lease ran out and someone else took the entry: they carry on
            log.warning("lease on %s/%s lost before saving", ledger.tenant, ledger.entry_key)
        return kept

    def _lock(self, tenant: str, entry_key: str, holder: str) -> EntryLedger:
        waited, pause = 0.0, 0.02
        while True:
            ledger = self.store.lock_entry(
                tenant, self.system, entry_key, holder=holder, now=self.clock(),
                lease_s=self.lease_s,
            )  # fmt: skip
            if ledger is not None:
                return ledger
            if waited >= self.wait_s:
                raise EntryBusyError(f"{entry_key} is being written by another delivery")
            self.sleep(pause)
            waited += pause
            pause = min(pause * 2, 0.5)

    def write(self, tenant: Tenant, ledger: EntryLedger, parts: Sequence[Part]) -> tuple[str, ...]:
        """The entry's records after writing ``parts``: the records it had, updated; new ones
        for new parts; those of parts no longer there deleted. ``InvoicedError`` and
        ``UpstreamError`` go to the caller (a retry finds every record again by its key)."""
        records: list[str] = []
        for index, part in enumerate(parts):
            existing = ledger.records[index] if index < len(ledger.records) else None
            if self._identity:
                record = self.writer.write(
                    tenant, part.item, part.decision, record_id=existing,
                    create_key=f"g{ledger.generation}.p{index + 1}",
                )  # fmt: skip
            else:  # a writer of the older protocol (per delivery): it decides for itself
                record = self.writer.write(tenant, part.item, part.decision)
            records.append(record)
            if existing is None:
                self._remember(part.item, part.log_key, record)
        for extra in ledger.records[len(parts) :]:
            if extra not in records and not own_record(ledger.entry_key, extra, self.system):
                self._delete(tenant, parts[0].item, extra)
        return tuple(records)

    def remove(self, tenant: Tenant, item: InboxItem, ledger: EntryLedger) -> Removed:
        """Delete every record written for an entry deleted at the source. An invoiced record
        is left (and named); other failures go to the caller."""
        left: list[str] = []
        notes: list[str] = []
        invoiced: InvoicedError | None = None
        for record in ledger.records:
            if own_record(ledger.entry_key, record, self.system):
                continue  # the QuickBooks record itself: deleted there, not by us
            try:
                done = self._delete(tenant, item, record)
            except InvoicedError as exc:
                left.append(record)
                invoiced = invoiced or exc
                continue
            notes.append(f"{self.system} record {record} {done}")
        return Removed(tuple(left), tuple(notes), invoiced)

    def recover(self, tenant: Tenant, ledger: EntryLedger, parts: Sequence[Part]) -> Removed:
        """Remove what an unanswered write of ``parts`` may have made before the entry was
        deleted at the source (``ledger``): the write is made again under the keys of the
        generation it was made in, so QuickBooks answers a create it applied with the record
        it made (``requestid``) instead of making another, and that record is deleted. A write
        refused for good made nothing; a writer without record identity is not asked."""
        if not self._identity:
            return Removed((), (), None)
        earlier = ledger.model_copy(update={"generation": max(ledger.generation - 1, 0),
                                           "records": ()})  # fmt: skip
        try:
            records = self.write(tenant, earlier, parts)
        except UpstreamError as exc:
            if exc.retryable or exc.kind is UpstreamKind.CONFLICT:
                raise
            return Removed((), (), None)
        return self.remove(tenant, parts[0].item, earlier.model_copy(update={"records": records}))

    def _delete(self, tenant: Tenant, item: InboxItem, record: str) -> str:
        delete = getattr(self.writer, "delete", None)
        if delete is None:
            raise UpstreamError(self.system, UpstreamKind.BAD_REQUEST, retryable=False,
                                message=f"this writer cannot delete record {record}")  # fmt: skip
        done: str = delete(tenant, item, record)
        return done

    def _remember(self, item: InboxItem, key: str, record: str) -> None:
        try:
            self.store.record_write(
                item.tenant, item.id, entry_version=key, system=self.system, record_id=record,
                now=self.clock(),
            )  # fmt: skip
        except ValueError:
            # The record already belongs to another write (a create answered with the record an
            # earlier delivery made): it is still recognised as ours.
            log.info("record %s of %s/%s was recorded before", record, item.tenant, item.id)


@dataclass(frozen=True)
class Route:
    """Where one entry's decisions go: the ``lead`` writer's ledger governs the entry (what was
    taken up, superseded, deleted); ``followers`` each keep their own record for it."""

    lead: EntryWrites
    followers: tuple[EntryWrites, ...] = ()


def route(
    accounting: EntryWrites, trackers: Mapping[Source, EntryWrites], tenant: Tenant,
    source: Source,
) -> Route:  # fmt: skip
    """The tenant's choice for this tracker (``SourceAccess.writes``): the accounting writer,
    the tracker itself, or both (accounting leads). Without a tracker writer for the source,
    the accounting writer."""
    access = tenant.sources.get(source)
    tracker = trackers.get(source)
    choice = access.writes if access is not None else "quickbooks"
    if tracker is None or choice == "quickbooks":
        return Route(accounting)
    if choice == "tracker":
        return Route(tracker)
    return Route(accounting, (tracker,))


def follow(writes: EntryWrites, tenant: Tenant, parts: Sequence[Part], content: str,
           **changes: object) -> None:  # fmt: skip
    """A second writer (``both``): its own ledger row and lease for the entry, written after
    the lead's; a failure goes to the caller, and the retry finds both records again."""
    item = parts[0].item
    assert item.entry is not None
    with writes.locked(tenant.id, item.entry.key, f"follow:{item.id}") as held:
        ledger = held.ledger
        if ledger.deleted or (ledger.written == content and ledger.item_id == item.id
                              and ledger.review_id == changes.get("review_id")):  # fmt: skip
            return
        records = writes.write(tenant, ledger, parts)
        done = taken_up(ledger, item, content, records=records, written=content, **changes)
        writes.save(held, done)


def as_classified(route: Route, entry: TimeEntry) -> TimeEntry:
    """The entry as classification reads it: without what timebill writes back onto it when it
    writes to this tracker (its billable flag and our tags are ours, not the person's)."""
    systems = {route.lead.system, *(f.system for f in route.followers)}
    return without_marks(entry) if entry.source.value in systems else entry


def _takes(function: Callable[..., object], name: str) -> bool:
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return True
    return any(p.name == name or p.kind is p.VAR_KEYWORD for p in parameters)


def taken_up(ledger: EntryLedger, item: InboxItem, content: str, **changes: object) -> EntryLedger:
    """The ledger once ``item`` (with entry content ``content``) is the entry's current version."""
    update: dict[str, object] = {"content": content, "item_id": item.id,
                                 "as_of": item.received_at, "item_seq": item.seq,
                                 **changes}  # fmt: skip
    return ledger.model_copy(update=update)


def after_invoice(decision: Decision, exc: InvoicedError) -> Decision:
    """The decision, sent to a person: the record is invoiced and the source changed."""
    reasons = (*decision.review_reasons, ReviewReason.CHANGED_AFTER_INVOICE)
    reason = f"changed after invoice: {exc.difference}. Proposed: {decision.reason}"
    return decision.model_copy(
        update={"needs_review": True, "review_reasons": tuple(dict.fromkeys(reasons)),
                "reason": reason[:2000]}
    )  # fmt: skip


def deleted_after_invoice(item: InboxItem, entry_key: str, exc: InvoicedError) -> Decision:
    """What a person sees for an entry deleted at the source after its record was invoiced."""
    hours = item.entry.hours if item.entry else Decimal(0)
    return Decision(
        entry_key=entry_key, entry_version="deleted", client_id=None, code=None, billable=False,
        billable_fraction=Decimal(0), rate=None, amount=Decimal(0), basis=Basis.NON_BILLABLE,
        hours=hours, confidence=1.0, needs_review=True,
        review_reasons=(ReviewReason.CHANGED_AFTER_INVOICE,), stage=Stage.REVIEW,
        reason=(f"deleted at the source after {exc.system} record {exc.record_id} was "
                "invoiced: the record is left as billed; credit or adjust the invoice there"),
    )  # fmt: skip
