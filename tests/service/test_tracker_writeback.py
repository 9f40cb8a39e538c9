"""Decisions written back onto the tracker's own entry (issue 14): Clockify custom fields and
billable by read-merge-PUT, Toggl tags and billable through API v9; the lifecycle of the
QuickBooks writer (edits update, deletes are not re-created, echoes end, 429 rescheduled, a
refused key parks the entry), against ``tests/trackers/fakes.py`` through respx. Deliveries go
through the app as signed webhooks; the vendors' answers start from
``tests/data/connectors/clockify_time_entry.json`` (see ``tests/data/trackers/README.md``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import respx
from pydantic import SecretStr
from typer.testing import CliRunner

from app.adapters.clockify_writer import ClockifyWriter
from app.adapters.outbox_writer import OutboxWriter
from app.adapters.toggl_writer import TogglWriter
from app.cli import app
from app.domain.entries import Source
from app.domain.inbox import Status, Tenant, Writes
from app.review.learning import MemoryBank
from app.review.proposals import Proposals
from app.review.service import ReviewService
from app.service.local import DEMO_ACCOUNTS, demo_entry
from app.service.rules_provider import DirectoryRules
from tests.service.conftest import Rig
from tests.service.qbo_rig import post
from tests.trackers.fakes import FakeClockify, FakeToggl

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
ENTRY = "68453d0cf0c88d522704ab76"
TOGGL_ENTRY = 3050541208
KEY = "clockify-key-of-the-demo-firm"
TOKEN = "toggl-token-of-the-demo-firm"


def keyed(rig: Rig, source: Source, key: str, writes: Writes) -> None:
    access = rig.tenant.sources[source].model_copy(
        update={"api_key": SecretStr(key), "writes": writes}
    )
    rig.tenant = rig.tenant.model_copy(update={"sources": {**rig.tenant.sources, source: access}})
    rig.store.put_tenant(rig.tenant)


@pytest.fixture
def clockify(rig: Rig, tmp_path: Path) -> Iterator[FakeClockify]:
    keyed(rig, Source.CLOCKIFY, KEY, "tracker")
    rig.worker.writer = OutboxWriter(tmp_path / "outbox")
    rig.worker.trackers = {Source.CLOCKIFY: rig.worker._entries(ClockifyWriter())}
    fake = FakeClockify(DEMO_ACCOUNTS[Source.CLOCKIFY], KEY)
    recorded = json.loads((DATA / "connectors" / "clockify_time_entry.json").read_text())
    fake.entries[ENTRY] = recorded
    with respx.mock(assert_all_called=False) as router:
        fake.install(router)
        yield fake


@pytest.fixture
def toggl(rig: Rig, tmp_path: Path) -> Iterator[FakeToggl]:
    keyed(rig, Source.TOGGL, TOKEN, "tracker")
    rig.worker.writer = OutboxWriter(tmp_path / "outbox")
    rig.worker.trackers = {Source.TOGGL: rig.worker._entries(TogglWriter())}
    fake = FakeToggl(int(DEMO_ACCOUNTS[Source.TOGGL]), TOKEN)
    fake.tags = {14201877: "client-call", 14201878: "strategy"}
    fake.entries[TOGGL_ENTRY] = {
        "id": TOGGL_ENTRY, "workspace_id": fake.workspace, "billable": True,
        "tags": ["client-call", "strategy"], "description": "drive to Stockton depot",
    }  # fmt: skip
    with respx.mock(assert_all_called=False) as router:
        fake.install(router)
        yield fake


def clockify_delivery(rig: Rig, event: str = "NEW_TIME_ENTRY", **changes: Any) -> str:
    return post(rig, Source.CLOCKIFY, event, **{**demo_entry(Source.CLOCKIFY, None), **changes})


def status(rig: Rig, item_id: str) -> tuple[Status, str]:
    found = rig.store.get("demo", item_id)
    assert found is not None
    return found.status, found.last_error or ""


def test_clockify_gets_code_review_state_reason_and_billable_by_read_merge_put(
    rig: Rig, clockify: FakeClockify
) -> None:
    item = clockify_delivery(rig)
    rig.run_queue()
    assert status(rig, item)[0] is Status.POSTED
    assert clockify.puts == 1
    assert sorted(clockify.fields.values()) == ["timebill_code", "timebill_reason",
                                                "timebill_review"]  # fmt: skip
    assert clockify.value(ENTRY, "timebill_code") == "NWF-TRAVEL"
    assert clockify.value(ENTRY, "timebill_review") == "ok"
    assert clockify.value(ENTRY, "timebill_reason")
    held = clockify.entries[ENTRY]
    # The whole entry was sent back: what timebill does not own is as the person left it.
    assert held["timeInterval"]["start"] == "2026-10-14T15:00:00Z"
    assert held["description"] == "drive to Stockton depot"
    assert held["projectId"] == "nwf-dot"
    assert held["billable"] is True
    ledger = rig.store.entry_ledger("demo", "clockify", f"clockify:{ENTRY}")
    assert ledger is not None
    assert ledger.records == (ENTRY,)


def test_the_echo_of_our_clockify_update_is_no_work(rig: Rig, clockify: FakeClockify) -> None:
    clockify_delivery(rig, billable=False)  # the person's tick said not billable
    rig.run_queue()
    assert clockify.puts == 1
    held = clockify.entries[ENTRY]
    echo = clockify_delivery(rig, "TIME_ENTRY_UPDATED", billable=held["billable"],
                             customFieldValues=held["customFieldValues"])  # fmt: skip
    rig.run_queue()
    state, note = status(rig, echo)
    assert state is Status.SKIPPED
    assert "our own write echoed back" in note
    assert clockify.puts == 1


def test_an_edit_updates_the_same_entry_and_a_deleted_one_is_not_recreated(
    rig: Rig, clockify: FakeClockify
) -> None:
    clockify_delivery(rig)
    rig.run_queue()
    edit = clockify_delivery(rig, "TIME_ENTRY_UPDATED", description="partner strategy workshop")
    rig.run_queue()
    assert status(rig, edit)[0] in (Status.POSTED, Status.NEEDS_REVIEW)
    assert clockify.puts == 2
    assert set(clockify.entries) == {ENTRY}
    gone = post(rig, Source.CLOCKIFY, "TIME_ENTRY_DELETED",
                **{**demo_entry(Source.CLOCKIFY, None)})  # fmt: skip
    rig.run_queue()
    assert status(rig, gone)[0] is Status.SKIPPED
    del clockify.entries[ENTRY]
    late = clockify_delivery(rig, "TIME_ENTRY_UPDATED", description="late edit")
    rig.run_queue()
    assert status(rig, late)[0] is Status.SKIPPED
    assert clockify.puts == 2
    assert ENTRY not in clockify.entries


def test_clockify_429_is_rescheduled_and_a_refused_key_parks_the_entry(
    rig: Rig, clockify: FakeClockify
) -> None:
    clockify.throttle = 1
    first = clockify_delivery(rig)
    rig.run_queue()
    state, note = status(rig, first)
    assert state is Status.RETRYING
    assert "rate_limited" in note
    keyed(rig, Source.CLOCKIFY, "a-revoked-key", "tracker")
    second = clockify_delivery(rig, description="another day")
    rig.run_queue()
    state, note = status(rig, second)
    assert state is Status.WAITING
    assert "auth" in note
    assert clockify.puts == 0


def test_a_repeated_clockify_write_sends_nothing_the_second_time(
    rig: Rig, clockify: FakeClockify
) -> None:
    item_id = clockify_delivery(rig)
    rig.run_queue()
    item = rig.store.get("demo", item_id)
    assert item is not None
    assert item.decision is not None
    writer = ClockifyWriter()
    again = writer.write(rig.tenant, item, item.decision, record_id=ENTRY)
    assert again == ENTRY
    assert clockify.puts == 1


def test_both_writers_keep_one_record_each(
    rig: Rig, clockify: FakeClockify, tmp_path: Path
) -> None:
    keyed(rig, Source.CLOCKIFY, KEY, "both")
    clockify_delivery(rig)
    rig.run_queue()
    assert clockify.puts == 1
    outbox = rig.store.entry_ledger("demo", "outbox", f"clockify:{ENTRY}")
    tracker = rig.store.entry_ledger("demo", "clockify", f"clockify:{ENTRY}")
    assert outbox is not None
    assert len(outbox.records) == 1
    assert tracker is not None
    assert tracker.records == (ENTRY,)
    assert list((tmp_path / "outbox" / "demo").glob("*.json"))


def toggl_delivery(rig: Rig, **changes: Any) -> str:
    return post(rig, Source.TOGGL, **{**demo_entry(Source.TOGGL, None), **changes})


def test_an_entry_deleted_while_its_write_is_on_the_way_is_skipped_not_dead_lettered(
    rig: Rig, toggl: FakeToggl
) -> None:
    """The person deleted the entry in Toggl after it was delivered: the PUT answers 404. That
    is an ordinary race, not a failure for ops (dead letter): nothing is billed, and the delete
    webhook, on its way, ends the entry."""
    item = toggl_delivery(rig)
    del toggl.entries[TOGGL_ENTRY]
    rig.run_queue()
    state, note = status(rig, item)
    assert state is Status.SKIPPED
    assert "is gone" in note
    assert toggl.puts == 0


def test_toggl_gets_code_tag_and_billable_and_its_echo_is_no_work(
    rig: Rig, toggl: FakeToggl
) -> None:
    item = toggl_delivery(rig)
    rig.run_queue()
    assert status(rig, item)[0] is Status.POSTED
    held = toggl.entries[TOGGL_ENTRY]
    assert held["tags"] == ["client-call", "strategy", "code:NWF-TRAVEL"]
    assert held["billable"] is True
    assert "code:NWF-TRAVEL" in toggl.tags.values()  # created in the workspace first
    assert toggl.puts == 1
    echo = toggl_delivery(rig, tags=held["tags"], billable=held["billable"],
                          at="2026-10-14T17:00:05+00:00")  # fmt: skip
    rig.run_queue()
    state, note = status(rig, echo)
    assert state is Status.SKIPPED
    assert "our own write echoed back" in note
    assert toggl.puts == 1


def test_a_toggl_review_is_tagged_review_and_not_billable(rig: Rig, toggl: FakeToggl) -> None:
    item = toggl_delivery(rig, description="strategy workshop, partner rate", duration=42480,
                          stop="2026-10-15T02:48:00Z")  # fmt: skip
    rig.run_queue()
    assert status(rig, item)[0] is Status.NEEDS_REVIEW
    held = toggl.entries[TOGGL_ENTRY]
    assert "review" in held["tags"]
    assert held["billable"] is False


def test_toggls_hourly_quota_reschedules_the_write_until_it_resets(
    rig: Rig, toggl: FakeToggl
) -> None:
    """Past the hourly API quota Toggl answers 402 (not 429) with when the quota resets: the
    entry waits that long and is written then; it was dead-lettered as a refused request."""
    toggl.quota_spent = 1
    item = toggl_delivery(rig)
    rig.run_queue()
    state, note = status(rig, item)
    assert state is Status.RETRYING
    assert "rate_limited" in note
    found = rig.store.get("demo", item)
    assert found is not None
    assert found.next_attempt_at == rig.clock() + timedelta(seconds=1200)
    rig.clock.advance(1200)
    rig.queue.jobs.append(("demo", item))
    rig.run_queue()
    assert status(rig, item)[0] is Status.POSTED
    assert toggl.puts == 1


def test_harvest_write_back_is_declined_when_configured(rig: Rig) -> None:
    access = rig.tenant.sources[Source.CLOCKIFY].model_copy(update={"writes": "tracker"})
    with pytest.raises(ValueError, match="Harvest has no custom fields"):
        Tenant(id="firm", name="Firm", sources={Source.HARVEST: access})


def test_the_writers_choice_survives_the_store(rig: Rig) -> None:
    keyed(rig, Source.TOGGL, TOKEN, "both")
    stored = rig.store.get_tenant("demo")
    assert stored is not None
    assert stored.sources[Source.TOGGL].writes == "both"


def test_a_reviewers_decision_goes_to_the_tracker_and_its_echo_is_no_work(
    rig: Rig, toggl: FakeToggl, tmp_path: Path
) -> None:
    item_id = toggl_delivery(rig, description="strategy workshop, partner rate", duration=42480,
                             stop="2026-10-15T02:48:00Z")  # fmt: skip
    rig.run_queue()
    assert "review" in toggl.entries[TOGGL_ENTRY]["tags"]
    rules = DirectoryRules(REPO / "sow_rules")
    service = ReviewService(
        rig.store, OutboxWriter(tmp_path / "outbox"), rules, bank=MemoryBank(rig.store),
        proposals=Proposals(rig.store, rules, REPO / "sow_rules"), clock=rig.clock,
        trackers={Source.TOGGL: TogglWriter()},
    )  # fmt: skip
    outcome = service.change_code("demo", item_id, "dana", "NWF-COMP", "workshop")
    assert outcome.status is Status.POSTED
    held = toggl.entries[TOGGL_ENTRY]
    assert "code:NWF-COMP" in held["tags"]
    assert "review" not in held["tags"]
    assert not list((tmp_path / "outbox").glob("**/*.json"))  # the tenant chose the tracker
    puts = toggl.puts
    echo = toggl_delivery(rig, description="strategy workshop, partner rate", duration=42480,
                          stop="2026-10-15T02:48:00Z", tags=held["tags"],
                          billable=held["billable"], at="2026-10-15T03:00:00+00:00")  # fmt: skip
    rig.run_queue()
    assert status(rig, echo)[0] is Status.SKIPPED
    assert toggl.puts == puts


def test_connect_stores_the_custom_field_ids_and_the_writer_uses_them(
    rig: Rig, clockify: FakeClockify, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`timebill trackers connect clockify` finds or creates the three fields once and stores
    their ids with the tenant; the writer then asks Clockify for no field list at all."""
    monkeypatch.setenv("TIMEBILL_SQLITE_PATH", str(rig.store.path))
    result = CliRunner().invoke(app, ["trackers", "connect", "clockify", "--tenant", "demo"])
    assert result.exit_code == 0, result.output
    stored = rig.store.get_tenant("demo")
    assert stored is not None
    ids = stored.sources[Source.CLOCKIFY].field_ids
    assert set(ids) == {"code", "review", "reason"}
    assert set(clockify.fields) == set(ids.values())  # created in the workspace, once
    rig.tenant = stored
    before = len(clockify.requests)
    item_id = clockify_delivery(rig)
    rig.run_queue()
    assert status(rig, item_id)[0] is Status.POSTED
    asked = [r.url.path for r in clockify.requests[before:]]
    assert not any(path.endswith("/custom-fields") for path in asked), asked


