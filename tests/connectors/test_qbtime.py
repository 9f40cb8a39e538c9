"""QuickBooks Time: pages while "more" is true, jobcode and parent names from supplemental_data,
manual timesheets without times, timesheets on the clock skipped, modified_since on polls."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import httpx
import respx

from app.connectors.qbtime_api import BASE_URL, PATH, QbTimeApi
from app.domain.entries import Source
from tests.connectors.conftest import Sleeps, make_api, query, reply

URL = f"{BASE_URL}{PATH}"
START, END = date(2025, 10, 1), date(2026, 9, 30)


def _qbtime(sleeps: Sleeps) -> QbTimeApi:
    return QbTimeApi(make_api("qbtime", BASE_URL, {"Authorization": "Bearer qb-token"}, sleeps))


def _pages(request: httpx.Request) -> httpx.Response:
    return reply(f"qbtime_timesheets_page{query(request)['page']}.json")


@respx.mock
def test_pages_while_more_is_true(sleeps: Sleeps) -> None:
    route = respx.get(URL).mock(side_effect=_pages)
    pages = list(_qbtime(sleeps).fetch(START, END))
    assert [e.external_id for p in pages for e in p.entries] == [
        "135288482", "135288514", "135522568",
    ]  # fmt: skip
    assert [p.next_cursor for p in pages] == ["2", None]
    assert pages[1].skipped == ["QuickBooks Time timesheet 135522569 is on the clock"]
    asked = query(route.calls[0].request)
    assert asked == {
        "start_date": "2025-10-01", "end_date": "2026-09-30", "page": "1", "limit": "200",
        "supplemental_data": "yes",
    }  # fmt: skip
    assert route.calls[0].request.headers["Authorization"] == "Bearer qb-token"


@respx.mock
def test_names_come_from_supplemental_data(sleeps: Sleeps) -> None:
    respx.get(URL).mock(side_effect=_pages)
    (training, remodel), (manual,) = (p.entries for p in _qbtime(sleeps).fetch(START, END))
    assert training.source is Source.QB_TIME
    assert (training.client, training.project, training.billable_flag) == (
        "", "Internal training", False,
    )  # fmt: skip
    assert (remodel.client, remodel.project, remodel.billable_flag) == (
        "Harper Homes", "Kitchen remodel", True,
    )  # fmt: skip
    assert (training.user_name, training.user_email, training.user_ref) == (
        "Alexander Luzzana", "alexander@example.com", "1242515",
    )  # fmt: skip
    assert training.hours == Decimal("6.8833")  # 24780 s
    assert training.start is not None
    assert training.start.utcoffset() == timedelta(hours=-6)
    assert remodel.work_date == date(2025, 10, 16)  # 21:07 at -06:00 is the 17th in UTC
    assert (manual.start, manual.end, manual.hours) == (None, None, Decimal("4.32"))


@respx.mock
def test_a_poll_asks_by_modified_since_and_resumes_by_page(sleeps: Sleeps) -> None:
    route = respx.get(URL).mock(side_effect=_pages)
    since = datetime(2025, 10, 20, 8, 0, tzinfo=UTC)
    pages = list(_qbtime(sleeps).fetch(START, END, cursor="2", updated_since=since))
    asked = query(route.calls[0].request)
    assert asked["modified_since"] == "2025-10-20T08:00:00+00:00"
    assert "start_date" not in asked
    assert [query(call.request)["page"] for call in route.calls] == ["2"]
    assert pages[0].high_water == datetime(2025, 10, 24, 15, 30, tzinfo=UTC)
