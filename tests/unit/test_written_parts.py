"""Descriptions as people write them: shorthand with a slash ("o/c", "t/c", "rev/rev") is one
activity; hours in tenths after a part ("(2.5)") are its duration; a code that covers only a
minor part of the hours written goes to review; and a phrase forgives a typo in a word."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from app.classify.cascade import Cascade, _apart
from app.classify.deadline import Deadline
from app.classify.dominant import minor_share, written_hours
from app.classify.rules_stage import RulesStage
from app.classify.text import PhraseTest, Text, segments
from app.domain.decisions import Proposal, ReviewReason
from app.domain.rulebook import RuleBook
from app.domain.rules import ClientRules, FirmRules
from tests.unit.engine_book import FIRM, NORTH, entry


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("o/c w/ MW re MSJ", ["o/c with  MW re MSJ"]),
        ("rev/rev SPA; t/c w/ client", ["rev/rev SPA", "t/c with  client"]),
        ("11/3 call re A/R aging", ["11/3 call re A/R aging"]),
        ("research/memo on 1031", ["research", "memo on 1031"]),
        ("call / email", ["call", "email"]),
    ],
)
def test_a_slash_parts_words_not_shorthand_or_dates(text: str, parts: list[str]) -> None:
    assert segments(text) == parts


@pytest.mark.parametrize(
    ("part", "hours"),
    [
        ("MSJ brief - repose section (2.5)", Decimal("2.5")),
        ("o/c with MW re same (0.4).", Decimal("0.4")),
        ("bank recs (2,0)", Decimal("2.0")),
        ("memo (2h)", Decimal(2)),
        ("Phase (2) kickoff", None),  # not at the end: a name, not hours
        ("round (30)", None),  # more than a day
        ("x (0)", None),
    ],
)
def test_hours_in_brackets_at_the_end_of_a_part_are_its_duration(
    part: str, hours: Decimal | None
) -> None:
    assert written_hours(part) == hours


CONFERENCE = {"id": "n-conf", "clause": "§4", "code": "N-OOS", "priority": 40,
              "when": {"words": ["conference"]}}  # fmt: skip


def _book(rules: list[dict[str, Any]]) -> RuleBook:
    north = ClientRules.model_validate(
        {**NORTH, "rules": rules, "review": {"dominant_share": 0.51}}
    )
    return RuleBook.build(FirmRules.model_validate(FIRM), [north], {"north": "v1"}, "f1")


def _decide(text: str, rules: list[dict[str, Any]]) -> Proposal:
    outcome = RulesStage().classify(entry(text), _book(rules).context("north"), Deadline(1000))
    assert isinstance(outcome, Proposal)
    return outcome


def test_a_code_that_covers_a_minor_part_of_the_written_hours_goes_to_review() -> None:
    # The rule reads the whole text; the cascade reads each part (app.classify.mixed): the
    # brief is what nothing here explains, and by the hours written it is most of the entry.
    cascade = Cascade(_book([CONFERENCE]), [RulesStage()])
    minor = cascade.classify(entry("MSJ brief - repose section (2.5); conference w/ MW (0.4)"))
    assert (minor.code, minor.needs_review) == ("N-OOS", True)
    assert ReviewReason.MIXED_ACTIVITIES in minor.review_reasons
    assert "nothing explains 'MSJ brief - repose section (2.5)'" in minor.reason
    major = cascade.classify(entry("conference w/ MW re MSJ (2.5); calendar hearing (0.4)"))
    assert ReviewReason.MIXED_ACTIVITIES not in major.review_reasons
    assert "N-OOS is the dominant activity by the durations written" in major.reason
    unsaid = cascade.classify(entry("MSJ brief - repose section; conference w/ MW"))
    assert ReviewReason.MIXED_ACTIVITIES in unsaid.review_reasons  # no hours: a person says
    assert (
        ReviewReason.MIXED_ACTIVITIES
        not in _decide("MSJ brief - repose section; conference w/ MW", [CONFERENCE]).flags
    )  # the rules stage alone reads the whole text


def test_internal_time_coded_by_a_minor_part_of_the_written_hours_goes_to_review() -> None:
    # Internal time is not billed, so a mix of internal work is not flagged (which internal
    # code it gets is a report's concern), unless the hours written give the code under half
    # of the entry: "heat stress program (3.0h); HAZWOPER refresher (0.5h)" is not training.
    cascade = Cascade(_book([]), [RulesStage()])
    minor = cascade.classify(
        entry("benefits enrolment (3.0h); timesheets (0.5h)", client="Internal")
    )
    assert (minor.code, minor.needs_review) == ("ADMIN", True)
    assert ReviewReason.MIXED_ACTIVITIES in minor.review_reasons
    assert "give ADMIN under half of the entry" in minor.reason
    for text in ["timesheets (3.0h); benefits enrolment (0.5h)", "benefits enrolment; timesheets"]:
        ok = cascade.classify(entry(text, client="Internal"))
        assert (ok.code, ok.needs_review) == ("ADMIN", False), text


def test_a_minor_share_needs_every_part_to_say_its_hours() -> None:
    assert minor_share([("plan (3h)", None), ("timesheets (0.5h)", "ADMIN")], "ADMIN")
    assert not minor_share([("plan (1h)", None), ("timesheets (1h)", "ADMIN")], "ADMIN")  # half
    assert not minor_share([("plan", None), ("timesheets (0.5h)", "ADMIN")], "ADMIN")
    assert not minor_share([("timesheets (0.5h)", "ADMIN")], "ADMIN")


def test_a_best_guess_just_under_the_bar_does_not_read_as_equal() -> None:
    assert _apart(0.8533, 0.85) == ("0.853", "0.850")
    assert _apart(0.76, 0.85) == ("0.76", "0.85")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("negtaive air / pressure plan 3W", [("negativ", "air")]),  # two letters swapped
        ("negative air plan", [("negativ", "air")]),
        ("the infction control plan", [("infection", "control")]),  # a letter missing, long word
        ("negative pressure room", []),  # the phrase's words, not the phrase
        ("nagetive air", []),  # not one swap of "negative"
        ("air negative", []),  # out of order
    ],
)
def test_a_phrase_forgives_a_typo_in_each_word_as_a_word_test_does(
    text: str, found: list[tuple[str, ...]]
) -> None:
    test = PhraseTest.of(["negative air", "infection control"])
    assert test.found(Text(text)) == found


def test_a_phrase_typo_is_cited_as_the_phrase_and_counts_for_precedence() -> None:
    icra = {"id": "n-icra", "clause": "§4.1", "code": "N-REG", "priority": 40,
            "when": {"phrases": ["negative air"]}}  # fmt: skip
    ward = {"id": "n-ward", "clause": "§2.1", "code": "N-P1", "priority": 25,
            "when": {"words": ["3w"]}}  # fmt: skip
    outcome = _decide("negtaive air / pressure plan 3W", [icra, ward])
    assert outcome.code == "N-REG"
    assert outcome.reason.startswith("rule n-icra (matched 'negative air')")


def test_a_part_takes_the_code_its_own_words_give_not_the_task_picked_for_the_whole() -> None:
    # "Program Management" was picked for the whole entry; the second part's words are audit
    # work, and by the hours written it is most of the entry.
    program = {"id": "n-program", "clause": "§2.3", "code": "N-P1", "priority": 25,
               "when": {"any": [{"phrases": ["program report"]},
                                {"task": ["Program Management"]}]}}  # fmt: skip
    audit = {"id": "n-audit", "clause": "§2.2", "code": "N-P2", "priority": 20,
             "when": {"words": ["capa"]}}  # fmt: skip
    text = "monthly program report (0.75) + review supplier CAPA response (2.25)"
    decided = RulesStage().classify(
        entry(text, task="Program Management"),
        _book([program, audit]).context("north"),
        Deadline(1000),
    )
    assert isinstance(decided, Proposal)
    assert decided.code == "N-P2"  # the part with most of the hours written decides
    assert "(over rule n-program, by the durations written)" in decided.reason
    assert ReviewReason.MIXED_ACTIVITIES not in decided.flags
    alone = _decide(text.replace("CAPA", "the"), [program, audit])  # no other activity's words
    assert ReviewReason.MIXED_ACTIVITIES not in alone.flags


AWARD = {"id": "n-award", "clause": "§2.4", "code": "N-REG", "priority": 40,
         "when": {"phrases": ["grant agreement"]}}  # fmt: skip
MARLOWE = {"id": "n-marlowe", "clause": "§3.3", "code": "N-P2", "priority": 30,
           "when": {"words": ["marlowe"]}}  # fmt: skip


def test_the_rule_of_the_part_with_most_of_the_written_hours_decides() -> None:
    # The policy codes a combined entry to the activity with most of the hours written
    # (``dominant_share``): the higher rule that matched the minor part does not decide it.
    rules = [AWARD, MARLOWE]
    cascade = Cascade(_book(rules), [RulesStage()])
    mixed = cascade.classify(
        entry("Marlowe budget narrative (1.5h); Halden grant agreement (0.5h)")
    )
    assert (mixed.code, mixed.needs_review) == ("N-P2", False), mixed.reason
    assert "rule n-marlowe (matched 'marlowe') (over rule n-award, by the durations" in mixed.reason
    assert mixed.reason.count("N-P2 is the dominant activity by the durations written") == 1
    minor = cascade.classify(
        entry("Marlowe budget narrative (0.5h); Halden grant agreement (1.5h)")
    )
    assert (minor.code, minor.needs_review) == ("N-REG", False), minor.reason
    unsaid = cascade.classify(entry("Marlowe budget narrative; Halden grant agreement"))
    assert (unsaid.code, unsaid.needs_review) == ("N-REG", True)  # no hours: a person says
    assert ReviewReason.MIXED_ACTIVITIES in unsaid.review_reasons


def test_a_dominant_part_whose_rule_fails_the_whole_entry_goes_to_review() -> None:
    # The part's rule must hold for the entry as written: "not grant" reads the whole note.
    narrow = {**MARLOWE, "when": {"all": [{"words": ["marlowe"]}, {"not": {"words": ["grant"]}}]}}
    cascade = Cascade(_book([AWARD, narrow]), [RulesStage()])
    mixed = cascade.classify(
        entry("Marlowe budget narrative (1.5h); Halden grant agreement (0.5h)")
    )
    assert (mixed.code, mixed.needs_review) == ("N-REG", True)
    assert ReviewReason.MIXED_ACTIVITIES in mixed.review_reasons
