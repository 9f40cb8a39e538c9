"""Loading a rules directory: the valid fixture loads; every broken fixture reports exactly the
file, line and field expected (tuples are compared whole, so a wrong line fails)."""

from __future__ import annotations

import hashlib
import shutil
import textwrap
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.rules import Basis
from app.rules import yaml_lines
from app.rules.loader import RuleProblem, RulesError, check_rules, load_rulebook

DATA = Path(__file__).resolve().parent.parent / "data"
FIRM_ONLY_RULES = ["firm.leave"]

Expected = tuple[str, int | None, str, str]


@pytest.fixture
def in_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from tests/data, so problem file names read ``rules_bad/refs.yaml``."""
    monkeypatch.chdir(DATA)


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the valid directory, as ``rules/`` under the working directory."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA / "rules_ok", tmp_path / "rules")
    return Path("rules")


def write(directory: Path, name: str, text: str) -> None:
    (directory / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def as_tuples(problems: list[RuleProblem]) -> list[Expected]:
    return [(p.file, p.line, p.field, p.message) for p in problems]


# --- the valid directory -----------------------------------------------------------------------


def test_valid_directory_has_no_problems(in_data: None) -> None:
    assert check_rules(Path("rules_ok")) == []


def test_valid_directory_loads_codes_and_rules() -> None:
    book = load_rulebook(DATA / "rules_ok")

    assert sorted(book.clients) == ["acme", "globex"]
    acme = book.context("acme")
    assert list(acme.codes) == [
        "INT-ADMIN", "INT-BD", "INT-LEAVE",
        "ACME-P1", "ACME-P2", "ACME-TRAVEL", "ACME-ASSESS", "ACME-NB",
    ]  # fmt: skip
    # the client's rules first, and its own firm.proposal replaces the firm's
    assert [r.id for r in acme.rules()] == [
        "acme.travel", "acme.site_visit", "acme.weekly_call", "firm.proposal", "firm.leave",
    ]  # fmt: skip
    assert acme.codes["ACME-ASSESS"].resolved_basis is Basis.FIXED_FEE
    assert acme.codes["ACME-P1"].effective.closes_on == "phase1_accepted"
    assert acme.event_date("phase1_accepted") == date(2024, 5, 15)
    globex = book.context("globex")
    assert globex.codes["GLX-RET"].retainer_hours == Decimal(20)
    assert [r.id for r in globex.rules()] == [
        "globex.standing_call", "globex.regulator", "globex.admin", "firm.leave", "firm.proposal",
    ]  # fmt: skip
    assert [r.id for r in book.context(None).rules()] == ["firm.leave", "firm.proposal"]


@pytest.mark.parametrize(
    ("name", "client_id"),
    [
        ("acme", "acme"),
        ("ACME MFG", "acme"),
        ("Acme Manufacturing Inc", "acme"),
        ("acme-2024 modernisation", "acme"),
        ("GLX", "globex"),
        ("Globex Retainer 2024", "globex"),
        ("Initech", None),
    ],
)
def test_tracker_names_resolve_to_clients(name: str, client_id: str | None) -> None:
    assert load_rulebook(DATA / "rules_ok").resolve_client(name) == client_id


def test_versions_are_the_first_12_hex_of_each_files_sha256() -> None:
    book = load_rulebook(DATA / "rules_ok")

    def digest(name: str) -> str:
        return hashlib.sha256((DATA / "rules_ok" / name).read_bytes()).hexdigest()[:12]

    assert book.versions == {"acme": digest("acme.yaml"), "globex": digest("globex.yml")}
    assert book.firm_version == digest("_firm.yaml")
    assert load_rulebook(DATA / "rules_ok").versions == book.versions


def test_a_changed_file_changes_only_its_version(rules: Path) -> None:
    before = load_rulebook(rules)
    edit(rules / "acme.yaml", "max_entry_hours: 9", "max_entry_hours: 9  # per SOW 7.2")
    after = load_rulebook(rules)

    assert after.versions["acme"] != before.versions["acme"]
    assert after.versions["globex"] == before.versions["globex"]
    assert after.firm_version == before.firm_version


def test_yaml_words_and_numbers_are_read_as_written() -> None:
    book = load_rulebook(DATA / "rules_ok")
    acme = book.clients["acme"]
    codes = {code.code: code for code in acme.codes}

    assert acme.rules[2].examples[0].on == date(2024, 2, 5)  # `on:` is a key, not True
    assert acme.lists["countries"] == ("US", "NO")  # not ("US", False)
    assert codes["ACME-ASSESS"].clause == "SOW 3.10"  # not 3.1
    assert acme.sow.version == "2"
    assert acme.rates[1].roles["analyst"] == Decimal("147.53")
    assert codes["ACME-P1"].billable is True  # billable: yes
    assert book.firm.codes[2].billable is False  # billable: off
    assert acme.rules[0].examples[1].matches is False  # matches: no
    assert acme.rules[0].when.any_of is not None
    assert acme.rules[0].when.any_of[1].phrases == ("drove to",)
    globex = book.clients["globex"]
    assert globex.codes[1].successor is None  # successor: ~
    assert globex.rules[0].unless is None  # unless: (empty)


# --- the broken directory ----------------------------------------------------------------------

FIRM_MSG = "not a firm code (the firm file may use firm codes only)"
CLIENT_MSG = "not a code of this client or of the firm"
BAD: dict[str, list[Expected]] = {
    "_firm.yaml": [
        (12, "codes[1].code", "duplicate code 'INT-ADMIN' (first defined at codes[0])"),
        (20, "codes[2].successor", f"unknown code 'INT-GONE': {FIRM_MSG}"),
        (27, "rules[0].when.any[1].list",
         "unknown list 'holidays': not a firm list (the firm file may use firm lists only)"),
        (28, "rules[0].code", f"unknown code 'REF-A': {FIRM_MSG}"),
        (31, "rules[0].examples[0].expect", f"unknown code 'INT-NOPE': {FIRM_MSG}"),
        (32, "rules[1].id", "duplicate rule id 'firm.leave' (first defined at rules[0])"),
        (37, "review.always_review_codes[0]", f"unknown code 'INT-BD': {FIRM_MSG}"),
    ],
    "empty.yaml": [(None, "", "the file is empty")],
    "refs.yaml": [
        (12, "codes[0].rate", "billable hourly code 'REF-A' has no rate, and the client has "
         "no rate card (rates: with a default or role rates)"),
        (16, "codes[0].successor", f"unknown code 'REF-Z': {CLIENT_MSG}"),
        (18, "codes[1].code", "duplicate code 'REF-A' (first defined at codes[0])"),
        (22, "codes[2].code",
         "code 'INT-ADMIN' is already a firm code: give the client's code its own id"),
        (33, "rules[0].when.any[1].not.list[0]",
         "unknown list 'offices': not a list of this client or of the firm"),
        (34, "rules[0].unless.list",
         "unknown list 'contacts': not a list of this client or of the firm"),
        (35, "rules[0].code", f"unknown code 'REF-Q': {CLIENT_MSG}"),
        (38, "rules[0].examples[0].expect", f"unknown code 'REF-X': {CLIENT_MSG}"),
        (41, "rules[1].id", "duplicate rule id 'refs.one' (first defined at rules[0])"),
        (45, "rules[2].id", "rule id 'firm.leave' is also a firm rule: list it under overrides "
         "to replace the firm rule, or rename it"),
        (49, "overrides[0]",
         "unknown firm rule 'firm.nothing': overrides must name a rule id of the firm file"),
        (51, "review.always_review_codes[1]", f"unknown code 'REF-NOPE': {CLIENT_MSG}"),
    ],
    "refs_copy.yaml": [(2, "client.id", "client id 'refs' is already used by rules_bad/refs.yaml")],
    "schema.yaml": [
        (2, "schema_version", "Input should be 1"),
        (4, "client.id", "String should match pattern '^[a-z0-9][a-z0-9_-]{1,39}$'"),
        (8, "sow.engagement",
         "Input should be 'time_and_materials', 'fixed_fee', 'retainer' or 'mixed'"),
        (9, "sow.effective.from",
         "Input should be a valid date or datetime, day value is outside expected range"),
        (14, "codes[0].billable", "Input should be a valid boolean, unable to interpret input"),
        (15, "codes[0].fraction", "Input should be less than or equal to 1"),
        (16, "codes[1].clause", "Field required"),  # missing: the line of its mapping
        (19, "codes[1].frction", "Extra inputs are not permitted"),
        (21, "codes[1].effective.from",
         "Input should be a valid date or datetime, invalid character in year"),
        (23, "codes[2]", "basis 'fixed_fee' needs 'fixed_fee' (the fee amount)"),
        (34, "rules[0].when.all[1].words", "Input should be a valid tuple"),
        (35, "rules[0].when.not",
         "empty condition: give at least one test (words, phrases, all, ...)"),
        (37, "rules[0].confidence", "Input should be less than or equal to 1"),
        (40, "rules[0].examples[0].on",
         "Input should be a valid date or datetime, input is too short"),
        (41, "rules[0].examples[0].matches",
         "Input should be a valid boolean, unable to interpret input"),
        (44, "review.max_entry_hours",
         "duplicate key 'max_entry_hours' (the later value wins; remove one)"),
    ],
    "syntax.yaml": [(7, "", "YAML syntax error: mapping values are not allowed here")],
    "twin.yaml": [
        (5, "client.aliases[0]", "tracker name 'Refs, Inc.' is also claimed by client 'refs' "
         "(rules_bad/refs.yaml), so its entries could go to either"),
        (5, "client.aliases[1]",
         "tracker name '---' has no letters or digits, so it cannot identify a client"),
        (6, "client.projects[0]", "tracker name 'Back-Office' is also the firm's internal "
         "client 'Back Office' (firm.internal_clients in the firm file)"),
        (15, "codes[0].rate", "billable hourly code 'TWN-A' has no rate, and no rate card is "
         "in force before 2024-03-01 (the code takes time from 2024-01-01)"),
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(BAD))
def test_broken_file_reports_each_problem_at_its_line(in_data: None, name: str) -> None:
    problems = check_rules(Path("rules_bad"))

    found = [t for t in as_tuples(problems) if t[0] == f"rules_bad/{name}"]
    assert found == [(f"rules_bad/{name}", *expected) for expected in BAD[name]]


def test_no_problem_outside_the_expected_files(in_data: None) -> None:
    files = {problem.file for problem in check_rules(Path("rules_bad"))}

    assert files == {f"rules_bad/{name}" for name in BAD}


def test_load_rulebook_raises_with_every_problem(in_data: None) -> None:
    with pytest.raises(RulesError) as caught:
        load_rulebook(Path("rules_bad"))

    problems = caught.value.problems
    assert problems == check_rules(Path("rules_bad"))
    assert len(problems) == sum(len(found) for found in BAD.values())
    assert str(caught.value).splitlines() == [str(problem) for problem in problems]


def test_problem_text_names_file_line_and_field() -> None:
    problem = RuleProblem("sow_rules/acme.yaml", 42, "codes[3].fraction", "too big")
    whole_file = RuleProblem("sow_rules/_firm.yaml", None, "", "missing")

    assert str(problem) == "sow_rules/acme.yaml:42: codes[3].fraction: too big"
    assert str(whole_file) == "sow_rules/_firm.yaml: missing"


# --- files and directories ---------------------------------------------------------------------


def test_missing_firm_file_is_a_problem_and_firm_references_are_not_guessed(
    rules: Path,
) -> None:
    (rules / "_firm.yaml").unlink()  # acme overrides firm.proposal; globex uses INT-ADMIN

    message = (
        "missing _firm.yaml: every rules directory needs the firm file "
        "(firm codes, people and rules)"
    )
    assert as_tuples(check_rules(rules)) == [("rules/_firm.yaml", None, "", message)]
    with pytest.raises(RulesError, match=r"missing _firm\.yaml"):
        load_rulebook(rules)


def test_an_invalid_firm_file_does_not_cause_false_reference_problems(rules: Path) -> None:
    edit(rules / "_firm.yaml", "billable: off", "billable: off\n    fraction: 2")

    assert as_tuples(check_rules(rules)) == [
        ("rules/_firm.yaml", 29, "codes[2].fraction", "Input should be less than or equal to 1"),
    ]


def test_firm_file_named_yml_is_reported(rules: Path) -> None:
    (rules / "_firm.yaml").rename(rules / "_firm.yml")

    assert [(p.file, p.message) for p in check_rules(rules)] == [
        ("rules/_firm.yaml", "missing _firm.yaml: every rules directory needs the firm file "
         "(firm codes, people and rules)"),
        ("rules/_firm.yml", "the firm file must be named _firm.yaml; this file is not read"),
    ]  # fmt: skip


def test_missing_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    assert as_tuples(check_rules(Path("nowhere"))) == [
        ("nowhere", None, "", "rules directory not found"),
    ]


def test_file_names_are_relative_to_the_working_directory_when_below_it(
    rules: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(rules, "zeta.yaml", "client: [\n")
    below = check_rules(tmp_path / "rules")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    outside = check_rules(tmp_path / "rules")

    assert [p.file for p in below] == ["rules/zeta.yaml"]
    assert [p.file for p in outside] == [str(tmp_path / "rules" / "zeta.yaml")]


def test_not_utf8_names_the_line(rules: Path) -> None:
    (rules / "zeta.yaml").write_bytes(b"client:\n  id: zeta\n  name: Z\xe9ta\n")

    assert as_tuples(check_rules(rules)) == [
        ("rules/zeta.yaml", 3, "", "not UTF-8 text (byte 0xe9): save it as UTF-8"),
    ]


def test_a_file_that_is_not_a_mapping(rules: Path) -> None:
    write(rules, "zeta.yaml", "# a list, not a client\n- acme\n- globex\n")

    assert as_tuples(check_rules(rules)) == [
        ("rules/zeta.yaml", 2, "", "Input should be a valid dictionary or instance of ClientRules"),
    ]


def test_syntax_error_names_the_line_and_its_context(rules: Path) -> None:
    write(
        rules,
        "zeta.yaml",
        """
        client:
          id: zeta
          name: "Zeta
        sow: {}
    """,
    )

    [problem] = check_rules(rules)
    assert (problem.file, problem.line) == ("rules/zeta.yaml", 5)
    assert problem.message.startswith("YAML syntax error: ")
    assert "(while scanning a quoted scalar at line 3)" in problem.message


# --- YAML details ------------------------------------------------------------------------------

ZETA = """
    client: {id: zeta, name: Zeta}
    sow: {id: Z-1, engagement: fixed_fee, effective: {from: 2024-01-01}}
    base: &base {name: Fixed, clause: SOW 1, billable: yes, basis: fixed_fee}
    codes:
      - <<: *base
        code: Z-A
        fixed_fee: 100
      - <<: *base
        code: Z-B
        fraction: 3
    rules:
      - id: zeta.one
        clause: SOW 1
        code: Z-A
        when:
          not_: {}
