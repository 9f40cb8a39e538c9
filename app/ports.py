"""The seams between the pipeline and the outside world. Adapters implement these."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:
    # For the annotations only: importing the domain models at run time would put every one of
    # them, the rule book and yaml on the path of whoever imports a port (the HTTP cold start).
    from decimal import Decimal

    from app.classify.deadline import Deadline
    from app.domain.batches import BatchRequest, BatchResult, BatchStatus
    from app.domain.decisions import Decision, LlmUsage, StageOutcome
    from app.domain.entries import Source, TimeEntry
    from app.domain.inbox import (
        AuditEvent,
        EntityRef,
        InboxItem,
        NewItem,
        Status,
        StatusCount,
        Tenant,
        WriteRecord,
    )
    from app.domain.ledger import EntryLedger
    from app.domain.mapping import QboMapping
    from app.domain.memory_snapshots import MemorySnapshot
    from app.domain.reviews import Reviewer, ReviewRecord, ReviewSession
    from app.domain.rulebook import ClientContext
    from app.domain.rules_versions import (
        NewRulesVersion,
        ProposedRule,
        RulesPointer,
        RulesVersion,
    )
    from app.domain.unrouted import UnroutedEvent, UnroutedRealm

# How the review queue is ordered: money at stake first (the decision's amount, highest first,
# then the least confident), or the oldest first.
QueueOrder = Literal["stake", "oldest"]


class ClassifierStage(Protocol):
    """One step of the cascade. Returns a Proposal it stands behind, or Abstain with reasons."""

    name: str

    def classify(
        self, entry: TimeEntry, ctx: ClientContext, deadline: Deadline
    ) -> StageOutcome: ...


class LlmReply(Protocol):
    """What the LLM adapter returns: the raw JSON text, why generation stopped, and usage.

    Read-only so an adapter may answer with a frozen dataclass or model.
    """

    @property
    def text(self) -> str: ...

    @property
    def stop_reason(self) -> str | None: ...

    @property
    def usage(self) -> LlmUsage: ...


class LlmClient(Protocol):
    """A structured-output chat call.

    The adapter sends ``system`` as one block marked for prompt caching, so callers keep it
    byte-identical across calls that should share the cache (per-entry data goes in ``user``).
    ``timeout_s`` bounds each network wait of this call. Failures raise
    ``app.errors.UpstreamError``, never a vendor exception.
    """

    @property
    def model(self) -> str: ...

    def complete_json(
        self,
        *,
        system: str,
        user: str,
        schema: dict[str, Any],
        timeout_s: float,
        max_tokens: int,
    ) -> LlmReply: ...


class BatchClient(Protocol):
    """An LLM's batch API (Anthropic's Message Batches): send many requests at once, poll,
    read the results. Failures raise ``app.errors.UpstreamError``, never a vendor exception."""

    @property
    def model(self) -> str: ...

    def create(self, requests: Sequence[BatchRequest]) -> BatchStatus: ...

    def retrieve(self, batch_id: str) -> BatchStatus: ...

    def results(self, batch_id: str) -> Iterator[BatchResult]: ...


class Store(Protocol):
    """Durable state of the webhook service. Every method is scoped by tenant.

    Implementations: ``app.adapters.sqlite_store`` (embedded default) and
    ``app.adapters.supabase_store``. ``tests/contract`` runs one suite against each.
    """

    def get_tenant(self, tenant_id: str) -> Tenant | None: ...

    def put_tenant(self, tenant: Tenant) -> None: ...

    def get_mapping(self, tenant: str) -> QboMapping | None:
        """The tenant's QuickBooks mapping; ``None`` when none is stored (or no such tenant)."""
        ...

    def put_mapping(self, tenant: str, mapping: QboMapping) -> None:
        """Replace the tenant's QuickBooks mapping. ``put_tenant`` leaves it alone. A tenant
        the store does not have raises ``LookupError`` and keeps nothing."""
        ...

    def accept(self, item: NewItem) -> tuple[InboxItem, bool]:
        """Insert unless ``(tenant, source, dedupe_key)`` exists; ``True`` when new.

        Must hold under concurrency: twenty simultaneous deliveries create one row.
        Raises on any storage failure (the caller answers 5xx).
        """
        ...

    def get(self, tenant: str, item_id: str) -> InboxItem | None: ...

    def claim(
        self, tenant: str, item_id: str, *, now: datetime, lease_s: float
    ) -> InboxItem | None:
        """Atomically take an item for processing, or ``None`` if someone else holds it or
        it is finished, waiting, dead, or not due yet. Counts one attempt."""
        ...

    def finish(
        self,
        tenant: str,
        item_id: str,
        status: Status,
        *,
        now: datetime,
        decision: Decision | None = None,
        error: str | None = None,
        next_attempt_at: datetime | None = None,
    ) -> None:
        """Move an item to ``status`` (recording decision or error) and append to its trail."""
        ...

    def items(
        self, tenant: str, *, status: Status | None = None, limit: int = 100
    ) -> list[InboxItem]: ...

    def due(self, *, now: datetime, limit: int = 100) -> list[tuple[str, str]]:
        """(tenant, item id) of work left pending: received or retrying and due, or
        processing with an expired lease. The sweep re-enqueues these."""
        ...

    def counts(self) -> list[StatusCount]:
        """Per (tenant, status) with at least one item: how many, and the oldest
        ``received_at``. Across tenants, counts only (the sweep's alarm metrics)."""
        ...

    def archive_finished(self, *, before: datetime, now: datetime, limit: int = 500) -> int:
        """Move up to ``limit`` items in ``ARCHIVABLE`` states, received and last changed
        before ``before``, from the inbox to the archive (across tenants: the sweep's
        retention); returns how many. Their delivery keys still deduplicate in ``accept``
        (which then answers the archived item, not new); their trail, writes and reviews
        stay."""
        ...

    def archived(self, tenant: str, *, limit: int = 100) -> list[InboxItem]:
        """The tenant's archived items, newest first."""
        ...

    def trail(self, tenant: str, item_id: str) -> list[AuditEvent]: ...

    def record_write(
        self,
        tenant: str,
        item_id: str,
        *,
        entry_version: str,
        system: str,
        record_id: str,
        now: datetime,
    ) -> WriteRecord:
        """Keep that the writer made ``record_id`` in ``system`` for this entry version.

        Idempotent: recording the same (tenant, item, version) again returns the first record
        unchanged (whatever ``record_id`` and ``now`` the repeat names), also under
        concurrency. Raises ``LookupError`` if the item is not this tenant's, and
        ``ValueError`` if the arguments are malformed or ``(system, record_id)`` is already
        recorded for another item or version of this tenant (nothing is kept then).
        Appends nothing to the item's trail.
        """
        ...

    def write_for(self, tenant: str, item_id: str, entry_version: str) -> WriteRecord | None:
        """The write recorded for this entry version of the item, if any (check before
        writing: a retry after a crash must not write a second record)."""
        ...

    def own_record(self, tenant: str, system: str, record_id: str) -> WriteRecord | None:
        """The write that created this external record, if it was ours (for skipping echoes)."""
        ...

    # -- the entry ledger: write identity is the source entry (app/domain/ledger.py) -------

    def entry_ledger(self, tenant: str, system: str, entry_key: str) -> EntryLedger | None:
        """What was written for the entry in ``system`` (``None`` if it was never taken up)."""
        ...

    def lock_entry(
        self, tenant: str, system: str, entry_key: str, *, holder: str, now: datetime,
        lease_s: float,
    ) -> EntryLedger | None:  # fmt: skip
        """Take the entry's lease for ``holder`` (creating an empty ledger row if none) and
        return its ledger; ``None`` while another holder's lease is live (``now <
        lease_until``). The same holder may take it again. Atomic under concurrency: of
        simultaneous callers exactly one gets it."""
        ...

    def save_entry(self, ledger: EntryLedger, *, holder: str, now: datetime) -> bool:
        """Store ``ledger`` and release the lease, if ``holder`` still holds it; ``False`` (and
        nothing stored) when another holder took the entry meanwhile."""
        ...

    def unlock_entry(self, tenant: str, system: str, entry_key: str, *, holder: str) -> None:
        """Release ``holder``'s lease without changing the ledger (a no-op for anyone else)."""
        ...

    # -- reviews: what people did to flagged entries (app/review) ---------------------------

    def record_review(self, review: ReviewRecord) -> ReviewRecord:
        """Keep a person's review, append-only, and add a line to the item's audit trail.

        Returns the review with its ``seq`` (increasing per store). Recording the same
        ``(tenant, id)`` again returns the first unchanged and appends nothing. Raises
        ``LookupError`` if the item is not this tenant's (nothing is kept then).
        """
        ...

    def review_state(self, tenant: str, item_id: str) -> int:
        """The item's state as a person sees it: a number that changes whenever the item
        does (each trail line), ``0`` for no such item. The review page carries it in its forms."""
        ...

    def claim_review(self, review: ReviewRecord, *, seen: int) -> ReviewRecord:
        """Keep a person's review only if the item is still ``needs_review`` in state ``seen``
        (compare-and-set: of simultaneous claims on one state exactly one is kept), as
        ``record_review`` does. Otherwise raise ``ReviewConflictError`` naming who decided it
        and when (or what changed), keeping nothing. The same review id again returns the
        first; an item the tenant does not own raises ``LookupError``."""
        ...

    def supersede(self, tenant: str, item_id: str, *, now: datetime, note: str) -> bool:
        """Move an item still waiting for review to ``skipped`` (a newer version of its entry
        replaced it), appending ``note`` to its trail; ``False`` if it was not waiting."""
        ...

    def reviews(
        self,
        tenant: str,
        *,
        item_id: str | None = None,
        pattern: str | None = None,
        after_seq: int = 0,
        limit: int = 1000,
    ) -> list[ReviewRecord]:
        """The tenant's reviews with ``seq > after_seq``, oldest first, optionally of one item
        or one description pattern."""
        ...

    def review_queue(
        self, tenant: str, *, limit: int = 500, order: QueueOrder = "stake"
    ) -> list[InboxItem]:
        """The tenant's items in ``needs_review`` with their decisions, in ``order``."""
        ...

    # -- the memory reviews taught, kept so a cold worker does not relearn it --------------

    def save_memory(self, snapshot: MemorySnapshot) -> bool:
        """Keep ``snapshot`` as its tenant's learned memory, unless the one kept was learned
        up to a later review position: then ``False`` and nothing changes. An older snapshot
        never replaces a newer one, whatever order concurrent writers commit in; one at the
        same position replaces it (the same reviews, perhaps in a newer format).
        ``ItemNotFoundError`` for an unknown tenant."""
        ...

    def load_memory(self, tenant: str) -> MemorySnapshot | None:
        """The tenant's latest memory snapshot, if any was kept."""
        ...

    # -- running totals across entries (caps, hours per request, hours per person-day) -----

    def tally(
        self, tenant: str, entry_key: str, counts: Mapping[str, Decimal]
    ) -> dict[str, Decimal]:
        """Make ``counts`` what the entry ``entry_key`` (``source:id``) adds to the tenant's
        running totals, replacing whatever it added before (an edit, a re-decision, a resend:
        an entry counts once; empty ``counts``: a delete, it adds nothing any more). Return
        the total of each of ``counts``' keys over all the tenant's entries, this one's
        included. One atomic step per entry; ``ItemNotFoundError`` for an unknown tenant."""
        ...

    def put_reviewer(self, reviewer: Reviewer) -> None:
        """Create or replace the reviewer ``(tenant, name)`` (a new token replaces the old)."""
        ...

    def reviewer_by_token(self, tenant: str, token_hash: str) -> Reviewer | None:
        """The tenant's enabled reviewer holding this token hash, if any."""
        ...

    def redeem_token(
        self, tenant: str, token_hash: str, *, now: datetime, issued_after: datetime
    ) -> Reviewer | None:
        """Use a sign-in token up, atomically: the tenant's enabled reviewer holding it if it
        was issued (``created_at``) after ``issued_after`` and never redeemed, else ``None``.
        Two concurrent redemptions of one token: one reviewer, one ``None``."""
        ...

    def disable_reviewer(self, tenant: str, name: str) -> bool:
        """Disable the reviewer: their token and every session end at once. ``False`` if the
        tenant has no such reviewer."""
        ...

    def start_session(self, session: ReviewSession) -> None:
        """Keep a new review session (its id is random and unique within the tenant)."""
        ...

    def session_active(self, tenant: str, session_id: str, *, now: datetime) -> bool:
        """The session exists for this tenant, is not ended or expired, and (``via`` token)
        its reviewer is still enabled. Checked on every review action."""
        ...

    def end_session(self, tenant: str, session_id: str, *, now: datetime) -> None:
        """Sign out: the session stops holding at once (an unknown id is a no-op)."""
        ...

    # -- QuickBooks companies: one Intuit app, one webhook URL, many tenants ------------------

    def link_realm(self, tenant: str, realm: str, *, now: datetime) -> None:
        """Keep that ``tenant`` connected QuickBooks company ``realm`` (``timebill qbo
        connect``); again for the same tenant is a no-op. ``WriteConflictError`` (a
        ``ValueError``) if another tenant connected it; ``LookupError`` for an unknown tenant."""
        ...

    def tenant_for_realm(self, realm: str) -> str | None:
        """The tenant that connected ``realm``, if any: how the app-level QuickBooks webhook
        routes each event. Across tenants, and answers a tenant id only."""
        ...

    # -- QuickBooks events for companies nobody connected yet (not tenant data) -------------

    def keep_unrouted(self, event: UnroutedEvent) -> bool:
        """Keep an event for a realm no tenant connected, committed on return; ``False`` for
        one already kept (same realm and dedupe key: Intuit retries). Prunes the realm to the
        bound in ``app.domain.unrouted`` in the same transaction."""
        ...

    def unrouted(self, realm: str) -> list[UnroutedEvent]:
        """The realm's kept events, oldest first."""
        ...

    def drop_unrouted(self, realm: str, dedupe_keys: Sequence[str]) -> int:
        """Forget these kept events of the realm (taken up); how many were dropped."""
        ...

    def unrouted_realms(self) -> list[UnroutedRealm]:
        """Every realm with kept events: how many, first and last received, by realm."""
        ...


