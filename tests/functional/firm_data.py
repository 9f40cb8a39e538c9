"""What every blind demo firm's data must hold, whatever its tracker (examples/*_firm/): the
seeded generator reproduces the committed files byte for byte; every open-month line has one
truth row, in order, whose code the firm's letters or policy define (as the history's approved
codes are); and the generator knows exactly those codes. Each firm's test module adds what its
tracker's set-up page says (projects, tasks, tags) and its reader."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from app.sources.export_cells import ImportResult
from app.sources.exports import read_export

FILES = ("history.csv", "month.csv", "month_truth.csv")
LABEL = "Approved Code"
MONTH_START, MONTH_END = date(2026, 11, 1), date(2026, 11, 30)  # every firm's open month
_CODE = r"[A-Z]{2,3}-[A-Z0-9]+"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def letter_codes(firm: Path) -> set[str]:
    """Billing codes from the first cell of the code tables in ``sows/`` (letters, policy)."""
    codes: set[str] = set()
    for doc in sorted((firm / "sows").glob("*.md")):
        for line in doc.read_text(encoding="utf-8").splitlines():
            cell = re.match(rf"\|\s*({_CODE})\s*\|", line)
            if cell:
                codes.add(cell[1])
    return codes


def check_regenerates(firm: Path, out: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(firm / "generate.py"), "--out", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for name in FILES:
        assert (out / name).read_bytes() == (firm / "data" / name).read_bytes(), name


def check_truth(firm: Path) -> None:
    data, codes = firm / "data", letter_codes(firm)
    month, truth = rows(data / "month.csv"), rows(data / "month_truth.csv")
    assert len(month) == len(truth)
    assert [int(t["line"]) for t in truth] == list(range(2, len(month) + 2))
    assert {t["true_code"] for t in truth} <= codes
    assert all(t["category"] for t in truth)
    assert {r[LABEL] for r in rows(data / "history.csv")} <= codes


def generator_codes(firm: Path) -> set[str]:
    """The codes of the generator's ``CODES = (...)`` block."""
    source = (firm / "generate.py").read_text(encoding="utf-8")
    block = re.search(r"^CODES = \((.*?)\)", source, re.MULTILINE | re.DOTALL)
    assert block is not None
    return set(re.findall(rf'"({_CODE})"', block[1]))


def read_whole(firm: Path, name: str, tracker: str) -> tuple[ImportResult, list[dict[str, str]]]:
    """``name`` as timebill's reader reads it, and its raw rows: the tracker's format, no
    problem, an entry per row; the month's entries inside the open month, the history's before
    it with their approved codes. Each firm checks the hours its tracker writes."""
    label = LABEL if name == "history.csv" else None
    result = read_export(firm / "data" / name, label_column=label)
    raw = rows(firm / "data" / name)
    assert result.format == tracker
    assert result.problems == []
    assert len(result.entries) == len(raw)
    work_dates = [e.work_date for e in result.entries]
    if label is None:
        assert min(work_dates) >= MONTH_START
        assert max(work_dates) <= MONTH_END
    else:
        assert max(work_dates) < MONTH_START
        assert [r.label for r in result.rows] == [r[LABEL] for r in raw]
    return result, raw
