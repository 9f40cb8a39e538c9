"""Harvest API v2 time entries -> ``TimeEntry`` pages.

``GET https://api.harvestapp.com/v2/time_entries?from&to[&updated_since]&page=1&per_page=2000``
with ``Authorization: Bearer <token>``, ``Harvest-Account-Id`` and a ``User-Agent`` (a missing
one is a 400). Paging follows ``links.next`` until it is null; that URL is the cursor, and a
cursor that does not point at ``https://api.harvestapp.com/v2/`` is refused (it would carry our
token elsewhere). ``from``/``to`` filter ``spent_date``; ``updated_since`` filters the last change,
which is how a poll asks only for what changed. 429 answers carry ``Retry-After`` in seconds.
Source: integrations.md §4 (Harvest's time-entries page, official).

Hours are Harvest's decimal ``hours`` (not ``rounded_hours``, the invoice rounding); Harvest
tracks no start/end in time zones, so both stay None and ``work_date`` is ``spent_date``. A
running timer (``is_running``) is skipped until it stops. ``user_ref`` is the Harvest user id.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from app.connectors.base import (
    Api,
    Billing,
    Page,
    PageProgress,
    Pulled,
    build_page,
    day,
    http_client,
    paginate,
    reading,
)
from app.domain.entries import Source
from app.errors import UpstreamError, UpstreamKind
from app.sources.webhooks import Fields, build_entry

SYSTEM = "harvest"
BASE_URL = "https://api.harvestapp.com"
PATH = "/v2/time_entries"
_LABEL = "Harvest time entry"
_HOURS = Decimal("0.0001")


class HarvestApi:
    source: Source = Source.HARVEST

    def __init__(self, api: Api, *, per_page: int = 2000, tenant: str = "default") -> None:
        self.api, self.per_page, self.tenant = api, per_page, tenant

    @classmethod
    def connect(cls, token: str, account_id: str, **options: Any) -> HarvestApi:
        headers = {"Authorization": f"Bearer {token}", "Harvest-Account-Id": account_id}
        return cls(Api(SYSTEM, http_client(BASE_URL, headers)), **options)

    def fetch(
        self, start: date, end: date, *, cursor: str | None = None,
        updated_since: datetime | None = None, progress: PageProgress | None = None,
    ) -> Iterator[Page]:  # fmt: skip
        query = {"from": start.isoformat(), "to": end.isoformat()}
        if updated_since is not None:
            query["updated_since"] = updated_since.isoformat()
        query |= {"page": "1", "per_page": str(self.per_page)}
        return paginate(f"{BASE_URL}{PATH}?{urlencode(query)}", self._page, cursor, progress)

    def close(self) -> None:
        self.api.http.close()

    def _page(self, url: str) -> Page:
        if not url.startswith(f"{BASE_URL}/v2/"):
            raise UpstreamError(
                SYSTEM, UpstreamKind.BAD_REQUEST, retryable=False,
                message="the saved cursor is not a Harvest API URL; delete the cursor file",
            )  # fmt: skip
        body, _ = self.api.json("GET", url)
        with reading(SYSTEM):
            fields = Fields(body, "Harvest response")
            items = fields.items("time_entries")
            total = fields.get("total_pages")
            return build_page(
                items, _LABEL, self._read, next_cursor=fields.text("links.next") or None,
                total_pages=total if isinstance(total, int) else None,
            )  # fmt: skip

    def _read(self, fields: Fields) -> Pulled | str:
        entry_id = fields.ident("id", required=True)
        if fields.flag("is_running"):
            return f"Harvest entry {entry_id} is a running timer"
        hours = fields.number("hours")
        if hours is None:
            raise fields.error("hours", "missing")
        entry = build_entry(
            _LABEL,
            {
                "source": Source.HARVEST, "external_id": entry_id, "tenant": self.tenant,
                "client": fields.text("client.name"), "project": fields.text("project.name"),
                "task": fields.text("task.name"), "description": fields.text("notes"),
                "work_date": day(fields, "spent_date"), "hours": hours.quantize(_HOURS),
                "billable_flag": fields.flag("billable"), "user_ref": fields.ident("user.id"),
                "user_name": fields.text("user.name"),
            },
        )  # fmt: skip
        billing = Billing(rate=fields.number("billable_rate"), invoiced=fields.flag("is_billed"))
        return Pulled(entry, billing, fields.moment("updated_at"))