@runtime_checkable
class TenantDirectory(Protocol):
    """Which tenants a store holds, for operators (``timebill tenants list``). Supabase answers
    it as the sweeper role, through a function that returns ids only (0014_tenant_ids.sql)."""

    def tenant_ids(self) -> list[str]:
        """Every tenant's id, in order (read each with ``get_tenant``)."""
        ...


class Queue(Protocol):
    """Hands accepted items to a worker: SQS on Lambda, a thread locally."""

    def enqueue(self, tenant: str, item_id: str) -> None: ...


class Writer(Protocol):
    """Pushes a decided entry out: the outbox folder locally, QuickBooks in production.

    Write identity is the source entry, not the delivery: the caller passes the record the
    entry already has (``record_id``, from the ledger) and the writer brings that record in
    line; with none it creates one, idempotently per ``create_key`` (a retry after a crash, or
    a second delivery racing the first, finds the record the first made). Raises
    ``UpstreamError`` on failure, ``InvoicedError`` when the record is already invoiced.
    ``system`` names where records go ("outbox", "quickbooks"): with the returned record id it
    is how the echo of our own write is recognised (one QuickBooks company per tenant).
    """

    system: str

    def write(
        self, tenant: Tenant, item: InboxItem, decision: Decision, *,
        record_id: str | None = None, create_key: str = "",
    ) -> str:  # fmt: skip
        """Returns the id of the record written (outbox file name, QBO TimeActivity id)."""
        ...

    def delete(self, tenant: Tenant, item: InboxItem, record_id: str) -> str:
        """Remove a record written for an entry deleted at the source; returns what was done
        (``deleted``, or ``marked not billable`` when the system refuses a delete)."""
        ...


