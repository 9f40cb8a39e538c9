"""The back-test and the calibration it gives are exactly what they were before it was made
faster: every rule's record (matches, clean, right, each contradiction) and every measured
trust, on the example firms, against a snapshot of the code before the speed-up (the third,
fourth to twenty-seventh firms' taken when each was added, 2026-12-07 and 08).

Regenerate (only for a change MEANT to alter results, with its reason in the commit):
``.venv/bin/python -m tests.unit.test_backtest_snapshot``
"""

from __future__ import annotations

import json
from dataclasses import astuple
from pathlib import Path
from typing import Any

import pytest

from app.classify.calibration import Calibration
from app.rules.backtest import back_test, read_labelled
from app.rules.loader import load_rulebook

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = ROOT / "tests" / "data" / "backtest"
BLIND = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
         "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
         "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty_first",
         "twenty_second", "twenty_third", "twenty_fourth", "twenty_fifth", "twenty_sixth",
         "twenty_seventh")  # fmt: skip
FIRMS = {
    "demo_firm": (ROOT / "sow_rules", ROOT / "examples/demo_firm/data/history.csv"),
    **{
        f"{name}_firm": (
            ROOT / "examples" / f"{name}_firm" / "sow_rules",
            ROOT / "examples" / f"{name}_firm" / "data" / "history.csv",
        )
        for name in BLIND
    },
}


def snapshot(firm: str) -> dict[str, Any]:
    """The back-test of ``firm``'s history and its calibration, as plain JSON values."""
    rules, history = FIRMS[firm]
    items, _ = read_labelled(history, "Approved Code")
    test = back_test(load_rulebook(rules), items)
    calibration = Calibration.from_backtest(test)
    return {
        "labelled": test.labelled,
        "skipped": test.skipped,
        "ambiguous": test.ambiguous,
        "unmatched": sorted([*key, n] for key, n in test.unmatched.items()),
        "reached": sorted([*key] for key in test.reached),
        "records": {
            f"{client}/{rid}": {
                "from_firm": rec.from_firm,
                "matches": rec.matches,
                "right": rec.right,
                "clean": rec.clean,
                "clean_right": rec.clean_right,
                "contradictions": [list(astuple(c)) for c in rec.contradictions],
            }
            for (client, rid), rec in sorted(test.records.items())
        },
        "calibration": {
            f"{client}/{rid}": list(astuple(trust))
            for (client, rid), trust in sorted(calibration.rules.items())
        },
    }


@pytest.mark.parametrize("firm", sorted(FIRMS))
def test_backtest_matches_snapshot(firm: str) -> None:
    expected = json.loads((SNAPSHOTS / f"{firm}.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(snapshot(firm))) == expected


def test_snapshot_is_not_empty() -> None:
    """A snapshot of nothing would let any change pass."""
    expected = json.loads((SNAPSHOTS / "demo_firm.json").read_text(encoding="utf-8"))
    assert sum(r["matches"] for r in expected["records"].values()) > 1000
    assert any(r["contradictions"] for r in expected["records"].values())


if __name__ == "__main__":
    for name in FIRMS:
        text = json.dumps(snapshot(name), indent=1, sort_keys=True)
        (SNAPSHOTS / f"{name}.json").write_text(text + "\n", encoding="utf-8")
