"""A draft as the QuickBooks Online Invoice JSON: the exact body POSTed to ``/invoice``.

- ``CustomerRef`` the client's QBO Customer; ``TxnDate`` the last day of the month invoiced.
  ``DueDate`` only when payment terms were given: the rules carry none, and QBO then applies
  the customer's (or the company's) default terms.
- **Draft.** QBO has no draft flag. The invoice is created unsent: ``EmailStatus`` and
  ``PrintStatus`` are ``NotSet``, so nothing reaches the client until a person sends it from
  QuickBooks. That unsent invoice is what "draft" means here.
- ``Line[]``: one ``SalesItemLine`` per draft line: ``ItemRef`` the code's service Item,
  ``Qty`` the billable hours (1 for a retainer fee, the units of a per-unit fee),
  ``UnitPrice`` the rate, ``Amount`` = ``Qty x UnitPrice`` rounded to the cent half up (QBO
  checks that product), and a
  ``Description`` with the code, the month, who and the hours. Write-downs and proposals are
  not lines: ``PrivateNote`` (never shown to the client) says how much of each there is.
- **Links to time.** Each line carries a line-level ``LinkedTxn`` ``{"TxnId": <id>,
  "TxnType": "TimeActivity"}`` for every TimeActivity known behind it (written by timebill, or
  read from QBO). An Intuit engineer's read-back of an invoice made in the UI with "Add time"
  shows such a line-level link (with ``TxnLineId`` "1") plus an invoice-level one (integrations
  notes §6.4). **Unverified:** whether QBO accepts several TimeActivities on one line, and
  whether an API-created link moves the TimeActivity to ``HasBeenBilled``. Check in a sandbox;
  until then a PM should mark the linked time billed (the TimeActivity writer refuses to
  change a record once it is ``HasBeenBilled``).
- Numbers are JSON numbers (amounts have two decimals, quantities at most a few).
- Refs carry only the QBO id (``{"value": "58"}``). A client or code with no QBO record mapped
  gets ``{"value": "UNMAPPED", "name": <client or code>}`` and is listed in ``missing``: fine
  for the local outbox, refused by a push.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.adapters.quickbooks_writer import QboMapping, request_id
from app.invoices.model import InvoiceDraft, InvoiceLine, fmt_money

UNMAPPED = "UNMAPPED"


@dataclass(frozen=True)
class InvoicePayload:
    body: dict[str, Any]
    request_id: str
    missing: tuple[str, ...] = ()


def invoice_request_id(tenant: str, client_id: str, period: str, redraft: int = 0) -> str:
    """QBO's idempotency key for one client's invoice of one month: the same on every push of
    one draft, another for each redraft after the earlier invoice was voided (``redraft``: how
    many invoices were pushed for the month before), so QBO does not answer with the voided one."""
    version = period if not redraft else f"{period}#redraft{redraft}"
    return request_id(tenant, f"invoice:{client_id}", version, "create-invoice")


def invoice_payload(
    draft: InvoiceDraft, mapping: QboMapping | None, tenant: str, *, redraft: int = 0
) -> InvoicePayload:
    missing: list[str] = []
    customers = mapping.customers if mapping else {}
    items = mapping.items if mapping else {}
    body: dict[str, Any] = {
        "CustomerRef": _ref(customers, draft.client_id, draft.client_name, "Customer", missing),
        "TxnDate": draft.txn_date.isoformat(),
        "EmailStatus": "NotSet",
        "PrintStatus": "NotSet",
        "PrivateNote": private_note(draft),
        "Line": [_line(line, items, missing) for line in draft.lines],
    }
    if draft.due_date is not None:
        body["DueDate"] = draft.due_date.isoformat()
    rid = invoice_request_id(tenant, draft.client_id, str(draft.period), redraft)
    return InvoicePayload(body, rid, tuple(dict.fromkeys(missing)))


def private_note(draft: InvoiceDraft) -> str:
    note = f"timebill draft {draft.client_id} {draft.period} ({draft.sow_id})."
    if draft.write_downs:
        note += f" Proposed write-downs (not billed): {fmt_money(draft.written_down)}."
    if draft.proposals:
        note += f" Proposed lines awaiting client approval: {fmt_money(draft.proposed)}."
    if waiting := draft.awaiting_review.entries:
        noun = "entry" if waiting == 1 else "entries"
        note += f" Not invoiced, awaiting review: {waiting} {noun}."
    return note


def _line(line: InvoiceLine, items: dict[str, str], missing: list[str]) -> dict[str, Any]:
    body: dict[str, Any] = {
        "DetailType": "SalesItemLineDetail",
        "Amount": _number(line.amount),
        "Description": line.description,
        "SalesItemLineDetail": {
            "ItemRef": _ref(items, line.code, line.code, "Item", missing),
            "Qty": _number(line.qty),
            "UnitPrice": _number(line.rate),
        },
    }
    if line.time_activity_ids:
        body["LinkedTxn"] = [
            {"TxnId": txn, "TxnType": "TimeActivity"} for txn in line.time_activity_ids
        ]
    return body


def _ref(
    table: dict[str, str], key: str, name: str, entity: str, missing: list[str]
) -> dict[str, str]:
    value = table.get(key)
    if value is None:
        missing.append(f"{key!r} (QuickBooks {entity})")
        return {"value": UNMAPPED, "name": name}
    return {"value": value}


def _number(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def lines_total(invoice: dict[str, Any]) -> Decimal:
    """The sum of an invoice's item lines before tax: QBO's ``SubTotalLineDetail`` line when it
    has one (an answer), else its ``SalesItemLineDetail`` lines added up (a request)."""
    lines = invoice.get("Line") or []
    for line in lines:
        if line.get("DetailType") == "SubTotalLineDetail":
            return Decimal(str(line.get("Amount", 0)))
    return sum(
        (Decimal(str(line.get("Amount", 0))) for line in lines
         if line.get("DetailType") == "SalesItemLineDetail"),
        Decimal(0),
    )  # fmt: skip
