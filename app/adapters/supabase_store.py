"""The ``Store`` on Supabase through the official ``supabase`` client (PostgREST).

Isolation does not rest on this module alone. The client's key (anon/publishable) only passes
the API gateway; each request carries a JWT minted here for one tenant (``role:
timebill_worker``, ``tenant_id``), signed with the project's JWT secret, valid for minutes.
PostgREST runs it as that role, which owns nothing and lacks BYPASSRLS, so row-level security
admits that tenant's rows only (``infra/migrations``). Every call also names its tenant and
filters on it, and every returned row is checked to belong to it. ``due``, the one
cross-tenant call, runs as ``timebill_sweeper``: ids and states of pending items, no content.

Writes are SQL functions (``/rpc/tb_*``), atomic in the database; reads use ``.table()``, but
for the ``writes`` look-ups, which are functions too (``tb_write_for``, ``tb_own_record``). One
client per process (``from_settings``): explicit HTTP timeouts, no automatic retries (they
sleep up to 30 s; retrying belongs to the caller's budget). Failures raise
``UpstreamError("supabase")`` with the error code only: PostgreSQL messages can echo rows.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

import httpx
import jwt
from postgrest import APIError, SyncPostgrestClient
from pydantic import SecretStr, ValidationError
from supabase import Client, create_client
from supabase.lib.client_options import SyncClientOptions

from app.adapters.supabase_access import SupabaseAccess
from app.adapters.supabase_calls import SYSTEM, Query, invalid_response, rpc, timestamp
from app.adapters.supabase_memory import SupabaseMemory
from app.adapters.supabase_rules import SupabaseRules
from app.adapters.supabase_tallies import SupabaseTallies
from app.adapters.supabase_unrouted import SupabaseUnrouted
from app.config import Settings
from app.domain.decisions import Decision
from app.domain.inbox import (
    AuditEvent,
    InboxItem,
    NewItem,
    Status,
    StatusCount,
    Tenant,
    WriteRecord,
)
from app.errors import (
    ConfigError,
    ItemNotFoundError,
    UpstreamError,
    UpstreamKind,
    WriteConflictError,
)

if TYPE_CHECKING:  # loaded where used: the webhook's cold path needs none of these
    from app.domain.ledger import EntryLedger
    from app.domain.mapping import QboMapping
    from app.domain.reviews import Reviewer, ReviewRecord
    from app.ports import QueueOrder

    # For the annotations only (``_validated``): the models are loaded where they are used.
    _Row = TypeVar("_Row", InboxItem, AuditEvent, WriteRecord, ReviewRecord, Reviewer, EntryLedger)

WORKER_ROLE = "timebill_worker"
SWEEPER_ROLE = "timebill_sweeper"
_ITEM_COLUMNS = ("tenant_id,id,seq,source,dedupe_key,event_type,entry,ref,received_at,status,"
                 "attempts,next_attempt_at,lease_until,last_error,updated_at,decision")  # fmt: skip
# An archived item has no next attempt and no lease.
_ARCHIVED_COLUMNS = _ITEM_COLUMNS.replace("next_attempt_at,lease_until,", "")
_TENANT_COLUMNS = "tenant_id,name,sources,paused"
_TRAIL_COLUMNS = "tenant_id,item_id,at,status,detail"
_MAX_SESSIONS = 1024
_REVIEW_COLUMNS = ("tenant_id,seq,id,item_id,reviewer,at,action,before,after,why,client_id,"
                   "description,pattern")  # fmt: skip
_REVIEWER_COLUMNS = "tenant_id,name,token_hash,created_at,disabled"
_LEDGER_COLUMNS = ("tenant_id,system,entry_key,records,content,written,deleted,generation,item_id,"
                   "review_id,as_of,item_seq,updated_at")  # fmt: skip
_UNIQUE_VIOLATION = "23505"


def mint_token(secret: SecretStr, *, role: str, tenant: str | None, now: float, ttl_s: int) -> str:
    """A PostgREST JWT (HS256) for ``role``, scoped to ``tenant`` when one is given."""
    issued = int(now)
    claims: dict[str, Any] = {
        "iss": "timebill", "sub": f"{role}:{tenant or '*'}", "role": role,
        "iat": issued, "exp": issued + ttl_s,
    }  # fmt: skip
    if tenant is not None:
        claims["tenant_id"] = tenant
    return jwt.encode(claims, secret.get_secret_value(), algorithm="HS256")


def client_from_settings(settings: Settings) -> Client:
    """The process's Supabase client: explicit HTTP timeouts, no automatic retries."""
    url, key = settings.supabase_url, settings.supabase_key
    if not (url and key and settings.supabase_jwt_secret):
        raise ConfigError("the Supabase store needs a URL, a key and the JWT secret")
    wait = settings.supabase_timeout_s
    http = httpx.Client(
        timeout=httpx.Timeout(wait, connect=min(wait, 3.0)), event_hooks={"response": [_judged]}
    )
    options = SyncClientOptions(
        schema=settings.supabase_schema, httpx_client=http, postgrest_client_retry=False,
        auto_refresh_token=False, persist_session=False,
    )  # fmt: skip
    return create_client(url, key.get_secret_value(), options)


