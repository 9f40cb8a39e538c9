"""Precedence that history never tested: a rule that wins on priority alone over a lower rule of
another code that rests on more of the entry goes to review (``untested_precedence``) unless an
approved entry already showed the winner right where both matched; what a match rests on
(``compile_evidence``); an id found by a ``regex`` counts as written, not picked; and a match on
the date alone needs approved entries like the entry to stand."""

from __future__ import annotations

from typing import Any

import pytest

from app.classify.calibration import Calibration
from app.classify.cascade import Cascade
from app.classify.conditions import Subject
from app.classify.deadline import Deadline
from app.classify.lexicon import DEFAULT_LEXICON
from app.classify.memory import Memory, MemoryStage
from app.classify.rules_stage import RulesStage
from app.classify.specificity import compile_evidence
from app.classify.text import Text, WordTest
from app.domain.decisions import Proposal, ReviewReason
from app.domain.rulebook import RuleBook
from app.domain.rules import ClientRules, Condition, FirmRules
from app.rules.backtest import Labelled, back_test
from tests.unit.engine_book import FIRM, NORTH, entry

RESEARCH = {"id": "n-research", "clause": "§2", "code": "N-P1", "priority": 40,
            "when": {"words": ["research", "memo"]}}  # fmt: skip
NOTICE_WHEN = {"any": [{"words": ["notice", "cp162", "penalty"]}, {"task": ["notices"]}]}
NOTICE = {"id": "n-notice", "clause": "§3", "code": "N-REG", "priority": 30, "when": NOTICE_WHEN}


def _book(rules: list[dict[str, Any]]) -> RuleBook:
    north = ClientRules.model_validate({**NORTH, "rules": rules})
    return RuleBook.build(FirmRules.model_validate(FIRM), [north], {"north": "v1"}, "f1")


def _history(items: list[tuple[str, str]], **fields: Any) -> list[Labelled]:
    return [Labelled(entry(t, **fields), c, "h.csv", i) for i, (t, c) in enumerate(items, 2)]


def _decide(rules: list[dict[str, Any]], history: list[tuple[str, str]] | None, text: str,
            **fields: Any) -> Proposal:  # fmt: skip
    book = _book(rules)
    tested = back_test(book, _history(history)) if history else None
    calibration = Calibration.from_backtest(tested) if tested else None
    stage = RulesStage(calibration) if calibration else RulesStage()
    outcome = stage.classify(entry(text, **fields), book.context("north"), Deadline(1000))
    assert isinstance(outcome, Proposal)
    return outcome


RESEARCHED = [(f"research memo {i}", "N-P1") for i in range(12)]
NOTICES = [(f"CP162 penalty notice {i}", "N-REG") for i in range(12)]


def test_a_win_on_priority_alone_over_a_rule_that_explains_more_goes_to_review() -> None:
    outcome = _decide([RESEARCH, NOTICE], RESEARCHED + NOTICES,
                      "research CP162 penalty computation", task="Notices")  # fmt: skip
    assert outcome.code == "N-P1"  # precedence still proposes the higher rule
    assert ReviewReason.UNTESTED_PRECEDENCE in outcome.flags
    [note] = [n for n in outcome.notes if "priority alone" in n]
    assert note == (
        "won over rule n-notice (N-REG, which matched more of the entry: 'cp162', 'penalty'"
        " and the task) on priority alone, and no approved entry has shown which is right"
    )


def test_an_approved_entry_where_both_matched_settles_the_precedence() -> None:
    settled = [("research on the CP162 penalty", "N-P1")] * 2
    outcome = _decide([RESEARCH, NOTICE], RESEARCHED + NOTICES + settled,
                      "research CP162 penalty computation", task="Notices")  # fmt: skip
    assert ReviewReason.UNTESTED_PRECEDENCE not in outcome.flags
    # approved the other way, the precedence is not settled (and the rule's trust falls)
    other = [("research on the CP162 penalty", "N-REG")] * 2
    outcome = _decide([RESEARCH, NOTICE], RESEARCHED + NOTICES + other,
                      "research CP162 penalty computation", task="Notices")  # fmt: skip
    assert ReviewReason.UNTESTED_PRECEDENCE in outcome.flags


