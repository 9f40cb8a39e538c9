"""`timebill pull` as a user runs it: the CSV it writes reads back through `read_export` to the
same entries, credentials come from the environment, failures say what to do, --resume continues.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from typer.testing import CliRunner

from app.cli import app
from app.connectors.base import Page
from app.connectors.clockify_api import BASE_URL as CLOCKIFY_URL
from app.connectors.cursor import CursorFile
from app.connectors.harvest_api import BASE_URL as HARVEST_URL
from app.connectors.toggl_api import BASE_URL as TOGGL_URL
from app.domain.entries import TimeEntry
from app.sources.exports import read_export
from tests.connectors import test_clockify, test_harvest, test_toggl
from tests.connectors.conftest import Sleeps, query, reply

RANGE = ["--from", "2025-10-01", "--to", "2026-09-30"]
DATES = (date(2025, 10, 1), date(2026, 9, 30))
TOKEN = "hv-secret-token-9f8e7d"
ENV = {
    "TIMEBILL_HARVEST_TOKEN": TOKEN, "TIMEBILL_HARVEST_ACCOUNT_ID": "123456",
    "TIMEBILL_CLOCKIFY_API_KEY": "ck-key", "TIMEBILL_TOGGL_API_TOKEN": "tg-token",
}  # fmt: skip
# What a CSV can carry back: everything but the tracker's user id and our content hash.
SAME = ("source", "external_id", "client", "project", "task", "tags", "description",
        "work_date", "hours", "billable_flag", "user_name", "user_email")  # fmt: skip


@pytest.fixture(autouse=True)
def _credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)


def _pull(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["pull", *args])
    return result.exit_code, " ".join(result.output.split())  # rich wraps at 80 columns


def _view(entry: TimeEntry) -> dict[str, Any]:
    view = {name: getattr(entry, name) for name in SAME}
    view["start"] = entry.start.replace(tzinfo=None) if entry.start else None
    view["end"] = entry.end.replace(tzinfo=None) if entry.end else None
    return view


def _pulled(pages: list[Page]) -> list[dict[str, Any]]:
    return [_view(entry) for page in pages for entry in page.entries]


def _read_back(path: Path) -> list[dict[str, Any]]:
    result = read_export(path)
    assert result.problems == []
    return [_view(entry) for entry in result.entries]


@respx.mock
def test_pull_harvest_writes_a_harvest_export_that_reads_back_the_same(tmp_path: Path) -> None:
    respx.get(f"{HARVEST_URL}/v2/time_entries").mock(side_effect=test_harvest._pages)
    out = tmp_path / "harvest.csv"
    code, output = _pull("harvest", *RANGE, "--out", str(out))
    assert code == 0, output
    assert "Wrote 3 entries" in output
    assert read_export(out).format == "harvest"
    expected = test_harvest._harvest(Sleeps())
    expected.per_page = 2000
    assert _read_back(out) == _pulled(list(expected.fetch(*DATES)))
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["Hours"], r["Billable Rate"], r["Invoiced?"]) for r in rows] == [
        ("2.11", "100", "No"), ("1", "100", "Yes"), ("0.25", "", "No"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("source", "mock", "connector"),
    [
        ("clockify", test_clockify._mock, lambda: test_clockify._clockify(Sleeps(), None)),
        ("toggl", test_toggl._mock, lambda: test_toggl._toggl(Sleeps(), None)),
    ],
)
@respx.mock
def test_pull_writes_the_vendor_layout_that_reads_back_the_same(
    tmp_path: Path, source: str, mock: Callable[[], object], connector: Callable[[], Any]
) -> None:
    mock()
    respx.get(f"{CLOCKIFY_URL}/v1/user").mock(return_value=reply("clockify_user.json"))
    respx.get(f"{TOGGL_URL}/api/v9/me").mock(return_value=reply("toggl_me.json"))
    out = tmp_path / f"{source}.csv"
    code, output = _pull(source, *RANGE, "--out", str(out))
    assert code == 0, output
    assert read_export(out).format == source
    pulled = connector()
    if source == "clockify":
        pulled.page_size = 200
    assert _read_back(out) == _pulled(list(pulled.fetch(*DATES)))
    assert len(_read_back(out)) == 3


def test_a_missing_credential_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIMEBILL_HARVEST_ACCOUNT_ID")
    code, output = _pull("harvest", *RANGE, "--out", str(tmp_path / "h.csv"))
    assert code == 2
    assert "TIMEBILL_HARVEST_ACCOUNT_ID is not set" in output
    assert not (tmp_path / "h.csv").exists()


@respx.mock
def test_a_refused_token_is_a_clear_error_without_the_token(tmp_path: Path) -> None:
    respx.get(f"{HARVEST_URL}/v2/time_entries").mock(
        return_value=httpx.Response(401, json={"error": "invalid_token", "token": TOKEN})
    )
    code, output = _pull("harvest", *RANGE, "--out", str(tmp_path / "h.csv"))
    assert code == 1
    assert "harvest auth: HTTP 401" in output
    assert "TIMEBILL_HARVEST_TOKEN and TIMEBILL_HARVEST_ACCOUNT_ID" in output
    assert TOKEN not in output


@respx.mock
def test_resume_continues_after_the_last_page_written(tmp_path: Path) -> None:
    out, cursor = tmp_path / "h.csv", tmp_path / "h.csv.cursor.json"
    route = respx.get(f"{HARVEST_URL}/v2/time_entries").mock(
        side_effect=[reply("harvest_time_entries_page1.json"), httpx.Response(401)]
    )
    code, output = _pull("harvest", *RANGE, "--out", str(out))
    assert code == 1
    assert "--resume" in output
    assert cursor.exists()
    assert [e.external_id for e in read_export(out).entries] == ["636709355", "636708723"]
    route.mock(side_effect=test_harvest._pages)
    code, output = _pull("harvest", *RANGE, "--out", str(out), "--resume")
    assert code == 0, output
    assert [query(call.request)["page"] for call in route.calls[2:]] == ["2"]
    ids = [e.external_id for e in read_export(out).entries]
    assert ids == ["636709355", "636708723", "636708724"]
    code, output = _pull("harvest", *RANGE, "--out", str(out), "--resume")
    assert (code, route.call_count) == (0, 3)
    assert "already complete" in output


def test_resume_without_a_matching_cursor_is_refused(tmp_path: Path) -> None:
    code, output = _pull("harvest", *RANGE, "--out", str(tmp_path / "h.csv"), "--resume")
    assert code == 2
    assert "run without --resume" in output


def test_qbtime_is_not_offered_as_a_csv(tmp_path: Path) -> None:
    code, output = _pull("qbtime", *RANGE, "--out", str(tmp_path / "q.csv"))
    assert code == 2
    assert "QuickBooks Time CSV" in output


@respx.mock
def test_rows_written_before_a_crash_are_not_repeated_on_resume(tmp_path: Path) -> None:
    out, cursor = tmp_path / "h.csv", CursorFile(tmp_path / "h.csv.cursor.json")
    route = respx.get(f"{HARVEST_URL}/v2/time_entries").mock(
        side_effect=[reply("harvest_time_entries_page1.json"), httpx.Response(401)]
    )
    assert _pull("harvest", *RANGE, "--out", str(out))[0] == 1
    saved = cursor.load()
    assert saved is not None
    # As if the process died after writing page 1's rows but before recording the page:
    cursor.save(saved.model_copy(update={"next_cursor": None, "pages": 0}))
    route.mock(side_effect=test_harvest._pages)
    code, output = _pull("harvest", *RANGE, "--out", str(out), "--resume")
    assert code == 0, output
    assert [query(call.request)["page"] for call in route.calls[2:]] == ["1", "2"]
    result = read_export(out)
    assert [row.entry.external_id for row in result.rows if row.entry] == [
        "636709355", "636708723", "636708724",
    ]  # fmt: skip
    assert (len(result.rows), result.problems) == (3, [])