class TenantSessions:
    """PostgREST clients per (role, tenant), each with a live JWT minted here, on one shared
    HTTP client; and the calls that turn PostgREST answers and failures into ours. Shared by
    ``SupabaseStore`` and ``supabase_tokens.SupabaseTokenStore``. Thread-safe."""

    def __init__(
        self, client: Client, *, jwt_secret: SecretStr, schema: str = "timebill",
        token_ttl_s: int = 300, clock: Callable[[], float] = time.time,
    ) -> None:  # fmt: skip
        self.client = client
        self._secret = jwt_secret
        self._schema = schema
        self._ttl = token_ttl_s
        self._clock = clock
        self._sessions: dict[tuple[str, str], tuple[SyncPostgrestClient, float]] = {}
        self._lock = threading.Lock()
        self._closed = False

    @classmethod
    def from_settings(cls, settings: Settings) -> TenantSessions:
        client = client_from_settings(settings)
        assert settings.supabase_jwt_secret is not None  # client_from_settings checked it
        return cls(client, jwt_secret=settings.supabase_jwt_secret,
                   schema=settings.supabase_schema,
                   token_ttl_s=settings.supabase_token_ttl_s)  # fmt: skip

    def close(self) -> None:
        with self._lock:
            self._closed, self._sessions = True, {}
        self.client.postgrest.aclose()  # closes the shared HTTP client

    def rest(self, tenant: str | None) -> SyncPostgrestClient:
        """The PostgREST client for one tenant (or the sweep), with a live token."""
        role = SWEEPER_ROLE if tenant is None else WORKER_ROLE
        key, now = (role, tenant or ""), self._clock()
        with self._lock:
            if self._closed:
                raise UpstreamError(
                    SYSTEM, UpstreamKind.CONNECTION, retryable=False, message="store is closed"
                )
            rest, renew_at = self._sessions.get(key, (None, 0.0))
            if rest is None or now >= renew_at:
                if len(self._sessions) >= _MAX_SESSIONS:  # bounded, whatever ids callers send
                    live = {k: v for k, v in self._sessions.items() if now < v[1]}
                    self._sessions = live if len(live) < _MAX_SESSIONS else {}
                token = mint_token(self._secret, role=role, tenant=tenant, now=now, ttl_s=self._ttl)
                # schema() derives a client with its own headers on the shared HTTP session.
                rest = self.client.schema(self._schema).auth(token)
                self._sessions[key] = (rest, now + self._ttl * 0.8)
            return rest

    def run(self, query: Query, *, unique_violation: Exception | None = None) -> object:
        """The answer's data; ``unique_violation`` is raised instead of our ``UpstreamError``
        when the database reports one (SQLSTATE 23505) and the caller expects it."""
        try:
            return query.execute().data
        except APIError as exc:
            if unique_violation is not None and exc.code == _UNIQUE_VIOLATION:
                raise unique_violation from None
            raise api_error(exc) from None
        except httpx.HTTPStatusError as exc:  # not PostgREST's answer (``_judged``)
            raise status_error(exc.response.status_code) from None
        except httpx.HTTPError as exc:
            raise transport_error(exc) from None

    def rows(
        self, query: Query, tenant: str | None, *, unique_violation: Exception | None = None
    ) -> list[Mapping[str, Any]]:
        data = self.run(query, unique_violation=unique_violation)
        if not isinstance(data, list) or not all(isinstance(row, Mapping) for row in data):
            raise invalid_response("rows")
        return [data_row if tenant is None else _owned(data_row, tenant) for data_row in data]


