"""Toggl: Reports API v3 paged on both X-Next-ID and X-Next-Row-Number, names resolved once
through v9 lookups, Basic auth with the token, offsets kept, running entries skipped, year-long
windows, resume."""

from __future__ import annotations

import base64
from datetime import date, timedelta
from decimal import Decimal

import httpx
import pytest
import respx

from app.connectors.toggl_api import BASE_URL, TogglApi, windows_of
from app.domain.entries import Source
from app.errors import UpstreamError
from tests.connectors.conftest import Sleeps, body, make_api, reply

WS = "7435584"
REPORT = f"{BASE_URL}/reports/api/v3/workspace/{WS}/search/time_entries"
V9 = f"{BASE_URL}/api/v9/workspaces/{WS}"
START, END = date(2025, 10, 1), date(2026, 9, 30)


def _toggl(sleeps: Sleeps, workspace: str | None = WS) -> TogglApi:
    auth = httpx.BasicAuth("tg-token", "api_token")
    return TogglApi(make_api("toggl", BASE_URL, {}, sleeps, auth=auth), workspace=workspace)


# Page 1 ends after row 1; Toggl names the next page by the first entry id and row number of
# page 2 (toggl_report_page2.json: row_number 2, first entry 3050537801).
NEXT = {"X-Next-ID": "3050537801", "X-Next-Row-Number": "2"}


def _report(request: httpx.Request) -> httpx.Response:
    sent = body(request)
    cursors = (sent.get("first_id"), sent.get("first_row_number"))
    if cursors == (3050537801, 2):
        return reply("toggl_report_page2.json")
    if cursors != (None, None):  # one cursor without the other: not a page Toggl handed out
        return httpx.Response(400, json="first_id and first_row_number go together")
    return reply("toggl_report_page1.json", NEXT)


def _mock() -> dict[str, respx.Route]:
    return {
        "report": respx.post(REPORT).mock(side_effect=_report),
        "projects": respx.get(f"{V9}/projects").mock(return_value=reply("toggl_projects.json")),
        "clients": respx.get(f"{V9}/clients").mock(return_value=reply("toggl_clients.json")),
        "tags": respx.get(f"{V9}/tags").mock(return_value=reply("toggl_tags.json")),
    }


@respx.mock
def test_pages_follow_both_next_cursors_to_the_end(sleeps: Sleeps) -> None:
    routes = _mock()
    pages = list(_toggl(sleeps).fetch(START, END))
    assert [e.external_id for p in pages for e in p.entries] == [
        "3050537739", "3050537740", "3050537801",
    ]  # fmt: skip
    assert [p.next_cursor for p in pages] == ["2025-10-01:2:3050537801", None]
    assert pages[1].skipped == ["Toggl entry 3050537802 is a running timer"]
    first, second = (body(call.request) for call in routes["report"].calls)
    assert first == {"start_date": "2025-10-01", "end_date": "2026-10-01", "page_size": 50}
    assert (second["first_id"], second["first_row_number"]) == (3050537801, 2)
    expected = "Basic " + base64.b64encode(b"tg-token:api_token").decode()
    assert routes["report"].calls[0].request.headers["Authorization"] == expected


@respx.mock
def test_project_client_and_tag_names_are_resolved_once(sleeps: Sleeps) -> None:
    routes = _mock()
    pages = list(_toggl(sleeps).fetch(START, END))
    first, internal = pages[0].entries[0], pages[1].entries[0]
    assert first.source is Source.TOGGL
    assert (first.client, first.project, first.tags) == (
        "Big Company", "Project for Big Company", ("meeting", "billable-review"),
    )  # fmt: skip
    assert (internal.client, internal.project, internal.task) == ("", "Internal", "88001")
    assert (first.user_ref, first.user_name, first.description) == (
        "9547721", "Peter Tester", "Working hard",
    )  # fmt: skip
    assert [r.call_count for r in routes.values()] == [2, 1, 1, 1]
    assert pages[0].billing["3050537739"].rate == Decimal("111.1")
    assert pages[0].billing["3050537739"].currency == "EUR"


@respx.mock
def test_hours_are_decimal_and_offsets_are_kept(sleeps: Sleeps) -> None:
    _mock()
    pages = list(_toggl(sleeps).fetch(START, END))
    first, midnight, eastern = pages[0].entries + pages[1].entries
    assert first.hours == Decimal("1.0003")  # 3601 s
    assert midnight.work_date == date(2025, 10, 8)  # 00:20 at +02:00, still the 7th in UTC
    assert midnight.start is not None
    assert midnight.start.utcoffset() == timedelta(hours=2)
    assert eastern.hours == Decimal("0.75")
    assert eastern.start is not None
    assert eastern.start.utcoffset() == timedelta(hours=-5)


@respx.mock
def test_resume_requests_only_the_remaining_pages(sleeps: Sleeps) -> None:
    routes = _mock()
    pages = list(_toggl(sleeps).fetch(START, END, cursor="2025-10-01:2:3050537801"))
    assert [e.external_id for p in pages for e in p.entries] == ["3050537801"]
    sent = [body(c.request) for c in routes["report"].calls]
    assert [(s.get("first_id"), s.get("first_row_number")) for s in sent] == [(3050537801, 2)]


def test_a_cursor_that_names_no_page_of_the_range_is_refused(sleeps: Sleeps) -> None:
    for bad in ("2025-10-01:2:abc", "2025-10-01:0:1", "2024-01-01:2:1", "2025-10-01"):
        with pytest.raises(UpstreamError, match="is not a page of this date range"):
            list(_toggl(sleeps).fetch(START, END, cursor=bad))


@respx.mock
def test_the_default_workspace_is_used_when_none_is_given(sleeps: Sleeps) -> None:
    me = respx.get(f"{BASE_URL}/api/v9/me").mock(return_value=reply("toggl_me.json"))
    _mock()
    pages = list(_toggl(sleeps, workspace=None).fetch(START, END))
    assert me.call_count == 1
    assert sum(len(p.entries) for p in pages) == 3


def test_ranges_are_cut_into_windows_of_at_most_a_year() -> None:
    assert windows_of(START, END) == [(START, END)]
    long = windows_of(date(2024, 1, 1), date(2025, 12, 31))
    assert long == [
        (date(2024, 1, 1), date(2024, 12, 30)), (date(2024, 12, 31), date(2025, 12, 30)),
        (date(2025, 12, 31), date(2025, 12, 31)),
    ]  # fmt: skip
    assert all((last - first).days < 365 for first, last in long)


@respx.mock
def test_a_long_range_moves_to_the_next_window(sleeps: Sleeps) -> None:
    routes = _mock()
    routes["report"].mock(return_value=httpx.Response(200, json=[]))
    pages = list(_toggl(sleeps).fetch(date(2024, 1, 1), date(2025, 6, 30)))
    assert [p.next_cursor for p in pages] == ["2024-12-31:1:", None]
    starts = [body(c.request)["start_date"] for c in routes["report"].calls]
    assert starts == ["2024-01-01", "2024-12-31"]