class Reader(Protocol):
    """Reads the record an id-only event names (QuickBooks webhooks) as a time entry."""

    system: str

    def read(self, tenant: Tenant, ref: EntityRef) -> TimeEntry | None:
        """``None`` when there is nothing to classify (a deleted record)."""
        ...


class Rereader(Protocol):
    """Reads an entry back from its tracker's API before anything is written (Clockify: its
    webhook token proves the sender, not the body)."""

    source: Source

    def available(self, tenant: Tenant) -> bool:
        """This tenant has credentials to read its entries with."""
        ...

    def reread(self, tenant: Tenant, item: InboxItem) -> TimeEntry | None:
        """The entry the item names as the tracker has it now; ``None`` when it is gone."""
        ...


class RulesStore(Protocol):
    """Each tenant's approved rules sets (``app.domain.rules_versions``): every version kept,
    exactly one current. Both stores implement it (``app.adapters.sqlite_rules`` and
    ``app.adapters.supabase_rules``); ``tests/contract/rules_contract.py`` runs on each.
    Write through ``app.rules.publish`` only: it validates before anything is stored."""

    def current_rules(self, tenant: str) -> RulesPointer | None:
        """The version in force; one small read, made once per batch by the worker."""
        ...

    def rules_version(self, tenant: str, number: int) -> RulesVersion | None: ...

    def rules_history(self, tenant: str) -> list[RulesVersion]:
        """Every version of the tenant, oldest first (without their ``book``: only a worker
        compiling one version reads it, through ``rules_version``)."""
        ...

    def add_rules_version(self, version: NewRulesVersion, *, based_on: int | None) -> RulesVersion:
        """Store ``version`` as the next number and make it current, in one transaction.
        ``based_on``: the version it was made from (None: the tenant had none); when another
        version became current meanwhile, raises ``WriteConflictError`` and stores nothing.
        ``ItemNotFoundError`` for an unknown tenant."""
        ...

    def keep_rules_book(self, tenant: str, number: int, book: dict[str, Any]) -> bool:
        """Keep the rule book a worker parsed from a version's files (``rulebook_snapshot``)
        with that version, for the next cold start; the files and every other column stay as
        written. False when the tenant has no such version."""
        ...

    def switch_rules(self, tenant: str, number: int, *, by: str, now: datetime) -> RulesPointer:
        """Make an existing version current (a rollback). ``ItemNotFoundError`` when the
        tenant has no such version."""
        ...

    def propose_rule(self, proposed: ProposedRule) -> bool:
        """Keep a proposed rule; False when one with that id is already waiting.
        ``ItemNotFoundError`` for an unknown tenant."""
        ...

    def proposed_rules(self, tenant: str) -> list[ProposedRule]:
        """The tenant's waiting proposals, oldest first."""
        ...

    def close_proposed_rule(self, tenant: str, rule_id: str, *, now: datetime) -> bool:
        """A waiting proposal was accepted or dismissed: no longer waiting (kept, closed at
        ``now``; the same rule id may be proposed again). False when none was waiting."""
        ...
