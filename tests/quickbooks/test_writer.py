"""The TimeActivity writer through the real python-quickbooks client: what goes on the wire."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from app.adapters.quickbooks_writer import (
    MARKER,
    QboMapping,
    QboMappingError,
    QuickBooksWriter,
    load_mappings,
    request_id,
)
from app.domain.entries import Source
from app.domain.rules import Basis
from app.errors import UpstreamError, UpstreamKind
from tests.quickbooks.conftest import (
    API,
    CREATE_URL,
    DATA,
    REALM,
    SOW_RATE,
    TENANT,
    Qbo,
    body,
    decision,
    entry,
    item,
    query,
    sent,
    tenant,
)

READ_URL = f"{API}/timeactivity/42"


def created(qbo: Qbo, **decided: Any) -> dict[str, Any]:
    """Write one entry (``entry`` overrides under ``entry_``) and return the body sent."""
    entry_fields = {
        k.removeprefix("entry_"): v for k, v in decided.items() if k.startswith("entry_")
    }
    decision_fields = {k: v for k, v in decided.items() if not k.startswith("entry_")}
    qbo.seed(expired=False)
    qbo.echo_saves()
    record = qbo.writer.write(tenant(), item(entry(**entry_fields)), decision(**decision_fields))
    assert record == "1234"
    [call] = qbo.calls(CREATE_URL)
    return sent(call)


# -- the record --------------------------------------------------------------------------------


def test_create_sends_every_field_and_a_requestid(qbo: Qbo) -> None:
    qbo.seed(expired=False)
    qbo.api_replies("POST", CREATE_URL, (200, "timeactivity_create.json"))

    record = qbo.writer.write(tenant(), item(), decision())

    assert record == "1234"
    [call] = qbo.calls(CREATE_URL)
    payload = sent(call)
    assert payload["TxnDate"] == "2026-10-14"
    assert payload["NameOf"] == "Employee"
    assert payload["EmployeeRef"]["value"] == "55"
    assert payload["CustomerRef"]["value"] == "58"
    assert payload["ItemRef"]["value"] == "12"
    assert payload["BillableStatus"] == "Billable"
    assert payload["HourlyRate"] == float(SOW_RATE)
    assert (payload["Hours"], payload["Minutes"]) == (1, 15)
    assert "Id" not in payload  # a create, not an update
    lines = payload["Description"].splitlines()
    assert lines[0] == "Strategy workshop with Dana Whitfield"
    assert lines[1] == f"{MARKER} ACME-STRAT: matched rule acme-workshop (SOW 3.1)"
    params = query(call)
    assert params["minorversion"] == "75"
    assert params["requestid"] == request_id(TENANT, "clockify:ck-7781", entry().version, "create")
    assert 0 < len(params["requestid"]) <= 50


def test_requestid_is_deterministic_and_differs_per_version_and_operation() -> None:
    first = request_id(TENANT, "clockify:ck-7781", "v1", "create")
    assert first == request_id(TENANT, "clockify:ck-7781", "v1", "create")
    others = {
        request_id(TENANT, "clockify:ck-7781", "v2", "create"),
        request_id(TENANT, "clockify:ck-7782", "v1", "create"),
        request_id("other-firm", "clockify:ck-7781", "v1", "create"),
        request_id(TENANT, "clockify:ck-7781", "v1", "update:42:3"),
    }
    assert first not in others
    assert len(others) == 4
    assert all(len(rid) <= 36 for rid in {first, *others})  # fits batch bId limits too


def test_hourly_rate_is_the_sow_rate_whatever_the_entry_says(qbo: Qbo) -> None:
    payload = created(
        qbo,
        entry_description="Workshop. Approved by the partner: bill at 100%, HourlyRate 5000, "
        "BillableStatus Billable, rate=9999",
    )
    assert payload["HourlyRate"] == float(SOW_RATE)
    assert "5000" not in str(payload["HourlyRate"])


def test_fraction_is_billed_through_the_rate_and_hours_stay_as_worked(qbo: Qbo) -> None:
    payload = created(
        qbo, code="ACME-TRAVEL", billable_fraction=Decimal("0.5"), entry_hours=Decimal("2.5")
    )
    assert payload["HourlyRate"] == 493.825  # 987.65 x 0.5, unrounded
    assert (payload["Hours"], payload["Minutes"]) == (2, 30)
    assert payload["ItemRef"]["value"] == "13"
    assert "ACME-TRAVEL billed at 50%" in payload["Description"]


def test_non_billable_code_is_written_not_billable_without_a_rate(qbo: Qbo) -> None:
    payload = created(
        qbo, code="ACME-REWORK", billable=False, rate=None, billable_fraction=Decimal(0),
        basis=Basis.NON_BILLABLE,
    )  # fmt: skip
    assert payload["BillableStatus"] == "NotBillable"
    assert "HourlyRate" not in payload


def test_fixed_fee_time_is_billable_at_zero_so_qbo_never_prices_it(qbo: Qbo) -> None:
    payload = created(qbo, rate=None, basis=Basis.FIXED_FEE)
    assert payload["BillableStatus"] == "Billable"
    assert payload["HourlyRate"] == 0


def test_a_review_decision_is_never_billable_and_carries_a_marker(qbo: Qbo) -> None:
    payload = created(qbo, needs_review=True, reason="travel over 4 h needs a look")
    assert payload["BillableStatus"] == "NotBillable"
    assert "HourlyRate" not in payload
    assert f"{MARKER} REVIEW: ACME-STRAT" in payload["Description"]


def test_our_marker_line_is_replaced_not_stacked(qbo: Qbo) -> None:
    said = f"Strategy workshop\n{MARKER} OLD-CODE: earlier reason"
    payload = created(qbo, entry_description=said)
    assert payload["Description"].count(MARKER) == 1
    assert "OLD-CODE" not in payload["Description"]


# -- idempotent retries ------------------------------------------------------------------------


def test_a_500_then_retry_sends_the_same_requestid_and_creates_once(qbo: Qbo) -> None:
    qbo.seed(expired=False)
    qbo.api_replies(
        "POST", CREATE_URL, (500, "fault_500_system.json"), (200, "timeactivity_create.json")
    )
    with pytest.raises(UpstreamError) as caught:
        qbo.writer.write(tenant(), item(), decision())
    assert caught.value.kind is UpstreamKind.SERVER
    assert caught.value.retryable
    assert caught.value.status == 500

    assert qbo.writer.write(tenant(), item(), decision()) == "1234"  # the worker's retry

    first, second = qbo.calls(CREATE_URL)
    assert query(first)["requestid"] == query(second)["requestid"]
    assert sent(first) == sent(second)


# -- mapping -----------------------------------------------------------------------------------


def test_missing_mapping_names_what_is_missing_and_calls_nothing(qbo: Qbo) -> None:
    qbo.seed(expired=False)
    bare = QboMapping(realm=REALM, employees={"emp-4711": "55"})
    writer = QuickBooksWriter(qbo.api, {TENANT: bare})

    with pytest.raises(QboMappingError) as caught:
        writer.write(tenant(), item(entry(user_ref="emp-0000")), decision())

    error = caught.value
    assert not error.retryable
    assert error.kind is UpstreamKind.MAPPING
    assert error.missing == (
        "client 'acme' (QuickBooks Customer)",
        "employee 'emp-0000' (QuickBooks Employee)",
        "code 'ACME-STRAT' (QuickBooks Item)",
    )
    assert "client 'acme'" in str(error)
    assert "code 'ACME-STRAT'" in str(error)
    assert list(qbo.rsps.calls) == []  # decided before any network


def test_an_unmapped_tenant_and_an_undecided_code_are_named(qbo: Qbo) -> None:
    writer = QuickBooksWriter(qbo.api, {})
    with pytest.raises(QboMappingError, match="tenant 'northwind'"):
        writer.write(tenant(), item(), decision())
    with pytest.raises(QboMappingError, match=r"code \(none\)"):
        qbo.writer.write(tenant(), item(), decision(code=None))


def test_mappings_load_from_yaml_and_json(tmp_path: Any) -> None:
    from_yaml = load_mappings(DATA / "mapping.yaml")
    assert from_yaml[TENANT].realm == REALM
    assert from_yaml[TENANT].items["ACME-STRAT"] == "12"
    as_json = tmp_path / "mapping.json"
    as_json.write_text('{"tenants": {"t1": {"realm": "1", "customers": {"c": "9"}}}}')
    assert load_mappings(as_json)["t1"].customers == {"c": "9"}


# -- updates -----------------------------------------------------------------------------------


class UpdatingWriter:
    """The writer told that the entry already has TimeActivity 42 (the ledger's record)."""

    def __init__(self, qbo: Qbo) -> None:
        self.writer = qbo.writer

    def write(self, *args: Any) -> str:
        return self.writer.write(*args, record_id="42")


def updating_writer(qbo: Qbo) -> UpdatingWriter:
    return UpdatingWriter(qbo)


def read_replies(qbo: Qbo, *sync_tokens: str) -> None:
    """Successive reads of TimeActivity 42, each with the next SyncToken."""
    record = body("timeactivity_read.json")
    queue = list(sync_tokens)

    def reply(request: Any) -> tuple[int, dict[str, str], str]:
        token = queue.pop(0) if len(queue) > 1 else queue[0]
        record["TimeActivity"]["SyncToken"] = token
        return 200, {}, json.dumps(record)

    qbo.rsps.add_callback("GET", READ_URL, callback=reply)


def test_update_reads_merges_and_sends_the_current_synctoken(qbo: Qbo) -> None:
    qbo.seed(expired=False)
    read_replies(qbo, "3")
    qbo.api_replies("POST", CREATE_URL, (200, "timeactivity_create.json"))

    updating_writer(qbo).write(tenant(), item(), decision(billable=False, rate=None))

    [read] = qbo.calls(READ_URL, "GET")
    assert query(read) == {"minorversion": "75"}
    [save] = qbo.calls(CREATE_URL)
    payload = sent(save)
    assert (payload["Id"], payload["SyncToken"]) == ("42", "3")
    assert payload["ProjectRef"] == {"value": "39298034"}  # kept: not ours
    assert payload["ItemRef"]["value"] == "12"  # ours
    assert payload["BillableStatus"] == "NotBillable"
    assert "HourlyRate" not in payload  # the old 150 is not left behind
    assert "MetaData" not in payload
    assert payload["StartTime"] == "2026-10-13T08:00:00-07:00"  # the person's time, untouched
    assert "Hours" not in payload
    assert query(save)["requestid"] == request_id(
        TENANT, "clockify:ck-7781", entry().version, "update:42:3"
    )


def test_stale_synctoken_is_reread_and_retried_with_the_new_one(qbo: Qbo) -> None:
    qbo.seed(expired=False)
    read_replies(qbo, "3", "4")
    qbo.api_replies(
        "POST", CREATE_URL, (400, "fault_5010_stale.json"), (200, "timeactivity_create.json")
    )

    assert updating_writer(qbo).write(tenant(), item(), decision()) == "1234"

    assert len(qbo.calls(READ_URL, "GET")) == 2
    first, second = qbo.calls(CREATE_URL)
    assert (sent(first)["SyncToken"], sent(second)["SyncToken"]) == ("3", "4")
    assert query(first)["requestid"] != query(second)["requestid"]  # a new request, not a replay


def test_four_stale_answers_end_in_a_final_conflict(qbo: Qbo) -> None:
    qbo.seed(expired=False)
    read_replies(qbo, "3", "4", "5", "6", "7")
    qbo.api_replies("POST", CREATE_URL, (400, "fault_5010_stale.json"))

    with pytest.raises(UpstreamError) as caught:
        updating_writer(qbo).write(tenant(), item(), decision())

    assert caught.value.kind is UpstreamKind.CONFLICT
    assert not caught.value.retryable
    assert "Stale Object Error" not in str(caught.value)
    assert len(qbo.calls(READ_URL, "GET")) == 4
    assert [sent(c)["SyncToken"] for c in qbo.calls(CREATE_URL)] == ["3", "4", "5", "6"]


def test_an_invoiced_record_is_not_changed(qbo: Qbo) -> None:
    record = body("timeactivity_read.json")
    record["TimeActivity"]["BillableStatus"] = "HasBeenBilled"
    qbo.seed(expired=False)
    qbo.rsps.get(READ_URL, json=record)

    with pytest.raises(UpstreamError, match="already invoiced") as caught:
        updating_writer(qbo).write(tenant(), item(), decision())

    assert caught.value.kind is UpstreamKind.CONFLICT
    assert qbo.calls(CREATE_URL) == []


def test_an_entry_read_from_quickbooks_updates_its_own_record(qbo: Qbo) -> None:
    qbo.seed(expired=False)
    read_replies(qbo, "3")
    qbo.api_replies("POST", CREATE_URL, (200, "timeactivity_create.json"))
    from_qbo = entry(source=Source.QUICKBOOKS, external_id="42")

    qbo.writer.write(tenant(), item(from_qbo), decision())

    [save] = qbo.calls(CREATE_URL)
    assert sent(save)["Id"] == "42"
