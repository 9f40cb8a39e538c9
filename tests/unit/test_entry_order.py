"""Which of two versions of one entry is older, by what the tracker says (``older_than``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from app.domain.entries import Source, TimeEntry
from app.domain.inbox import InboxItem, Status
from app.domain.ledger import older_than

NOON = datetime(2026, 10, 14, 12, tzinfo=UTC)


def item(
    event: str, *, changed: datetime | None = None, source: Source = Source.TOGGL
) -> InboxItem:
    entry = TimeEntry(source=source, external_id="42", work_date=date(2026, 10, 14),
                      hours=Decimal(1), changed_at=changed)  # fmt: skip
    return InboxItem(id=f"item-{event}-{changed}", tenant="demo", source=source, event_type=event,
                     dedupe_key=f"{event}-{changed}", entry=entry, received_at=NOON,
                     status=Status.RECEIVED, updated_at=NOON)  # fmt: skip


def test_the_tracker_s_change_times_order_two_versions_whatever_their_events() -> None:
    early, late = NOON, NOON + timedelta(minutes=5)
    assert older_than(item("time_entry.updated", changed=early),
                      item("time_entry.updated", changed=late)) is True  # fmt: skip
    assert older_than(item("time_entry.updated", changed=late),
                      item("time_entry.created", changed=early)) is False  # fmt: skip


@pytest.mark.parametrize(
    ("first", "change", "source"),
    [
        ("NEW_TIME_ENTRY", "TIME_ENTRY_UPDATED", Source.CLOCKIFY),
        ("TIMER_STOPPED", "TIME_ENTRY_UPDATED", Source.CLOCKIFY),
        ("time_entry.created", "time_entry.updated", Source.TOGGL),
    ],
)
def test_a_create_is_older_than_any_change_of_its_entry(
    first: str, change: str, source: Source
) -> None:
    assert older_than(item(first, source=source), item(change, source=source)) is True
    assert older_than(item(change, source=source), item(first, source=source)) is False


def test_when_the_tracker_does_not_say_arrival_order_decides() -> None:
    """Two Clockify edits carry no change time: ``None`` leaves it to the store's order."""
    edit = item("TIME_ENTRY_UPDATED", source=Source.CLOCKIFY)
    assert older_than(edit, item("TIME_ENTRY_UPDATED", source=Source.CLOCKIFY)) is None
    same = item("time_entry.updated", changed=NOON)  # equal times say nothing either
    assert older_than(same, item("time_entry.updated", changed=NOON)) is None
    assert older_than(edit, item("TimeActivity.Update", source=Source.QUICKBOOKS)) is None
