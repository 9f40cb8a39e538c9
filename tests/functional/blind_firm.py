"""A firm whose rules were written blind (examples/second_firm to examples/nineteenth_firm), run
as a new customer runs it: `timebill classify MONTH --rules DIR --history FILE --label-column
COL`, and held to the product's target on what it auto-approves."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from app.cli import app


def classify_month(firm: Path, out: Path) -> list[dict[str, str]]:
    """The firm's open month classified with its rules and approved history: the output rows."""
    data = firm / "data"
    result = CliRunner().invoke(app, [
        "classify", str(data / "month.csv"), "--rules", str(firm / "sow_rules"),
        "--history", str(data / "history.csv"), "--label-column", "Approved Code",
        "--out", str(out),
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    with out.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def true_codes(firm: Path) -> dict[int, str]:
    """``month_truth.csv``: the physical line of month.csv -> its true code."""
    with (firm / "data" / "month_truth.csv").open(newline="", encoding="utf-8") as handle:
        return {int(r["line"]): r["true_code"] for r in csv.DictReader(handle)}


Scored = list[tuple[dict[str, str], str]]


def with_truth(firm: Path, out: Path, entries: int) -> Scored:
    """Each classified row of the firm's month with its true code (``entries`` rows)."""
    rows = classify_month(firm, out)
    truth = true_codes(firm)
    assert len(rows) == len(truth) == entries
    return [(row, truth[line]) for line, row in enumerate(rows, start=2)]


def check_error_target(
    classified: Scored, *, review_at_most: float, wrong_at_most: float = 0.005
) -> None:
    """At most 0.5% of what is auto-approved wrong (``wrong_at_most``: a firm whose remaining
    errors its test names); at most ``review_at_most`` sent to review."""
    auto = [(row, true) for row, true in classified if row["needs_review"] == "false"]
    wrong = [
        row.get("Description") or row.get("Notes") for row, true in auto if row["code"] != true
    ]
    assert len(wrong) / len(auto) <= wrong_at_most, wrong
    assert 1 - len(auto) / len(classified) <= review_at_most  # sent to review


def check_untested_codes_reviewed(classified: Scored, codes: set[str], *, more_than: int) -> None:
    """The right answers on ``codes`` (new in the open month: no approved entry has them) are
    more than ``more_than``, and every one goes to a person as ``untested_rule``."""
    right = [row for row, true in classified if true in codes and row["code"] == true]
    assert len(right) > more_than
    for row in right:
        assert row["needs_review"] == "true"
        assert "untested_rule" in row["review_reasons"].split("|")
