"""Clockify: members listed once, each member's pages read in turn, times moved to the member's
zone (work date is the local day), running timers skipped, resume at a member's page."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import httpx
import respx

from app.connectors.clockify_api import BASE_URL, ClockifyApi
from app.domain.entries import Source
from tests.connectors.conftest import Sleeps, make_api, query, reply

WS = "684446430300f917a02c198b"
JOHN, ANA = "684446430300f917a02c198a", "684446430300f917a02c198c"
ENTRIES = f"{BASE_URL}/v1/workspaces/{WS}/user"
START, END = date(2025, 10, 1), date(2026, 9, 30)


def _clockify(sleeps: Sleeps, workspace: str | None = WS) -> ClockifyApi:
    api = make_api("clockify", BASE_URL, {"X-Api-Key": "ck-key"}, sleeps)
    return ClockifyApi(api, workspace=workspace, page_size=2)


def _entries(request: httpx.Request) -> httpx.Response:
    user = request.url.path.split("/user/")[1].split("/")[0]
    name = {JOHN: "john", ANA: "ana"}[user]
    return reply(f"clockify_entries_{name}_page{query(request)['page']}.json")


def _mock() -> tuple[respx.Route, respx.Route]:
    users = respx.get(f"{BASE_URL}/v1/workspaces/{WS}/users").mock(
        side_effect=lambda request: (
            reply("clockify_users.json")
            if query(request)["page"] == "1"
            else httpx.Response(200, json=[])
        )
    )
    entries = respx.get(url__startswith=ENTRIES).mock(side_effect=_entries)
    return users, entries


@respx.mock
def test_every_member_is_paged_to_the_end(sleeps: Sleeps) -> None:
    users, entries = _mock()
    pages = list(_clockify(sleeps).fetch(START, END))
    ids = [e.external_id for page in pages for e in page.entries]
    assert ids == [
        "68453d0cf0c88d522704ab76",
        "68453d0cf0c88d522704ab77",
        "68453d0cf0c88d522704ab90",
    ]
    assert [page.next_cursor for page in pages] == [f"{JOHN}:2", f"{ANA}:1", None]
    assert pages[1].skipped == ["Clockify entry 68453d0cf0c88d522704ab78 is a running timer"]
    asked = [(call.request.url.path.split("/")[-2], query(call.request)) for call in entries.calls]
    assert [(user, q["page"], q["page-size"]) for user, q in asked] == [
        (JOHN, "1", "2"), (JOHN, "2", "2"), (ANA, "1", "2"),
    ]  # fmt: skip
    assert asked[0][1]["hydrated"] == "true"
    assert (asked[0][1]["start"], asked[0][1]["end"]) == (
        "2025-09-30T00:00:00Z", "2026-10-02T00:00:00Z",
    )  # fmt: skip
    assert users.call_count == 2  # a full page of members asks for the next one
    assert entries.calls[0].request.headers["X-Api-Key"] == "ck-key"


@respx.mock
def test_times_are_in_the_members_zone(sleeps: Sleeps) -> None:
    _mock()
    pages = list(_clockify(sleeps).fetch(START, END))
    late, ana = pages[0].entries[0], pages[2].entries[0]
    assert late.work_date == date(2025, 10, 7)  # 19:30 UTC on the 6th is 01:00 in Kolkata
    assert late.start is not None
    assert late.start.utcoffset() == timedelta(hours=5, minutes=30)
    assert late.start.replace(tzinfo=None) == datetime(2025, 10, 7, 1, 0)
    assert ana.work_date == date(2025, 10, 8)  # 02:00 UTC on the 9th is 22:00 in New York
    assert ana.start is not None
    assert ana.start.utcoffset() == timedelta(hours=-4)


@respx.mock
def test_entries_carry_names_hours_and_rates(sleeps: Sleeps) -> None:
    _mock()
    pages = list(_clockify(sleeps).fetch(START, END))
    entry = pages[0].entries[0]
    assert entry.source is Source.CLOCKIFY
    assert (entry.client, entry.project, entry.task, entry.tags) == (
        "Acme Retail", "Checkout Redesign", "Design", ("onsite",),
    )  # fmt: skip
    assert entry.hours == Decimal("1.5")
    assert (entry.user_ref, entry.user_name, entry.user_email) == (
        JOHN, "John Doe", "john.doe@example.com",
    )  # fmt: skip
    assert pages[0].entries[1].hours == Decimal("2.75")
    assert pages[0].billing[entry.external_id].rate == Decimal("120")
    assert pages[0].billing[entry.external_id].currency == "USD"
    assert pages[2].entries[0].client == ""


@respx.mock
def test_entries_outside_the_range_by_local_date_are_dropped(sleeps: Sleeps) -> None:
    _mock()
    pages = list(_clockify(sleeps).fetch(date(2025, 10, 1), date(2025, 10, 7)))
    ids = [e.external_id for page in pages for e in page.entries]
    assert "68453d0cf0c88d522704ab90" not in ids  # Ana's entry is on the 8th, local time
    assert len(ids) == 2


@respx.mock
def test_resume_reads_only_the_remaining_member_pages(sleeps: Sleeps) -> None:
    _, entries = _mock()
    pages = list(_clockify(sleeps).fetch(START, END, cursor=f"{ANA}:1"))
    assert [e.external_id for p in pages for e in p.entries] == ["68453d0cf0c88d522704ab90"]
    assert [call.request.url.path.split("/")[-2] for call in entries.calls] == [ANA]


@respx.mock
def test_the_active_workspace_is_used_when_none_is_given(sleeps: Sleeps) -> None:
    me = respx.get(f"{BASE_URL}/v1/user").mock(return_value=reply("clockify_user.json"))
    _mock()
    pages = list(_clockify(sleeps, workspace=None).fetch(START, END))
    assert me.call_count == 1
    assert sum(len(page.entries) for page in pages) == 3