"""


def test_merge_keys_python_names_and_unknown_top_level_keys(rules: Path) -> None:
    """Merged keys fill Z-A (no "name"/"clause" missing); the Python name `not_` is not a key."""
    write(rules, "zeta.yaml", ZETA)

    assert as_tuples(check_rules(rules)) == [
        ("rules/zeta.yaml", 3, "base", "Extra inputs are not permitted"),
        ("rules/zeta.yaml", 10, "codes[1].fraction", "Input should be less than or equal to 1"),
        ("rules/zeta.yaml", 16, "rules[0].when.not_", "Extra inputs are not permitted"),
    ]  # fmt: skip


def test_the_python_name_of_an_aliased_key_is_rejected(rules: Path) -> None:
    write(
        rules,
        "zeta.yaml",
        """
        client: {id: zeta, name: Zeta}
        sow: {id: Z-1, engagement: fixed_fee, effective: {from: 2024-01-01}}
        codes:
          - {code: Z-A, name: A, clause: SOW 1, billable: no}
        rules:
          - id: zeta.one
            clause: SOW 1
            code: Z-A
            when:
              words: [x]
              list_: [nowhere]
    """,
    )

    assert as_tuples(check_rules(rules)) == [
        ("rules/zeta.yaml", 11, "rules[0].when.list_", "Extra inputs are not permitted"),
    ]  # fmt: skip


def test_billable_firm_code_needs_each_clients_rate_card(rules: Path) -> None:
    edit(rules / "_firm.yaml", "billable: off", "billable: on")  # INT-LEAVE, hourly
    edit(rules / "globex.yml", "rates:\n  - from: 2024-01-01\n    default: 180\n", "")

    no_card = "the client has no rate card (rates: with a default or role rates)"
    assert as_tuples(check_rules(rules)) == [
        ("rules/globex.yml", 2, "rates",
         f"firm code 'INT-LEAVE' is billable hourly with no rate, and {no_card}"),
        ("rules/globex.yml", 16, "codes[0].rate",
         f"billable retainer code 'GLX-RET' has no rate, and {no_card}"),
    ]  # fmt: skip


def test_loading_six_files_is_fast(in_data: None) -> None:
    files = len(list(Path("rules_bad").glob("*.y*ml")))
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        check_rules(Path("rules_bad"))
        timings.append(time.perf_counter() - start)

    assert files >= 6
    assert min(timings) < 0.1


RULE_FILES = sorted(
    path
    for folder in (DATA.parent.parent / "sow_rules", DATA.parent.parent / "examples", DATA)
    for path in folder.rglob("*.y*ml")
)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_libyaml_reads_every_rules_file_as_the_pure_python_loader(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast path (libyaml, when PyYAML has it) gives the same data, duplicate keys and lines;
    text either refuses comes back with the pure-Python loader's message."""
    text = path.read_text(encoding="utf-8")

    def read() -> tuple[object, ...]:
        try:
            doc = yaml_lines.parse_yaml(text)
        except yaml_lines.YamlSyntaxError as exc:
            return ("error", exc.line, exc.message)
        lines = [doc.locate(loc)[0] for loc, _ in doc.duplicates]
        return (doc.data, doc.duplicates, lines, doc.locate(_deepest(doc.data)))

    fast = read()
    monkeypatch.delattr(yaml_lines.yaml, "CSafeLoader")
    assert read() == fast


def _deepest(data: object) -> tuple[str | int, ...]:
    """The location of the last leaf (its line checks the node marks of the whole path)."""
    loc: tuple[str | int, ...] = ()
    while isinstance(data, dict | list) and data:
        key: str | int = list(data)[-1] if isinstance(data, dict) else len(data) - 1
        data = data[key]  # type: ignore[index]
        loc = (*loc, key)
    return loc
