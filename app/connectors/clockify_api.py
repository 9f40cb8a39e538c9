"""Clockify REST time entries -> ``TimeEntry`` pages, for every member of a workspace.

Endpoint: ``GET https://api.clockify.me/api/v1/workspaces/{ws}/user/{user}/time-entries`` with
``start``/``end`` (``yyyy-MM-ddThh:mm:ssZ``), ``hydrated=true`` (project, client, task and tag
names inline, as in the webhook body of integrations.md §1.3), ``page`` and ``page-size``;
header ``X-Api-Key``. Source: Clockify's OpenAPI as copied in ``apet97/Dd``
``docs/api-guides/Time-entry/getTimeEntries.md`` (and ``User/getUsersOfWorkspace.md``).

Why not the Reports API (``POST reports.api.clockify.me/.../reports/detailed``): it would read
a workspace in one query, but the captures disagree on its JSON (``timeentries``/``_id`` versus
``timeEntries``/``id``) and the free plan caps it at 366 days; the per-user endpoint's shape is
the documented ``TimeEntryDtoV1``. So the members are listed first
(``GET /v1/workspaces/{ws}/users``, paged, which also gives names, e-mails and time zones), then
each member's entries are read page by page. The cursor is ``{user id}:{page}``. A page shorter
than ``page-size`` (or a ``Last-Page: true`` header) ends a member.

Clockify answers in UTC; each entry is moved to its member's time zone (``settings.timeZone``),
whose date is ``work_date``, as in Clockify's own exports. The UTC query is widened by a day on
each side and entries outside ``start..end`` by local date are dropped. A running timer (no
``end``) is skipped. Clockify cannot filter by last change: ``updated_since`` is ignored and the
window re-read (a poll's dedupe keys skip what did not change). ``hourlyRate.amount`` is in cents.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.connectors.base import (
    Api,
    Billing,
    Page,
    PageProgress,
    Pulled,
    build_page,
    cents,
    hours_of,
    http_client,
    numbered_pages,
    paginate,
    reading,
)
from app.domain.entries import Source
from app.errors import UpstreamError, UpstreamKind
from app.sources.clockify_webhook import _tags  # the hydrated REST entry has the webhook's tags
from app.sources.webhooks import Fields, build_entry

SYSTEM = "clockify"
BASE_URL = "https://api.clockify.me/api"
_LABEL = "Clockify time entry"


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    email: str
    zone: tzinfo


@dataclass(frozen=True)
class _Window:
    start: date
    end: date


class ClockifyApi:
    source: Source = Source.CLOCKIFY

    def __init__(
        self, api: Api, *, workspace: str | None = None, users: tuple[str, ...] = (),
        page_size: int = 200, tenant: str = "default",
    ) -> None:  # fmt: skip
        self.api, self.workspace, self.users = api, workspace, users
        self.page_size, self.tenant = page_size, tenant
        self._members: list[Member] | None = None

    @classmethod
    def connect(cls, api_key: str, **options: Any) -> ClockifyApi:
        return cls(Api(SYSTEM, http_client(BASE_URL, {"X-Api-Key": api_key})), **options)

    def fetch(
        self, start: date, end: date, *, cursor: str | None = None,
        updated_since: datetime | None = None, progress: PageProgress | None = None,
    ) -> Iterator[Page]:  # fmt: skip
        del updated_since  # not filterable here; see the module docstring
        window = _Window(start, end)
        members = self.members()
        if not members:
            return iter(())
        first = f"{members[0].id}:1"
        return paginate(first, lambda token: self._page(token, window), cursor, progress)

    def close(self) -> None:
        self.api.http.close()

    def members(self) -> list[Member]:
        """The workspace's members (only ``users`` when given), sorted by id; read once."""
        if self._members is None:
            found = numbered_pages(self._users, lambda member: member.id, self.page_size)
            wanted = set(self.users)
            chosen = [m for m in found if not wanted or m.id in wanted]
            self._members = sorted(chosen, key=lambda member: member.id)
        return self._members

    def _workspace(self) -> str:
        if self.workspace is None:
            body, _ = self.api.json("GET", "/v1/user")
            with reading(SYSTEM):
                user = Fields(body, "Clockify user")
                self.workspace = user.ident("activeWorkspace") or user.ident(
                    "defaultWorkspace", required=True
                )
        return self.workspace

    def _users(self, page: int) -> list[Member]:
        path = f"/v1/workspaces/{self._workspace()}/users"
        query = {"page": str(page), "page-size": str(self.page_size)}
        body, _ = self.api.json("GET", path, params=query)
        if not isinstance(body, list):
            raise UpstreamError(
                SYSTEM, UpstreamKind.INVALID_RESPONSE, retryable=False, message="not a list"
            )
        with reading(SYSTEM):
            return [_member(Fields(item, "Clockify user")) for item in body]

    def _page(self, token: str, window: _Window) -> Page:
        member, page = self._position(token)
        utc_start = datetime.combine(window.start - timedelta(days=1), time(), UTC)
        utc_end = datetime.combine(window.end + timedelta(days=2), time(), UTC)
        path = f"/v1/workspaces/{self._workspace()}/user/{member.id}/time-entries"
        query = {"start": _z(utc_start), "end": _z(utc_end), "hydrated": "true"}
        query |= {"page": str(page), "page-size": str(self.page_size)}
        body, response = self.api.json("GET", path, params=query)
        with reading(SYSTEM):
            items = Fields({"items": body}, "Clockify response").items("items")
        last = len(items) < self.page_size or response.headers.get("last-page") == "true"
        following = f"{member.id}:{page + 1}" if not last else self._next_member(member)
        page_out = build_page(items, _LABEL, lambda f: self._read(f, member), next_cursor=following)
        inside = [e for e in page_out.entries if window.start <= e.work_date <= window.end]
        return Page(inside, following, None, page_out.billing, page_out.skipped)

    def _position(self, token: str) -> tuple[Member, int]:
        user, _, page = token.rpartition(":")
        member = next((m for m in self.members() if m.id == user), None)
        if member is None or not page.isdigit() or int(page) < 1:
            raise UpstreamError(
                SYSTEM, UpstreamKind.BAD_REQUEST, retryable=False,
                message=f"cursor {token[:80]!r} names no member page of this workspace",
            )  # fmt: skip
        return member, int(page)

    def _next_member(self, member: Member) -> str | None:
        ids = [m.id for m in self.members()]
        after = ids.index(member.id) + 1
        return f"{ids[after]}:1" if after < len(ids) else None

    def _read(self, fields: Fields, member: Member) -> Pulled | str:
        entry_id = fields.ident("id", required=True)
        interval = fields.child("timeInterval")
        start = interval.required_moment("start").astimezone(member.zone)
        end = interval.moment("end")
        if end is None:
            return f"Clockify entry {entry_id} is a running timer"
        end = end.astimezone(member.zone)
        entry = build_entry(
            _LABEL,
            {
                "source": Source.CLOCKIFY, "external_id": entry_id, "tenant": self.tenant,
                "client": fields.text("project.clientName"), "project": fields.text("project.name"),
                "task": fields.text("task.name"), "tags": _tags(fields),
                "description": fields.text("description"), "work_date": start.date(),
                "start": start, "end": end, "billable_flag": fields.flag("billable"),
                "hours": hours_of(Decimal(int((end - start).total_seconds()))),
                "user_ref": member.id, "user_name": member.name, "user_email": member.email,
            },
        )  # fmt: skip
        rate = fields.child("hourlyRate")
        billing = Billing(rate=cents(rate.number("amount")), currency=rate.text("currency"))
        return Pulled(entry, billing)


def _z(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _member(fields: Fields) -> Member:
    name = fields.text("settings.timeZone")
    try:
        zone: tzinfo = ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        zone = UTC  # an unknown zone name: Clockify's own UTC
    return Member(
        fields.ident("id", required=True), fields.text("name"), fields.text("email"), zone
    )
