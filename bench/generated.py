"""Exports of any size made by the demo firm's own generator (examples/demo_firm/generate.py).

One run of the generator (one seed) is 13 months of the firm's 15 people, about 17,000 entries,
every person-day once. ``write_export`` writes the newest ``count`` entries of runs with seeds
other than the committed data's, in Clockify's format without the label column; past one run's
worth, each further run is another team: its people's e-mail addresses get ``+teamN`` (the SOW
rules know people by e-mail, so their time has no role and therefore no rate: those entries go
to review as ``no_rate``; 11,027 of 40,000 entries in three teams did).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from random import Random

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "examples" / "demo_firm"))

import generate  # noqa: E402

EMAIL = generate.HEADER.index("Email")


def team_rows(team: int) -> list[list[str]]:
    """One run of the generator (seed = the committed seed + 1 + team), newest entry first."""
    entries = generate.Calendar(Random(generate.SEED + 1 + team)).run()
    entries.sort(key=lambda e: (e.day, e.start_minute, e.person.name), reverse=True)
    rows = [generate.row(e, history=False) for e in entries]
    if team:
        for row in rows:
            local, _, domain = row[EMAIL].partition("@")
            row[EMAIL] = f"{local}+team{team}@{domain}"
    return rows


def write_export(path: Path, count: int) -> int:
    """Write ``count`` entries (whole teams, the last one cut to its newest entries);
    return how many teams it took."""
    team = written = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(generate.HEADER)
        while written < count:
            rows = team_rows(team)[: count - written]
            writer.writerows(reversed(rows))  # oldest first, as a tracker exports
            written += len(rows)
            team += 1
    return team
