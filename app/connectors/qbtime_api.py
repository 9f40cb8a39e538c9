"""QuickBooks Time (TSheets) timesheets -> ``TimeEntry`` pages.

Endpoint: ``GET https://rest.tsheets.com/api/v1/timesheets`` with ``start_date``/``end_date``
(``YYYY-MM-DD``, on the timesheet's ``date``) or, for a poll, ``modified_since`` (ISO-8601 with
offset); ``page`` and ``limit`` (at most 200); ``Authorization: Bearer <token>``. Pages go on
while the body says ``"more": true``; the cursor is the page number. Source: integrations.md §3.5
and ``TSheetsTeam/api_docs`` ``source/includes/APIReference/Timesheets/_retrieve.md.erb``.

``results.timesheets`` is an object keyed by id. Names come from the same answer's
``supplemental_data``: the jobcode is the project, its parent jobcode (``parent_id`` not 0) the
client, the jobcode's ``billable`` the billable tick, and the user's first and last name and
e-mail the person. ``duration`` is seconds; ``date`` is the user's local day and ``work_date``;
``start``/``end`` keep their offsets (a manual timesheet has none). A timesheet still on the
clock is skipped. With ``updated_since`` the date range is applied here, after the fetch.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from app.connectors.base import (
    Api,
    Page,
    PageProgress,
    Pulled,
    build_page,
    day,
    hours_of,
    http_client,
    paginate,
    reading,
)
from app.domain.entries import Source
from app.errors import UpstreamError, UpstreamKind
from app.sources.webhooks import Fields, build_entry

SYSTEM = "qbtime"
BASE_URL = "https://rest.tsheets.com"
PATH = "/api/v1/timesheets"
LIMIT = 200
_LABEL = "QuickBooks Time timesheet"


class QbTimeApi:
    source: Source = Source.QB_TIME

    def __init__(self, api: Api, *, tenant: str = "default") -> None:
        self.api, self.tenant = api, tenant

    @classmethod
    def connect(cls, token: str, **options: Any) -> QbTimeApi:
        http = http_client(BASE_URL, {"Authorization": f"Bearer {token}"})
        return cls(Api(SYSTEM, http), **options)

    def fetch(
        self, start: date, end: date, *, cursor: str | None = None,
        updated_since: datetime | None = None, progress: PageProgress | None = None,
    ) -> Iterator[Page]:  # fmt: skip
        if updated_since is not None:
            query = {"modified_since": updated_since.isoformat(timespec="seconds")}
        else:
            query = {"start_date": start.isoformat(), "end_date": end.isoformat()}

        def page_at(token: str) -> Page:
            return self._page(token, query, start, end)

        return paginate("1", page_at, cursor, progress)

    def close(self) -> None:
        self.api.http.close()

    def _page(self, token: str, query: dict[str, str], start: date, end: date) -> Page:
        if not token.isdigit() or int(token) < 1:
            raise UpstreamError(
                SYSTEM, UpstreamKind.BAD_REQUEST, retryable=False,
                message=f"cursor {token[:80]!r} is not a page number",
            )  # fmt: skip
        params = {**query, "page": token, "limit": str(LIMIT), "supplemental_data": "yes"}
        body, _ = self.api.json("GET", PATH, params=params)
        with reading(SYSTEM):
            fields = Fields(body, "QuickBooks Time response")
            extra = fields.child("supplemental_data")
            following = str(int(token) + 1) if fields.flag("more") else None
            items = _sheets(fields)
            page = build_page(items, _LABEL, lambda f: self._read(f, extra), next_cursor=following)
        inside = [e for e in page.entries if start <= e.work_date <= end]
        return replace(page, entries=inside)

    def _read(self, sheet: Fields, extra: Fields) -> Pulled | str:
        sheet_id = sheet.ident("id", required=True)
        if sheet.flag("on_the_clock"):
            return f"QuickBooks Time timesheet {sheet_id} is on the clock"
        seconds = sheet.number("duration")
        if seconds is None:
            raise sheet.error("duration", "missing")
        job = extra.child("jobcodes").child(sheet.ident("jobcode_id") or "-")
        parent = job.ident("parent_id")
        client = (
            extra.child("jobcodes").child(parent).text("name") if parent not in ("", "0") else ""
        )
        user = extra.child("users").child(sheet.ident("user_id") or "-")
        name = " ".join(p for p in (user.text("first_name"), user.text("last_name")) if p)
        entry = build_entry(
            _LABEL,
            {
                "source": Source.QB_TIME, "external_id": sheet_id, "tenant": self.tenant,
                "client": client, "project": job.text("name"), "description": sheet.text("notes"),
                "work_date": day(sheet, "date"), "start": sheet.moment("start"),
                "end": sheet.moment("end"), "hours": hours_of(seconds),
                "billable_flag": job.flag("billable"), "user_ref": sheet.ident("user_id"),
                "user_name": name, "user_email": user.text("email"),
            },
        )  # fmt: skip
        return Pulled(entry, updated_at=sheet.moment("last_modified"))


def _sheets(fields: Fields) -> list[Any]:
    """The timesheets: an object keyed by id (``[]`` too, as an empty one may come)."""
    found = fields.get("results.timesheets")
    if isinstance(found, dict):
        return list(found.values())
    if found is None or found == []:
        return []
    raise fields.error("results.timesheets", "is not an object")
