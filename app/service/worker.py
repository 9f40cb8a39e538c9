"""Process one accepted item: classify it, record the decision, hand it to the writer.

Every path ends in an explicit state. Transient failures (the model timing out or overloaded,
the writer down) go to ``retrying`` with a growing delay; past the budget the item lands in
``dead_letter`` with its last error, where ``timebill replay`` can send it back. Nothing is
dropped and nothing defaults to billable.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.classify.cascade import Cascade
from app.domain.decisions import Decision, ReviewReason
from app.domain.inbox import InboxItem, Status, Tenant
from app.errors import UpstreamError, UpstreamKind
from app.ports import Reader, Store, Writer

log = logging.getLogger("timebill.worker")

# A decision sent to review only because the model could not be reached is worth a retry.
TRANSIENT_MODEL = frozenset({ReviewReason.MODEL_ERROR, ReviewReason.DEADLINE})
# Write failures only a person can resolve: a missing mapping, a record changed under us.
NEEDS_PERSON = frozenset({UpstreamKind.MAPPING, UpstreamKind.CONFLICT})
RATE_LIMIT_WAIT_S = 60.0


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
        write_reviews: bool = False,
        policy: RetryPolicy | None = None,
        lease_s: float = 60.0,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.store = store
        self.writer = writer
        self.cascade_for = cascade_for
        self.reader = reader
        self.write_reviews = write_reviews
        self.policy = policy or RetryPolicy()
        self.lease_s = lease_s
        self.clock = clock

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
        if item.entry is None:
            return self._read_then_decide(tenant, item)
        return self._decide_then_write(tenant, item)

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
        try:
            decision = self._decide(item)
        except Exception as exc:
            log.exception("classification failed for %s/%s", item.tenant, item.id)
            return self._retry(item, f"classification failed: {type(exc).__name__}")
        return self._after_decision(tenant, item, decision)

    def _decide(self, item: InboxItem) -> Decision:
        assert item.entry is not None
        cascade = self.cascade_for(item.tenant)
        earlier = item.decision
        # Decided on an earlier attempt under the same rules, and only the write failed:
        # keep that decision (a review decision is re-made: the model may be back).
        reusable = earlier is not None and not earlier.needs_review
        if reusable and earlier and earlier.rules_version == _version(cascade, item):
            return earlier
        return cascade.classify(item.entry)

    def _after_decision(self, tenant: Tenant, item: InboxItem, decision: Decision) -> Status:
        reasons = set(decision.review_reasons)
        if reasons and reasons <= TRANSIENT_MODEL and item.attempts < self.policy.model_attempts:
            return self._retry(item, "model unavailable: " + decision.reason, decision)
        if decision.needs_review and not self.write_reviews:
            return self._end(item, Status.NEEDS_REVIEW, decision=decision)  # held back
        return self._write(tenant, item, decision)

    def _write(self, tenant: Tenant, item: InboxItem, decision: Decision) -> Status:
        version = item.entry.version if item.entry else ""
        if self.store.write_for(item.tenant, item.id, version) is not None:
            # Written before a crash took our commit: never write twice.
            return self._end(item, Status.POSTED, decision=decision)
        try:
            record = self.writer.write(tenant, item, decision)
        except UpstreamError as exc:
            return self._write_failed(item, decision, exc)
        except Exception as exc:
            log.exception("writer failed for %s/%s", item.tenant, item.id)
            return self._retry(item, f"writer failed: {type(exc).__name__}", decision)
        self._remember(item, version, record)
        if decision.needs_review:  # written NotBillable with a review marker, for the PM in QBO
            return self._end(item, Status.NEEDS_REVIEW, decision=decision)
        log.info("posted %s/%s as %s (%s)", item.tenant, item.id, decision.code, record)
        return self._end(item, Status.POSTED, decision=decision)

    def _remember(self, item: InboxItem, version: str, record: str) -> None:
        try:
            self.store.record_write(
                item.tenant, item.id, entry_version=version, system=self.writer.system,
                record_id=record, now=self.clock(),
            )  # fmt: skip
        except ValueError:
            # The record already belongs to an earlier version (an update in place): the write
            # itself succeeded, and the earlier record still recognises the echo.
            log.warning("write of %s/%s updated record %s in place", item.tenant, item.id, record)

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