class SupabaseStore(
    SupabaseAccess, SupabaseUnrouted, SupabaseRules, SupabaseMemory, SupabaseTallies
):
    """``Store`` over PostgREST. Thread-safe; ``close()`` releases the HTTP connections."""

    def __init__(
        self, client: Client, *, jwt_secret: SecretStr, schema: str = "timebill",
        token_ttl_s: int = 300, clock: Callable[[], float] = time.time,
    ) -> None:  # fmt: skip
        self._client = client
        self._secret = jwt_secret  # the tests mint tokens with it
        self._clock = clock  # read on each call: tests may swap it
        self._api = TenantSessions(
            client, jwt_secret=jwt_secret, schema=schema, token_ttl_s=token_ttl_s,
            clock=lambda: self._clock(),  # noqa: PLW0108 - late-bound: tests swap _clock
        )  # fmt: skip

    @classmethod
    def from_settings(cls, settings: Settings) -> SupabaseStore:
        client = client_from_settings(settings)
        assert settings.supabase_jwt_secret is not None  # client_from_settings checked it
        return cls(client, jwt_secret=settings.supabase_jwt_secret,
                   schema=settings.supabase_schema,
                   token_ttl_s=settings.supabase_token_ttl_s)  # fmt: skip

    def close(self) -> None:
        self._api.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- tenants -----------------------------------------------------------------------------

    def get_tenant(self, tenant_id: str) -> Tenant | None:
        query = self._rest(tenant_id).table("tenants").select(_TENANT_COLUMNS)
        rows = self._rows(query.eq("tenant_id", tenant_id).limit(1), tenant_id)
        return _tenant(rows[0]) if rows else None

    def tenant_ids(self) -> list[str]:
        """Across tenants, as the sweeper: ids only (``tb_tenant_ids``, 0014)."""
        # One output column: PostgREST answers a set of scalars, ``["acme", ...]``.
        ids = self._run(rpc(self._rest(None), "tb_tenant_ids", {}))
        if not isinstance(ids, list) or not all(isinstance(found, str) for found in ids):
            raise invalid_response("tb_tenant_ids")
        return cast("list[str]", ids)

    def put_tenant(self, tenant: Tenant) -> None:
        args = {"p_tenant_id": tenant.id, "p_name": tenant.name,
                "p_sources": _sources(tenant), "p_paused": tenant.paused}  # fmt: skip
        if self._run(rpc(self._rest(tenant.id), "tb_put_tenant", args)) is not True:
            raise invalid_response("tb_put_tenant")

    def get_mapping(self, tenant: str) -> QboMapping | None:
        from app.domain.mapping import QboMapping  # noqa: PLC0415 - off the cold path

        query = self._rest(tenant).table("tenants").select("tenant_id,qbo_mapping")
        rows = self._rows(query.eq("tenant_id", tenant).limit(1), tenant)
        if not rows or rows[0].get("qbo_mapping") is None:
            return None
        try:
            return QboMapping.model_validate(rows[0]["qbo_mapping"])
        except ValidationError:
            raise invalid_response("tenants.qbo_mapping") from None

    def put_mapping(self, tenant: str, mapping: QboMapping) -> None:
        args = {"p_tenant_id": tenant, "p_mapping": mapping.model_dump(mode="json")}
        done = self._run(rpc(self._rest(tenant), "tb_put_qbo_mapping", args))
        if done is None:
            raise ItemNotFoundError(f"no tenant {tenant!r}")
        if done is not True:
            raise invalid_response("tb_put_qbo_mapping")

    # -- inbox -------------------------------------------------------------------------------

    def accept(self, item: NewItem) -> tuple[InboxItem, bool]:
        args = {
            "p_tenant_id": item.tenant, "p_source": item.source.value,
            "p_dedupe_key": item.dedupe_key, "p_event_type": item.event_type,
            "p_entry": item.entry.model_dump(mode="json") if item.entry else None,
            "p_ref": item.ref.model_dump(mode="json") if item.ref else None,
            "p_received_at": timestamp(item.received_at),
        }  # fmt: skip
        rows = self._rows(rpc(self._rest(item.tenant), "tb_accept", args), None)
        if len(rows) != 1 or not isinstance(rows[0].get("item"), Mapping):
            raise invalid_response("tb_accept")
        found = _owned(rows[0]["item"], item.tenant)
        return _item(found), rows[0].get("created") is True

    def get(self, tenant: str, item_id: str) -> InboxItem | None:
        rest = self._rest(tenant)
        if not _is_uuid(item_id):  # ids are UUIDs: any other string names no item
            return None
        query = rest.table("inbox_items").select(_ITEM_COLUMNS).eq("tenant_id", tenant)
        rows = self._rows(query.eq("id", item_id).limit(1), tenant)
        return _item(rows[0]) if rows else None

    def claim(
        self, tenant: str, item_id: str, *, now: datetime, lease_s: float
    ) -> InboxItem | None:
        rest = self._rest(tenant)
        if not _is_uuid(item_id):
            return None
        args = {"p_tenant_id": tenant, "p_item_id": item_id, "p_now": timestamp(now),
                "p_lease_s": lease_s}  # fmt: skip
        rows = self._rows(rpc(rest, "tb_claim", args), tenant)
        return _item(rows[0]) if rows else None

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
        rest = self._rest(tenant)
        args = {
            "p_tenant_id": tenant, "p_item_id": item_id, "p_status": Status(status).value,
            "p_now": timestamp(now), "p_error": error,
            "p_decision": decision.model_dump(mode="json") if decision else None,
            "p_next_attempt_at": timestamp(next_attempt_at) if next_attempt_at else None,
        }  # fmt: skip
        done = _is_uuid(item_id) and self._run(rpc(rest, "tb_finish", args))
        if done is False:
            raise ItemNotFoundError(f"no inbox item {item_id!r} for tenant {tenant!r}")
        if done is not True:  # the call may have been applied: never "no such item"
            raise invalid_response("tb_finish")

    def items(
        self, tenant: str, *, status: Status | None = None, limit: int = 100
    ) -> list[InboxItem]:
        query = self._rest(tenant).table("inbox_items").select(_ITEM_COLUMNS)
        query = query.eq("tenant_id", tenant)
        if status is not None:
            query = query.eq("status", Status(status).value)
        query = query.order("received_at", desc=True).order("seq", desc=True)
        return [_item(row) for row in self._rows(query.limit(max(limit, 0)), tenant)]

    def due(self, *, now: datetime, limit: int = 100) -> list[tuple[str, str]]:
        args = {"p_now": timestamp(now), "p_limit": max(limit, 0)}
        rows = self._rows(rpc(self._rest(None), "tb_due", args), None)
        try:
            return [(str(row["tenant_id"]), str(row["item_id"])) for row in rows]
        except KeyError:
            raise invalid_response("tb_due") from None

    def counts(self) -> list[StatusCount]:
        rows = self._rows(rpc(self._rest(None), "tb_counts", {}), None)
        try:
            return [
                StatusCount(str(row["tenant_id"]), Status(row["status"]), int(row["n"]),
                            datetime.fromisoformat(str(row["oldest"])))
                for row in rows
            ]  # fmt: skip
        except (KeyError, ValueError, TypeError):
            raise invalid_response("tb_counts") from None

    def archive_finished(self, *, before: datetime, now: datetime, limit: int = 500) -> int:
        args = {"p_before": timestamp(before), "p_now": timestamp(now), "p_limit": max(limit, 0)}
        moved = self._run(rpc(self._rest(None), "tb_archive", args))
        if not isinstance(moved, int):
            raise invalid_response("tb_archive")
        return moved

    def archived(self, tenant: str, *, limit: int = 100) -> list[InboxItem]:
        query = self._rest(tenant).table("inbox_archive").select(_ARCHIVED_COLUMNS)
        query = query.eq("tenant_id", tenant).order("received_at", desc=True)
        query = query.order("seq", desc=True).limit(max(limit, 0))
        return [_item(row) for row in self._rows(query, tenant)]

    def trail(self, tenant: str, item_id: str) -> list[AuditEvent]:
        rest = self._rest(tenant)
        if not _is_uuid(item_id):
            return []
        query = rest.table("audit").select(_TRAIL_COLUMNS).eq("tenant_id", tenant)
        rows = self._rows(query.eq("item_id", item_id).order("id"), tenant)
        return [_validated(AuditEvent, row, "audit event") for row in rows]

    # -- writes ------------------------------------------------------------------------------

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
        # Refuse here what the table's checks would refuse (a ValueError, as in SQLite).
        WriteRecord(
            tenant=tenant, item_id=item_id, entry_version=entry_version, system=system,
            record_id=record_id, written_at=now,
        )  # fmt: skip
        rest = self._rest(tenant)
        if not _is_uuid(item_id):
            raise ItemNotFoundError(f"no inbox item {item_id!r} for tenant {tenant!r}")
        args = {
            "p_tenant_id": tenant, "p_item_id": item_id, "p_entry_version": entry_version,
            "p_system": system, "p_record_id": record_id, "p_written_at": timestamp(now),
        }  # fmt: skip
        conflict = WriteConflictError(
            f"{system} record {record_id!r} is already recorded for another write"
        )
        query = rpc(rest, "tb_record_write", args)
        rows = self._rows(query, tenant, unique_violation=conflict)
        if not rows:  # the function answers no row when the tenant has no such item
            raise ItemNotFoundError(f"no inbox item {item_id!r} for tenant {tenant!r}")
        return _write(rows, "tb_record_write")

    def write_for(self, tenant: str, item_id: str, entry_version: str) -> WriteRecord | None:
        rest = self._rest(tenant)
        if not _is_uuid(item_id):
            return None
        args = {"p_tenant_id": tenant, "p_item_id": item_id, "p_entry_version": entry_version}
        rows = self._rows(rpc(rest, "tb_write_for", args), tenant)
        return _write(rows, "tb_write_for") if rows else None

    def own_record(self, tenant: str, system: str, record_id: str) -> WriteRecord | None:
        args = {"p_tenant_id": tenant, "p_system": system, "p_record_id": record_id}
        rows = self._rows(rpc(self._rest(tenant), "tb_own_record", args), tenant)
        return _write(rows, "tb_own_record") if rows else None

    # -- the entry ledger ----------------------------------------------------------------------

    def entry_ledger(self, tenant: str, system: str, entry_key: str) -> EntryLedger | None:
        query = self._rest(tenant).table("entry_ledger").select(_LEDGER_COLUMNS)
        query = query.eq("tenant_id", tenant).eq("system", system).eq("entry_key", entry_key)
        rows = self._rows(query.limit(1), tenant)
        return _ledger(rows[0]) if rows else None

    def lock_entry(
        self, tenant: str, system: str, entry_key: str, *, holder: str, now: datetime,
        lease_s: float,
    ) -> EntryLedger | None:  # fmt: skip
        from app.domain.ledger import EntryLedger  # noqa: PLC0415 - off the cold path

        EntryLedger(tenant=tenant, system=system, entry_key=entry_key)  # ValueError if malformed
        if lease_s <= 0 or not holder:
            raise ValueError("a lock needs a holder and a positive lease")
        args = {"p_tenant_id": tenant, "p_system": system, "p_entry_key": entry_key,
                "p_holder": holder, "p_now": timestamp(now), "p_lease_s": lease_s}  # fmt: skip
        rows = self._rows(rpc(self._rest(tenant), "tb_lock_entry", args), tenant)
        return _ledger(rows[0]) if rows else None

    def save_entry(self, ledger: EntryLedger, *, holder: str, now: datetime) -> bool:
        if ledger.item_id is not None and not _is_uuid(ledger.item_id):
            raise ItemNotFoundError(f"no inbox item {ledger.item_id!r}")
        args = {
            "p_tenant_id": ledger.tenant, "p_system": ledger.system,
            "p_entry_key": ledger.entry_key, "p_holder": holder,
            "p_records": list(ledger.records), "p_content": ledger.content,
            "p_written": ledger.written,
            "p_deleted": ledger.deleted, "p_generation": ledger.generation,
            "p_item_id": ledger.item_id, "p_review_id": ledger.review_id,
            "p_as_of": timestamp(ledger.as_of) if ledger.as_of else None,
            "p_item_seq": ledger.item_seq, "p_now": timestamp(now),
        }  # fmt: skip
        done = self._run(rpc(self._rest(ledger.tenant), "tb_save_entry", args))
        if not isinstance(done, bool):
            raise invalid_response("tb_save_entry")
        return done

    def unlock_entry(self, tenant: str, system: str, entry_key: str, *, holder: str) -> None:
        args = {"p_tenant_id": tenant, "p_system": system, "p_entry_key": entry_key,
                "p_holder": holder}  # fmt: skip
        if not isinstance(self._run(rpc(self._rest(tenant), "tb_unlock_entry", args)), bool):
            raise invalid_response("tb_unlock_entry")

    # -- reviews -----------------------------------------------------------------------------

    def review_state(self, tenant: str, item_id: str) -> int:
        rest = self._rest(tenant)
        if not _is_uuid(item_id):
            return 0
        args = {"p_tenant_id": tenant, "p_item_id": item_id}
        state = self._run(rpc(rest, "tb_review_state", args))
        if not isinstance(state, int) or isinstance(state, bool):
            raise invalid_response("tb_review_state")
        return state

    def claim_review(self, review: ReviewRecord, *, seen: int) -> ReviewRecord:
        from app.domain.reviews import review_conflict  # noqa: PLC0415 - off the cold path

        rest = self._rest(review.tenant)
        if not _is_uuid(review.item_id):
            raise ItemNotFoundError(
                f"no inbox item {review.item_id!r} for tenant {review.tenant!r}"
            )
        args = {**self._review_args(review), "p_seen": seen}
        answer = self._run(rpc(rest, "tb_claim_review", args))
        if answer is None:
            raise ItemNotFoundError(
                f"no inbox item {review.item_id!r} for tenant {review.tenant!r}"
            )
        if not isinstance(answer, Mapping):
            raise invalid_response("tb_claim_review")
        if answer.get("claimed") is True and isinstance(answer.get("review"), Mapping):
            return _review(_owned(answer["review"], review.tenant))
        try:
            status = Status(str(answer["status"]))
            by_at = datetime.fromisoformat(str(answer["by_at"])) if answer.get("by_at") else None
            changed = answer.get("changed_at")
            changed_at = datetime.fromisoformat(str(changed)) if changed else None
        except (KeyError, ValueError):
            raise invalid_response("tb_claim_review") from None
        by, detail = answer.get("by"), str(answer.get("detail") or "")
        raise review_conflict(status, by=str(by) if by else None, by_at=by_at,
                              changed_at=changed_at, detail=detail)  # fmt: skip

    def supersede(self, tenant: str, item_id: str, *, now: datetime, note: str) -> bool:
        rest = self._rest(tenant)
        if not _is_uuid(item_id):
            return False
        args = {
            "p_tenant_id": tenant,
            "p_item_id": item_id,
            "p_now": timestamp(now),
            "p_note": note,
        }
        done = self._run(rpc(rest, "tb_supersede", args))
        if not isinstance(done, bool):
            raise invalid_response("tb_supersede")
        return done

    @staticmethod
    def _review_args(review: ReviewRecord) -> dict[str, object]:
        from app.domain.reviews import review_detail  # noqa: PLC0415 - off the cold path

        return {
            "p_tenant_id": review.tenant, "p_id": review.id, "p_item_id": review.item_id,
            "p_reviewer": review.reviewer, "p_at": timestamp(review.at),
            "p_action": review.action.value,
            "p_before": review.before.model_dump(mode="json") if review.before else None,
            "p_after": [d.model_dump(mode="json") for d in review.after],
            "p_why": review.why, "p_client_id": review.client_id,
            "p_description": review.description, "p_pattern": review.pattern,
            "p_detail": review_detail(review),
        }  # fmt: skip

    def record_review(self, review: ReviewRecord) -> ReviewRecord:
        rest = self._rest(review.tenant)
        missing = ItemNotFoundError(
            f"no inbox item {review.item_id!r} for tenant {review.tenant!r}"
        )
        if not _is_uuid(review.item_id):
            raise missing
        rows = self._rows(rpc(rest, "tb_record_review", self._review_args(review)), review.tenant)
        if not rows:
            raise missing
        if len(rows) != 1:
            raise invalid_response("tb_record_review")
        return _review(rows[0])

    def reviews(
        self,
        tenant: str,
        *,
        item_id: str | None = None,
        pattern: str | None = None,
        after_seq: int = 0,
        limit: int = 1000,
    ) -> list[ReviewRecord]:
        query = self._rest(tenant).table("reviews").select(_REVIEW_COLUMNS)
        query = query.eq("tenant_id", tenant).gt("seq", after_seq)
        if item_id is not None:
            if not _is_uuid(item_id):
                return []
            query = query.eq("item_id", item_id)
        if pattern is not None:
            query = query.eq("pattern", pattern)
        rows = self._rows(query.order("seq").limit(max(limit, 0)), tenant)
        return [_review(row) for row in rows]

    def review_queue(
        self, tenant: str, *, limit: int = 500, order: QueueOrder = "stake"
    ) -> list[InboxItem]:
        args = {"p_tenant_id": tenant, "p_limit": max(limit, 0), "p_order": order}
        rows = self._rows(rpc(self._rest(tenant), "tb_review_queue", args), tenant)
        return [_item(row) for row in rows]

    def put_reviewer(self, reviewer: Reviewer) -> None:
        args = {"p_tenant_id": reviewer.tenant, "p_name": reviewer.name,
                "p_token_hash": reviewer.token_hash, "p_created_at": timestamp(reviewer.created_at),
                "p_disabled": reviewer.disabled}  # fmt: skip
        if self._run(rpc(self._rest(reviewer.tenant), "tb_put_reviewer", args)) is not True:
            raise invalid_response("tb_put_reviewer")

    def reviewer_by_token(self, tenant: str, token_hash: str) -> Reviewer | None:
        from app.domain.reviews import Reviewer  # noqa: PLC0415 - off the cold path

        query = self._rest(tenant).table("reviewers").select(_REVIEWER_COLUMNS)
        query = query.eq("tenant_id", tenant).eq("token_hash", token_hash).is_("disabled", "false")
        rows = self._rows(query.limit(1), tenant)
        if not rows:
            return None
        return _validated(Reviewer, {**rows[0], "tenant": rows[0].get("tenant_id")}, "reviewer")

    # -- plumbing ----------------------------------------------------------------------------

    def _rest(self, tenant: str | None) -> SyncPostgrestClient:
        return self._api.rest(tenant)

    def _run(self, query: Query, *, unique_violation: Exception | None = None) -> object:
        return self._api.run(query, unique_violation=unique_violation)

    def _rows(
        self, query: Query, tenant: str | None, *, unique_violation: Exception | None = None
    ) -> list[Mapping[str, Any]]:
        return self._api.rows(query, tenant, unique_violation=unique_violation)


