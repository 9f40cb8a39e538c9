"""``--push`` through the real python-quickbooks client against ``responses`` mocks: the POST
body is the outbox's ``Invoice``, the requestid is stable, and a month is pushed once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import responses

from app.cli.jobs.invoices import DraftRequest, run_invoices_draft
from app.config import Settings
from app.errors import UpstreamError
from app.invoices.qbo_payload import invoice_request_id
from tests.invoices.conftest import DATA, MONTH, RULES
from tests.quickbooks.conftest import (
    API,
    NEW_ACCESS,
    OLD_ACCESS,
    TENANT,
    Qbo,
    bearer,
    query,
    sent,
)
from tests.quickbooks.conftest import text as qbo_text

INVOICE_URL = f"{API}/invoice"
SETTINGS = Settings(rules_dir=RULES, llm_provider="none")


def reply(qbo: Qbo, status: int, body: str) -> None:
    qbo.rsps.add(responses.POST, INVOICE_URL, body=body, status=status,
                 content_type="application/json")  # fmt: skip


def created() -> str:
    return (DATA / "invoice_create.json").read_text(encoding="utf-8")


def request(tmp_path: Path, **overrides: Any) -> DraftRequest:
    fields: dict[str, Any] = {
        "client": "acme", "period": "2026-10", "export": MONTH, "out": tmp_path,
        "outbox": tmp_path / "outbox", "push": True, "tenant": TENANT,
        "mapping": DATA / "mapping.yaml",
    }  # fmt: skip
    return DraftRequest(**(fields | overrides))


def outboxed(tmp_path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((tmp_path / "outbox" / "acme-2026-10.json").read_text())
    return loaded


def test_push_posts_the_outbox_body_with_a_stable_requestid(qbo: Qbo, tmp_path: Path) -> None:
    qbo.seed(expired=False)
    reply(qbo, 200, created())

    assert run_invoices_draft(SETTINGS, request(tmp_path), api=qbo.api) == 0

    [call] = qbo.calls(INVOICE_URL)
    record = outboxed(tmp_path)
    assert sent(call) == record["Invoice"]  # the wire body is exactly the outbox's
    params = query(call)
    assert params["requestid"] == invoice_request_id(TENANT, "acme", "2026-10")
    assert params["requestid"] == record["requestid"]
    assert params["minorversion"] == "75"
    assert bearer(call) == OLD_ACCESS
    assert record["request"] == "POST /v3/company/9130355377/invoice"
    # as classified: a07 and a08 wait for review, so 1800 + 495 + 225 + 41.25 + 1000
    assert [ln["Amount"] for ln in sent(call)["Line"]] == [1800, 495, 225, 41.25, 1000]
    assert sent(call)["EmailStatus"] == "NotSet"
    pushed = json.loads((tmp_path / "outbox" / "acme-2026-10.sent.json").read_text())
    assert (pushed["Id"], pushed["answer"]["DocNumber"]) == ("130", "1037")


def test_a_month_already_pushed_is_not_pushed_again(qbo: Qbo, tmp_path: Path) -> None:
    qbo.seed(expired=False)
    reply(qbo, 200, created())
    assert run_invoices_draft(SETTINGS, request(tmp_path), api=qbo.api) == 0

    assert run_invoices_draft(SETTINGS, request(tmp_path), api=qbo.api) == 1
    assert len(qbo.calls(INVOICE_URL)) == 1


def test_a_voided_month_is_redrafted_under_a_requestid_of_its_own(
    qbo: Qbo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QuickBooks answers a requestid it has seen with what it made then: a redraft under the
    first push's id would get the voided invoice back, reported as created."""
    qbo.seed(expired=False)
    reply(qbo, 200, created())
    assert run_invoices_draft(SETTINGS, request(tmp_path), api=qbo.api) == 0
    assert run_invoices_draft(SETTINGS, request(tmp_path), api=qbo.api) == 1
    assert "void it in QuickBooks, then push again with --redraft" in capsys.readouterr().err
    again = json.loads(created())
    again["Invoice"]["Id"] = "131"
    reply(qbo, 200, json.dumps(again))

    assert run_invoices_draft(SETTINGS, request(tmp_path, redraft=True), api=qbo.api) == 0

    first, second = qbo.calls(INVOICE_URL)
    assert query(first)["requestid"] == invoice_request_id(TENANT, "acme", "2026-10")
    assert query(second)["requestid"] == invoice_request_id(TENANT, "acme", "2026-10", 1)
    assert query(second)["requestid"] != query(first)["requestid"]
    assert outboxed(tmp_path)["requestid"] == query(second)["requestid"]
    pushed = json.loads((tmp_path / "outbox" / "acme-2026-10.sent.json").read_text())
    assert pushed["Id"] == "131"
    assert pushed["earlier"] == [{"requestid": query(first)["requestid"], "Id": "130"}]