@pytest.mark.parametrize(
    ("text", "fields", "why"),
    [
        ("research penalty", {}, "the lower rule rests on no more of the entry (one word each)"),
        ("research memo on the penalty", {}, "the winner rests on more: 'research', 'memo'"),
        ("research the filing", {"task": "Notices"}, "one pick against one word: no more"),
    ],
)
def test_a_lower_rule_that_explains_no_more_leaves_the_win_alone(
    text: str, fields: dict[str, Any], why: str
) -> None:
    outcome = _decide([RESEARCH, NOTICE], RESEARCHED + NOTICES, text, **fields)
    assert outcome.code == "N-P1"
    assert ReviewReason.UNTESTED_PRECEDENCE not in outcome.flags, why


def test_a_lower_rule_of_the_same_code_or_no_history_flags_nothing() -> None:
    same = {**NOTICE, "code": "N-P1"}
    outcome = _decide([RESEARCH, same], RESEARCHED, "research CP162 penalty", task="Notices")
    assert ReviewReason.UNTESTED_PRECEDENCE not in outcome.flags
    outcome = _decide([RESEARCH, NOTICE], None, "research CP162 penalty", task="Notices")
    assert ReviewReason.UNTESTED_PRECEDENCE not in outcome.flags  # typed confidences stand


def test_the_back_test_records_a_precedence_only_when_the_winner_was_approved() -> None:
    book = _book([RESEARCH, NOTICE])
    test = back_test(book, _history([("research the CP162 notice", "N-P1"),
                                     ("memo on the penalty", "N-REG"),
                                     ("research memo", "N-P1")]))  # fmt: skip
    assert test.settled == {("north", "n-research", "n-notice")}
    test = back_test(book, _history([("memo on the penalty", "N-REG")]))
    assert test.settled == set()


def _evidence(cond: dict[str, Any], text: str, **fields: Any) -> set[str]:
    found = compile_evidence(Condition.model_validate(cond), {"sites": ("Fresno depot",)},
                             DEFAULT_LEXICON)  # fmt: skip
    return set(found(Subject(entry(text, **fields), Text(text))))


def test_evidence_names_the_words_ids_and_picks_a_match_rests_on() -> None:
    cond = {"any": [{"words": ["research", "memo*"]}, {"task": ["notices"]}],
            "all": [{"list": ["sites"]}], "regex": r"\bcr-\d+\b"}  # fmt: skip
    found = _evidence(cond, "Researching memos on CR-12 at the Fresno depot", task="Notices")
    assert found == {"research", "memos", "fresno", "depot", "/cr-12", "@task"}
    assert _evidence(cond, "memos on CR-12 at the Fresno depot", task="Admin") == {
        "memos", "fresno", "depot", "/cr-12"}  # fmt: skip


def test_evidence_leaves_out_alternatives_that_do_not_hold_and_what_not_excludes() -> None:
    cond = {"any": [{"all": [{"words": ["memo"]}, {"task": ["tax"]}]}, {"words": ["research"]}],
            "not": {"words": ["budget"]}}  # fmt: skip
    assert _evidence(cond, "research memo", task="Admin") == {"research"}
    assert _evidence(cond, "research memo", task="Tax") == {"research", "memo", "@task"}


def test_a_word_test_covers_every_word_it_accepts_typos_included() -> None:
    test = WordTest.of(["research", "memo", "analy*"])
    assert test.covered(Text("reserach memo and analysis, more research")) == {
        "reserach", "memo", "analysis", "research"}  # fmt: skip
    assert test.covered(Text("budget call")) == frozenset()


def test_an_id_found_by_a_regex_is_written_so_a_picked_project_does_not_outrank_it() -> None:
    rules = [
        {"id": "n-project", "clause": "§1", "code": "N-P2", "priority": 50,
         "when": {"project": ["nw compliance"]}},
        {"id": "n-cr", "clause": "§4", "code": "N-OOS", "priority": 20,
         "when": {"regex": r"\bcr-\d+\b"}},
    ]  # fmt: skip
    outcome = _decide(rules, None, "CR-09 business card update", project="NW Compliance")
    assert outcome.code == "N-P2"
    assert ReviewReason.PICKED_NOT_WRITTEN in outcome.flags
    assert any("the words match rule n-cr (N-OOS)" in n for n in outcome.notes)


