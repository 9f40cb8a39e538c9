"""Answers of tests that read the description alone are kept on its reading (``Text.answers``),
so a history that repeats its descriptions tests each once; tests that read anything else are
asked again for every entry."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from app.classify.conditions import Subject, compile_condition, reads_text_only
from app.classify.text import Readings, Text
from app.domain.rules import Condition
from tests.builders import entry


def _cond(data: dict[str, Any]) -> Condition:
    return Condition.model_validate(data)


@pytest.mark.parametrize(
    ("data", "text_only"),
    [
        ({"words": ["call"]}, True),
        ({"phrases": ["status call"], "regex": "call"}, True),
        ({"any": [{"words": ["call"]}, {"not": {"list": ["contacts"]}}]}, True),
        ({"words": ["call"], "hours": {"gt": 2}}, False),
        ({"all": [{"words": ["call"]}, {"project": ["acme*"]}]}, False),
        ({"any": [{"words": ["call"]}, {"not": {"weekday": ["tue"]}}]}, False),
        ({"billable_flag": True}, False),
        ({"time": {"from": "09:00", "to": "10:00"}}, False),
    ],
)
def test_which_conditions_read_the_text_alone(data: dict[str, Any], text_only: bool) -> None:
    assert reads_text_only(_cond(data)) is text_only


def test_a_text_answer_is_kept_on_the_reading_and_not_shared_between_readings() -> None:
    test = compile_condition(_cond({"words": ["call"]}), {})
    call, memo = Text("weekly call"), Text("drafted memo")
    assert test(Subject(entry("weekly call"), call))
    assert not test(Subject(entry("drafted memo"), memo))
    assert list(call.answers.values()) == [True]
    assert list(memo.answers.values()) == [False]
    call.answers[next(iter(call.answers))] = False  # what is kept is what is answered
    assert not test(Subject(entry("weekly call"), call))


def test_a_condition_on_hours_is_asked_for_every_entry_sharing_a_description() -> None:
    test = compile_condition(_cond({"words": ["call"], "hours": {"gt": 2}}), {})
    read = Readings()
    short = entry("weekly call", hours=Decimal("1"))
    long = entry("weekly call", hours=Decimal("3"))
    assert read(short.description) is read(long.description)  # one reading, two entries
    assert not test(Subject(short, read(short.description)))
    assert test(Subject(long, read(long.description)))
    assert not test(Subject(short, read(short.description)))
    # the words part alone is kept: one answer, whichever entry asked
    assert list(read(short.description).answers.values()) == [True]


def test_two_compilations_of_one_condition_keep_answers_apart() -> None:
    lists = {"contacts": ("dana",)}
    first = compile_condition(_cond({"list": ["contacts"]}), lists)
    second = compile_condition(_cond({"list": ["contacts"]}), {"contacts": ("omar",)})
    text = Text("call with dana")
    subject = Subject(entry(text.raw), text)
    assert first(subject)
    assert not second(subject)
    assert len(text.answers) == 2


def test_readings_are_bounded() -> None:
    read = Readings(kept=3)
    first = read("a")
    for raw in ("b", "c", "d"):
        read(raw)
    assert read("a") is not first  # started afresh past three readings
    assert read("d") is read("d")


_MIXED = [
    {"words": ["call"], "hours": {"gt": 2}},
    {"all": [{"words": ["call"]}, {"project": ["acme*"]}], "phrases": ["status call"]},
    {"any": [{"words": ["call"]}, {"weekday": ["mon"]}]},
    {"any": [{"words": ["call"]}, {"words": ["memo"]}], "billable_flag": True},
    {"not": {"words": ["internal"]}, "tags": ["onsite"]},
    {"not": {"all": [{"words": ["call"]}, {"hours": {"lt": 1}}]}, "regex": "memo|call"},
    {"project": ["acme*"]},
]
_TEXTS = ["weekly status call", "drafted memo", "internal call", "call", "site visit", "memo"]


@pytest.mark.parametrize("data", _MIXED)
def test_the_text_gate_holds_whenever_the_condition_does(data: dict[str, Any]) -> None:
    from datetime import date  # noqa: PLC0415

    from app.classify.conditions import text_gate  # noqa: PLC0415

    cond = _cond(data)
    test, gate = compile_condition(cond, {}), text_gate(cond, {})
    held = 0
    read = Readings()  # one reading per description, shared by its entries as in a run
    said: dict[str, set[bool]] = {}
    for raw in _TEXTS:
        for hours in ("0.5", "3"):
            for project in ("Acme strategy", "Globex"):
                for flag in (True, False):
                    e = entry(
                        raw,
                        hours=Decimal(hours),
                        project=project,
                        billable_flag=flag,
                        work_date=date(2026, 3, 2 + int(flag) + int(hours == "3")),  # Mon-Wed
                    )
                    if test(Subject(e, read(raw))):
                        held += 1
                        assert gate is None or gate(Subject(e, read(raw))), (data, raw)
                    if gate is not None:  # asked afresh, it reads the text alone
                        said.setdefault(raw, set()).add(gate(Subject(e, Text(raw))))
    assert held  # each condition holds for some entry: the implication was really tested
    assert all(len(answers) == 1 for answers in said.values()), said
    if not reads_text_only(cond) and any(k in data for k in ("words", "phrases", "regex")):
        assert gate is not None  # a top-level text test is a gate


def test_shortlisted_rules_rank_as_every_rule_on_the_demo_month() -> None:
    from pathlib import Path  # noqa: PLC0415

    from app.classify.rules_stage import RulesStage, _top_rank  # noqa: PLC0415
    from app.rules.loader import load_rulebook  # noqa: PLC0415
    from app.sources.exports import open_export  # noqa: PLC0415

    repo = Path(__file__).resolve().parents[2]
    book = load_rulebook(repo / "sow_rules")
    stage = RulesStage()
    shortened = 0
    for e in open_export(repo / "examples/demo_firm/data/month.csv").entries():
        ctx = book.context(book.resolve_client(e.client, e.project))
        rules = stage.compiled(ctx)
        subject = Subject(e, stage.read(e.description, ctx.lexicon))
        assert _top_rank(rules.shortlist(subject), subject) == _top_rank(rules, subject)
        shortened += len(rules.shortlist(subject)) < len(rules)
    assert shortened > 100  # the shortlist really leaves rules out