# -- rows <-> models -------------------------------------------------------------------------


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except (ValueError, TypeError, AttributeError):
        return False
    return True


def _owned(row: Mapping[str, Any], tenant: str) -> Mapping[str, Any]:
    """Defence in depth: a row of another tenant is a broken server, never data."""
    if row.get("tenant_id") != tenant:
        raise invalid_response("row of another tenant")
    return row


def _sources(tenant: Tenant) -> dict[str, Any]:
    return {
        source.value: {
            "secrets": [s.get_secret_value() for s in access.secrets],
            "accounts": list(access.accounts),
            **({"api_key": access.api_key.get_secret_value()} if access.api_key else {}),
            **({"writes": access.writes} if access.writes != "quickbooks" else {}),
            **({"field_ids": dict(access.field_ids)} if access.field_ids else {}),
        }
        for source, access in tenant.sources.items()
    }


def _tenant(row: Mapping[str, Any]) -> Tenant:
    data = {"id": row.get("tenant_id"), "name": row.get("name"),
            "sources": row.get("sources"), "paused": row.get("paused")}  # fmt: skip
    try:
        return Tenant.model_validate(data)
    except ValidationError:  # the row holds secrets: name the tenant, never echo the row
        raise UpstreamError(
            SYSTEM, UpstreamKind.INVALID_RESPONSE, retryable=False,
            message=f"stored tenant {row.get('tenant_id')!r} is invalid",
        ) from None  # fmt: skip


