"""The newer keys of the rules format, as `rules check` sees them: the fixture firm that uses
all of them is valid and its examples pass; each key's mistakes are reported at file, line and
field; an example's `flags` and `needs_review` fail when the decision says otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.rules.examples import run_examples
from app.rules.loader import RuleProblem, check_rules, load_rulebook

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA / "rules_format", tmp_path / "rules")
    return Path("rules")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def shown(problems: list[RuleProblem]) -> list[tuple[str, int | None, str, str]]:
    return [(p.file, p.line, p.field, p.message) for p in problems]


def test_fixture_with_every_new_key_is_valid_and_its_examples_pass(rules: Path) -> None:
    assert check_rules(rules) == []
    assert run_examples(load_rulebook(rules)) == []


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "requires: CO-2 ",
            "requires: CO-9 ",
            "rates[1].requires",
            "unknown amendment 'CO-9': sow.amendments lists CO-1, CO-2",
        ),
        (
            "codes: [K-INTEG]",
            "codes: [K-NOPE]",
            "rates[1].codes[0]",
            "unknown code 'K-NOPE': not a code of this client",
        ),
        (
            "counts_toward: K-FF}",
            "counts_toward: K-ANALYTICS}",
            "codes[8].counts_toward",
            "'K-ANALYTICS' is not a fixed-fee code of this client",
        ),
        (
            "out_of_scope: K-OOS",
            "out_of_scope: K-GONE",
            "out_of_scope",
            "unknown code 'K-GONE': not a code of this client or of the firm",
        ),
        (
            "code: INT-ADMIN}",
            "code: INT-NONE}",
            "rules[1].unless.code",
            "unknown code 'INT-NONE': not a code of this client or of the firm",
        ),
        (
            "{codes: [K-ANALYTICS, K-REPORTS]",
            "{codes: [K-ANALYTICS, K-REPROTS]",
            "caps[0].codes[1]",
            "unknown code 'K-REPROTS': not a code of this client or of the firm",
        ),
        (
            "hours: 6, codes: [K-ANALYTICS]",
            "hours: 6, codes: [K-ANALYTIX]",
            "requests.codes[0]",
            "unknown code 'K-ANALYTIX': not a code of this client or of the firm",
        ),
        (
            "exempt_codes: [K-ROAD]",
            "exempt_codes: [K-RAOD]",
            "review.max_entry_hours.exempt_codes[0]",
            "unknown code 'K-RAOD': not a code of this client or of the firm",
        ),
        (
            "dates: {in: holidays}",
            "dates: {in: holydays}",
            "rules[3].when.dates.in",
            "unknown list 'holydays': not a list of this client or of the firm",
        ),
        (
            'to: "10:30"}',
            'to: "10:30", zone: Mars/Olympus}',
            "rules[2].when.time.zone",
            "unknown time zone 'Mars/Olympus' (e.g. America/New_York)",
        ),
        (
            'to: "10:30"}',
            'to: "25:30"}',
            "rules[2].when.time.to",
            "Input should be in a valid time format, hour value is outside expected range of 0-23",
        ),
        (
            "pattern: '\\b(REQ-\\d+)\\b'",
            "pattern: '(REQ-'",
            "requests.pattern",
            "invalid regular expression: missing ), unterminated subpattern at position 0",
        ),
        (
            "flags: [rule_flag]",
            "flags: [rule_flagged]",
            "rules[3].examples[0].flags[0]",
            "unknown flag 'rule_flagged': one of ",
        ),
        (
            'clause: "§2.1", billable: yes}',
            'clause: "§2.1", billable: yes, rollover_hours: 4}',
            "codes[0].rollover_hours",
            "'rollover_hours' applies to retainer codes only (basis: retainer)",
        ),
        (
            "change_code: K-CR,",
            "change_code: K-CQ,",
            "deliverables.D1.change_code",
            "unknown code 'K-CQ': not a code of this client or of the firm",
        ),
        (
            "kind: travel}",
            "kind: trip}",
            "codes[3].kind",
            "Input should be 'work', 'travel', 'leave' or 'admin'",
        ),
    ],
)
def test_a_mistake_in_a_new_key_names_file_line_and_field(
    rules: Path, old: str, new: str, field: str, message: str
) -> None:
    client = rules / "kestrel.yaml"
    edit(client, old, new)
    [problem] = check_rules(rules)
    assert (problem.file, problem.line, problem.field) == (
        "rules/kestrel.yaml",
        line_of(client, new),
        field,
    )
    assert problem.message.startswith(message)


def test_a_date_list_with_an_item_that_is_not_a_date(rules: Path) -> None:
    firm = rules / "_firm.yaml"
    edit(firm, "holidays: [2026-05-25, 2026-07-03]", "holidays: [2026-05-25, July 3]")
    assert shown(check_rules(rules)) == [
        (
            "rules/kestrel.yaml",
            line_of(rules / "kestrel.yaml", "dates: {in: holidays}"),
            "rules[3].when.dates.in",
            "list 'holidays' item 'July 3' is not a date (YYYY-MM-DD)",
        )
    ]


def test_an_exempt_limit_is_a_number_or_hours_with_exempt_codes(rules: Path) -> None:
    client = rules / "kestrel.yaml"
    edit(client, "max_entry_hours: {hours: 8, exempt_codes: [K-ROAD]}", "max_entry_hours: 9")
    assert check_rules(rules) == []
    assert load_rulebook(rules).clients["kestrel"].review.max_entry_hours.hours == 9
    edit(client, "max_entry_hours: 9", "max_entry_hours: {exempt_codes: [K-ROAD]}")
    [problem] = check_rules(rules)
    assert (problem.field, problem.message) == ("review.max_entry_hours.hours", "Field required")


def test_counts_toward_on_a_billable_code_is_refused(rules: Path) -> None:
    client = rules / "kestrel.yaml"
    edit(
        client,
        'clause: "§3", billable: no, counts_toward',
        'clause: "§3", billable: yes, counts_toward',
    )
    [problem] = check_rules(rules)
    assert problem.field == "codes[8]"
    assert "'counts_toward' is for non-billable codes" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "flags: [over_travel_hours]",
            "flags: [over_cap]",
            "should be flagged over_cap; flags raised: over_travel_hours",
        ),
        (
            "hours: 5, needs_review: false}",
            "hours: 5, needs_review: true}",
            "should go to review, but does not",
        ),
        (
            "flags: [out_of_scope], needs_review: true}",
            "flags: [out_of_scope], needs_review: false}",
            "should be auto-approved, but does not",
        ),
        (
            'on: 2026-03-03, at: "10:00"}',
            'on: 2026-03-03, at: "11:00"}',
            "should be K-CALL, got K-OOS",
        ),
    ],
)
def test_an_example_fails_when_flags_or_review_differ(
    rules: Path, old: str, new: str, said: str
) -> None:
    client = rules / "kestrel.yaml"
    edit(client, old, new)
    assert check_rules(rules) == []
    [failure] = run_examples(load_rulebook(rules))
    assert failure.file == "rules/kestrel.yaml"
    assert said in failure.message
