"""A firm's time-off code decided for an entry on a client's project goes to a person
(``leave_on_client_project``): "T#48503 T. Bivens locked out after vacation" is the client's
support ticket that the word "vacation" sent to PTO, and "PTO" typed on a client's project is a
wrong project. On the firm's own project time off decides as before, and a client's own code
named "Holiday ..." is work, not leave."""

from __future__ import annotations

from typing import Any

import pytest

from app.classify.cascade import Cascade
from app.classify.rules_stage import RulesStage
from app.domain.decisions import Decision, ReviewReason
from app.domain.rulebook import RuleBook
from app.domain.rules import ClientRules, FirmRules
from tests.unit.engine_book import FIRM, NORTH, entry

PTO_RULE = {"id": "pto", "clause": "Policy 5.1", "code": "PTO", "priority": 80,
            "when": {"words": ["vacation", "pto"]}}  # fmt: skip
CAMPAIGN = {"code": "N-HOLIDAY", "name": "Holiday campaign", "clause": "SOW §2", "billable": True}
CAMPAIGN_RULE = {"id": "n-campaign", "clause": "SOW §2", "code": "N-HOLIDAY", "priority": 30,
                 "when": {"words": ["campaign"]}}  # fmt: skip


def _decide(text: str, project: str, *, kind: str | None = "leave") -> Decision:
    pto: dict[str, Any] = {"code": "PTO", "name": "Paid time off", "clause": "Policy 5.1",
                           "billable": False}  # fmt: skip
    if kind is not None:
        pto["kind"] = kind
    firm = {**FIRM, "codes": [*FIRM["codes"], pto], "rules": [*FIRM["rules"], PTO_RULE]}
    north = {**NORTH, "codes": [*NORTH["codes"], CAMPAIGN],
             "rules": [*NORTH["rules"], CAMPAIGN_RULE]}  # fmt: skip
    book = RuleBook.build(
        FirmRules.model_validate(firm), [ClientRules.model_validate(north)], {"north": "v1"}, "f"
    )
    client = "Northwind Freight" if project == "NW Compliance" else "Internal"
    return Cascade(book, [RulesStage()]).classify(entry(text, client=client, project=project))


@pytest.mark.parametrize("kind", ["leave", None])  # declared, or read from "Paid time off"
def test_time_off_on_a_clients_project_goes_to_a_person(kind: str | None) -> None:
    decision = _decide("T#48503 T. Bivens locked out after vacation", "NW Compliance", kind=kind)
    assert decision.code == "PTO"  # still what is proposed
    assert decision.needs_review
    assert ReviewReason.LEAVE_ON_CLIENT_PROJECT in decision.review_reasons
    assert (
        "PTO is time off, logged on Northwind Freight's project 'NW Compliance': the client's"
        " work, or the wrong project?" in decision.reason
    )


def test_time_off_on_the_firms_project_decides() -> None:
    decision = _decide("vacation", "Time Off")
    assert decision.code == "PTO"
    assert ReviewReason.LEAVE_ON_CLIENT_PROJECT not in decision.review_reasons


def test_a_clients_own_code_named_holiday_is_work() -> None:
    decision = _decide("holiday campaign banners", "NW Compliance")
    assert decision.code == "N-HOLIDAY"
    assert ReviewReason.LEAVE_ON_CLIENT_PROJECT not in decision.review_reasons


def test_a_firm_code_of_another_kind_on_a_clients_project_is_not_time_off() -> None:
    decision = _decide("PTO accrual report for the client", "NW Compliance", kind="admin")
    assert decision.code == "PTO"
    assert ReviewReason.LEAVE_ON_CLIENT_PROJECT not in decision.review_reasons
