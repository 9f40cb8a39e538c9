"""A rule that matched only on what the person picked in the tracker decides most days, but not
on a day one of the rules' date lists names (a firm holiday, an on-site day): there the habit
that picks a task says least, so the entry goes to review (``picked_on_listed_day``). And a
pick-only rule that wins a tie of rank over a rule matching the words, as more specific, is
``picked_not_written`` as a lower words rule would be."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.classify.deadline import Deadline
from app.classify.rules_stage import RulesStage
from app.domain.decisions import Proposal, ReviewReason
from app.domain.rulebook import RuleBook
from app.domain.rules import ClientRules, FirmRules
from tests.unit.engine_book import FIRM, NORTH, entry

THANKSGIVING = date(2026, 11, 26)
CODES = [
    {"code": "PTO", "name": "Time off", "clause": "Policy 5.1", "billable": False},
    {"code": "HOL", "name": "Firm holiday", "clause": "Policy 5.2", "billable": False},
]
PTO = {"id": "pto", "clause": "Policy 5.1", "code": "PTO", "priority": 50,
       "when": {"any": [{"words": ["vacation"]},
                        {"all": [{"task": ["PTO"]}, {"project": ["Time Off"]}]}]}}  # fmt: skip
HOLIDAY = {"id": "holiday", "clause": "Policy 5.2", "code": "HOL", "priority": 50,
           "when": {"all": [{"words": ["holiday", "thanksgiving"]},
                            {"not": {"words": ["closed"]}}]}}  # fmt: skip
TIME_OFF = {"client": "Internal", "project": "Time Off", "task": "PTO"}


def _decide(text: str, day: date, lists: dict[str, list[str]] | None = None) -> Proposal:
    firm: dict[str, Any] = {**FIRM, "codes": [*FIRM["codes"], *CODES],
                            "rules": [*FIRM["rules"], PTO, HOLIDAY]}  # fmt: skip
    firm["lists"] = {**FIRM["lists"], **(lists or {})}
    book = RuleBook.build(
        FirmRules.model_validate(firm), [ClientRules.model_validate(NORTH)], {"north": "v1"}, "f"
    )
    outcome = RulesStage().classify(
        entry(text, work_date=day, **TIME_OFF), book.context(None), Deadline(1000)
    )
    assert isinstance(outcome, Proposal)
    return outcome


HOLIDAYS = {"holidays": ["2026-11-26", "2026-11-27", "not a date"]}


def test_a_pick_alone_on_a_firm_holiday_goes_to_review() -> None:
    outcome = _decide("office closed", THANKSGIVING, HOLIDAYS)
    assert outcome.code == "PTO"  # still what is proposed
    assert ReviewReason.PICKED_ON_LISTED_DAY in outcome.flags
    assert outcome.notes[-1] == (
        "matched only on the project/task picked in the tracker, on 2026-11-26, a day the"
        " rules list in 'holidays': is it the usual pick on that day?"
    )


def test_a_pick_alone_on_another_day_or_with_no_list_decides() -> None:
    other = _decide("office closed", date(2026, 11, 24), HOLIDAYS)
    unlisted = _decide("office closed", THANKSGIVING)
    for outcome in (other, unlisted):
        assert outcome.code == "PTO"
        assert ReviewReason.PICKED_ON_LISTED_DAY not in outcome.flags


def test_written_words_on_a_listed_day_decide() -> None:
    outcome = _decide("vacation", THANKSGIVING, HOLIDAYS)
    assert outcome.code == "PTO"
    assert ReviewReason.PICKED_ON_LISTED_DAY not in outcome.flags


def test_a_pick_that_wins_a_tie_of_rank_over_the_words_is_not_written() -> None:
    outcome = _decide("holiday", date(2026, 11, 24))  # two picks are "more specific"
    assert outcome.code == "PTO"
    assert ReviewReason.PICKED_NOT_WRITTEN in outcome.flags
    assert "the words match rule holiday (HOL)" in outcome.notes[-1]