def test_an_answer_that_is_not_this_draft_is_recorded_and_said(
    qbo: Qbo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An earlier push whose answer was lost made an invoice under this requestid before the
    month changed: QuickBooks answers with that one, whose lines are not this draft's."""
    qbo.seed(expired=False)
    stale = json.loads(created())
    stale["Invoice"]["Line"][-1]["Amount"] = 1800.0  # its lines came to 1,800.00
    reply(qbo, 200, json.dumps(stale))

    assert run_invoices_draft(SETTINGS, request(tmp_path), api=qbo.api) == 1

    said = " ".join(capsys.readouterr().err.split())
    assert "whose lines come to 1,800.00, not this draft's 3,561.25" in said
    assert "Void it in QuickBooks, then push again with --redraft" in said
    pushed = json.loads((tmp_path / "outbox" / "acme-2026-10.sent.json").read_text())
    assert pushed["Id"] == "130"  # known, so that --redraft counts it


def test_a_401_refreshes_once_and_retries_with_the_same_requestid(qbo: Qbo) -> None:
    qbo.seed(expired=False)
    qbo.token_endpoint()
    reply(qbo, 401, qbo_text("fault_401_authentication.json"))
    reply(qbo, 200, created())
    body = {"CustomerRef": {"value": "58"}, "TxnDate": "2026-10-31", "Line": []}

    answer = qbo.api.save_invoice(TENANT, "9130355377", body, request_id="tb-invoice-1")

    assert answer["Id"] == "130"
    first, second = qbo.calls(INVOICE_URL)
    assert [bearer(first), bearer(second)] == [OLD_ACCESS, NEW_ACCESS]
    assert query(first)["requestid"] == query(second)["requestid"] == "tb-invoice-1"
    assert sent(first) == sent(second) == body
    assert [kind for kind, _ in qbo.log].count("token") == 1  # exactly one refresh


def test_a_validation_fault_fails_the_push_and_records_nothing(qbo: Qbo, tmp_path: Path) -> None:
    qbo.seed(expired=False)
    reply(qbo, 400, qbo_text("fault_2020_validation.json"))

    assert run_invoices_draft(SETTINGS, request(tmp_path), api=qbo.api) == 1

    assert len(qbo.calls(INVOICE_URL)) == 1
    assert not (tmp_path / "outbox" / "acme-2026-10.sent.json").exists()
    assert (tmp_path / "outbox" / "acme-2026-10.json").exists()  # the request stays readable


def test_a_month_with_nothing_to_bill_is_never_pushed(
    qbo: Qbo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    qbo.seed(expired=False)

    assert run_invoices_draft(SETTINGS, request(tmp_path, period="2030-01"), api=qbo.api) == 1

    assert qbo.calls(INVOICE_URL) == []
    assert "the draft has no lines" in " ".join(capsys.readouterr().err.split())


def test_an_unmapped_item_is_never_pushed(qbo: Qbo, tmp_path: Path) -> None:
    qbo.seed(expired=False)
    partial = request(tmp_path, mapping=DATA / "mapping_partial.yaml")

    assert run_invoices_draft(SETTINGS, partial, api=qbo.api) == 1

    assert qbo.calls(INVOICE_URL) == []
    assert outboxed(tmp_path)["missing_mappings"] == ["'ACME-TRAVEL' (QuickBooks Item)"]


@pytest.mark.parametrize("bad", ["", "x" * 51])
def test_save_invoice_refuses_a_bad_requestid(qbo: Qbo, bad: str) -> None:
    with pytest.raises(ValueError, match="requestid"):
        qbo.api.save_invoice(TENANT, "9130355377", {}, request_id=bad)
    assert qbo.calls(INVOICE_URL) == []


def test_an_answer_without_an_invoice_is_an_upstream_error(qbo: Qbo) -> None:
    qbo.seed(expired=False)
    reply(qbo, 200, json.dumps({"time": "2026-11-02T09:14:03.311-08:00"}))

    with pytest.raises(UpstreamError, match="without an Invoice"):
        qbo.api.save_invoice(TENANT, "9130355377", {}, request_id="tb-invoice-2")
