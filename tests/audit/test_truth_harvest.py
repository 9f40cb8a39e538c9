"""The audit's truth on a Harvest export: its ``Invoiced?`` column says what was invoiced (the
blind CPA firm's history, examples/third_firm)."""

from __future__ import annotations

import csv
from pathlib import Path

from app.audit.truth import truths
from app.rules.loader import load_rulebook
from app.sources.exports import read_export

FIRM = Path(__file__).resolve().parents[2] / "examples" / "third_firm"


def test_harvests_invoiced_column_is_the_truth_of_what_was_invoiced() -> None:
    history = FIRM / "data" / "history.csv"
    export = read_export(history, label_column="Approved Code")
    found = truths(load_rulebook(FIRM / "sow_rules"), export, "Billable Amount")
    with history.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    invoiced = {r["Notes"] for r in rows if r["Invoiced?"] == "Yes"}
    assert len(found) == len(rows)  # every row is labelled and says Yes or No
    assert sum(t.invoiced for t in found.values()) == len(
        [r for r in rows if r["Invoiced?"] == "Yes"]
    )
    assert invoiced