PHASE = {"id": "n-phase", "clause": "§2.2", "code": "N-P2", "priority": 10,
         "when": {"dates": {"from": "2026-01-01"}}}  # fmt: skip
BY_TASK = {"id": "n-task", "clause": "§2.3", "code": "N-P2", "priority": 10,
           "when": {"all": [{"dates": {"from": "2026-01-01"}}, {"task": ["design"]}]}}  # fmt: skip
DESIGNED = [(f"schematic layout {i}", "N-P2") for i in range(12)]


def test_a_match_on_the_date_alone_goes_to_review_once_history_measures_rules() -> None:
    dated = _decide([PHASE], DESIGNED, "HAL owner meeting")
    assert dated.code == "N-P2"
    assert ReviewReason.ONLY_THE_DATE in dated.flags
    assert "matched on the date alone" in dated.notes[-1]
    typed = _decide([PHASE], None, "HAL owner meeting")  # no history: the typed value stands
    assert ReviewReason.ONLY_THE_DATE not in typed.flags
    picked = _decide([BY_TASK], DESIGNED, "HAL owner meeting", task="Design")
    assert ReviewReason.ONLY_THE_DATE not in picked.flags  # the person's pick says something


def test_approved_entries_like_it_let_a_match_on_the_date_stand() -> None:
    book = _book([PHASE])
    history = _history(DESIGNED)
    memory = Memory()
    for item in history:
        memory.learn("north", item.entry.description, item.label)
    calibration = Calibration.from_backtest(back_test(book, history))
    cascade = Cascade(book, [RulesStage(calibration), MemoryStage(memory)], memory=memory)
    like = cascade.classify(entry("schematic layout 14"))
    assert (like.code, like.needs_review) == ("N-P2", False)
    assert "approved entries like it were N-P2" in like.reason
    unlike = cascade.classify(entry("HAL owner meeting"))
    assert ReviewReason.ONLY_THE_DATE in unlike.review_reasons


def _with_firm_rule(rules: list[dict[str, Any]], firm_rule: dict[str, Any]) -> RuleBook:
    north = ClientRules.model_validate({**NORTH, "rules": rules})
    firm = FirmRules.model_validate({**FIRM, "rules": [firm_rule]})
    return RuleBook.build(firm, [north], {"north": "v1"}, "f1")


PROGRAM = {"id": "n-program", "clause": "§2", "code": "N-P1", "priority": 20,
           "when": {"words": ["ms4", "outfall"]}}  # fmt: skip
SALES = {"id": "firm-bd", "clause": "Firm policy 2", "code": "BD", "priority": 15,
         "beats_client": True, "when": {"words": ["proposal", "rfp"]}}  # fmt: skip


@pytest.mark.parametrize(
    ("firm_rule", "history", "flagged"),
    [
        (SALES, [], True),
        ({**SALES, "beats_client": False}, [], False),  # the priorities say it all
        (SALES, [("MS4 proposal review for the council", "N-P1")] * 2, False),  # settled
    ],
)
def test_a_firm_rule_that_says_it_beats_clients_but_ranks_below_one_goes_to_review(
    firm_rule: dict[str, Any], history: list[tuple[str, str]], flagged: bool
) -> None:
    book = _with_firm_rule([PROGRAM], firm_rule)
    items = _history([(f"MS4 outfall screening {i}", "N-P1") for i in range(12)] + history)
    stage = RulesStage(Calibration.from_backtest(back_test(book, items)))
    outcome = stage.classify(entry("2027 renewal - MS4 fee proposal"), book.context("north"),
                             Deadline(1000))  # fmt: skip
    assert isinstance(outcome, Proposal)
    assert outcome.code == "N-P1"
    assert (ReviewReason.UNTESTED_PRECEDENCE in outcome.flags) is flagged
    if flagged:
        assert "firm-bd (BD, a firm rule that says it beats client rules: 'proposal')" in (
            " ".join(outcome.notes)
        )
