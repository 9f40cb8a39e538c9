"""Toggl Track time entries -> ``TimeEntry`` pages, through the Reports API v3.

Endpoint: ``POST https://api.track.toggl.com/reports/api/v3/workspace/{ws}/search/time_entries``
with ``{"start_date", "end_date", "page_size", "first_id", "first_row_number"}``; HTTP Basic
``{token}:api_token``. The answer is a list of rows (entries grouped by user, project, task,
description, tags and billable) each holding ``time_entries: [{id, seconds, start, stop, at}]``;
a next page is announced by two headers, ``X-Next-ID`` and ``X-Next-Row-Number``, and both are
sent back (``first_id``, ``first_row_number``): the row number alone can repeat or skip rows when
entries share a sort key. Sources: engineering.toggl.com/docs/track/reports/detailed_reports (via
evrone/toggl-python's ``SearchReportTimeEntriesResponse``).

Why not ``GET /api/v9/me/time_entries?start_date&end_date``: it returns only the token owner's
entries and only a few months back (Toggl staff in toggl/toggl_api_docs#294, about v8: "for
longer than 3 months use the reporting API"; third-party clients report the same of v9); an
audit needs a year of the whole workspace.
Reports are capped at one year per query, so the range is read in windows of at most 365 days;
the cursor is ``{window start}:{first row number}:{first id}`` (``{window start}:1:`` for a
window's first page; a cursor saved before ids were kept, ``{window start}:{row}``, still resumes).

Toggl sends ids: project, client and tag names are read once per connector through v9
``GET /api/v9/workspaces/{ws}/projects`` (paged), ``/clients`` and ``/tags``, so entries carry
names as the CSV export does. An unknown project id stays as the id, like the webhook's; tasks
stay ids. ``start``/``end`` keep Toggl's offset and ``work_date`` is the start's date there. A
running entry (no ``stop`` or negative seconds) is skipped. The Reports API cannot filter by last
change: ``updated_since`` is ignored and the window re-read. Rates are in cents.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import httpx

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
from app.sources.webhooks import Fields, build_entry

SYSTEM = "toggl"
BASE_URL = "https://api.track.toggl.com"
WINDOW_DAYS = 365
_LABEL = "Toggl report row"
_PER_PAGE = 200  # v9 projects per page


@dataclass(frozen=True)
class Names:
    """Project id -> (project name, client name), and tag id -> tag name."""

    projects: dict[str, tuple[str, str]]
    tags: dict[str, str]


class TogglApi:
    source: Source = Source.TOGGL

    def __init__(
        self, api: Api, *, workspace: str | None = None, page_size: int = 50,
        tenant: str = "default",
    ) -> None:  # fmt: skip
        self.api, self.workspace, self.page_size, self.tenant = api, workspace, page_size, tenant
        self._names: Names | None = None

    @classmethod
    def connect(cls, token: str, **options: Any) -> TogglApi:
        http = http_client(BASE_URL, {}, auth=httpx.BasicAuth(token, "api_token"))
        return cls(Api(SYSTEM, http), **options)

    def fetch(
        self, start: date, end: date, *, cursor: str | None = None,
        updated_since: datetime | None = None, progress: PageProgress | None = None,
    ) -> Iterator[Page]:  # fmt: skip
        del updated_since  # not filterable here; see the module docstring
        windows = windows_of(start, end)
        first = _cursor(windows[0][0], 1, "")
        return paginate(first, lambda token: self._page(token, windows), cursor, progress)

    def close(self) -> None:
        self.api.http.close()

    def names(self) -> Names:
        if self._names is None:
            root = f"/api/v9/workspaces/{self._workspace()}"
            clients = {c.ident("id"): c.text("name") for c in self._objects(f"{root}/clients")}
            projects = {
                p.ident("id"): (p.text("name"), clients.get(p.ident("client_id"), ""))
                for p in self._projects(root)
            }
            tags = {t.ident("id"): t.text("name") for t in self._objects(f"{root}/tags")}
            self._names = Names(projects, tags)
        return self._names

    def _workspace(self) -> str:
        if self.workspace is None:
            body, _ = self.api.json("GET", "/api/v9/me")
            with reading(SYSTEM):
                self.workspace = Fields(body, "Toggl user").ident(
                    "default_workspace_id", required=True
                )
        return self.workspace

    def _objects(self, path: str, **params: str) -> list[Fields]:
        body, _ = self.api.json("GET", path, params=params)
        with reading(SYSTEM):
            items = Fields({"items": body}, "Toggl response").items("items")
            return [Fields(item, "Toggl object") for item in items]

    def _projects(self, root: str) -> list[Fields]:
        def page_of(page: int) -> list[Fields]:
            return self._objects(f"{root}/projects", page=str(page), per_page=str(_PER_PAGE))

        return numbered_pages(page_of, lambda project: project.ident("id"), _PER_PAGE)

    def _page(self, token: str, windows: list[tuple[date, date]]) -> Page:
        window, row, first_id = _position(token, windows)
        names = self.names()
        payload: dict[str, Any] = {
            "start_date": window[0].isoformat(),
            "end_date": (window[1] + timedelta(days=1)).isoformat(),  # inclusive of window end
            "page_size": self.page_size,
        }
        if first_id:
            payload["first_id"] = int(first_id)
        if row > 1:
            payload["first_row_number"] = row
        path = f"/reports/api/v3/workspace/{self._workspace()}/search/time_entries"
        body, response = self.api.json("POST", path, json=payload)
        following = _following(response.headers, window, windows)
        with reading(SYSTEM):
            items = _flatten(Fields({"rows": body}, "Toggl response").items("rows"))
        page = build_page(items, _LABEL, lambda f: self._read(f, names), next_cursor=following)
        inside = [e for e in page.entries if window[0] <= e.work_date <= window[1]]
        return replace(page, entries=inside)

    def _read(self, row: Fields, names: Names) -> Pulled | str:
        item = row.child("time_entry")
        entry_id = item.ident("id", required=True)
        start, stop, seconds = (
            item.required_moment("start"),
            item.moment("stop"),
            item.number("seconds"),
        )
        if stop is None or seconds is None or seconds < 0:
            return f"Toggl entry {entry_id} is a running timer"
        project_id = row.ident("project_id")
        project, client = names.projects.get(project_id, (project_id, ""))
        tags = tuple(names.tags.get(str(tag), str(tag)) for tag in row.items("tag_ids"))
        entry = build_entry(
            _LABEL,
            {
                "source": Source.TOGGL, "external_id": entry_id, "tenant": self.tenant,
                "client": client, "project": project, "task": row.ident("task_id"), "tags": tags,
                "description": row.text("description"), "work_date": start.date(),
                "start": start, "end": stop, "hours": hours_of(seconds),
                "billable_flag": row.flag("billable"), "user_ref": row.ident("user_id"),
                "user_name": row.text("username"),
            },
        )  # fmt: skip
        rate = cents(row.number("hourly_rate_in_cents"))
        return Pulled(entry, Billing(rate=rate, currency=row.text("currency")), item.moment("at"))


def windows_of(start: date, end: date) -> list[tuple[date, date]]:
    """``start..end`` cut into windows of at most ``WINDOW_DAYS`` days (at least one window)."""
    windows: list[tuple[date, date]] = []
    first = start
    while True:
        last = min(end, first + timedelta(days=WINDOW_DAYS - 1))
        windows.append((first, last))
        if last >= end:
            return windows
        first = last + timedelta(days=1)


def _cursor(day: date, row: int, first_id: str) -> str:
    return f"{day.isoformat()}:{row}:{first_id}"


def _following(
    headers: Mapping[str, str], window: tuple[date, date], windows: list[tuple[date, date]]
) -> str | None:
    """The next page's cursor: both of Toggl's ``X-Next-*`` headers in this window, else the
    next window's first page, else ``None``. The row number says there is a next page; an id
    that is missing or not a number is left out of the next request."""
    next_row = headers.get("x-next-row-number", "").strip()
    next_id = headers.get("x-next-id", "").strip()
    if next_row.isdigit() and int(next_row) >= 1:
        return _cursor(window[0], int(next_row), next_id if next_id.isdigit() else "")
    later = windows.index(window) + 1
    return _cursor(windows[later][0], 1, "") if later < len(windows) else None


def _position(token: str, windows: list[tuple[date, date]]) -> tuple[tuple[date, date], int, str]:
    """(window, first row number, first id or ``""``) of a cursor."""
    day, _, rest = token.partition(":")
    row, _, first_id = rest.partition(":")
    window = next((w for w in windows if w[0].isoformat() == day), None)
    valid_id = first_id == "" or (first_id.isdigit() and len(first_id) <= 20)
    if window is None or not row.isdigit() or int(row) < 1 or not valid_id:
        raise UpstreamError(
            SYSTEM, UpstreamKind.BAD_REQUEST, retryable=False,
            message=f"cursor {token[:80]!r} is not a page of this date range",
        )  # fmt: skip
    return window, int(row), first_id


def _flatten(rows: list[Any]) -> list[Any]:
    """One item per time entry: the row's shared fields plus ``time_entry``."""
    items: list[Any] = []
    for index, row in enumerate(rows):
        fields = Fields(row, "Toggl report row", f"[{index}]")
        shared = {k: v for k, v in row.items() if k != "time_entries"}
        items += [{**shared, "time_entry": te} for te in fields.items("time_entries")]
    return items
