"""Precedence between rules that match one entry: priority, then a client's topic over a firm
keyword (unless the firm rule says ``beats_client``), then the more specific match; equal ones
that disagree still go to review. Each case is a small rule book built here."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from app.classify.deadline import Deadline
from app.classify.rules_stage import RulesStage
from app.domain.decisions import Abstain, Proposal, ReviewReason
from app.domain.rulebook import RuleBook
from app.domain.rules import ClientRules, FirmRules
from app.rules.loader import check_rules
from tests.unit.engine_book import FIRM, NORTH, entry

DATA = Path(__file__).resolve().parent.parent / "data"


def _rule(ident: str, code: str, when: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"id": ident, "clause": "§1", "code": code, "when": when, **more}


def _decide(
    text: str, client: list[dict[str, Any]], firm: list[dict[str, Any]] | None = None, **fields: Any
) -> Proposal | Abstain:
    firm_rules = FirmRules.model_validate({**FIRM, "rules": firm or []})
    north = ClientRules.model_validate({**NORTH, "rules": client})
    ctx = RuleBook.build(firm_rules, [north], {"north": "v1"}, "f1").context("north")
    outcome = RulesStage().classify(entry(text, **fields), ctx, Deadline(1000))
    assert isinstance(outcome, Proposal | Abstain)
    return outcome


def _code(outcome: Proposal | Abstain) -> str | None:
    return outcome.code if isinstance(outcome, Proposal) else None


def test_a_phrase_beats_a_single_keyword_at_the_same_priority() -> None:
    rules = [
        _rule("n-call", "N-P1", {"words": ["call"]}),
        _rule("n-status", "N-P2", {"phrases": ["weekly status call"]}),
    ]
    outcome = _decide("took the wkly status call with Dana", rules)
    assert _code(outcome) == "N-P2"
    assert isinstance(outcome, Proposal)
    assert outcome.reason.startswith(
        "rule n-status (matched 'weekly status call') (more specific than rule n-call)"
    )


def test_a_rule_with_more_conditions_beats_its_keyword_alone() -> None:
    rules = [
        _rule("n-memo", "N-P1", {"words": ["memo"]}),
        _rule("n-memo-reg", "N-REG", {"all": [{"words": ["memo"]}, {"project": ["nw comp*"]}]}),
    ]
    assert _code(_decide("memo draft", rules, project="NW Compliance")) == "N-REG"
    assert _code(_decide("memo draft", rules, project="Other")) == "N-P1"


def test_equal_specificity_and_different_codes_still_go_to_review() -> None:
    rules = [
        _rule("n-memo", "N-P1", {"words": ["memo"]}),
        _rule("n-draft", "N-P2", {"words": ["draft"]}),
    ]
    outcome = _decide("memo draft", rules)
    assert isinstance(outcome, Abstain)
    assert outcome.reasons == (ReviewReason.AMBIGUOUS,)


def test_priority_still_comes_before_specificity() -> None:
    rules = [
        _rule("n-call", "N-P1", {"words": ["call"]}, priority=10),
        _rule("n-status", "N-P2", {"phrases": ["status call"]}),
    ]
    assert _code(_decide("status call", rules)) == "N-P1"


CLIENT_TOPIC = [_rule("n-reg", "N-REG", {"words": ["fmcsa"]})]
FIRM_BD = _rule("firm-bd", "BD", {"words": ["proposal", "rfp"]}, priority=50)


def test_a_client_topic_beats_a_firm_keyword_of_higher_priority() -> None:
    outcome = _decide("FMCSA proposal comments", CLIENT_TOPIC, [FIRM_BD])
    assert isinstance(outcome, Proposal)
    assert outcome.code == "N-REG"
    assert outcome.reason.startswith(
        "rule n-reg (matched 'fmcsa') (a client topic over firm keyword rule firm-bd)"
    )
    assert _code(_decide("proposal comments", CLIENT_TOPIC, [FIRM_BD])) == "BD"


def test_a_firm_rule_that_says_beats_client_keeps_its_priority() -> None:
    firm = [{**FIRM_BD, "beats_client": True}]
    assert _code(_decide("FMCSA proposal comments", CLIENT_TOPIC, firm)) == "BD"


@pytest.mark.parametrize(
    "firm_when",
    [
        {"phrases": ["proposal comments"]},  # more than one word: not a generic keyword
        {"all": [{"words": ["proposal"]}, {"weekday": ["wed"]}]},  # reads more than the text
    ],
)
def test_a_firm_rule_more_than_a_keyword_keeps_its_priority(firm_when: dict[str, Any]) -> None:
    firm = [_rule("firm-bd", "BD", firm_when, priority=50)]
    assert _code(_decide("FMCSA proposal comments", CLIENT_TOPIC, firm)) == "BD"


def test_a_client_rule_on_the_project_alone_is_no_topic() -> None:
    client = [_rule("n-any", "N-P1", {"project": ["nw comp*"]})]
    assert _code(_decide("proposal comments", client, [FIRM_BD], project="NW Compliance")) == "BD"


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA / "rules_ok", tmp_path / "rules")
    return Path("rules")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_rules_check_accepts_beats_client_in_the_firm_file_only(rules: Path) -> None:
    firm, acme = rules / "_firm.yaml", rules / "acme.yaml"
    _edit(firm, "  - id: firm.proposal\n", "  - id: firm.proposal\n    beats_client: true\n")
    assert check_rules(rules) == []
    _edit(acme, "  - id: acme.travel\n", "  - id: acme.travel\n    beats_client: yes\n")
    message = "only a firm rule (in _firm.yaml) can say beats_client"
    assert [(p.file, p.line, p.field, p.message) for p in check_rules(rules)] == [
        ("rules/acme.yaml", 75, "rules[0].beats_client", message)
    ]
    _edit(firm, "beats_client: true", "beats_client: maybe")
    assert [(p.file, p.line, p.field) for p in check_rules(rules)] == [
        ("rules/_firm.yaml", 40, "rules[1].beats_client")
    ]


def test_a_client_that_gives_way_on_the_word_leaves_it_to_the_firm_rule() -> None:
    client = [
        *CLIENT_TOPIC,
        _rule("n-memo", "N-P1", {"words": ["memo"]}, unless={"words": ["proposal"]}),
    ]
    assert _code(_decide("FMCSA proposal comments", client, [FIRM_BD])) == "BD"
    assert _code(_decide("FMCSA rfp comments", client, [FIRM_BD])) == "N-REG"


def test_an_id_pattern_is_no_topic() -> None:
    client = [_rule("n-ticket", "N-P1", {"regex": r"\bnw-\d+\b"})]
    assert _code(_decide("nw-12 proposal", client, [FIRM_BD])) == "BD"


TASK_RULE = _rule("n-extra", "N-EXTRA", {"task": ["additional services"]}, priority=30)
WORDS_RULE = _rule("n-close", "N-CLOSE", {"phrases": ["bank rec"]}, priority=20)


def test_a_task_picked_against_the_words_goes_to_review_with_both_named() -> None:
    outcome = _decide("WFD bank rec - first statement", [TASK_RULE, WORDS_RULE],
                      task="Additional Services")  # fmt: skip
    assert isinstance(outcome, Proposal)
    assert outcome.code == "N-EXTRA"  # precedence still proposes the higher rule
    assert ReviewReason.PICKED_NOT_WRITTEN in outcome.flags
    [note] = [n for n in outcome.notes if "picked in the tracker" in n]
    assert note == (
        "matched on the task picked in the tracker, not on the words; the words match rule"
        " n-close (N-CLOSE)"
    )


@pytest.mark.parametrize(
    ("text", "rules", "why"),
    [
        ("budget for the new office", [TASK_RULE, WORDS_RULE], "no other rule reads the words"),
        (
            "bank rec for the budget",
            [TASK_RULE, _rule("n-close", "N-EXTRA", {"phrases": ["bank rec"]}, priority=20)],
            "the words agree",
        ),
        (
            "bank rec",
            [
                _rule(
                    "n-extra",
                    "N-EXTRA",
                    {"all": [{"task": ["additional services"]}, {"phrases": ["bank rec"]}]},
                    priority=30,
                ),
                WORDS_RULE,
            ],
            "the rule read the words too",
        ),
        (
            "bank rec",
            [
                _rule(
                    "n-extra",
                    "N-EXTRA",
                    {"all": [{"task": ["additional services"]}, {"dates": {"from": "2026-01-01"}}]},
                    priority=30,
                ),
                WORDS_RULE,
            ],
            "a date is a fact, not a pick",
        ),
    ],
)
def test_a_pick_that_the_words_do_not_contradict_stands(
    text: str, rules: list[dict[str, Any]], why: str
) -> None:
    outcome = _decide(text, rules, task="Additional Services")
    assert isinstance(outcome, Proposal)
    assert ReviewReason.PICKED_NOT_WRITTEN not in outcome.flags, why


def test_a_firm_rule_matching_one_word_does_not_contradict_a_clients_pick() -> None:
    firm = [_rule("f-admin", "F-ADMIN", {"any": [{"words": ["invoices"]}, {"task": ["admin"]}]},
                  priority=10)]  # fmt: skip
    client = [_rule("n-books", "N-CLOSE", {"task": ["bookkeeping"]}, priority=20)]
    outcome = _decide("keyed in the landlord invoices", client, firm, task="Bookkeeping")
    assert isinstance(outcome, Proposal)
    assert outcome.code == "N-CLOSE"
    assert ReviewReason.PICKED_NOT_WRITTEN not in outcome.flags
