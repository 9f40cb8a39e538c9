"""QuickBooks as a source: read the TimeActivity a webhook names and make it a TimeEntry.

QBO webhooks carry ids only (integrations.md 3.1), so the worker reads the record. The entry
keeps QBO's words: the client is the mapped client id (or the Customer's name when unmapped, which
the rules then resolve or flag), the person is the mapped ``user_ref`` (or the Employee id), and
our own ``[timebill]`` line is dropped from the description so a record we annotated reads as
the person wrote it. ``version`` is the record's SyncToken: every change is a new version.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.adapters.quickbooks_writer import (
    SYSTEM,
    MappingProvider,
    QboMapping,
    QboTimeApi,
    mapping_provider,
    without_marker,
)
from app.domain.entries import Source, TimeEntry
from app.domain.inbox import EntityRef, Tenant
from app.errors import UpstreamError, UpstreamKind

DELETED = "Delete"
HOURS = Decimal("0.0001")


class QboReader:
    system = SYSTEM

    def __init__(
        self, api: QboTimeApi, mappings: Mapping[str, QboMapping] | MappingProvider
    ) -> None:
        self.api = api
        self.mapping_for = mapping_provider(mappings)

    def read(self, tenant: Tenant, ref: EntityRef) -> TimeEntry | None:
        """The record as an entry; ``None`` for a deleted record (nothing to classify)."""
        if ref.entity != "TimeActivity" or ref.operation.endswith(DELETED):
            return None
        mapping = self.mapping_for(tenant.id)
        record = self.api.read_time_activity(tenant.id, ref.account, ref.id)
        try:
            return to_entry(tenant.id, record, mapping)
        except (KeyError, ValueError, ArithmeticError) as exc:
            why = f"TimeActivity {ref.id} is not a readable time entry: {type(exc).__name__}"
            raise UpstreamError(
                SYSTEM, UpstreamKind.INVALID_RESPONSE, retryable=False, message=why
            ) from None


def to_entry(tenant: str, record: dict[str, Any], mapping: QboMapping | None) -> TimeEntry:
    customers = {v: k for k, v in (mapping.customers if mapping else {}).items()}
    employees = {v: k for k, v in (mapping.employees if mapping else {}).items()}
    customer = record.get("CustomerRef") or {}
    employee = record.get("EmployeeRef") or {}
    return TimeEntry(
        source=Source.QUICKBOOKS,
        external_id=str(record["Id"]),
        version=str(record.get("SyncToken", "0")),
        tenant=tenant,
        client=customers.get(str(customer.get("value")), str(customer.get("name", ""))),
        description=without_marker(str(record.get("Description", ""))),
        work_date=date.fromisoformat(str(record["TxnDate"])),
        hours=_hours(record),
        billable_flag=record.get("BillableStatus") in {"Billable", "HasBeenBilled"},
        user_ref=employees.get(str(employee.get("value")), str(employee.get("value", ""))),
        user_name=str(employee.get("name", "")),
    )


def _hours(record: dict[str, Any]) -> Decimal:
    if "Hours" in record or "Minutes" in record:
        minutes = int(record.get("Hours", 0)) * 60 + int(record.get("Minutes", 0))
    else:
        start = datetime.fromisoformat(str(record["StartTime"]))
        end = datetime.fromisoformat(str(record["EndTime"]))
        minutes = int((end - start).total_seconds() // 60)
    return (Decimal(minutes) / 60).quantize(HOURS)
