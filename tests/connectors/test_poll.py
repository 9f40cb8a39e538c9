"""poll_once against the real SQLite store: new entries are stored and enqueued, versions already
seen are duplicates, updated_since comes from the last poll, an interrupted poll resumes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
import respx

from app.adapters.sqlite_store import SqliteStore
from app.connectors.cursor import CursorFile
from app.connectors.harvest_api import BASE_URL, HarvestApi
from app.domain.entries import Source
from app.domain.inbox import Tenant
from app.errors import UpstreamError
from app.service.tracker_poll import PollResult, dedupe_key, poll_once
from tests.connectors.conftest import NOW, Sleeps, load, make_api, query, reply

URL = f"{BASE_URL}/v2/time_entries"
SINCE = datetime(2025, 10, 1, tzinfo=UTC)
HEADERS = {"Authorization": "Bearer hv-token", "Harvest-Account-Id": "123456"}


@dataclass
class RecordingQueue:
    jobs: list[tuple[str, str]] = field(default_factory=list)

    def enqueue(self, tenant: str, item_id: str) -> None:
        self.jobs.append((tenant, item_id))


@dataclass
class Rig:
    store: SqliteStore
    queue: RecordingQueue
    cursor: CursorFile
    harvest: HarvestApi

    def poll(self, now: datetime = NOW) -> PollResult:
        return poll_once(
            self.harvest, self.store, "acme", SINCE, now, queue=self.queue, cursor=self.cursor
        )


@pytest.fixture
def rig(tmp_path: Path, sleeps: Sleeps) -> Iterator[Rig]:
    store = SqliteStore(tmp_path / "inbox.sqlite3")
    store.put_tenant(Tenant(id="acme", name="Acme LLP"))
    api = make_api("harvest", BASE_URL, HEADERS, sleeps)
    yield Rig(store, RecordingQueue(), CursorFile(tmp_path / "harvest.poll.json"), HarvestApi(api))
    store.close()


def _pages(request: httpx.Request) -> httpx.Response:
    return reply(f"harvest_time_entries_page{query(request)['page']}.json")


@respx.mock
def test_a_first_poll_stores_and_enqueues_every_new_entry(rig: Rig) -> None:
    route = respx.get(URL).mock(side_effect=_pages)
    result = rig.poll()
    assert (result.fetched, len(result.created), result.duplicates) == (3, 3, 0)
    assert rig.queue.jobs == [("acme", item) for item in result.created]
    items = rig.store.items("acme")
    assert {item.entry.external_id for item in items if item.entry} == {
        "636709355", "636708723", "636708724",
    }  # fmt: skip
    item = next(i for i in items if i.entry and i.entry.external_id == "636709355")
    assert item.entry is not None
    assert item.entry.tenant == "acme"
    changed = datetime(2025, 10, 3, 16, 47, 14, tzinfo=UTC)  # the entry's updated_at
    assert item.dedupe_key == dedupe_key(Source.HARVEST, "636709355", item.entry.version, changed)
    assert item.dedupe_key.startswith("harvest:636709355:")
    assert (item.source, item.event_type) == (Source.HARVEST, "poll")
    first = query(route.calls[0].request)
    assert first["updated_since"] == "2025-10-01T00:00:00+00:00"
    assert (first["from"], first["to"]) == ("2026-07-14", "2026-10-15")


@respx.mock
def test_the_next_poll_asks_from_the_high_water_mark_and_skips_seen_versions(rig: Rig) -> None:
    route = respx.get(URL).mock(side_effect=_pages)
    first = rig.poll()
    later = rig.poll(NOW + timedelta(minutes=15))
    mark = datetime(2025, 11, 20, 8, 15, tzinfo=UTC) - timedelta(minutes=5)
    assert first.next_since == mark
    assert query(route.calls[2].request)["updated_since"] == mark.isoformat()
    assert (later.fetched, later.created, later.duplicates) == (3, [], 3)
    assert len(rig.queue.jobs) == 3
    assert len(rig.store.items("acme")) == 3


@respx.mock
def test_an_edited_entry_is_a_new_version(rig: Rig) -> None:
    respx.get(URL).mock(side_effect=_pages)
    rig.poll()
    edited = load("harvest_time_entries_page1.json")
    edited["time_entries"][0]["hours"] = 2.5
    edited["time_entries"][0]["updated_at"] = "2025-12-01T10:00:00Z"
    edited["links"]["next"] = None
    respx.get(URL).mock(return_value=httpx.Response(200, json=edited))
    result = rig.poll(NOW + timedelta(hours=1))
    assert len(result.created) == 1
    assert result.duplicates == 1
    assert len(rig.store.items("acme")) == 4


@respx.mock
def test_an_edit_undone_is_new_work_again(rig: Rig) -> None:
    """2.11 h, then 2.5 h, then back to 2.11 h: the third poll brings a version whose content
    was seen before, but Harvest changed the entry since (``updated_at``), and what the entry
    says now (2.11 h) must be taken up again; it was a duplicate, and 2.5 h stayed billed."""
    respx.get(URL).mock(side_effect=_pages)
    rig.poll()
    edited = load("harvest_time_entries_page1.json")
    edited["links"]["next"] = None
    edited["time_entries"] = edited["time_entries"][:1]
    edited["time_entries"][0]["hours"] = 2.5
    edited["time_entries"][0]["updated_at"] = "2025-12-01T10:00:00Z"
    respx.get(URL).mock(return_value=httpx.Response(200, json=edited))
    assert len(rig.poll(NOW + timedelta(hours=1)).created) == 1
    undone = load("harvest_time_entries_page1.json")
    undone["links"]["next"] = None
    undone["time_entries"] = undone["time_entries"][:1]
    undone["time_entries"][0]["updated_at"] = "2025-12-01T10:20:00Z"
    respx.get(URL).mock(return_value=httpx.Response(200, json=undone))
    result = rig.poll(NOW + timedelta(hours=2))
    assert (len(result.created), result.duplicates) == (1, 0)
    again = rig.poll(NOW + timedelta(hours=3))  # the same read again: nothing new
    assert (again.created, again.duplicates) == ([], 1)
    latest = rig.store.get("acme", result.created[0])
    assert latest is not None
    assert latest.entry is not None
    assert latest.entry.hours == Decimal("2.11")


@respx.mock
def test_an_interrupted_poll_resumes_at_the_next_page(rig: Rig) -> None:
    route = respx.get(URL).mock(
        side_effect=[reply("harvest_time_entries_page1.json"), httpx.Response(401)]
    )
    with pytest.raises(UpstreamError):
        rig.poll()
    saved = rig.cursor.load()
    assert saved is not None
    assert not saved.complete
    assert saved.pages == 1
    assert len(rig.queue.jobs) == 2  # page 1 was stored and enqueued before the failure
    route.mock(side_effect=_pages)
    result = rig.poll(NOW + timedelta(minutes=1))
    assert result.resumed is True
    assert [query(call.request)["page"] for call in route.calls[2:]] == ["2"]
    assert (len(result.created), result.duplicates) == (1, 0)
    assert saved.updated_since == SINCE  # the resumed run keeps the interrupted run's filter
    done = rig.cursor.load()
    assert done is not None
    assert done.complete


def test_an_unknown_tenant_is_refused(rig: Rig) -> None:
    with pytest.raises(LookupError, match="no tenant"):
        poll_once(rig.harvest, rig.store, "nobody", SINCE, NOW, queue=rig.queue, cursor=rig.cursor)
    assert rig.cursor.load() is None
