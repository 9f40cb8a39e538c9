"""`timebill classify` and `timebill rules check` as a user runs them, on the demo firm's rules."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.classify.batch import OUTPUT_COLUMNS
from app.cli import app

REPO = Path(__file__).resolve().parents[2]
WEEK = REPO / "tests" / "data" / "functional" / "northwind_week.csv"
RULES = REPO / "sow_rules"


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMEBILL_LLM_PROVIDER", "none")


def _rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_classify_keeps_every_input_column_and_row_and_appends_exactly_the_decision(
    tmp_path: Path,
) -> None:
    out = tmp_path / "classified.csv"
    result = CliRunner().invoke(
        app, ["classify", str(WEEK), "--rules", str(RULES), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    given, written = _rows(WEEK), _rows(out)
    assert written[0] == [*given[0], *OUTPUT_COLUMNS]
    assert [row[: len(given[0])] for row in written] == given  # same rows, same order, untouched
    decided = [dict(zip(written[0], row, strict=True)) for row in written[1:]]
    by_text = {d["Description"]: d for d in decided}
    assert by_text["drive to Stockton depot"]["code"] == "NWF-TRAVEL"
    assert by_text["drive to Stockton depot"]["billable_fraction"] == "0.5"
    assert by_text["drive to Stockton depot"]["needs_review"] == "false"
    assert by_text["researching new regs"]["code"] == "NWF-RESEARCH-NB"
    assert by_text["researching new regs"]["needs_review"] == "true"
    assert by_text["broken row"]["review_reasons"] == "import_error"
    assert "Start Date" in by_text["broken row"]["reason"]
    assert "Entries and hours per code" in result.output
    assert "sent to review" in result.output


def test_without_out_the_classified_csv_goes_to_out_named_for_the_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["classify", str(WEEK), "--rules", str(RULES)])
    assert result.exit_code == 0, result.output
    written = tmp_path / "out" / "northwind_week.classified.csv"
    assert _rows(written)[0] == [*_rows(WEEK)[0], *OUTPUT_COLUMNS]
    assert "Wrote out/northwind_week.classified.csv" in " ".join(result.output.split())


def test_unknown_export_format_names_the_file_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "ledger.csv"
    bad.write_text("When,What,How long\n2026-10-01,stuff,1\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["classify", str(bad), "--rules", str(RULES), "--out", str(tmp_path / "o.csv")]
    )
    assert result.exit_code == 2
    assert "ledger.csv" in result.output
    assert not (tmp_path / "o.csv").exists()


def test_rules_check_passes_on_the_bundled_rules_and_runs_their_examples() -> None:
    result = CliRunner().invoke(app, ["rules", "check", str(RULES)])
    assert result.exit_code == 0, result.output
    assert "examples passed" in result.output


def test_rules_check_says_ok_on_one_line_from_a_long_path(tmp_path: Path) -> None:
    deep = tmp_path / ("a-rather-long-folder-name-" * 4) / "sow_rules"
    shutil.copytree(RULES, deep, ignore=shutil.ignore_patterns("drafts", "*.md"))
    result = CliRunner().invoke(app, ["rules", "check", str(deep)], terminal_width=80)
    assert result.exit_code == 0, result.output
    [line] = [x for x in result.output.splitlines() if x.startswith("OK ")]
    assert line.endswith("examples passed"), result.output


def test_rules_check_notes_a_code_no_rule_gives(tmp_path: Path) -> None:
    # A code added to a client's file without a rule (a change order's, say): the book is
    # valid, so the check passes, and says which code only memory, Claude or a person can give.
    for source in RULES.glob("*.yaml"):
        text = source.read_text(encoding="utf-8")
        if source.name == "cobalt.yaml":
            added = (
                "codes:\n  - code: COB-CO1\n    name: Change order 1\n    clause: CO-1\n"
                "    billable: false\n"
            )
            text = text.replace("codes:\n", added, 1)
        (tmp_path / source.name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["rules", "check", str(tmp_path)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert (
        "note: COB-CO1 (cobalt): no rule gives it and no code moves to it; only memory, Claude"
        " or a reviewer can choose it (a rule forgotten?)" in result.output
    )
    bundled = CliRunner().invoke(app, ["rules", "check", str(RULES)])
    assert "note:" not in bundled.output


def test_rules_check_reports_a_failing_example_with_file_and_field(tmp_path: Path) -> None:
    for source in RULES.glob("*.yaml"):
        text = source.read_text(encoding="utf-8")
        if source.name == "northwind.yaml":
            old = '{text: "drive to Fresno depot", expect: NWF-TRAVEL, hours: 3}'
            assert old in text
            text = text.replace(old, '{text: "drive to Fresno depot", expect: NWF-PM, hours: 3}')
        (tmp_path / source.name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["rules", "check", str(tmp_path)])
    assert result.exit_code == 1
    text = (tmp_path / "northwind.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(text, 1) if "expect: NWF-PM, hours: 3" in t)
    assert re.search(rf"northwind.yaml:{line}: rules\[\d+\]\.examples\[0\]: ", result.output)
    assert "'drive to Fresno depot' should be NWF-PM, got NWF-TRAVEL" in result.output


def test_rules_check_lists_schema_problems_with_file_and_line(tmp_path: Path) -> None:
    for source in RULES.glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "cobalt.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("billable: true", "billable: maybe", 1)
    )
    result = CliRunner().invoke(app, ["rules", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert "cobalt.yaml:" in result.output
    assert ".billable: Input should be a valid boolean" in result.output


def test_a_row_with_two_problems_counts_as_one_row_not_read(tmp_path: Path) -> None:
    given = _rows(WEEK)
    header = given[0]
    broken = list(given[1])
    for column in ("Start Date", "Start Time"):
        broken[header.index(column)] = ""
    export = tmp_path / "week.csv"
    with export.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, broken, given[2]])
    out = tmp_path / "classified.csv"
    result = CliRunner().invoke(
        app, ["classify", str(export), "--rules", str(RULES), "--out", str(out)],
        terminal_width=200,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "'Start Date'" in result.output
    assert "'Start Time'" in result.output
    assert "1 row(s) could not be read" in result.output
