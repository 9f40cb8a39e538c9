"""What every blind demo firm's data must hold, whatever its tracker (examples/*_firm/): the
seeded generator reproduces the committed files byte for byte; every open-month line has one
truth row, in order, whose code the firm's letters or policy define (as the history's approved
codes are); and the generator knows exactly those codes. Each firm's test module adds what its
tracker's set-up page says (projects, tasks, tags; read with ``table_rows`` or
``projects_with_tasks``), the projects no entry predates (``check_opened``) and its reader."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
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


def cells(line: str) -> list[str]:
    """The cells of one Markdown table line."""
    return [c.strip() for c in line.strip().strip("|").split("|")]


def table_rows(doc: Path, first_header: str) -> list[list[str]]:
    """The body rows of every Markdown table in ``doc`` whose first header cell is given."""
    out: list[list[str]] = []
    inside = False
    for line in doc.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            inside = False
        elif not inside and cells(line)[0] == first_header:
            inside = True
        elif inside and not set(line) <= set("|-: "):
            out.append(cells(line))
    return out


def projects_with_tasks(doc: Path, width: int, tasks_at: int) -> dict[str, tuple[str, set[str]]]:
    """Project -> (client, task names) from a set-up page's projects table: rows of ``width``
    cells, client first, project second, the tasks at ``tasks_at`` ("Audit (Yes), Travel (No)",
    the billable default in brackets)."""
    projects: dict[str, tuple[str, set[str]]] = {}
    for line in doc.read_text(encoding="utf-8").splitlines():
        found = cells(line)
        if len(found) == width and re.search(r"\((Yes|No)\)", found[tasks_at]):
            tasks = {re.sub(r"\s*\((Yes|No)\)$", "", t.strip()) for t in found[tasks_at].split(",")}
            projects[found[1]] = (found[0], tasks)
    return projects


def clock_seconds(clock: str) -> int:
    """``H:MM:SS`` as seconds (Toggl's durations)."""
    h, m, s = (int(x) for x in clock.split(":"))
    return h * 3600 + m * 60 + s


def check_opened(
    firm: Path, opened: dict[str, date], started: Callable[[dict[str, str]], date]
) -> None:
    """No row of the history or the month starts before its project was opened (``opened``:
    project -> the date the set-up page or a document gives it)."""
    for name in ("history.csv", "month.csv"):
        for row in rows(firm / "data" / name):
            first = opened.get(row["Project"])
            assert first is None or started(row) >= first, (name, row["Project"])


def over_limit(
    firm: Path,
    length: Callable[[dict[str, str]], float | Decimal],
    limit: float | Decimal,
    exempt: Callable[[dict[str, str], str], bool] = lambda row, code: False,
) -> tuple[list[str], int]:
    """The truth categories of the month's entries longer than ``limit`` (``length`` of a row,
    in the firm's own unit), and how many history entries are; ``exempt(row, code)`` leaves an
    entry out (leave, by its true or approved code, or by its project)."""
    month, truth = rows(firm / "data" / "month.csv"), rows(firm / "data" / "month_truth.csv")
    over = [
        t["category"]
        for r, t in zip(month, truth, strict=True)
        if length(r) > limit and not exempt(r, t["true_code"])
    ]
    history = rows(firm / "data" / "history.csv")
    return over, sum(1 for r in history if length(r) > limit and not exempt(r, r[LABEL]))
