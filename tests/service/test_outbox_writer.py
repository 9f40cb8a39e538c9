"""The outbox writer: exactly the request QuickBooks would receive, once per entry version."""

from __future__ import annotations

import json
from pathlib import Path

from app.adapters.outbox_writer import OutboxWriter
from app.adapters.qbo_sandbox_reader import SandboxReader
from app.adapters.quickbooks_reader import QboReader
from app.adapters.quickbooks_writer import QuickBooksWriter, load_mappings
from app.config import Settings
from app.domain.inbox import Status
from app.factory import build_writer_and_reader
from tests.service.conftest import REPO, Rig
from tests.service.test_worker import deliver

DEMO_MAPPING = REPO / "examples" / "demo_firm" / "qbo_mapping.yaml"


def test_with_a_mapping_the_outbox_holds_the_quickbooks_request(rig: Rig, tmp_path: Path) -> None:
    rig.worker.writer = OutboxWriter(tmp_path / "outbox", load_mappings(DEMO_MAPPING))
    item_id = deliver(rig, "drive to Stockton depot")  # Diego, senior consultant, 2 h
    rig.run_queue()
    [written] = (tmp_path / "outbox" / "demo").glob("clockify-*.json")  # one file per entry
    record = json.loads(written.read_text())
    body = record["TimeActivity"]
    assert record["request"] == "POST /v3/company/9130350000000000/timeactivity"
    assert record["requestid"].startswith("tb-")
    assert len(record["requestid"]) <= 50
    assert (body["CustomerRef"], body["EmployeeRef"]) == ({"value": "64"}, {"value": "106"})
    assert (body["Hours"], body["Minutes"], body["BillableStatus"]) == (2, 0, "Billable")
    item = rig.store.get("demo", item_id)
    assert item is not None
    assert item.decision is not None
    assert item.decision.rate is not None
    assert body["HourlyRate"] == float(item.decision.rate) * 0.5  # travel billed at half
    assert "NWF-TRAVEL billed at 50%" in body["Description"]


def test_a_missing_mapping_sends_the_entry_to_review_not_to_a_guess(
    rig: Rig, tmp_path: Path
) -> None:
    mapping = load_mappings(DEMO_MAPPING)["demo"]
    partial = mapping.model_copy(update={"customers": {}})
    rig.worker.writer = OutboxWriter(tmp_path / "outbox", {"demo": partial})
    item_id = deliver(rig, "drive to Stockton depot")
    rig.run_queue()
    item = rig.store.get("demo", item_id)
    assert item is not None
    assert item.status is Status.NEEDS_REVIEW
    assert "client 'northwind'" in (item.last_error or "")
    assert not (tmp_path / "outbox" / "demo").exists()


def test_the_factory_builds_the_quickbooks_writer_and_reader(tmp_path: Path) -> None:
    settings = Settings(
        writer="quickbooks", qbo_client_id="id", qbo_client_secret="secret",
        qbo_mapping_path=DEMO_MAPPING, qbo_token_path=tmp_path / "tokens.sqlite3",
    )  # fmt: skip
    writer, reader = build_writer_and_reader(settings)
    assert isinstance(writer, QuickBooksWriter)
    assert isinstance(reader, QboReader)
    local = Settings(outbox_dir=tmp_path / "o", qbo_sandbox_dir=tmp_path / "no-sandbox")
    outbox, none = build_writer_and_reader(local)
    assert isinstance(outbox, OutboxWriter)
    assert none is None  # no local company: QuickBooks events wait
    (tmp_path / "sandbox").mkdir()
    local = local.model_copy(update={"qbo_sandbox_dir": tmp_path / "sandbox"})
    assert isinstance(build_writer_and_reader(local)[1], SandboxReader)
