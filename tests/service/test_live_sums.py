"""The live worker's running totals (``app.service.live_sums``): caps, hours per request and
hours per person-day, kept in the store as entries arrive, each entry counted once for its whole
life (created, edited, resent, deleted, reviewed), and flagged as ``timebill classify`` flags
the same entries."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from app.classify.memory import Memory
from app.classify.sums import day_limit
from app.config import Settings
from app.domain.decisions import Decision, ReviewReason, Stage
from app.domain.entries import Source
from app.domain.inbox import InboxItem, Status
from app.factory import build_cascade
from app.rules.loader import load_rulebook
from app.service import live_sums
from app.service.local import DEMO_CLOCKIFY_USER, demo_entry
from tests.contract.builders import decision
from tests.service.conftest import REPO, Rig
from tests.service.qbo_rig import post
from tests.unit.engine_book import NORTH, book, entry

OPS = "quincunx zephyr notes"  # no rule reads it: memory decides Northwind's Workstream B
MAYA = "maya.chen@kestrelridge.example"  # an analyst in the demo's rules, as a tracker's user id


@pytest.fixture
def ops(rig: Rig) -> Rig:
    """The demo's worker, its memory taught that ``OPS`` is NWF-OPS (at most 80 h a month)."""
    memory = Memory()
    for _ in range(4):
        memory.learn("northwind", OPS, "NWF-OPS")
    rules = load_rulebook(REPO / "sow_rules")
    cascade = build_cascade(Settings(llm_provider="none"), rules, memory)
    rig.worker.cascade_for = lambda _tenant: cascade
    return rig


def clockify(
    rig: Rig, n: int, day: date, hours: int = 8, *, event: str = "NEW_TIME_ENTRY",
    user: str = DEMO_CLOCKIFY_USER, text: str = OPS,
) -> str:  # fmt: skip
    """Clockify entry ``n`` on ``day`` from 08:00 local; the id of the inbox item made."""
    fields: dict[str, Any] = demo_entry(Source.CLOCKIFY, text)
    start, end = f"{day.isoformat()}T08:00:00", f"{day.isoformat()}T{8 + hours:02d}:00:00"
    fields["id"] = f"{n:024x}"
    fields["userId"] = user
    fields["user"] = {"id": user, "name": user, "status": "ACTIVE"}
    fields["timeInterval"] = {
        "start": f"{start}Z", "end": f"{end}Z", "duration": f"PT{hours}H",
        "timeZone": "UTC", "offsetStart": 0, "offsetEnd": 0, "zonedStart": start,
        "zonedEnd": end,
    }  # fmt: skip
    return post(rig, Source.CLOCKIFY, event, **fields)


def weekdays(start: date, n: int) -> list[date]:
    days, day = [], start
    while len(days) < n:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def item(rig: Rig, item_id: str) -> InboxItem:
    found = rig.store.get("demo", item_id)
    assert found is not None
    assert found.decision is not None
    return found


OCTOBER = weekdays(date(2026, 10, 1), 12)


def ten_days_of_ops(rig: Rig) -> list[str]:
    """80 h of Workstream B in October: the cap reached, not passed."""
    ids = [clockify(rig, i, day) for i, day in enumerate(OCTOBER[:10])]
    rig.run_queue()
    return ids


def test_the_entry_past_a_monthly_cap_goes_to_a_person(ops: Rig) -> None:
    ids = ten_days_of_ops(ops)
    assert [item(ops, i).status for i in ids] == [Status.POSTED] * 10  # 80 h: at the cap
    past = clockify(ops, 10, OCTOBER[10])
    ops.run_queue()
    found = item(ops, past)
    assert found.status is Status.NEEDS_REVIEW
    assert found.decision is not None
    assert (found.decision.code, found.decision.stage) == ("NWF-OPS", Stage.MEMORY)
    assert ReviewReason.OVER_CAP in found.decision.review_reasons
    assert "over cap NWF-OPS 2026-10: 88.00 > 80.00 h" in found.decision.reason
    november = clockify(ops, 11, date(2026, 11, 2))  # a new month starts from nothing
    ops.run_queue()
    assert item(ops, november).status is Status.POSTED


def test_an_edit_counts_the_entry_once_with_its_new_hours(ops: Rig) -> None:
    ten_days_of_ops(ops)
    clockify(ops, 0, OCTOBER[0], hours=4, event="TIME_ENTRY_UPDATED")  # 8 h -> 4 h: 76 h
    clockify(ops, 3, OCTOBER[3], event="TIME_ENTRY_UPDATED", text=OPS + " ")  # a resend
    ops.run_queue()
    fits = clockify(ops, 10, OCTOBER[10], hours=4)  # 80 h again
    ops.run_queue()
    assert item(ops, fits).status is Status.POSTED
    past = clockify(ops, 11, OCTOBER[11], hours=1)
    ops.run_queue()
    assert ReviewReason.OVER_CAP in item(ops, past).decision.review_reasons  # type: ignore[union-attr]


