"""`timebill rules check --history`: every rule back-tested on approved history, as a PM runs it."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

from typer.testing import CliRunner

from app.cli import app

REPO = Path(__file__).resolve().parents[2]
RULES = REPO / "sow_rules"
HISTORY = REPO / "examples" / "demo_firm" / "data" / "history.csv"


def _sample(tmp_path: Path, rows: int, relabel: int, seed: int) -> tuple[Path, set[int]]:
    """The first rows of the demo history; ``relabel`` plain travel entries get a wrong code."""
    with HISTORY.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        body = [next(reader) for _ in range(rows)]
    col, desc = header.index("Approved Code"), header.index("Description")
    project = header.index("Project")
    travel = [
        i
        for i, row in enumerate(body)
        if row[col] == "NWF-TRAVEL"
        and row[project].startswith("Northwind")
        and not any(s in row[desc] for s in (";", "+", "&", ","))
    ]
    changed = set(random.Random(seed).sample(travel, relabel))
    for i in changed:
        body[i][col] = "NWF-OPS"
    path = tmp_path / "history.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *body])
    return path, {i + 2 for i in changed}  # the file's line numbers


def test_json_names_every_contradicting_row_and_the_floor_fails(tmp_path: Path) -> None:
    history, lines = _sample(tmp_path, 600, relabel=4, seed=11)
    args = ["rules", "check", str(RULES), "--history", str(history), "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    travel = next(r for r in report["rules"] if r["rule"] == "nwf.travel")
    wrong = {c["row"] for c in travel["contradictions"] if c["approved"] == "NWF-OPS"}
    assert wrong == lines
    assert travel["matches"] - travel["right"] >= len(lines)
    assert travel["calibrated_confidence"] < travel["typed_confidence"]
    assert {"never_fired", "unreached_codes"} <= report.keys()
    floor = CliRunner().invoke(app, [*args, "--min-precision", "0.99"])
    assert floor.exit_code == 1
    assert any(
        r["below_floor"] and r["rule"] == "nwf.travel" for r in json.loads(floor.stdout)["rules"]
    )


def test_table_shows_contradictions_with_file_and_row(tmp_path: Path) -> None:
    history, lines = _sample(tmp_path, 400, relabel=2, seed=3)
    result = CliRunner().invoke(app, ["rules", "check", str(RULES), "--history", str(history)])
    assert result.exit_code == 0, result.output
    assert "nwf.travel" in result.output
    assert "precision" in result.output
    for line in lines:
        assert f"history.csv row {line}: approved NWF-OPS, rule says NWF-TRAVEL" in result.output


def test_a_history_without_the_label_column_is_a_clear_error(tmp_path: Path) -> None:
    history, _ = _sample(tmp_path, 20, relabel=0, seed=1)
    result = CliRunner().invoke(
        app,
        ["rules", "check", str(RULES), "--history", str(history), "--label-column", "Nope"],
    )
    assert result.exit_code == 2
    assert "Nope" in result.output
    assert "Traceback" not in result.output
