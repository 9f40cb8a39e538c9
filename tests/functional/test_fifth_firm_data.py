"""The fifth demo firm's data (examples/fifth_firm/): Quarry Hill Architects + Engineers on Toggl.

Its rules are to be written blind from ``sows/``, so these tests hold the data, not the engine:
the generator reproduces the committed files byte for byte, every open-month line has a truth row
whose code an agreement or the firm policy defines, every row's Toggl client, project and tags
exist in the firm's Toggl set-up page, and timebill's export reader reads both files whole."""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.functional.firm_data import check_regenerates, read_whole

FIRM = Path(__file__).resolve().parents[2] / "examples" / "fifth_firm"
DATA, SOWS = FIRM / "data", FIRM / "sows"
LABEL = "Approved Code"
CODE = re.compile(r"[A-Z]{2,3}-[A-Z0-9]+")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def table_rows(path: Path, first_header: str) -> list[list[str]]:
    """The body rows of every Markdown table in ``path`` whose first header cell is given."""
    out: list[list[str]] = []
    inside = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            inside = False
        elif not inside and cells(line)[0] == first_header:
            inside = True
        elif inside and not set(line) <= set("|-: "):
            out.append(cells(line))
    return out


def sow_codes() -> set[str]:
    """Billing codes: the first cell of every table headed "Code" in the agreements and policy."""
    codes = {row[0] for doc in sorted(SOWS.glob("*.md")) for row in table_rows(doc, "Code")}
    assert all(CODE.fullmatch(code) for code in codes), codes
    return codes


def toggl_projects() -> dict[str, str]:
    """Project -> client, from the projects table in sows/tracker_setup.md."""
    return {row[1]: row[0] for row in table_rows(SOWS / "tracker_setup.md", "Toggl client")}


def toggl_tags() -> set[str]:
    return {row[0] for row in table_rows(SOWS / "tracker_setup.md", "Tag")}


def test_the_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    check_regenerates(FIRM, tmp_path)


def test_every_month_line_has_a_truth_row_with_a_code_the_letters_define() -> None:
    month, truth = rows(DATA / "month.csv"), rows(DATA / "month_truth.csv")
    codes = sow_codes()
    assert len(codes) == 28
    assert len(month) == len(truth)
    assert [int(t["line"]) for t in truth] == list(range(2, len(month) + 2))
    assert {t["true_code"] for t in truth} <= codes
    assert all(t["category"] for t in truth)
    assert {r[LABEL] for r in rows(DATA / "history.csv")} <= codes


def test_the_generator_knows_exactly_the_codes_the_letters_define() -> None:
    source = (FIRM / "generate.py").read_text(encoding="utf-8")
    block = re.search(r"^CODES = \((.*?)\)", source, re.MULTILINE | re.DOTALL)
    assert block is not None
    assert set(re.findall(r'"([A-Z]{2,3}-[A-Z0-9]+)"', block[1])) == sow_codes()


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_every_row_uses_a_client_project_and_tags_from_the_toggl_setup(name: str) -> None:
    projects, tags = toggl_projects(), toggl_tags()
    assert len(projects) == 13
    assert len(tags) == 16
    for n, row in enumerate(rows(DATA / name), start=2):
        assert projects.get(row["Project"]) == row["Client"], (n, row["Project"], row["Client"])
        assert row["Task"] == "", n  # the firm uses tags, not Toggl tasks
        used = {t.strip() for t in row["Tags"].split(",") if t.strip()}
        assert used <= tags, (n, row["Tags"])


@pytest.mark.parametrize("name", ["history.csv", "month.csv"])
def test_the_export_reads_whole_with_timebills_toggl_reader(name: str) -> None:
    result, raw = read_whole(FIRM, name, "toggl")
    h, m, s = (int(x) for x in raw[0]["Duration"].split(":"))
    assert result.entries[0].hours == (Decimal(h * 3600 + m * 60 + s) / 3600).quantize(
        result.entries[0].hours
    )