def _item(row: Mapping[str, Any]) -> InboxItem:
    return _validated(InboxItem, {**row, "tenant": row.get("tenant_id")}, "inbox item")


def _ledger(row: Mapping[str, Any]) -> EntryLedger:
    from app.domain.ledger import EntryLedger  # noqa: PLC0415 - off the cold path

    data = {**row, "tenant": row.get("tenant_id")}
    if isinstance(data.get("records"), list):
        data["records"] = tuple(str(r) for r in data["records"])
    if data.get("item_id") is not None:
        data["item_id"] = str(data["item_id"])
    return _validated(EntryLedger, data, "entry ledger")


def _review(row: Mapping[str, Any]) -> ReviewRecord:
    from app.domain.reviews import ReviewRecord  # noqa: PLC0415 - off the cold path

    return _validated(ReviewRecord, {**row, "tenant": row.get("tenant_id")}, "review")


def _write(rows: list[Mapping[str, Any]], function: str) -> WriteRecord:
    """The one row a ``writes`` function answers (each key it looks up is unique)."""
    if len(rows) != 1:
        raise invalid_response(function)
    return _validated(WriteRecord, {**rows[0], "tenant": rows[0].get("tenant_id")}, "write")


def _validated(model: type[_Row], data: Mapping[str, Any], what: str) -> _Row:
    try:
        return model.model_validate(data)
    except ValidationError:
        raise invalid_response(what) from None