def test_a_deleted_entry_counts_no_more(ops: Rig) -> None:
    ten_days_of_ops(ops)
    gone = clockify(ops, 4, OCTOBER[4], event="TIME_ENTRY_DELETED")
    ops.run_queue()
    assert rig_status(ops, gone) is Status.SKIPPED
    fits = clockify(ops, 10, OCTOBER[10])
    ops.run_queue()
    assert item(ops, fits).status is Status.POSTED  # 80 h with the deleted day gone


def test_a_double_click_and_a_redelivered_message_count_once(ops: Rig) -> None:
    ids = [clockify(ops, i, day) for i, day in enumerate(OCTOBER[:9])]
    clockify(ops, 0, OCTOBER[0])  # the same delivery twice: one inbox item
    ops.run_queue()
    for item_id in ids[:3]:
        assert ops.worker.process("demo", item_id) is None  # redelivered by the queue
    fits = clockify(ops, 9, OCTOBER[9])
    ops.run_queue()
    assert item(ops, fits).status is Status.POSTED  # 80 h: each entry once


def test_a_day_past_its_hours_flags_the_entry_that_crosses_it(ops: Rig) -> None:
    day = OCTOBER[0]
    first = clockify(ops, 0, day, hours=6)
    second = clockify(ops, 1, day, hours=6)  # 12 h: at the limit
    other = clockify(ops, 2, day, hours=6, user=MAYA)  # someone else's day
    ops.run_queue()
    assert [item(ops, i).status for i in (first, second, other)] == [Status.POSTED] * 3
    third = clockify(ops, 3, day, hours=1)
    ops.run_queue()
    found = item(ops, third)
    assert found.decision is not None
    assert ReviewReason.OVER_DAY_HOURS in found.decision.review_reasons
    assert f"13.00 h logged on {day.isoformat()}" in found.decision.reason


def rig_status(rig: Rig, item_id: str) -> Status:
    found = rig.store.get("demo", item_id)
    assert found is not None
    return found.status


# -- what one decision adds up to --------------------------------------------------------------


def _decided(code: str, hours: str = "2", **fields: Any) -> Decision:
    return decision(code, client_id="north", stage=Stage.RULES, review_reasons=(),
                    hours=Decimal(hours), **fields)  # fmt: skip


def keys(found: list[live_sums.Count]) -> dict[str, Decimal]:
    return {c.key: c.value for c in found}


def test_a_capped_code_counts_toward_its_cap_and_the_persons_day() -> None:
    rules = book()
    found = live_sums.counts(rules, entry("phase 2 work"), _decided("N-P2"))
    caps = [c for c in found if c.reason is ReviewReason.OVER_CAP]
    assert [c.key for c in caps] == ["cap|north|h|N-P2|2026-03"]
    assert [(c.value, c.limit) for c in caps] == [(Decimal(2), Decimal(10))]
    days = [c for c in found if c.reason is ReviewReason.OVER_DAY_HOURS]
    assert [(c.value, c.limit) for c in days] == [(Decimal(2), day_limit(rules, "north").hours)]
    assert "ana" not in " ".join(keys(found)).lower()  # people by digest, never by name


def test_an_alert_only_budget_counts_toward_nothing() -> None:
    cap = {"period": "month", "hours": 10, "alert_only": True}
    code = {"code": "N-P2", "name": "Phase 2", "clause": "§3.2", "billable": True, "caps": [cap]}
    found = live_sums.counts(book(north={"codes": [code]}), entry("x"), _decided("N-P2"))
    assert [c.reason for c in found] == [ReviewReason.OVER_DAY_HOURS]


def test_a_code_without_caps_counts_only_toward_the_day() -> None:
    found = live_sums.counts(book(), entry("x"), _decided("N-TRAVEL"))
    assert [c.reason for c in found] == [ReviewReason.OVER_DAY_HOURS]


def test_a_phase_or_sow_total_is_the_agreements_and_a_renewed_sow_starts_anew() -> None:
    cap = {"period": "phase", "hours": 40}
    code = {"code": "N-P2", "name": "Phase 2", "clause": "§3.2", "billable": True, "caps": [cap]}
    first = book(north={"codes": [code]})
    renewed = book(north={"codes": [code], "sow": {**NORTH["sow"], "id": "SOW-N-2027"}})
    keys_of = [
        [c.key for c in live_sums.counts(rules, entry("x"), _decided("N-P2"))
         if c.reason is ReviewReason.OVER_CAP]
        for rules in (first, renewed)
    ]  # fmt: skip
    assert keys_of[0] == [f"cap|north|h|N-P2|phase@{NORTH['sow']['id']}"]
    assert keys_of[1] == ["cap|north|h|N-P2|phase@SOW-N-2027"]
