"""A firm whose rules were written blind (examples/second_firm, examples/third_firm), run as a
new customer runs it: `timebill classify MONTH --rules DIR --history FILE --label-column COL`."""

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
