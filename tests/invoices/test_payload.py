"""The QuickBooks Invoice body a draft becomes: its exact shape, refs, links and requestid."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from app.adapters.quickbooks_writer import load_mappings, request_id
from app.domain.rulebook import RuleBook
from app.invoices.draft import DraftOptions, Pair, draft_invoice
from app.invoices.model import InvoiceDraft
from app.invoices.qbo_payload import UNMAPPED, invoice_payload, invoice_request_id
from tests.invoices.conftest import DATA, OCTOBER

KNOWN = {"clockify:a01": "301", "clockify:a06": "306", "clockify:a09": "309"}
MAPPING = load_mappings(DATA / "mapping.yaml")["northwind"]


def drafted(book: RuleBook, pairs: list[Pair], **options: Any) -> InvoiceDraft:
    return draft_invoice(
        book, "acme", pairs, OCTOBER, DraftOptions(time_activities=KNOWN, **options)
    )


def test_the_body_is_exactly_the_documented_invoice_shape(
    book: RuleBook, approved: list[Pair]
) -> None:
    payload = invoice_payload(drafted(book, approved), MAPPING, "northwind")

    expected = json.loads((DATA / "expected_payload.json").read_text(encoding="utf-8"))
    assert payload.body == expected
    assert payload.missing == ()
    # the figures, by hand: 6 x 300, 4 x 165, 0.75 x 300, 0.25 x 165, the fee
    assert [ln["Amount"] for ln in payload.body["Line"]] == [1800, 660, 225, 41.25, 1000]
    for line in payload.body["Line"]:
        detail = line["SalesItemLineDetail"]
        assert Decimal(str(detail["Qty"])) * Decimal(str(detail["UnitPrice"])) == Decimal(
            str(line["Amount"])
        )
    assert sum(Decimal(str(ln["Amount"])) for ln in payload.body["Line"]) == Decimal("3726.25")


def test_a_draft_is_an_unsent_invoice_with_no_due_date_unless_terms_are_given(
    book: RuleBook, approved: list[Pair]
) -> None:
    body = invoice_payload(drafted(book, approved), MAPPING, "northwind").body
    assert (body["EmailStatus"], body["PrintStatus"]) == ("NotSet", "NotSet")
    assert "DueDate" not in body
    assert "DocNumber" not in body  # QuickBooks numbers it

    net30 = invoice_payload(drafted(book, approved, terms_days=30), MAPPING, "northwind").body
    assert net30["DueDate"] == "2026-11-30"


def test_time_is_linked_per_line_as_time_activities(book: RuleBook, approved: list[Pair]) -> None:
    body = invoice_payload(drafted(book, approved), MAPPING, "northwind").body

    assert body["Line"][0]["LinkedTxn"] == [
        {"TxnId": "301", "TxnType": "TimeActivity"},
        {"TxnId": "306", "TxnType": "TimeActivity"},
    ]
    assert "LinkedTxn" not in body["Line"][1]  # no TimeActivity known behind it
    assert "LinkedTxn" not in body  # no invoice-level link


def test_unmapped_refs_are_marked_and_listed(book: RuleBook, approved: list[Pair]) -> None:
    partial = load_mappings(DATA / "mapping_partial.yaml")["northwind"]
    payload = invoice_payload(drafted(book, approved), partial, "northwind")

    assert payload.missing == ("'ACME-TRAVEL' (QuickBooks Item)",)
    travel = payload.body["Line"][2]["SalesItemLineDetail"]["ItemRef"]
    assert travel == {"value": UNMAPPED, "name": "ACME-TRAVEL"}

    nothing = invoice_payload(drafted(book, approved), None, "northwind")
    assert nothing.body["CustomerRef"] == {"value": UNMAPPED, "name": "Acme Corp"}
    assert len(nothing.missing) == 4  # the customer and three items


def test_the_requestid_is_derived_from_tenant_client_and_month(
    book: RuleBook, approved: list[Pair], classified: list[Pair]
) -> None:
    first = invoice_payload(drafted(book, approved), MAPPING, "northwind")
    # the same month with other approvals is the same invoice: QBO must not create a second
    again = invoice_payload(drafted(book, classified), MAPPING, "northwind")

    expected = request_id("northwind", "invoice:acme", "2026-10", "create-invoice")
    assert first.request_id == again.request_id == expected
    assert len(expected) <= 50  # QBO's limit
    assert invoice_request_id("northwind", "acme", "2026-09") != expected
    assert invoice_request_id("other-tenant", "acme", "2026-10") != expected
