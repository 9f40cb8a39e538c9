"""A record entered in QuickBooks is saved once, then its echoes end (issue 11, case 3).

QuickBooks fires an Update webhook for every save, ours included. For a TimeActivity a person
entered in QuickBooks the worker reads it, classifies it and writes the decision onto the same
record; the webhook of that save must then find nothing to change. Built from the response
shape python-quickbooks really returns (``tests/data/quickbooks/timeactivity_entered_in_qbo.json``
served by the fake QuickBooks and read through the library, references as
``{"name", "type", "value"}``), not from the bodies we send.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from app.adapters.quickbooks_writer import merged, time_activity_body, unchanged
from app.domain.entries import Source
from app.domain.inbox import Status
from tests.quickbooks.conftest import DATA
from tests.service.conftest import Rig
from tests.service.qbo_rig import REALM, QboWorld, fake_quickbooks, post, with_quickbooks


def entered_in_qbo() -> dict[str, Any]:
    record: dict[str, Any] = json.loads(
        (DATA / "timeactivity_entered_in_qbo.json").read_text(encoding="utf-8")
    )["TimeActivity"]
    return record


@pytest.fixture
def world(rig: Rig) -> Iterator[QboWorld]:
    with fake_quickbooks() as built:
        built.fake.put(entered_in_qbo())
        with_quickbooks(rig, built)
        yield built


def updated(rig: Rig, event: int, record_id: str = "5") -> str:
    """QuickBooks' Update webhook for the record (each delivery its own CloudEvent id)."""
    return post(rig, Source.QUICKBOOKS, id=f"5f0e6a1c-8d4b-4c2a-9a57-0b3c1e7d2f{event:02d}",
                type="qbo.timeactivity.updated.v1", intuitentityid=record_id)  # fmt: skip


def test_the_library_reads_references_back_with_a_name_and_a_type(world: QboWorld) -> None:
    read = world.api.read_time_activity("demo", REALM, "5")
    assert read["CustomerRef"] == {"name": "Northwind Freight", "type": "", "value": "64"}
    assert read["EmployeeRef"] == {"name": "Diego Alvarez", "type": "", "value": "106"}
    assert {"Taxable", "sparse", "domain", "MetaData"} <= set(read)


def test_what_we_would_write_back_unchanged_is_unchanged_in_the_librarys_shape(
    world: QboWorld,
) -> None:
    """Our body says ``{"value": "64"}``; the library says ``{"name", "type", "value"}``."""
    from tests.quickbooks.conftest import decision, entry  # noqa: PLC0415

    read = world.api.read_time_activity("demo", REALM, "5")
    ours = time_activity_body(
        entry(tenant="demo", client="northwind", user_ref="diego.alvarez@kestrelridge.example",
              hours=2, description="drive to Stockton depot"),
        decision(client_id="northwind", code="NWF-TRAVEL"),
        world.writer.mapping_for("demo"),  # type: ignore[arg-type]
    )  # fmt: skip
    saved = merged(read, ours)
    as_read_back = {**saved, "CustomerRef": read["CustomerRef"] | {"value": "64"},
                    "EmployeeRef": read["EmployeeRef"], "SyncToken": "1"}  # fmt: skip
    as_read_back["ItemRef"] = {"name": "Travel", "type": "", "value": ours["ItemRef"]["value"]}
    assert unchanged(as_read_back, merged(as_read_back, ours))
    assert not unchanged(read, saved)  # and a real change is still seen


def test_a_record_entered_in_quickbooks_is_saved_once_then_silence(
    rig: Rig, world: QboWorld
) -> None:
    first = updated(rig, 1)  # a person entered (or edited) it in QuickBooks
    rig.run_queue()
    found = rig.store.get("demo", first)
    assert found is not None
    assert found.status is Status.POSTED
    assert found.decision is not None
    assert found.decision.code == "NWF-TRAVEL"
    assert (world.fake.creates, world.fake.updates) == (0, 1)  # written onto the same record
    record = world.fake.live()["5"]
    assert (record["BillableStatus"], record["SyncToken"]) == ("Billable", "1")
    assert record["Description"].startswith("drive to Stockton depot\n[timebill] NWF-TRAVEL")
    for event in range(2, 6):  # the Update webhook our save fired, and a few redeliveries
        echo = updated(rig, event)
        rig.run_queue()
        assert rig.store.get("demo", echo).status in {Status.POSTED, Status.SKIPPED}  # type: ignore[union-attr]
    assert (world.fake.creates, world.fake.updates) == (0, 1)  # silence: no second save
    assert world.fake.live()["5"]["SyncToken"] == "1"


def test_a_change_a_person_makes_in_quickbooks_is_news(rig: Rig, world: QboWorld) -> None:
    updated(rig, 1)
    rig.run_queue()
    record = world.fake.live()["5"]
    record["Description"] = "drove to Stockton depot"  # rewritten, our line dropped
    record["SyncToken"] = "2"
    world.fake.put(record)
    updated(rig, 2)
    rig.run_queue()
    assert world.fake.updates == 2  # the person's edit is classified and annotated once more
    assert world.fake.live()["5"]["Description"].startswith("drove to Stockton depot\n[timebill]")
    updated(rig, 3)
    rig.run_queue()
    assert world.fake.updates == 2
