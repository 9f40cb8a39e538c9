"""The ``Writer`` port on Toggl Track itself: tags and the billable flag on the person's entry.

What is written (API v9, ``PUT /api/v9/workspaces/{ws}/time_entries/{id}``): the tags
``code:XYZ`` (the billing code) and ``review`` (while a person must look), next to the person's
own tags, and ``billable`` from the SOW decision. Toggl's update changes only the fields it is
sent, so the body is ``{"billable", "tags"}`` and nothing else on the entry is touched; ``tags``
is the full list (the person's tags as the delivery carried them, ours replaced), which drops a
stale ``code:`` tag after a re-classification. Tags belong to the workspace: a tag of ours that
is missing is created first (``POST /api/v9/workspaces/{ws}/tags``), the workspace's tags read
once per process (``GET``).

One entry, one record: the record is the entry itself, so an edit updates it and nothing is
created; a deleted entry (404) is not re-created: its write ends as ``gone``
(the worker skips it; the delete webhook ends the entry). When the entry
(as delivered) already carries our tags and flag, nothing is sent: the echo of our own update
ends there. A retry is idempotent: the PUT sets absolute values (a tag list and a flag), so a
repeat leaves the entry as the first did. One try per call: 429 surfaces as ``rate_limited``
with ``Retry-After``, a refused or missing token as ``auth`` (the worker parks the entry).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.adapters.tracker_session import TrackerSession, workspace_of
from app.domain.decisions import Decision
from app.domain.entries import Source, TimeEntry
from app.domain.inbox import InboxItem, Tenant
from app.domain.tracker_marks import marks_of, ours
from app.errors import UpstreamError, UpstreamKind

if TYPE_CHECKING:
    import httpx

    from app.connectors.base import Api

SYSTEM = "toggl"
BASE_URL = "https://api.track.toggl.com"


class TogglWriter:
    system = SYSTEM

    def __init__(
        self, *, base_url: str = BASE_URL, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.base_url, self.transport = base_url, transport
        self.tags: dict[tuple[str, str], set[str]] = {}  # (tenant, ws) -> tag names

    def write(
        self, tenant: Tenant, item: InboxItem, decision: Decision, *,
        record_id: str | None = None, create_key: str = "",
    ) -> str:  # fmt: skip
        del create_key  # nothing is ever created: the record is the entry itself
        entry = _entry(item)
        entry_id = record_id or entry.external_id
        marks = marks_of(decision)
        tags = [*(tag for tag in entry.tags if not ours(tag)), *marks.tags]
        if set(tags) == set(entry.tags) and entry.billable_flag is marks.billable:
            return entry_id  # already says so: our own update echoed back, or a repeat
        workspace = workspace_of(tenant, item, Source.TOGGL, SYSTEM)
        with self._api(tenant) as api:
            self._ensure_tags(api, tenant.id, workspace, marks.tags)
            path = f"/api/v9/workspaces/{workspace}/time_entries/{entry_id}"
            _put(api, path, {"billable": marks.billable, "tags": tags}, entry_id)
        return entry_id

    def delete(self, tenant: Tenant, item: InboxItem, record_id: str) -> str:
        """The record is the person's entry, gone at the source already: nothing to do."""
        del tenant, item
        return f"already gone (entry {record_id} was deleted in Toggl)"

    def _api(self, tenant: Tenant) -> TrackerSession:
        access = tenant.sources.get(Source.TOGGL)
        token = access.api_key.get_secret_value() if access and access.api_key else ""
        if not token:
            raise UpstreamError(SYSTEM, UpstreamKind.AUTH, retryable=False,
                                message="no Toggl API token for this tenant")  # fmt: skip
        import httpx  # noqa: PLC0415 - at the first write: most workers never write to Toggl

        from app.connectors.base import http_client  # noqa: PLC0415

        auth = httpx.BasicAuth(token, "api_token")
        extra = {"transport": self.transport} if self.transport is not None else {}
        make = lambda: http_client(self.base_url, {}, auth=auth, **extra)  # noqa: E731
        return TrackerSession(make, SYSTEM, f"{self.base_url} {id(self.transport)} {token}")

    def _ensure_tags(self, api: Api, tenant: str, workspace: str, wanted: tuple[str, ...]) -> None:
        path = f"/api/v9/workspaces/{workspace}/tags"
        known = self.tags.get((tenant, workspace))
        if known is None:
            found, _ = api.json("GET", path)
            known = {str(t.get("name")) for t in found or [] if isinstance(t, dict)}
            self.tags[(tenant, workspace)] = known
        for name in wanted:
            if name not in known:
                api.json("POST", path, json={"name": name, "workspace_id": int(workspace)})
                known.add(name)


def _put(api: Api, path: str, body: dict[str, Any], entry_id: str) -> None:
    try:
        api.json("PUT", path, json=body)
    except UpstreamError as exc:
        if exc.status == 404:
            raise UpstreamError(SYSTEM, UpstreamKind.GONE, retryable=False, status=404,
                                message=f"entry {entry_id} is gone: it is not re-created"
                                ) from None  # fmt: skip
        raise


def _entry(item: InboxItem) -> TimeEntry:
    if item.entry is None or item.entry.source is not Source.TOGGL:
        raise UpstreamError(SYSTEM, UpstreamKind.BAD_REQUEST, retryable=False,
                            message="the Toggl writer writes Toggl entries only")  # fmt: skip
    return item.entry