# -- errors ----------------------------------------------------------------------------------

_AUTH_CODES = frozenset({"PGRST301", "PGRST302", "PGRST303", "42501"})
_POOL_CODES = frozenset({"PGRST000", "PGRST001", "PGRST002", "PGRST003"})  # database unreachable
_RETRY_CLASSES = {"08": UpstreamKind.CONNECTION, "53": UpstreamKind.OVERLOADED,
                  "40": UpstreamKind.SERVER, "57": UpstreamKind.SERVER,
                  "58": UpstreamKind.SERVER, "XX": UpstreamKind.SERVER}  # fmt: skip
_HTTP_KINDS = {401: UpstreamKind.AUTH, 403: UpstreamKind.AUTH, 408: UpstreamKind.TIMEOUT,
               429: UpstreamKind.RATE_LIMITED, 504: UpstreamKind.TIMEOUT}  # fmt: skip
_FINAL_KINDS = frozenset({UpstreamKind.AUTH, UpstreamKind.BAD_REQUEST})


def api_error(exc: APIError) -> UpstreamError:
    """Our error for a PostgREST error: kind and retryability from the code, no body text."""
    code = exc.code or ""
    status = int(code) if len(code) == 3 and code.isdigit() else None
    kind, retryable = _error_kind(code, status)
    message = f"postgrest error {code or 'without a code'}"
    return UpstreamError(SYSTEM, kind, retryable=retryable, message=message, status=status)


