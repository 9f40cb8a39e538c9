"""Exports broken the ways files get broken: cells replaced by values of the wrong kind (dates
that do not exist, negative or huge durations, formulas, NULs, 5,000 characters), rows cut
short or one cell too long, a column dropped or renamed, bytes spliced in. Each of the three
formats, through `classify` and `audit`, seeded so a failure reproduces.

A command either finishes (exit 0, the unreadable rows kept and flagged `import_error`) or
stops on a mistake it names (exit 2); never the unexpected-error path (exit 1, a crash report)
and never a traceback."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app

REPO = Path(__file__).resolve().parents[2]
FIRMS = (  # (data folder, rules folder): Clockify, Harvest, Toggl
    ("examples/demo_firm/data", "sow_rules"),
    ("examples/twelfth_firm/data", "examples/twelfth_firm/sow_rules"),
    ("examples/fourteenth_firm/data", "examples/fourteenth_firm/sow_rules"),
)
ODD = (
    "", " ", "-1", "0", "1e9", "abc", "NaN", "inf", "99:99:99", "13/45/2026", "2026-02-30",
    "9999-12-31", "0001-01-01", "\x00", "=cmd|' /C calc'!A0", "x" * 5000, "💥", "1,5",
    "01:30:00:00", "-00:30:00", "Yes;No", '"', "\n",
)  # fmt: skip
RUNS = 12  # per firm and command


def _broken(text: str, rng: random.Random) -> str:
    """The first 30 rows of ``text`` with one kind of damage."""
    rows = list(csv.reader(io.StringIO(text)))
    head, body = rows[0], rows[1:31]
    roll = rng.random()
    if roll < 0.6:
        for _ in range(1 + rng.randrange(3)):
            body[rng.randrange(len(body))][rng.randrange(len(head))] = rng.choice(ODD)
    elif roll < 0.7:
        at = rng.randrange(len(body))
        body[at] = body[at][: rng.randrange(len(body[at]))]
    elif roll < 0.75:
        body[rng.randrange(len(body))].append("one cell too many")
    elif roll < 0.85:
        gone = rng.randrange(len(head))
        head, body = head[:gone] + head[gone + 1 :], [r[:gone] + r[gone + 1 :] for r in body]
    elif roll < 0.9:
        renamed = rng.randrange(len(head))
        head[renamed] = head[renamed].upper() + " (renamed)"
    out = io.StringIO()
    csv.writer(out).writerows([head, *body])
    written = out.getvalue()
    if roll >= 0.9:
        cut = rng.randrange(len(written))
        written = (
            written[:cut] + rng.choice(("\x00\x01\xff", "\ufeff", "\r", ";;;")) + written[cut:]
        )
    return written


@pytest.mark.parametrize("command", ["classify", "audit"])
@pytest.mark.parametrize("firm", FIRMS, ids=["clockify", "harvest", "toggl"])
def test_a_broken_export_is_finished_or_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, firm: tuple[str, str]
) -> None:
    monkeypatch.setenv("TIMEBILL_CRASH_DIR", str(tmp_path / "crashes"))
    data, rules = REPO / firm[0], REPO / firm[1]
    text = (data / "month.csv").read_text(encoding="utf-8-sig")
    rng = random.Random(f"{command}:{firm[0]}")
    exits = []
    for run in range(RUNS):
        export = tmp_path / f"export-{run}.csv"
        export.write_text(_broken(text, rng), encoding="utf-8")
        out = tmp_path / f"out-{run}"
        args = [command, str(export), "--rules", str(rules), "--out"]
        args.append(str(out / "classified.csv") if command == "classify" else str(out))
        result = CliRunner().invoke(app, args)
        said = result.output
        assert result.exit_code in (0, 2), (result.exit_code, said[-800:])
        assert "Traceback" not in said
        assert "unexpected error" not in said
        if result.exit_code == 2:
            assert "error:" in said  # one line naming what is wrong
        exits.append(result.exit_code)
    assert not (tmp_path / "crashes").exists()
    assert 0 in exits  # most damage leaves a readable file: the run finishes