def test_our_custom_field_deleted_in_the_workspace_is_made_again_and_written(
    rig: Rig, clockify: FakeClockify
) -> None:
    """An admin deletes ``timebill_code`` in Clockify after ``trackers connect`` stored its id:
    the update naming it is refused (400), and every entry of the tenant was dead-lettered from
    then on. The writer finds or makes the fields again and writes with them."""
    stored = {"code": "cf-gone", "review": "cf-review", "reason": "cf-reason"}
    clockify.fields = {"cf-review": "timebill_review", "cf-reason": "timebill_reason"}
    access = rig.tenant.sources[Source.CLOCKIFY].model_copy(update={"field_ids": stored})
    rig.tenant = rig.tenant.model_copy(
        update={"sources": {**rig.tenant.sources, Source.CLOCKIFY: access}}
    )
    rig.store.put_tenant(rig.tenant)
    item = clockify_delivery(rig)
    rig.run_queue()
    assert status(rig, item)[0] is Status.POSTED
    assert clockify.value(ENTRY, "timebill_code") == "NWF-TRAVEL"
    assert clockify.value(ENTRY, "timebill_review") == "ok"
    assert sorted(clockify.fields.values()) == ["timebill_code", "timebill_reason",
                                                "timebill_review"]  # fmt: skip
    made = next(i for i, name in clockify.fields.items() if name == "timebill_code")
    edit = clockify_delivery(rig, "TIME_ENTRY_UPDATED", description="drive to Stockton depot, back")
    rig.run_queue()
    assert status(rig, edit)[0] in (Status.POSTED, Status.NEEDS_REVIEW)
    assert [i for i, name in clockify.fields.items() if name == "timebill_code"] == [made]


def test_connect_without_a_key_says_so(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMEBILL_SQLITE_PATH", str(rig.store.path))
    result = CliRunner().invoke(app, ["trackers", "connect", "clockify", "--tenant", "demo"])
    assert result.exit_code == 1
    assert "Clockify API key" in result.output
