"""One entry, one QuickBooks TimeActivity for its whole life (issue 11, cases 1 and 2).

The production QuickBooks writer and reader (python-quickbooks through ``responses``) against
the local fake QuickBooks that honours ``requestid`` and ``SyncToken``; deliveries are signed
webhooks through the app, processed by the worker as on Lambda. An edit updates the record the
entry already has; a no-op update is no work; a delete removes the record and is never billed;
an invoiced record is left alone and goes to a person with the difference.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.adapters.outbox_writer import OutboxWriter, record_name
from app.domain.decisions import ReviewReason
from app.domain.entries import Source
from app.domain.inbox import Status
from app.service.local import DEMO_ACCOUNTS, demo_entry
from app.sources.signing import sample_body, signed_headers
from tests.service.conftest import Rig
from tests.service.qbo_rig import QboWorld, fake_quickbooks, post, with_quickbooks

TRAVEL = "drive to Stockton depot"
EDITED = "drive back from Stockton depot"
AGAIN = "drive to Stockton depot, 2nd trip"
FLAGGED = "researching new regs"  # the demo rules send it to a person
ENTRY = "68453d0cf0c88d522704ab76"  # the sample Clockify entry's id


@pytest.fixture
def world(rig: Rig) -> Iterator[QboWorld]:
    with fake_quickbooks() as built:
        with_quickbooks(rig, built)
        yield built


def clockify(rig: Rig, event: str = "NEW_TIME_ENTRY", description: str = TRAVEL,
             **fields: Any) -> str:  # fmt: skip
    return post(rig, Source.CLOCKIFY, event, **(demo_entry(Source.CLOCKIFY, description) | fields))


def live_descriptions(world: QboWorld) -> list[str]:
    return [r["Description"].splitlines()[0] for r in world.fake.live().values()]


def retry_due(rig: Rig) -> None:
    """A minute later: every item due for another try is taken up again."""
    rig.clock.advance(60)
    for job in rig.store.due(now=rig.clock()):
        rig.worker.process(*job)


def status(rig: Rig, item_id: str) -> Status:
    found = rig.store.get("demo", item_id)
    assert found is not None
    return found.status


# -- case 1: an edit is the same record ------------------------------------------------------


def test_an_edited_clockify_entry_updates_its_one_time_activity(rig: Rig, world: QboWorld) -> None:
    first = clockify(rig)
    rig.run_queue()
    edit = clockify(rig, "TIME_ENTRY_UPDATED", EDITED)
    rig.run_queue()
    assert (status(rig, first), status(rig, edit)) == (Status.POSTED, Status.POSTED)
    [record] = world.fake.live().values()  # one TimeActivity, not two
    assert record["Description"].splitlines()[0] == EDITED
    assert (record["SyncToken"], world.fake.creates, world.fake.updates) == ("1", 1, 1)
    assert (record["Hours"], record["BillableStatus"]) == (2, "Billable")


def test_a_second_edit_and_a_resend_leave_one_record_with_the_latest_text(
    rig: Rig, world: QboWorld
) -> None:
    clockify(rig)
    clockify(rig, "TIME_ENTRY_UPDATED", EDITED)
    clockify(rig, "TIME_ENTRY_UPDATED", AGAIN)
    clockify(rig, "TIME_ENTRY_UPDATED", AGAIN)  # an exact resend: deduped at intake
    rig.run_queue()
    assert live_descriptions(world) == [AGAIN]
    assert world.fake.creates == 1


def test_a_toggl_update_with_only_a_new_at_is_no_work(rig: Rig, world: QboWorld) -> None:
    created = toggl(rig, 1, "created")  # Toggl sends project ids the demo rules do not know
    rig.run_queue()
    again = toggl(rig, 2, "updated", at="2026-10-14T18:00:00+00:00")  # Toggl's at moved only
    rig.run_queue()
    assert again != created  # a new event: a new inbox item ...
    found = rig.store.get("demo", again)
    assert found is not None
    assert found.status is Status.SKIPPED  # ... and no work
    assert "no change" in (found.last_error or "")
    assert [i.id for i in rig.store.review_queue("demo")] == [created]  # not a second review
    assert world.fake.creates == 0


def test_an_older_delivery_processed_late_does_not_overwrite_a_newer_one(
    rig: Rig, world: QboWorld
) -> None:
    older = clockify(rig)
    rig.clock.advance(5)
    newer = clockify(rig, "TIME_ENTRY_UPDATED", EDITED)
    rig.queue.jobs.clear()
    rig.worker.process("demo", newer)
    rig.worker.process("demo", older)  # the create, redelivered after the edit
    assert status(rig, older) is Status.SKIPPED
    assert live_descriptions(world) == [EDITED]


def test_a_create_that_arrives_after_its_edit_does_not_overwrite_it(
    rig: Rig, world: QboWorld
) -> None:
    """Webhooks are not ordered: Clockify's NEW_TIME_ENTRY may come after TIME_ENTRY_UPDATED.
    A create is older than any edit of its entry, whenever it arrives."""
    edit = clockify(rig, "TIME_ENTRY_UPDATED", EDITED)
    rig.run_queue()
    rig.clock.advance(5)
    late = clockify(rig)
    rig.run_queue()
    assert (status(rig, edit), status(rig, late)) == (Status.POSTED, Status.SKIPPED)
    assert live_descriptions(world) == [EDITED]
    assert (world.fake.creates, world.fake.updates) == (1, 0)


def test_an_edit_that_arrived_first_but_is_taken_up_after_its_create_is_written(
    rig: Rig, world: QboWorld
) -> None:
    edit = clockify(rig, "TIME_ENTRY_UPDATED", EDITED)
    rig.clock.advance(5)
    create = clockify(rig)
    rig.queue.jobs.clear()
    rig.worker.process("demo", create)  # the later arrival is taken up first ...
    rig.worker.process("demo", edit)  # ... and the edit is still the newer version
    assert (status(rig, create), status(rig, edit)) == (Status.POSTED, Status.POSTED)
    assert live_descriptions(world) == [EDITED]
    assert world.fake.creates == 1


def test_two_toggl_versions_are_ordered_by_toggl_s_at_not_by_arrival(rig: Rig) -> None:
    newer = toggl(rig, 1, "updated", description=EDITED, at="2026-10-14T18:05:00+00:00")
    rig.run_queue()
    rig.clock.advance(5)
    older = toggl(rig, 2, "updated", description=TRAVEL, at="2026-10-14T18:00:00+00:00")
    rig.run_queue()
    stale = rig.store.get("demo", older)
    assert stale is not None
    assert stale.status is Status.SKIPPED
    assert "superseded" in (stale.last_error or "")
    assert [i.id for i in rig.store.review_queue("demo")] == [newer]


def test_a_create_and_its_edit_processed_at_once_make_one_record(rig: Rig, world: QboWorld) -> None:
    older = clockify(rig)
    rig.clock.advance(5)
    newer = clockify(rig, "TIME_ENTRY_UPDATED", EDITED)
    rig.queue.jobs.clear()
    start = threading.Barrier(2)

    def work(item_id: str) -> None:
        start.wait()
        rig.worker.process("demo", item_id)

    threads = [threading.Thread(target=work, args=(i,)) for i in (older, newer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    retry_due(rig)  # a delivery that found the entry busy comes back
    assert live_descriptions(world) == [EDITED]
    assert world.fake.creates == 1


def test_an_edit_that_needs_review_takes_the_written_record_out_of_billing(
    rig: Rig, world: QboWorld
) -> None:
    """The record holds the version written before; the edit needs a person. QuickBooks must
    not go on billing what the tracker no longer says: the record takes the new version,
    NotBillable with the review line, until someone decides (the review then updates it)."""
    clockify(rig)
    rig.run_queue()
    edit = clockify(rig, "TIME_ENTRY_UPDATED", FLAGGED)
    rig.run_queue()
    assert status(rig, edit) is Status.NEEDS_REVIEW
    [record] = world.fake.live().values()
    assert record["Description"].splitlines()[0] == FLAGGED
    assert "[timebill] REVIEW:" in record["Description"]
    assert (record["BillableStatus"], "HourlyRate" in record) == ("NotBillable", False)
    assert world.fake.creates == 1


def test_an_edit_of_an_invoiced_record_goes_to_review_with_the_difference(
    rig: Rig, world: QboWorld
) -> None:
    clockify(rig)
    rig.run_queue()
    [record_id] = world.fake.live()
    world.fake.invoice(record_id)
    edit = clockify(rig, "TIME_ENTRY_UPDATED", EDITED)
    rig.run_queue()
    found = rig.store.get("demo", edit)
    assert found is not None
    assert found.status is Status.NEEDS_REVIEW
    assert found.decision is not None
    assert ReviewReason.CHANGED_AFTER_INVOICE in found.decision.review_reasons
    assert f"Description {TRAVEL}" in found.decision.reason  # the difference, for a person
    assert EDITED in found.decision.reason
    [record] = world.fake.live().values()
    assert record["BillableStatus"] == "HasBeenBilled"
    assert record["Description"].startswith(TRAVEL + "\n")  # left as billed
    assert world.fake.updates == 0


# -- case 2: a delete is never billed ---------------------------------------------------------


def test_a_clockify_delete_removes_the_time_activity_and_is_not_posted(
    rig: Rig, world: QboWorld
) -> None:
    clockify(rig)
    rig.run_queue()
    gone = clockify(rig, "TIME_ENTRY_DELETED")
    rig.run_queue()
    found = rig.store.get("demo", gone)
    assert found is not None
    assert found.status is Status.SKIPPED
    assert found.decision is None  # never classified
    assert "deleted at the source" in (found.last_error or "")
    assert world.fake.live() == {}
    assert (world.fake.creates, world.fake.deletes) == (1, 1)


def test_a_delete_of_an_entry_never_written_bills_nothing(rig: Rig, world: QboWorld) -> None:
    gone = clockify(rig, "TIME_ENTRY_DELETED")
    rig.run_queue()
    assert status(rig, gone) is Status.SKIPPED
    assert world.fake.creates == 0
    later = clockify(rig, "TIME_ENTRY_UPDATED", EDITED)  # a late edit of a deleted entry
    rig.run_queue()
    assert status(rig, later) is Status.SKIPPED
    assert world.fake.live() == {}


def test_a_create_whose_answer_was_lost_then_a_delete_leaves_no_record(
    rig: Rig, world: QboWorld
) -> None:
    """QuickBooks applied the create, the answer never came back (connection reset), and the
    entry was deleted before the retry: the retry finds the record its create made (the same
    ``requestid``) and removes it, instead of leaving a billable record of a deleted entry."""
    world.fake.lose_answers = 1
    first = clockify(rig)
    rig.run_queue()
    assert status(rig, first) is Status.RETRYING
    assert len(world.fake.live()) == 1  # made in QuickBooks, unknown to us
    gone = clockify(rig, "TIME_ENTRY_DELETED")
    rig.run_queue()
    assert status(rig, gone) is Status.SKIPPED
    retry_due(rig)
    assert status(rig, first) is Status.SKIPPED
    assert world.fake.live() == {}
    assert (world.fake.creates, world.fake.deletes) == (1, 1)  # found again, not made again


def test_a_toggl_delete_removes_the_record_and_ends_its_review(rig: Rig, tmp_path: Path) -> None:
    rig.worker.writer = OutboxWriter(tmp_path / "outbox")
    rig.worker.write_reviews = True  # written (not billable) for the PM, as in QuickBooks
    created = toggl(rig, 1, "created")
    rig.run_queue()
    assert len(list((tmp_path / "outbox" / "demo").glob("*.json"))) == 1
    gone = toggl(rig, 2, "deleted", server_deleted_at="2026-10-14T18:00:00Z")
    rig.run_queue()
    found = rig.store.get("demo", gone)
    assert found is not None
    assert (found.status, found.decision) == (Status.SKIPPED, None)
    assert list((tmp_path / "outbox" / "demo").glob("*.json")) == []
    assert status(rig, created) is Status.SKIPPED  # nothing left for a person to approve
    assert rig.store.review_queue("demo") == []


def toggl(rig: Rig, event: int, action: str, **payload: Any) -> str:
    """A signed Toggl event number ``event`` about the sample entry."""
    payload = {"description": TRAVEL} | payload
    body = json.loads(sample_body(Source.TOGGL, account=DEMO_ACCOUNTS[Source.TOGGL],
                                  **payload))  # fmt: skip
    body["event_id"] = 8023169274700000 + event
    body["metadata"]["action"] = action
    raw = json.dumps(body).encode()
    secret = rig.tenant.sources[Source.TOGGL].secrets[0].get_secret_value()
    answer = rig.client.post("/webhooks/toggl/demo", content=raw,
                             headers=signed_headers(Source.TOGGL, raw, secret))  # fmt: skip
    assert answer.status_code == 200, answer.text
    return rig.queue.jobs[-1][1]


def test_a_refused_delete_marks_the_record_not_billable_with_a_note(
    rig: Rig, world: QboWorld
) -> None:
    clockify(rig)
    rig.run_queue()
    [record_id] = world.fake.live()
    world.fake.refuse_delete.add(record_id)
    gone = clockify(rig, "TIME_ENTRY_DELETED")
    rig.run_queue()
    assert status(rig, gone) is Status.SKIPPED
    [record] = world.fake.live().values()
    assert record["BillableStatus"] == "NotBillable"
    assert "HourlyRate" not in record
    assert "[timebill] DELETED at the source" in record["Description"]


def test_a_delete_that_meets_a_person_s_save_reads_again_and_deletes(
    rig: Rig, world: QboWorld
) -> None:
    """A person saved the record in QuickBooks between our read and our delete (fault 5010):
    the delete reads it again, as an update does, instead of parking a deleted entry in a
    review nobody can act on while its record stays billable."""
    clockify(rig)
    rig.run_queue()
    world.fake.stale_saves = 1
    gone = clockify(rig, "TIME_ENTRY_DELETED")
    rig.run_queue()
    assert status(rig, gone) is Status.SKIPPED
    assert world.fake.live() == {}
    assert (world.fake.stale, world.fake.deletes) == (1, 1)


def test_a_delete_whose_record_keeps_moving_is_retried_not_parked(
    rig: Rig, world: QboWorld
) -> None:
    clockify(rig)
    rig.run_queue()
    world.fake.stale_saves = 4  # every attempt of this try meets another save
    gone = clockify(rig, "TIME_ENTRY_DELETED")
    rig.run_queue()
    assert status(rig, gone) is Status.RETRYING
    retry_due(rig)
    assert status(rig, gone) is Status.SKIPPED
    assert world.fake.live() == {}


def test_a_delete_of_an_invoiced_record_goes_to_review(rig: Rig, world: QboWorld) -> None:
    clockify(rig)
    rig.run_queue()
    [record_id] = world.fake.live()
    world.fake.invoice(record_id)
    gone = clockify(rig, "TIME_ENTRY_DELETED")
    rig.run_queue()
    found = rig.store.get("demo", gone)
    assert found is not None
    assert found.status is Status.NEEDS_REVIEW
    assert found.decision is not None
    assert found.decision.review_reasons == (ReviewReason.CHANGED_AFTER_INVOICE,)
    assert not found.decision.billable
    assert "deleted at the source" in found.decision.reason
    assert world.fake.live()[record_id]["BillableStatus"] == "HasBeenBilled"


# -- the outbox writer keeps the same promise ---------------------------------------------------


def test_the_outbox_holds_one_file_per_entry_replaced_by_edits_removed_by_a_delete(
    rig: Rig, tmp_path: Path
) -> None:
    rig.worker.writer = OutboxWriter(tmp_path / "outbox")
    folder = tmp_path / "outbox" / "demo"
    clockify(rig)
    clockify(rig, "TIME_ENTRY_UPDATED", EDITED)
    rig.run_queue()
    [only] = folder.glob("*.json")
    assert only.name == record_name(f"clockify:{ENTRY}")
    assert EDITED in only.read_text()
    clockify(rig, "TIME_ENTRY_DELETED", EDITED)
    rig.run_queue()
    assert list(folder.glob("*.json")) == []


def test_a_writer_of_the_older_protocol_still_writes(rig: Rig) -> None:
    """A writer that takes no record id (a test double of the per-delivery protocol) is
    called as before; a delete it cannot do is refused, never posted."""

    class Legacy:
        system = "quickbooks"

        def __init__(self) -> None:
            self.written: list[str] = []

        def write(self, tenant: Any, item: Any, decision: Any) -> str:
            self.written.append(item.id)
            return f"legacy-{len(self.written)}"

    legacy = Legacy()
    rig.worker.writer = legacy  # type: ignore[assignment]
    first = clockify(rig)
    rig.run_queue()
    assert status(rig, first) is Status.POSTED
    assert legacy.written == [first]
    gone = clockify(rig, "TIME_ENTRY_DELETED")
    rig.run_queue()
    assert status(rig, gone) is Status.DEAD_LETTER
    assert legacy.written == [first]