def _error_kind(code: str, status: int | None) -> tuple[UpstreamKind, bool]:
    if status is not None:  # no PostgREST body: the gateway or a proxy answered
        fallback = UpstreamKind.SERVER if status >= 500 else UpstreamKind.BAD_REQUEST
        kind = _HTTP_KINDS.get(status, fallback)
        return kind, kind not in _FINAL_KINDS
    if code == "57014":  # statement timeout
        return UpstreamKind.TIMEOUT, True
    if code in _POOL_CODES:
        return UpstreamKind.CONNECTION, True
    if code in _AUTH_CODES or code[:2] in ("28", "0P", "0L"):
        return UpstreamKind.AUTH, False
    if code[:2] in _RETRY_CLASSES:
        return _RETRY_CLASSES[code[:2]], True
    return UpstreamKind.BAD_REQUEST, False  # constraint, type, missing function, raise ...


def _judged(response: httpx.Response) -> None:
    """PostgREST answers every call with JSON (``[]`` when no row matches) and names every
    error with a code (``PGRST...`` or a SQLSTATE). An error without one was answered by the
    gateway in front of it (Kong's ``{"message": ...}`` on a 502, a 429 or a bad key), and an
    empty 2xx by something that ran no query: each is raised here, to be judged by its HTTP
    status (``status_error``), never read as a final bad request or as "no rows"."""
    response.read()
    if response.content.strip() and (response.is_success or _has_code(response.content)):
        return
    raise httpx.HTTPStatusError(
        f"HTTP {response.status_code}: not a PostgREST answer",
        request=response.request, response=response,
    )  # fmt: skip


def _has_code(body: bytes) -> bool:
    try:
        error = json.loads(body)
    except ValueError:
        return False
    return isinstance(error, dict) and isinstance(error.get("code"), str) and bool(error["code"])


def status_error(status: int) -> UpstreamError:
    """Our error for an answer that is not PostgREST's: by its HTTP status alone."""
    if 200 <= status < 300:
        return invalid_response(f"empty answer (HTTP {status})")
    kind, retryable = _error_kind(str(status), status)
    message = f"HTTP {status} without a PostgREST code"
    return UpstreamError(SYSTEM, kind, retryable=retryable, message=message, status=status)


def transport_error(exc: httpx.HTTPError) -> UpstreamError:
    if isinstance(exc, httpx.TimeoutException):
        return UpstreamError(SYSTEM, UpstreamKind.TIMEOUT, retryable=True, message="timed out")
    kind = (
        UpstreamKind.CONNECTION if isinstance(exc, httpx.TransportError) else UpstreamKind.UNKNOWN
    )
    return UpstreamError(SYSTEM, kind, retryable=kind is UpstreamKind.CONNECTION,
                         message=f"{type(exc).__name__}")  # fmt: skip
