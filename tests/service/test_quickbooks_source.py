"""QuickBooks as a source: the worker reads the TimeActivity a webhook names, classifies it like
any entry, and writes the decision back onto the same record; our own echoes end there."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from app.adapters.quickbooks_reader import QboReader, to_entry
from app.adapters.quickbooks_writer import (
    QboMapping,
    QuickBooksWriter,
    merged,
    time_activity_body,
)
from app.domain.entries import Source
from app.domain.inbox import EntityRef, Status
from app.service.local import DEMO_ACCOUNTS
from app.sources.signing import sample_body, signed_headers
from tests.service.conftest import Rig
from tests.service.test_worker import deliver

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "quickbooks" / "timeactivity_read.json"
REALM = DEMO_ACCOUNTS[Source.QUICKBOOKS]
MAPPING = QboMapping(
    realm=REALM,
    customers={"northwind": "58"},
    employees={"diego.alvarez@kestrelridge.example": "55"},
    items={"NWF-TRAVEL": "2"},
)


def record(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = copy.deepcopy(json.loads(FIXTURE.read_text())["TimeActivity"])
    body.update({"Description": "drive to Stockton depot", **changes})
    return body


class FakeApi:
    """QuickBooks as far as the reader needs it: records by id."""

    def __init__(self, *records: dict[str, Any]) -> None:
        self.records = {r["Id"]: r for r in records}
        self.reads: list[str] = []

    def read_time_activity(self, tenant: str, realm: str, record_id: str) -> dict[str, Any]:
        self.reads.append(record_id)
        return self.records[record_id]

    def save_time_activity(
        self, tenant: str, realm: str, body: dict[str, Any], *, request_id: str
    ) -> dict[str, Any]:
        raise AssertionError("the reader never writes")


def test_a_time_activity_reads_as_the_entry_a_person_wrote() -> None:
    entry = to_entry(
        "demo", record(Description="drive to Stockton depot\n[timebill] NWF-TRAVEL: rule"), MAPPING
    )
    assert (entry.source, entry.external_id, entry.version) == (Source.QUICKBOOKS, "42", "3")
    assert (entry.client, entry.user_ref) == ("northwind", "diego.alvarez@kestrelridge.example")
    assert entry.description == "drive to Stockton depot"  # our own line is not the person's
    assert str(entry.hours) == "2.5000"  # 08:00 to 10:30
    assert entry.billable_flag is True


def test_an_unmapped_customer_keeps_its_quickbooks_name() -> None:
    entry = to_entry(
        "demo", record(CustomerRef={"name": "Harbor Health Clinics", "value": "99"}), None
    )
    assert entry.client == "Harbor Health Clinics"


def _deliver_qbo(rig: Rig, record_id: str, operation: str = "updated") -> str:
    body = sample_body(
        Source.QUICKBOOKS,
        account=REALM,
        intuitentityid=record_id,
        type=f"qbo.timeactivity.{operation}.v1",
    )
    secret = rig.tenant.sources[Source.QUICKBOOKS].secrets[0].get_secret_value()
    response = rig.client.post(
        "/webhooks/quickbooks/demo",
        content=body,
        headers=signed_headers(Source.QUICKBOOKS, body, secret),
    )
    assert response.status_code == 200, response.text
    return rig.queue.jobs[-1][1]


def test_a_quickbooks_event_is_read_classified_and_written_back(rig: Rig) -> None:
    api = FakeApi(record())
    rig.worker.reader = QboReader(api, {"demo": MAPPING})
    item_id = _deliver_qbo(rig, "42")
    rig.run_queue()
    item = rig.store.get("demo", item_id)
    assert item is not None
    assert item.status is Status.POSTED
    assert item.decision is not None
    assert item.decision.code == "NWF-TRAVEL"
    assert api.reads == ["42"]
    assert rig.writer.written == [("demo", item_id, "NWF-TRAVEL")]


def test_a_deleted_record_has_nothing_to_classify(rig: Rig) -> None:
    rig.worker.reader = QboReader(FakeApi(), {"demo": MAPPING})
    assert (
        QboReader(FakeApi(), {}).read(
            rig.tenant,
            EntityRef(
                account=REALM, entity="TimeActivity", id="7", operation="TimeActivity.Delete"
            ),
        )
        is None
    )
    item_id = _deliver_qbo(rig, "7", "deleted")
    rig.run_queue()
    assert rig.store.get("demo", item_id).status is Status.SKIPPED  # type: ignore[union-attr]


def test_without_a_reader_quickbooks_events_wait(rig: Rig) -> None:
    item_id = _deliver_qbo(rig, "42")
    rig.run_queue()
    assert rig.store.get("demo", item_id).status is Status.WAITING  # type: ignore[union-attr]


def test_review_decisions_can_be_written_for_the_pm_in_quickbooks(rig: Rig) -> None:
    rig.worker.write_reviews = True
    item_id = deliver(rig, "researching new regs")
    rig.run_queue()
    item = rig.store.get("demo", item_id)
    assert item is not None
    assert item.status is Status.NEEDS_REVIEW  # still the PM's to decide
    assert rig.writer.written == [("demo", item_id, "NWF-RESEARCH-NB")]


def test_writing_back_what_the_record_already_says_saves_nothing(rig: Rig) -> None:
    """The loop breaker: our update fires a webhook; reading it back changes nothing."""
    first = record()
    rig.worker.reader = QboReader(FakeApi(first), {"demo": MAPPING})
    item_id = _deliver_qbo(rig, "42")
    rig.run_queue()
    item = rig.store.get("demo", item_id)
    assert item is not None
    assert item.entry is None  # the inbox keeps the event; the entry was read at run time
    entry = to_entry("demo", first, MAPPING)
    assert item.decision is not None
    already = merged(first, time_activity_body(entry, item.decision, MAPPING))
    writer = QuickBooksWriter(FakeApi(already), {"demo": MAPPING})  # FakeApi.save would fail
    assert writer.write(rig.tenant, item.model_copy(update={"entry": entry}), item.decision) == "42"
