"""The worker keeps no running totals of caps: a code memory decided on habit alone that counts
toward a cap goes to a person (``cap_unchecked``); what rules decided, an alert-only budget,
and what is under review already are left as they are."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from app.classify.memory import Memory
from app.config import Settings
from app.domain.decisions import Decision, ReviewReason, Stage
from app.domain.inbox import Status
from app.factory import build_cascade
from app.rules.loader import load_rulebook
from app.service.live_caps import cap_unchecked
from tests.contract.builders import decision
from tests.service.conftest import REPO, Rig
from tests.service.test_worker import deliver
from tests.unit.engine_book import book


def _decided(code: str, stage: Stage = Stage.MEMORY, **fields: Any) -> Decision:
    return decision(code, client_id="north", stage=stage, review_reasons=(),
                    hours=Decimal(2), **fields)  # fmt: skip


def test_memory_on_a_capped_code_goes_to_a_person() -> None:
    found = cap_unchecked(book(), _decided("N-P2"))
    assert found.needs_review
    assert found.review_reasons == (ReviewReason.CAP_UNCHECKED,)
    assert "counts toward a cap (N-P2) the service does not total" in found.reason


@pytest.mark.parametrize(
    ("code", "stage", "fields"),
    [
        ("N-TRAVEL", Stage.MEMORY, {}),  # no cap
        ("N-P2", Stage.RULES, {}),  # the rules encode the agreement's terms
        ("N-P2", Stage.MEMORY, {"needs_review": True}),  # a person sees it anyway
    ],
)
def test_what_is_left_as_it_is(code: str, stage: Stage, fields: dict[str, Any]) -> None:
    given = _decided(code, stage, **fields)
    assert cap_unchecked(book(), given) is given


def test_an_alert_only_budget_is_no_cap_to_check() -> None:
    cap = {"period": "month", "hours": 10, "alert_only": True}
    code = {"code": "N-P2", "name": "Phase 2", "clause": "§3.2", "billable": True, "caps": [cap]}
    budget = {"codes": [code]}
    rules = book(north=budget)
    given = _decided("N-P2")
    assert cap_unchecked(rules, given) is given


def test_the_worker_sends_a_capped_code_memory_decided_to_a_person(rig: Rig) -> None:
    # Workstream B bills at most 80 h a month, a total the worker does not keep.
    text = "quincunx zephyr notes"  # no rule reads it: memory decides
    memory = Memory()
    for _ in range(4):
        memory.learn("northwind", text, "NWF-OPS")
    settings = Settings(llm_provider="none")
    cascade = build_cascade(settings, load_rulebook(REPO / "sow_rules"), memory)
    rig.worker.cascade_for = lambda _tenant: cascade
    item_id = deliver(rig, text)
    rig.run_queue()
    item = rig.store.get("demo", item_id)
    assert item is not None
    assert item.decision is not None
    assert (item.decision.code, item.decision.stage) == ("NWF-OPS", Stage.MEMORY)
    assert item.status is Status.NEEDS_REVIEW
    assert ReviewReason.CAP_UNCHECKED in item.decision.review_reasons
    assert rig.writer.written == []
