"""Suggestions for the QuickBooks mapping: close names proposed, a person confirms each one."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import responses
import yaml
from typer.testing import CliRunner

from app.adapters.quickbooks_token_sqlite import SqliteTokenStore
from app.adapters.quickbooks_tokens import RealmTokens
from app.adapters.sqlite_store import SqliteStore
from app.cli import app
from app.domain.inbox import Tenant
from app.domain.mapping import QboMapping
from app.rules.loader import load_rulebook
from app.service.mapping_suggest import Candidate, candidates, score, suggest
from tests.quickbooks.conftest import DISCOVERY_URL, body

REPO = Path(__file__).resolve().parents[2]
REALM = "9130350000000000"
API = f"https://sandbox-quickbooks.api.intuit.com/v3/company/{REALM}"

# Shapes of QBO query responses (QueryResponse with the entity's list), trimmed to what we read.
CUSTOMERS = [
    {"Id": "58", "DisplayName": "Northwind Freight LLC", "Active": True},
    {"Id": "59", "DisplayName": "Harbor Health Clinics", "Active": True},
    {"Id": "60", "DisplayName": "Old Client Inc", "Active": False},
]
EMPLOYEES = [
    {
        "Id": "55",
        "DisplayName": "Diego Alvarez",
        "PrimaryEmailAddr": {"Address": "Diego.Alvarez@kestrelridge.example"},
    },
    {"Id": "56", "DisplayName": "Elena Marsh"},
]
ITEMS = [{"Id": "2", "Name": "Travel time (50%)", "Type": "Service"}, {"Id": "3", "Name": "Hours"}]


def test_names_are_compared_loosely_and_inactive_records_are_left_out() -> None:
    assert score(["Northwind Freight"], "Northwind Freight LLC") > 0.85
    assert score(["Northwind Freight"], "Harbor Health Clinics") < 0.5
    assert [c.id for c in candidates(CUSTOMERS)] == ["58", "59"]


def test_suggestions_cover_only_what_the_mapping_lacks() -> None:
    book = load_rulebook(REPO / "sow_rules")
    lists = {
        "customers": candidates(CUSTOMERS), "employees": candidates(EMPLOYEES),
        "items": [Candidate("2", "Travel time (50%)")],
    }  # fmt: skip
    found = {(s.kind, s.key): s for s in suggest(book, {"customers": {"harbor": "59"}}, lists)}
    assert found[("customers", "northwind")].record.id == "58"
    assert not found[("customers", "northwind")].exact
    assert ("customers", "harbor") not in found  # already mapped
    diego = found[("employees", "diego.alvarez@kestrelridge.example")]
    assert (diego.record.id, diego.exact) == ("55", True)  # same email, whatever the case
    assert found[("employees", "elena.marsh@kestrelridge.example")].record.id == "56"
    assert ("customers", "cobalt") not in found  # nothing close enough: no guess


def _mock_lists(rsps: responses.RequestsMock) -> None:
    def answer(request: Any) -> tuple[int, dict[str, str], str]:
        sql = request.body.decode() if isinstance(request.body, bytes) else request.body
        entity = sql.split(" FROM ")[1].split()[0]
        rows = {"Customer": CUSTOMERS, "Employee": EMPLOYEES, "Item": ITEMS}[entity]
        return 200, {}, json.dumps({"QueryResponse": {entity: rows, "maxResults": len(rows)}})

    rsps.add_callback(responses.POST, f"{API}/query", callback=answer)


@pytest.fixture
def setup(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        yaml.safe_dump({"tenants": {"demo": {"realm": REALM, "customers": {"harbor": "59"}}}})
    )
    tokens = tmp_path / "tokens.sqlite3"
    store = SqliteTokenStore(tokens)
    store.put(RealmTokens(
        tenant="demo", realm=REALM, refresh_token="RT", access_token="AT",
        access_expires_at=datetime(2999, 1, 1, tzinfo=UTC),
    ))  # fmt: skip
    store.close()
    for name, value in {
        "TIMEBILL_QBO_CLIENT_ID": "id", "TIMEBILL_QBO_CLIENT_SECRET": "secret",
        "TIMEBILL_QBO_MAPPING_PATH": str(mapping), "TIMEBILL_QBO_TOKEN_PATH": str(tokens),
        "TIMEBILL_SQLITE_PATH": str(tmp_path / "timebill.sqlite3"),
        "TIMEBILL_RULES_DIR": str(REPO / "sow_rules"),
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    return mapping


def test_map_lists_suggestions_and_stores_only_what_is_confirmed(setup: Path) -> None:
    before = setup.read_text()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.get(DISCOVERY_URL, json=body("discovery_sandbox.json"))
        _mock_lists(rsps)
        shown = CliRunner().invoke(app, ["qbo", "map"])
        # Confirm the first question (northwind's customer), refuse every other one.
        applied = CliRunner().invoke(app, ["qbo", "map", "--apply"], input="y\n" + "n\n" * 50)
    assert shown.exit_code == 0, shown.output
    assert "(58)" in shown.output
    assert "similar" in shown.output
    assert applied.exit_code == 0, applied.output
    assert "customers: northwind -> 58" in applied.output  # what was stored, printed
    # The store now holds the file's mapping plus the confirmed id; the file is left alone.
    with SqliteStore(setup.parent / "timebill.sqlite3") as store:
        stored = store.get_mapping("demo")
    assert stored is not None
    assert (stored.realm, stored.customers) == (REALM, {"harbor": "59", "northwind": "58"})
    assert setup.read_text() == before


def test_map_reads_the_stored_mapping_before_the_file(setup: Path) -> None:
    with SqliteStore(setup.parent / "timebill.sqlite3") as store:
        store.put_tenant(Tenant(id="demo", name="Demo"))
        store.put_mapping("demo", QboMapping(realm=REALM, customers={"northwind": "58"}))
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.get(DISCOVERY_URL, json=body("discovery_sandbox.json"))
        _mock_lists(rsps)
        shown = CliRunner().invoke(app, ["qbo", "map"])
    assert shown.exit_code == 0, shown.output
    assert "northwind" not in shown.output  # mapped in the store: nothing to suggest
    assert "harbor" in shown.output  # mapped only in the file, which the store overrides
