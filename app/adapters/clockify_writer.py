"""The ``Writer`` port on Clockify itself: the decision written onto the person's own entry.

What is written: the billing code, the review state (``review`` / ``ok``) and a short reason
into three workspace custom fields (``timebill_code``, ``timebill_review``, ``timebill_reason``,
type ``TXT``), and the entry's ``billable`` flag from the SOW decision. Nothing else on the
entry is touched. The custom fields belong to the workspace: ``CustomFields`` finds them by
name (``GET /v1/workspaces/{ws}/custom-fields``) or creates them (``POST``);
``timebill trackers connect clockify`` stores their ids with the tenant, and a tenant never
connected gets one lookup per workspace per process.

Clockify's update replaces the whole entry (``PUT /v1/workspaces/{ws}/time-entries/{id}``,
``start`` required): the writer reads the entry (``GET``), merges only what timebill owns into
the fields the update takes (start, end, description, project, task, tags, type, the other
custom fields as they are), and writes that back. When the entry already says what we would
write, nothing is sent: that is what ends the echo of our own update. An update Clockify
refuses (400) is tried once more with our fields found or made again by name, when that gives
other ids: an admin deleted one of them in the workspace (the ids are kept for the process).

One entry, one record for its whole life: the record is the entry itself (its id), so an edit
updates it, and nothing ever creates an entry: a deleted entry (404) is not re-created: its
write ends as ``gone`` (the worker skips it; the delete webhook ends the entry). Retries are
idempotent: the PUT carries the whole entry as it should be, so sending it twice leaves the
entry as sending it once does (a retry after a lost answer re-reads, finds it written and sends
nothing). One try per call: a 429 surfaces as
``rate_limited`` with ``Retry-After`` (the worker reschedules), a refused key (401/403) or no
key as ``auth`` (the worker parks the entry as ``waiting``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.adapters.tracker_session import TrackerSession, workspace_of
from app.domain.decisions import Decision
from app.domain.entries import Source
from app.domain.inbox import InboxItem, Tenant
from app.domain.tracker_marks import Marks, marks_of
from app.errors import UpstreamError, UpstreamKind

if TYPE_CHECKING:
    import httpx

    from app.connectors.base import Api

SYSTEM = "clockify"
BASE_URL = "https://api.clockify.me/api"
FIELD_NAMES = {"code": "timebill_code", "review": "timebill_review", "reason": "timebill_reason"}
_KEPT = ("description", "projectId", "taskId", "tagIds", "type")


class ClockifyWriter:
    system = SYSTEM

    def __init__(
        self, *, base_url: str = BASE_URL, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.base_url, self.transport = base_url, transport
        self.fields: dict[tuple[str, str], dict[str, str]] = {}  # (tenant, ws) -> name -> id

    def write(
        self, tenant: Tenant, item: InboxItem, decision: Decision, *,
        record_id: str | None = None, create_key: str = "",
    ) -> str:  # fmt: skip
        del create_key  # nothing is ever created: the record is the entry itself
        entry_id = record_id or _entry_id(item)
        workspace = workspace_of(tenant, item, Source.CLOCKIFY, SYSTEM)
        marks = marks_of(decision)
        with self._api(tenant) as api:
            ids = self._field_ids(api, tenant, workspace)
            path = f"/v1/workspaces/{workspace}/time-entries/{entry_id}"
            current = _read(api, path, entry_id)
            try:
                _update(api, path, current, marks, ids)
            except UpstreamError as exc:
                if exc.status != 400:
                    raise
                # One of our fields may have been deleted in the workspace (its id refused):
                # find or make them again, and write once more if that changed anything.
                found = custom_fields(api, workspace)
                if found == ids:
                    raise
                self.fields[(tenant.id, workspace)] = found
                _update(api, path, current, marks, found)
        return entry_id

    def delete(self, tenant: Tenant, item: InboxItem, record_id: str) -> str:
        """The record is the person's entry, gone at the source already: nothing to do."""
        del tenant, item
        return f"already gone (entry {record_id} was deleted in Clockify)"

    def _api(self, tenant: Tenant) -> TrackerSession:
        access = tenant.sources.get(Source.CLOCKIFY)
        key = access.api_key.get_secret_value() if access and access.api_key else ""
        if not key:
            raise UpstreamError(SYSTEM, UpstreamKind.AUTH, retryable=False,
                                message="no Clockify API key for this tenant")  # fmt: skip
        from app.connectors.base import http_client  # noqa: PLC0415 - httpx at the first write

        extra = {"transport": self.transport} if self.transport is not None else {}
        make = lambda: http_client(self.base_url, {"X-Api-Key": key}, **extra)  # noqa: E731
        return TrackerSession(make, SYSTEM, f"{self.base_url} {id(self.transport)} {key}")

    def _field_ids(self, api: Api, tenant: Tenant, workspace: str) -> dict[str, str]:
        """The ids found again after the workspace refused one, else those stored with the
        tenant at connect time; without them (never connected), found or created once per
        process."""
        cached = self.fields.get((tenant.id, workspace))
        if cached is not None:
            return cached
        access = tenant.sources.get(Source.CLOCKIFY)
        stored = access.field_ids if access else {}
        if set(FIELD_NAMES) <= set(stored):
            return dict(stored)
        found = self.fields[(tenant.id, workspace)] = custom_fields(api, workspace)
        return found

    def connect(self, tenant: Tenant) -> Tenant:
        """The tenant with our custom fields found or created in its one Clockify workspace and
        their ids stored on its Clockify source (``timebill trackers connect clockify``)."""
        access = tenant.sources.get(Source.CLOCKIFY)
        if access is None or len(access.accounts) != 1:
            raise ValueError(f"tenant {tenant.id!r} needs exactly one Clockify workspace")
        with self._api(tenant) as api:
            ids = custom_fields(api, access.accounts[0])
        changed = access.model_copy(update={"field_ids": ids})
        return tenant.model_copy(update={"sources": {**tenant.sources, Source.CLOCKIFY: changed}})


