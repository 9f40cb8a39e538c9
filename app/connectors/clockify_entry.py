"""Read one Clockify time entry back from the API before anything is written for it.

Clockify's webhook token (``Clockify-Signature``) is static: it proves who sent a delivery, not
what the body says, so anyone who has seen the token can send a body with other hours or
another project under it. With an API key for the tenant (``SourceAccess.api_key`` of its
Clockify source) the worker does not trust the body: it reads the entry the delivery names
from ``GET /v1/workspaces/{workspace}/time-entries/{id}?hydrated=true`` (header ``X-Api-Key``;
the hydrated entry has the project, client, task and tag names the webhook body has) and
writes what Clockify itself holds. A 404 means the entry is gone (a delete); a delete event
the API does not confirm is treated as the entry it finds. The workspace is the tenant's
(the one the delivery named, checked against the tenant's accounts at intake), so a forged
body can at most make the worker read an entry of the tenant's own workspace.

The REST entry has no zoned start: when the start is the one the delivery gave, the
delivery's work date (the person's own calendar day) is kept; otherwise the date is taken in
the same UTC offset. One try per call (no sleeping in the worker): a failure is retried by
the worker's own schedule. httpx and the HTTP helpers are imported at the first read: every
worker builds a rereader, few tenants have a Clockify API key, and httpx is a good part of a
cold start.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from app.domain.entries import Source, TimeEntry
from app.domain.inbox import InboxItem, Tenant
from app.errors import UpstreamError, UpstreamKind
from app.sources.clockify_webhook import _entry
from app.sources.webhooks import Fields, content_hash

if TYPE_CHECKING:
    import httpx

SYSTEM = "clockify"
BASE_URL = "https://api.clockify.me/api"
_LABEL = "Clockify time entry"


class ClockifyRereader:
    source: Source = Source.CLOCKIFY

    def __init__(self, *, base_url: str = BASE_URL, transport: httpx.BaseTransport | None = None):
        self.base_url = base_url
        self.transport = transport

    def available(self, tenant: Tenant) -> bool:
        access = tenant.sources.get(Source.CLOCKIFY)
        return access is not None and bool(access.api_key and access.api_key.get_secret_value())

    def reread(self, tenant: Tenant, item: InboxItem) -> TimeEntry | None:
        access = tenant.sources.get(Source.CLOCKIFY)
        if access is None or access.api_key is None:
            raise UpstreamError(SYSTEM, UpstreamKind.AUTH, retryable=False,
                                message="no Clockify API key for this tenant")  # fmt: skip
        from app.connectors.base import Api, RetryPolicy, http_client, reading  # noqa: PLC0415

        entry_id, workspaces = _names(item, access.accounts)
        extra = {"transport": self.transport} if self.transport is not None else {}
        headers = {"X-Api-Key": access.api_key.get_secret_value()}
        body = None
        with http_client(self.base_url, headers, **extra) as http:
            api = Api(SYSTEM, http, policy=RetryPolicy(attempts=1))
            for workspace in workspaces:
                path = f"/v1/workspaces/{workspace}/time-entries/{entry_id}"
                try:
                    body, _ = api.json("GET", path, params={"hydrated": "true"})
                except UpstreamError as exc:
                    if exc.status == 404:
                        continue  # not in this workspace: gone, unless another has it
                    raise
                break
        if body is None:
            return None  # gone at the source
        with reading(SYSTEM):
            fields = Fields(body, _LABEL)
            if fields.ident("id", required=True) != entry_id:
                raise fields.error("id", "is not the entry asked for")
            if not fields.text("timeInterval.end"):
                raise UpstreamError(SYSTEM, UpstreamKind.CONFLICT, retryable=True,
                                    message=f"entry {entry_id} is running again")  # fmt: skip
            entry = _entry(fields, tenant.id)
        return _dated_as_delivered(entry, item.entry)


def _names(item: InboxItem, accounts: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The entry id the delivery named, and the tenant's workspaces to read it from (the one
    a delete named, else each of the tenant's)."""
    if item.entry is not None:
        entry_id = item.entry.external_id
    elif item.ref is not None:
        entry_id = item.ref.id
    else:
        entry_id = ""
    named = item.ref.account if item.ref is not None and item.ref.account else None
    workspaces = (named,) if named in accounts else accounts
    if not entry_id.isalnum() or not workspaces or named not in (None, *accounts):
        raise UpstreamError(
            SYSTEM, UpstreamKind.BAD_REQUEST, retryable=False,
            message="the delivery names no entry of this tenant's workspaces",
        )  # fmt: skip
    return entry_id, workspaces


def _dated_as_delivered(entry: TimeEntry, delivered: TimeEntry | None) -> TimeEntry:
    if delivered is None or delivered.start is None or entry.start is None:
        return entry
    shift = delivered.work_date - delivered.start.date()  # the person's day vs the UTC day
    work_date = delivered.work_date if entry.start == delivered.start else None
    if work_date is None:
        work_date = entry.start.date() + timedelta(days=shift.days)
    if work_date == entry.work_date:
        return entry
    dated = entry.model_copy(update={"work_date": work_date})
    return dated.model_copy(update={"version": content_hash(dated)})
