"""Harvest: paging on links.next to the end, decimal hours, running timers skipped, headers,
updated_since, resume from a saved cursor, 429 then success."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
import pytest
import respx

from app.connectors.base import Page
from app.connectors.harvest_api import BASE_URL, HarvestApi
from app.domain.entries import Source
from app.errors import UpstreamError, UpstreamKind
from tests.connectors.conftest import Sleeps, load, make_api, query, reply

URL = f"{BASE_URL}/v2/time_entries"
START, END = date(2025, 10, 1), date(2026, 9, 30)
PAGE2_URL = load("harvest_time_entries_page1.json")["links"]["next"]
HEADERS = {"Authorization": "Bearer hv-token", "Harvest-Account-Id": "123456"}


def _harvest(sleeps: Sleeps) -> HarvestApi:
    return HarvestApi(make_api("harvest", BASE_URL, HEADERS, sleeps), per_page=2)


def _pages(request: httpx.Request) -> httpx.Response:
    page = query(request).get("page")
    return reply(f"harvest_time_entries_page{page}.json")


def _all(pages: list[Page]) -> list[str]:
    return [entry.external_id for page in pages for entry in page.entries]


@respx.mock
def test_pages_to_the_end_with_exact_entries(sleeps: Sleeps) -> None:
    route = respx.get(URL).mock(side_effect=_pages)
    done: list[tuple[int, int | None]] = []
    pages = list(_harvest(sleeps).fetch(START, END, progress=lambda d, t: done.append((d, t))))
    assert _all(pages) == ["636709355", "636708723", "636708724"]
    assert [page.next_cursor for page in pages] == [PAGE2_URL, None]
    assert pages[1].skipped == ["Harvest entry 636708725 is a running timer"]
    assert done == [(1, 2), (2, 2)]
    first = route.calls[0].request
    assert query(first) == {"from": "2025-10-01", "to": "2026-09-30", "page": "1", "per_page": "2"}
    assert first.headers["Authorization"] == "Bearer hv-token"
    assert first.headers["Harvest-Account-Id"] == "123456"
    assert first.headers["User-Agent"].startswith("timebill")
    assert str(route.calls[1].request.url) == PAGE2_URL


@respx.mock
def test_entries_carry_names_decimal_hours_and_billing(sleeps: Sleeps) -> None:
    respx.get(URL).mock(side_effect=_pages)
    first, second = list(_harvest(sleeps).fetch(START, END))
    entry = first.entries[0]
    assert entry.source is Source.HARVEST
    assert (entry.client, entry.project, entry.task) == (
        "ABC Corp", "Marketing Website", "Graphic Design",
    )  # fmt: skip
    assert entry.hours == Decimal("2.11")
    assert entry.work_date == date(2025, 10, 2)
    assert (entry.start, entry.end) == (None, None)
    assert (entry.user_ref, entry.user_name) == ("1782959", "Kim Allen")
    assert entry.description == "Adding CSS styling"
    assert entry.billable_flag is True
    assert first.billing["636709355"].rate == Decimal("100.0")
    assert first.billing["636708723"].invoiced is True
    assert second.entries[0].hours == Decimal("0.25")
    assert second.entries[0].billable_flag is False
    assert first.high_water == datetime(2025, 10, 5, 9, 30, tzinfo=UTC)


@respx.mock
def test_updated_since_is_sent(sleeps: Sleeps) -> None:
    route = respx.get(URL).mock(side_effect=_pages)
    since = datetime(2025, 11, 1, 8, 0, tzinfo=UTC)
    list(_harvest(sleeps).fetch(START, END, updated_since=since))
    assert query(route.calls[0].request)["updated_since"] == "2025-11-01T08:00:00+00:00"


@respx.mock
def test_resume_requests_only_the_remaining_pages(sleeps: Sleeps) -> None:
    route = respx.get(URL).mock(side_effect=_pages)
    pages = list(_harvest(sleeps).fetch(START, END, cursor=PAGE2_URL))
    assert _all(pages) == ["636708724"]
    assert [query(call.request)["page"] for call in route.calls] == ["2"]


def test_a_cursor_pointing_elsewhere_is_refused(sleeps: Sleeps) -> None:
    pages = _harvest(sleeps).fetch(START, END, cursor="https://evil.test/v2/time_entries?page=2")
    with pytest.raises(UpstreamError, match="not a Harvest API URL"):
        next(pages)


@respx.mock
def test_429_then_success_waits_retry_after(sleeps: Sleeps) -> None:
    throttled = load("harvest_429.json")
    route = respx.get(URL).mock(
        side_effect=[
            httpx.Response(429, headers=throttled["headers"], json=throttled["body"]),
            reply("harvest_time_entries_page1.json"),
            reply("harvest_time_entries_page2.json"),
        ]
    )
    pages = list(_harvest(sleeps).fetch(START, END))
    assert sleeps.waits == [7.0]
    assert route.call_count == 3
    assert len(_all(pages)) == 3


@respx.mock
def test_401_is_a_clear_error_without_the_token(sleeps: Sleeps) -> None:
    refused = load("harvest_401.json")
    respx.get(URL).mock(return_value=httpx.Response(401, json=refused["body"]))
    with pytest.raises(UpstreamError) as caught:
        list(_harvest(sleeps).fetch(START, END))
    message = str(caught.value)
    assert caught.value.kind is UpstreamKind.AUTH
    assert message.startswith("harvest auth: HTTP 401 on GET /v2/time_entries")
    assert "hv-token" not in message
    assert "invalid_token" not in message


@respx.mock
def test_an_unreadable_entry_is_skipped_not_fatal(sleeps: Sleeps) -> None:
    data = load("harvest_time_entries_page2.json")
    data["time_entries"][0]["hours"] = 30.0  # more than a day: not a valid entry
    respx.get(URL).mock(return_value=httpx.Response(200, json=data))
    (page,) = _harvest(sleeps).fetch(START, END, cursor=PAGE2_URL)
    assert page.entries == []
    assert len(page.skipped) == 2
    assert "hours" in page.skipped[0]


@respx.mock
def test_a_next_link_pointing_back_ends_in_an_error_not_a_loop(sleeps: Sleeps) -> None:
    data = load("harvest_time_entries_page1.json")
    data["links"]["next"] = PAGE2_URL
    route = respx.get(URL).mock(return_value=httpx.Response(200, json=data))
    with pytest.raises(UpstreamError, match="points back"):
        list(_harvest(sleeps).fetch(START, END, cursor=PAGE2_URL))
    assert route.call_count == 1
