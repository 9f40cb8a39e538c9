"""Every reviewer action through the review service: money from the rules, splits that add up,
bulk approval, failed writes kept, memory taught at once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.decisions import ReviewReason, Stage
from app.domain.inbox import Status
from app.domain.reviews import ReviewAction
from app.review.decide import ReviewError
from app.review.service import NotFoundError, part_key
from tests.review.conftest import ReviewRig

SENIOR_2026 = Decimal(221)  # Northwind's 2026 rate card, senior consultant


def test_approve_accepts_the_proposed_code_and_writes_it(rig: ReviewRig) -> None:
    item = rig.deliver("researching new regs")
    assert item.status is Status.NEEDS_REVIEW
    assert item.decision is not None
    assert (item.decision.code, item.decision.review_reasons) == (
        "NWF-RESEARCH-NB", (ReviewReason.RULE_FLAG,))  # fmt: skip
    outcome = rig.service.approve("demo", item.id, "dana", "unclear research stays NB")
    assert outcome.status is Status.POSTED
    after = rig.store.get("demo", item.id)
    assert after is not None
    assert after.status is Status.POSTED
    assert after.decision is not None
    assert (after.decision.code, after.decision.needs_review, after.decision.stage) == (
        "NWF-RESEARCH-NB", False, Stage.REVIEW)  # fmt: skip
    [review] = rig.store.reviews("demo", item_id=item.id)
    assert (review.reviewer, review.action, review.why) == (
        "dana", ReviewAction.APPROVE, "unclear research stays NB")  # fmt: skip
    assert review.before == item.decision
    assert review.at == rig.clock()
    assert rig.writer.written == [("demo", item.id, "NWF-RESEARCH-NB")]
    assert item.entry is not None
    assert rig.store.write_for("demo", item.id, part_key(item.entry, review, 0)) is not None
    trail = [e.detail for e in rig.store.trail("demo", item.id)]
    assert any(
        d.startswith("review by dana: approve NWF-RESEARCH-NB -> NWF-RESEARCH-NB") for d in trail
    )
    assert trail[-1] == "decided NWF-RESEARCH-NB by review"


def test_change_code_prices_the_new_code_from_the_rules(rig: ReviewRig) -> None:
    item = rig.deliver("reviewed yard layout options")
    assert item.decision is not None
    assert item.decision.code is None
    rig.service.change_code("demo", item.id, "dana", "NWF-OPS", "workstream B")
    after = rig.store.get("demo", item.id)
    assert after is not None
    assert after.decision is not None
    d = after.decision
    assert (d.code, d.billable, d.rate, d.billable_fraction) == ("NWF-OPS", True, SENIOR_2026, 1)
    assert d.amount == Decimal("442.00")  # 2 h x 221, from the rate card by role and date
    assert d.sow_clause == "SOW-NWF-2025-02 §2.2 Workstream B"


def test_travel_is_billed_at_the_sows_fraction_whoever_picks_it(rig: ReviewRig) -> None:
    item = rig.deliver("reviewed yard layout options")
    outcome = rig.service.change_code("demo", item.id, "dana", "NWF-TRAVEL")
    [d] = outcome.review.after
    assert (d.billable_fraction, d.amount) == (Decimal("0.5"), Decimal("221.00"))


def test_an_unknown_code_is_refused_and_nothing_is_kept(rig: ReviewRig) -> None:
    item = rig.deliver("reviewed yard layout options")
    for code in ("NOPE", "COB-RETAINER"):  # unknown, and another client's code
        with pytest.raises(ReviewError, match="not a code"):
            rig.service.change_code("demo", item.id, "dana", code)
    assert rig.store.reviews("demo") == []
    assert rig.writer.written == []
    found = rig.store.get("demo", item.id)
    assert found is not None
    assert found.status is Status.NEEDS_REVIEW


def test_non_billable_defaults_to_the_clients_non_billable_code(rig: ReviewRig) -> None:
    item = rig.deliver("misc")
    outcome = rig.service.non_billable("demo", item.id, "dana")
    [d] = outcome.review.after
    assert (d.code, d.billable, d.amount, outcome.status) == (
        "NWF-RESEARCH-NB", False, 0, Status.POSTED)  # fmt: skip


def test_non_billable_takes_the_firms_code_and_refuses_a_billable_one(rig: ReviewRig) -> None:
    item = rig.deliver("misc")
    with pytest.raises(ReviewError, match="not a non-billable code"):
        rig.service.non_billable("demo", item.id, "dana", "NWF-OPS")
    outcome = rig.service.non_billable("demo", item.id, "dana", "INT-ADMIN", "internal filing")
    assert [(d.code, d.billable) for d in outcome.review.after] == [("INT-ADMIN", False)]


def test_split_writes_one_record_per_part_each_priced_by_the_rules(rig: ReviewRig) -> None:
    item = rig.deliver("call w/ Dana re depot KPIs; drafted DQ memo")
    assert item.decision is not None
    assert ReviewReason.MIXED_ACTIVITIES in item.decision.review_reasons
    parts = [("NWF-OPS", Decimal("1.25")), ("NWF-COMP", Decimal("0.75"))]
    outcome = rig.service.split("demo", item.id, "dana", parts, "two activities")
    assert outcome.status is Status.POSTED
    assert [(d.code, d.hours, d.amount) for d in outcome.review.after] == [
        ("NWF-OPS", Decimal("1.25"), Decimal("276.25")),
        ("NWF-COMP", Decimal("0.75"), Decimal("165.75")),
    ]
    assert sum(d.hours for d in outcome.review.after) == Decimal(2)
    assert [code for _, _, code in rig.writer.written] == ["NWF-OPS", "NWF-COMP"]
    assert item.entry is not None
    keys = [part_key(item.entry, outcome.review, i) for i in range(2)]
    records = [rig.store.write_for("demo", item.id, key) for key in keys]
    assert all(records)
    assert len({r.record_id for r in records if r}) == 2  # two records, two idempotency keys


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ([("NWF-OPS", Decimal(2))], "at least two"),
        ([("NWF-OPS", Decimal(1)), ("NWF-COMP", Decimal("0.5"))], "add up to 1.5"),
        ([("NWF-OPS", Decimal(3)), ("NWF-COMP", Decimal(-1))], "above zero"),
        ([("NWF-OPS", Decimal(1)), ("BOGUS", Decimal(1))], "not a code"),
        # Sums past Decimal's 28 digits round to the entry's hours: the parts are checked
        # exactly, in the ten-thousandths of an hour the entries carry.
        ([("NWF-OPS", Decimal("1.00000000000000000000000000001")), ("NWF-COMP", Decimal(1))],
         "four decimal places"),
        ([("NWF-OPS", Decimal("1E-99999999")), ("NWF-COMP", Decimal(2))], "four decimal places"),
        ([("NWF-OPS", Decimal("1E+999999999")), ("NWF-COMP", Decimal(1))],
         "more hours than the entry"),
    ],
)  # fmt: skip
def test_a_split_that_does_not_add_up_is_refused(
    rig: ReviewRig, parts: list[tuple[str, Decimal]], message: str
) -> None:
    item = rig.deliver("call w/ Dana re depot KPIs; drafted DQ memo")
    with pytest.raises(ReviewError, match=message):
        rig.service.split("demo", item.id, "dana", parts)
    assert rig.store.reviews("demo") == []
    assert rig.writer.written == []


def test_bulk_approve_approves_each_as_proposed(rig: ReviewRig) -> None:
    same = [rig.deliver(text) for text in
            ("researching new regs", "researching regs", "research on new regs")]  # fmt: skip
    other = rig.deliver("misc")
    flagged = [i for i in same if i.decision and i.decision.code == "NWF-RESEARCH-NB"]
    assert len(flagged) >= 2
    result = rig.service.bulk_approve("demo", [i.id for i in flagged] + [other.id], "dana", "bulk")
    assert (result.approved, result.failed) == (len(flagged), 0)
    assert len(result.skipped) == 1  # "misc" had nothing proposed
    for item in flagged:
        got = rig.store.get("demo", item.id)
        assert got is not None
        assert got.status is Status.POSTED
    assert len(rig.store.reviews("demo")) == len(flagged)


def test_a_failed_write_keeps_the_review_and_retry_writes_it_once(rig: ReviewRig) -> None:
    item = rig.deliver("reviewed yard layout options")
    rig.writer.failures = rig.writer.calls + 1
    outcome = rig.service.change_code("demo", item.id, "dana", "NWF-OPS")
    assert outcome.status is Status.NEEDS_REVIEW
    assert outcome.error is not None
    assert "write failed" in outcome.error
    kept = rig.store.get("demo", item.id)
    assert kept is not None
    assert kept.status is Status.NEEDS_REVIEW
    assert kept.last_error is not None
    assert "saved" in kept.last_error
    assert rig.service.pending_review(kept) == outcome.review
    again = rig.service.retry("demo", item.id, "dana")
    assert again.status is Status.POSTED
    assert again.review.action is ReviewAction.RETRY
    assert rig.writer.written == [("demo", item.id, "NWF-OPS")]
    done = rig.store.get("demo", item.id)
    assert done is not None
    assert rig.service.pending_review(done) is None


def test_a_split_whose_second_write_failed_retries_only_that_part(rig: ReviewRig) -> None:
    item = rig.deliver("call w/ Dana re depot KPIs; drafted DQ memo")
    rig.writer.failures = rig.writer.calls  # nothing fails yet ...
    parts = [("NWF-OPS", Decimal(1)), ("NWF-COMP", Decimal(1))]

    calls = rig.writer.calls
    original = rig.writer.write

    def second_fails(*args: object, **kwargs: object) -> str:
        if rig.writer.calls == calls + 1:  # the second part
            rig.writer.calls += 1
            raise RuntimeError("connection reset")
        return original(*args, **kwargs)  # type: ignore[arg-type]

    rig.writer.write = second_fails  # type: ignore[method-assign]
    first = rig.service.split("demo", item.id, "dana", parts)
    assert first.status is Status.NEEDS_REVIEW
    assert [c for _, _, c in rig.writer.written] == ["NWF-OPS"]
    rig.writer.write = original  # type: ignore[method-assign]
    assert rig.service.retry("demo", item.id, "dana").status is Status.POSTED
    assert [c for _, _, c in rig.writer.written] == ["NWF-OPS", "NWF-COMP"]


def test_only_flagged_entries_of_the_tenant_can_be_reviewed(rig: ReviewRig) -> None:
    posted = rig.deliver("dispatch board cleanup")
    assert posted.status is Status.POSTED
    with pytest.raises(ReviewError, match="posted"):
        rig.service.approve("demo", posted.id, "dana")
    flagged = rig.deliver("researching new regs")
    with pytest.raises(NotFoundError):
        rig.service.approve("someone-else", flagged.id, "dana")
    with pytest.raises(NotFoundError):
        rig.service.approve("demo", "00000000-0000-4000-8000-000000000000", "dana")


def test_after_a_correction_memory_decides_the_same_text(rig: ReviewRig) -> None:
    first = rig.deliver("reviewed yard layout options")
    assert first.status is Status.NEEDS_REVIEW
    rig.service.change_code("demo", first.id, "dana", "NWF-PM")
    again = rig.deliver("Reviewed yard layout options")
    assert again.status is Status.POSTED
    assert again.decision is not None
    assert (again.decision.code, again.decision.stage) == ("NWF-PM", Stage.MEMORY)
    assert again.decision.amount == Decimal("442.00")  # priced by the rules, not remembered


def test_a_correction_to_a_capped_code_counts_toward_the_cap(rig: ReviewRig) -> None:
    # Workstream B bills at most 80 h a month: the worker keeps its running total, and a
    # person's correction counts in it as the code the person chose.
    first = rig.deliver("reviewed yard layout options")
    rig.service.change_code("demo", first.id, "dana", "NWF-OPS")
    cap = "cap|northwind|h|NWF-OPS|2026-10"
    assert rig.store.tally("demo", "probe", {cap: Decimal(0)}) == {cap: Decimal(2)}
    again = rig.deliver("Reviewed yard layout options")  # a new entry, the same words
    assert again.status is Status.POSTED  # 4 h of 80: memory decides it
    assert again.decision is not None
    assert (again.decision.code, again.decision.stage) == ("NWF-OPS", Stage.MEMORY)
    assert rig.store.tally("demo", "probe", {cap: Decimal(0)}) == {cap: Decimal(4)}


def test_after_an_approval_memory_decides_the_same_text(rig: ReviewRig) -> None:
    first = rig.deliver("pulled the binder together", task="Audit readiness")
    assert first.decision is not None
    assert (first.decision.code, first.decision.review_reasons) == (
        "NWF-COMP", (ReviewReason.LOW_CONFIDENCE,))  # fmt: skip
    rig.service.approve("demo", first.id, "dana")
    again = rig.deliver("pulled the binder together", task="Audit readiness")
    assert again.decision is not None
    assert (again.status, again.decision.stage) == (Status.POSTED, Stage.MEMORY)


def test_a_split_teaches_memory_nothing(rig: ReviewRig) -> None:
    text = "call w/ Dana re depot KPIs; drafted DQ memo"
    first = rig.deliver(text)
    rig.service.split("demo", first.id, "dana", [("NWF-OPS", Decimal(1)), ("NWF-COMP", Decimal(1))])
    again = rig.deliver(text)
    assert again.decision is not None
    assert again.decision.stage is not Stage.MEMORY
