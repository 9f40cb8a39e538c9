"""Test data for the Store contract: two tenants, inbox items, decisions.

Values are chosen to catch lossy storage: datetimes with a non-UTC offset and microseconds,
Decimals with trailing zeros, floats that are not round numbers, enum tuples, two secrets.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from pydantic import SecretStr

from app.domain.decisions import Decision, LlmUsage, ReviewReason, Stage
from app.domain.entries import Source, TimeEntry
from app.domain.inbox import EntityRef, NewItem, SourceAccess, Tenant
from app.domain.rules import Basis

TENANT_A = "acme-advisory"
TENANT_B = "globex_partners"
SECRET_A1 = "whsec-acme-primary-7f3a"
SECRET_A2 = "whsec-acme-rotating-19c2"
T0 = datetime(2026, 3, 2, 9, 15, 30, 123456, tzinfo=UTC)
CEST = timezone(timedelta(hours=2))


def at(minutes: float = 0, seconds: float = 0) -> datetime:
    """A moment relative to ``T0``."""
    return T0 + timedelta(minutes=minutes, seconds=seconds)


def tenant(tenant_id: str = TENANT_A, **overrides: Any) -> Tenant:
    fields: dict[str, Any] = {
        "id": tenant_id,
        "name": f"{tenant_id.title()} LLP",
        "sources": {
            Source.TOGGL: SourceAccess(
                secrets=(SecretStr(SECRET_A1), SecretStr(SECRET_A2)), accounts=("ws-1001",)
            ),
            Source.QUICKBOOKS: SourceAccess(
                secrets=(SecretStr("verifier-" + tenant_id),), accounts=("9130", "9131")
            ),
        },
    }
    fields.update(overrides)
    return Tenant.model_validate(fields)


def time_entry(external_id: str = "te-1001", **overrides: Any) -> TimeEntry:
    fields: dict[str, Any] = {
        "source": Source.TOGGL,
        "external_id": external_id,
        "version": "2026-03-02T10:00:00Z",
        "tenant": TENANT_A,
        "client": "Acme Corp",
        "project": "Acme strategy",
        "task": "Workshops",
        "tags": ("onsite", "q3"),
        "description": "Q3 strategy call w/ Dana — pricing ≥ €10k",
        "work_date": date(2026, 3, 2),
        "start": datetime(2026, 3, 2, 9, 0, 0, 250000, tzinfo=CEST),
        "end": datetime(2026, 3, 2, 10, 30, tzinfo=CEST),
        "hours": Decimal("1.50"),
        "billable_flag": True,
        "user_ref": "emp-4711",
    }
    fields.update(overrides)
    return TimeEntry.model_validate(fields)


def new_item(
    key: str = "evt-1",
    *,
    tenant_id: str = TENANT_A,
    source: Source = Source.TOGGL,
    received_at: datetime = T0,
    **overrides: Any,
) -> NewItem:
    fields: dict[str, Any] = {
        "tenant": tenant_id,
        "source": source,
        "dedupe_key": key,
        "event_type": "time_entry.updated",
        "entry": time_entry(tenant=tenant_id, source=source),
        "received_at": received_at,
    }
    fields.update(overrides)
    return NewItem.model_validate(fields)


def ref_item(key: str = "qbo-TimeActivity-42-Update", **overrides: Any) -> NewItem:
    """A QuickBooks event: ids only, no entry."""
    ref = EntityRef(account="9130", entity="TimeActivity", id="42", operation="Update")
    fields: dict[str, Any] = {"source": Source.QUICKBOOKS, "entry": None, "ref": ref}
    fields.update(overrides)
    return new_item(key, **fields)


def decision(code: str | None = "ACME-STRAT", **overrides: Any) -> Decision:
    fields: dict[str, Any] = {
        "entry_key": "toggl:te-1001",
        "entry_version": "2026-03-02T10:00:00Z",
        "client_id": "acme",
        "code": code,
        "billable": True,
        "billable_fraction": Decimal("0.50"),
        "rate": Decimal("987.65"),
        "amount": Decimal("740.7375"),
        "basis": Basis.HOURLY,
        "hours": Decimal("1.50"),
        "confidence": 0.8734,
        "needs_review": False,
        "review_reasons": (ReviewReason.OVER_CAP, ReviewReason.RULE_FLAG),
        "stage": Stage.RULES,
        "reason": "Matched rule acme-workshop (SOW 3.1)",
        "sow_clause": "SOW 3.1",
        "rules_version": "a1+f1",
        "usage": LlmUsage(model="claude-haiku", input_tokens=1234, latency_ms=612.5),
        "elapsed_ms": 3.25,
    }
    fields.update(overrides)
    return Decision.model_validate(fields)