def custom_fields(api: Api, workspace: str) -> dict[str, str]:
    """Our three custom fields' ids by role, found by name or created (type ``TXT``)."""
    path = f"/v1/workspaces/{workspace}/custom-fields"
    found, _ = api.json("GET", path)
    by_name = {str(f.get("name")): str(f.get("id")) for f in found if isinstance(f, dict)}
    ids: dict[str, str] = {}
    for role, name in FIELD_NAMES.items():
        if name not in by_name:
            asked = {"name": name, "type": "TXT", "status": "VISIBLE"}
            made, _ = api.json("POST", path, json=asked)
            by_name[name] = str(made["id"])
        ids[role] = by_name[name]
    return ids


def merged(current: dict[str, Any], marks: Marks, ids: dict[str, str]) -> dict[str, Any]:
    """The update request: the entry as it is, with our fields overlaid."""
    interval = current.get("timeInterval") or {}
    body: dict[str, Any] = {"start": interval.get("start"), "end": interval.get("end")}
    body.update({key: current[key] for key in _KEPT if key in current})
    values = {v["customFieldId"]: v.get("value") for v in _values(current)}
    values.update({ids["code"]: marks.code, ids["review"]: marks.review,
                   ids["reason"]: marks.reason})  # fmt: skip
    body["customFields"] = [{"customFieldId": k, "value": v} for k, v in values.items()]
    body["billable"] = marks.billable
    return body


def _update(
    api: Api, path: str, current: dict[str, Any], marks: Marks, ids: dict[str, str]
) -> None:
    body = merged(current, marks, ids)
    if not unchanged(current, body, ids):
        api.json("PUT", path, json=body)


def unchanged(current: dict[str, Any], body: dict[str, Any], ids: dict[str, str]) -> bool:
    """The entry already holds what timebill owns (billable and our three fields)."""
    if bool(current.get("billable")) != body["billable"]:
        return False
    have = {v["customFieldId"]: v.get("value") for v in _values(current)}
    want = {v["customFieldId"]: v["value"] for v in body["customFields"]}
    return all((have.get(ids[role]) or "") == want[ids[role]] for role in FIELD_NAMES)


def _values(entry: dict[str, Any]) -> list[dict[str, Any]]:
    values = entry.get("customFieldValues") or []
    return [v for v in values if isinstance(v, dict) and v.get("customFieldId")]


def _read(api: Api, path: str, entry_id: str) -> dict[str, Any]:
    try:
        body, _ = api.json("GET", path)
    except UpstreamError as exc:
        if exc.status == 404:
            raise UpstreamError(SYSTEM, UpstreamKind.GONE, retryable=False, status=404,
                                message=f"entry {entry_id} is gone: it is not re-created"
                                ) from None  # fmt: skip
        raise
    if not isinstance(body, dict) or not (body.get("timeInterval") or {}).get("start"):
        raise UpstreamError(SYSTEM, UpstreamKind.INVALID_RESPONSE, retryable=True,
                            message=f"entry {entry_id} came back without a start")  # fmt: skip
    return body


def _entry_id(item: InboxItem) -> str:
    if item.entry is None or item.entry.source is not Source.CLOCKIFY:
        raise UpstreamError(SYSTEM, UpstreamKind.BAD_REQUEST, retryable=False,
                            message="the Clockify writer writes Clockify entries only")  # fmt: skip
    return item.entry.external_id
