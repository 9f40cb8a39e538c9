"""``timebill eval`` over a stream: the truth is joined to rows as they go by, by the truth
file's line or by the export's own truth column, and scores like the whole-file ``score``."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.classify.batch import classify_export, learn_evidence
from app.classify.evaluation import truth_from_file
from app.classify.memory import Memory
from app.classify.summary import score
from app.cli import app
from app.config import Settings
from app.factory import build_cascade
from app.rules.loader import load_rulebook

REPO = Path(__file__).resolve().parents[2]
SECOND = REPO / "examples" / "second_firm"
MONTH, TRUTH, HISTORY = (
    SECOND / "data" / n for n in ("month.csv", "month_truth.csv", "history.csv")
)
BASE = [
    "eval", str(MONTH), "--rules", str(SECOND / "sow_rules"), "--history", str(HISTORY),
    "--label-column", "Approved Code",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMEBILL_LLM_PROVIDER", "none")


def _accuracy_lines(output: str) -> list[str]:
    keep = ("labelled entries", "auto-approved", "sent to review", "coverage / accuracy")
    return [line for line in output.splitlines() if any(k in line for k in keep)]


def _value(output: str, figure: str) -> str:
    """The value cell of the accuracy table's row named ``figure``."""
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip("│┃ ").split("│")]
        if len(cells) == 2 and cells[0] == figure:
            return cells[1]
    raise AssertionError(f"no row {figure!r} in:\n{output}")


def test_truth_file_and_truth_column_score_alike_and_as_the_whole_file(tmp_path: Path) -> None:
    with MONTH.open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    with TRUTH.open(newline="", encoding="utf-8") as handle:
        true = {int(r["line"]): r["true_code"] for r in csv.DictReader(handle)}
    labelled = tmp_path / "month_labelled.csv"
    with labelled.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*header, "True Code"])
        writer.writerows([*row, true.get(n, "")] for n, row in enumerate(rows, start=2))

    by_file = CliRunner().invoke(app, [*BASE, "--truth", str(TRUTH)], terminal_width=200)
    by_column = CliRunner().invoke(
        app, [*BASE[:1], str(labelled), *BASE[2:], "--truth-column", "True Code"],
        terminal_width=200,
    )  # fmt: skip

    assert by_file.exit_code == by_column.exit_code == 0, by_file.output + by_column.output
    assert _accuracy_lines(by_file.output) == _accuracy_lines(by_column.output)
    settings = Settings(rules_dir=SECOND / "sow_rules", llm_provider="none")
    book = load_rulebook(settings.rules_dir)
    memory = Memory(settings.memory_min_similarity)
    evidence = learn_evidence(book, memory, HISTORY, "Approved Code")
    whole = classify_export(build_cascade(settings, book, memory, evidence.calibration), MONTH)
    known = truth_from_file(TRUTH, whole.source)
    accuracy = score(whole.decided, known.codes, known.categories)
    assert _value(by_file.output, "labelled entries") == str(accuracy.labelled)
    errors = f"{accuracy.auto_errors} ({accuracy.auto_error_rate:.2%})"
    assert _value(by_file.output, "auto-approved errors") == errors
    assert (
        _value(by_file.output, "auto-approved")
        == f"{accuracy.auto_approved} ({accuracy.coverage:.1%})"
    )


def test_a_truth_line_that_is_no_readable_row_is_a_one_line_error(tmp_path: Path) -> None:
    truth = tmp_path / "truth.csv"
    truth.write_text("line,true_code\n2,TW-INTERNAL\n99999,TW-INTERNAL\n", encoding="utf-8")

    result = CliRunner().invoke(app, [*BASE, "--truth", str(truth)], terminal_width=300)

    assert result.exit_code == 2
    assert (
        f"error: {truth}: row 3, column 'line': '99999' is not a readable row of month.csv"
        in " ".join(result.output.split())
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("2,TW-STUDIO\n3\n", "row 3, column 'true_code': value is missing"),
        ("2,TW-STUDIO\n3,\n", "row 3, column 'true_code': value is missing"),
        (
            "2,TW-STUDIO\n3,TW-ADMIN\n2,TW-ADMIN\n",
            "row 4, column 'line': 2 already appears at row 2",
        ),
    ],
)
def test_a_truth_row_without_one_code_for_one_line_is_a_one_line_error(
    tmp_path: Path, body: str, said: str
) -> None:
    truth = tmp_path / "truth.csv"
    truth.write_text("line,true_code\n" + body, encoding="utf-8")

    result = CliRunner().invoke(app, [*BASE, "--truth", str(truth)], terminal_width=300)

    assert result.exit_code == 2, result.output
    assert f"error: {truth}: {said}" in " ".join(result.output.split())
    assert "Traceback" not in result.output
