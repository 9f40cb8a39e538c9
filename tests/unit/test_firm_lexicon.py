"""A firm's own shorthand (``_firm.yaml`` ``lexicon:``): added, replaced or switched off, applied to
that firm's entries and rules only, validated with file:line:field, and part of the version."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from app.classify.lexicon import DEFAULT_LEXICON, Lexicon
from app.classify.rules_stage import RulesStage
from app.classify.text import Text, WordTest, tokens
from app.domain.decisions import Proposal
from app.domain.rulebook import RuleBook
from app.domain.rules import ClientRules, FirmRules
from app.rules.loader import check_rules, load_rulebook
from tests.unit.engine_book import FIRM, NORTH, entry

DATA = Path(__file__).resolve().parent.parent / "data"


def _book(lexicon: dict[str, Any] | None = None) -> RuleBook:
    firm = FirmRules.model_validate({**FIRM, "lexicon": lexicon or {}})
    rules = [{"id": "n-guides", "clause": "§4", "code": "N-P1", "when": {"words": ["guidelines"]}}]
    north = ClientRules.model_validate({**NORTH, "rules": rules})
    return RuleBook.build(firm, [north], {"north": "v1"}, "f1")


def _code(book: RuleBook, text: str) -> str | None:
    ctx = book.context("north")
    outcome = RulesStage().classify(entry(text, client="Northwind Freight"), ctx, None)  # type: ignore[arg-type]
    return outcome.code if isinstance(outcome, Proposal) else None


def test_a_firm_adds_replaces_and_switches_off_shorthand() -> None:
    lex = Lexicon.of({"gdlns": "guidelines", "rev": "revision", "mo": None, "c/o": "change order"})
    assert tokens("gdlns rev mo c/o", lex) == ("guidelines", "revision", "mo", "change", "order")
    assert tokens("gdlns rev mo c/o") == ("gdlns", "review", "month", "c", "o")  # the defaults
    assert Lexicon.of({}) is DEFAULT_LEXICON  # no changes: the shared defaults, no rebuild


def test_the_rule_words_are_read_through_the_same_lexicon() -> None:
    lex = Lexicon.of({"gdlns": "guidelines"})
    assert WordTest.of(["gdlns"], lex).matched(Text("updated the guidelines", lex)) == "guidelines"
    assert WordTest.of(["gdlns"]).matched(Text("updated the guidelines")) is None


def test_each_firm_reads_with_its_own_lexicon_in_one_process() -> None:
    # "gdl" (three letters) is no shortening every firm reads ("gdlns" is: abbreviations.py)
    theirs, plain = _book({"gdl": "guidelines"}), _book()
    assert _code(theirs, "gdl edits") == "N-P1"
    assert _code(plain, "gdl edits") is None  # the other tenant is not affected
    assert theirs.context("north").lexicon is theirs.context(None).lexicon  # built once


def test_the_reason_cites_the_word_the_shorthand_stands_for() -> None:
    ctx = _book({"gdlns": "guidelines"}).context("north")
    outcome = RulesStage().classify(entry("gdlns edits", client="Northwind Freight"), ctx, None)  # type: ignore[arg-type]
    assert isinstance(outcome, Proposal)
    assert outcome.reason.startswith("rule n-guides (matched 'guidelines')")


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA / "rules_ok", tmp_path / "rules")
    return Path("rules")


def _add_lexicon(rules: Path, body: str) -> None:
    firm = rules / "_firm.yaml"
    firm.write_text(firm.read_text(encoding="utf-8") + f"lexicon:\n{body}", encoding="utf-8")


def test_rules_check_reports_bad_shorthand_at_its_line(rules: Path) -> None:
    lines = len((rules / "_firm.yaml").read_text(encoding="utf-8").splitlines())
    _add_lexicon(rules, "  gdlns: guidelines\n  Bad Key: x\n  wk: 7 days\n  mo: null\n")
    found = [(p.file, p.line, p.field) for p in check_rules(rules)]
    assert found == [
        ("rules/_firm.yaml", lines + 3, "lexicon['Bad Key']"),
        ("rules/_firm.yaml", lines + 4, "lexicon.wk"),
    ]


def test_a_lexicon_change_is_a_new_rules_version(rules: Path) -> None:
    before = load_rulebook(rules).version_of(None)
    _add_lexicon(rules, "  gdlns: guidelines\n")
    book = load_rulebook(rules)
    assert book.version_of(None) != before
    assert tokens("gdlns", book.context(None).lexicon) == ("guidelines",)
