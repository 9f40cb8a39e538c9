"""Fees per unit (basis ``per_unit``) on Calder's October, against figures computed by hand.

The month (tests/data/invoices/units/month.csv; design hourly, consultant $165/h):

    id   date   who    code      hours  unit
    u01  10-06  pat    CAL-FAC   7.00   day 10-06
    u02  10-06  casey  CAL-FAC   7.00   day 10-06 (the same day: one fee)
    u03  10-07  pat    CAL-FAC   6.00   day 10-07           -> 2 days x 5,200 = 10,400
    u04  10-08  pat    CAL-SV    5.00   pat, 10-08
    u05  10-08  casey  CAL-SV    5.00   casey, 10-08
    u06  10-08  casey  CAL-SV    1.00   casey, 10-08 again  -> 2 person-days x 2,100 = 4,200
    u07  10-09  pat    CAL-CALL  1.00   a call
    u08  10-12  pat    CAL-CALL  0.75   a call
    u09  10-13  casey  CAL-CALL  1.00   a call              -> 3 calls x 375 = 1,125
    u10  10-14  pat    CAL-PGM   1.00   the month           -> 1 x 1,400
    u11  10-15  casey  CAL-DES   3.00   3 h x 165 = 495
    u12  10-16  casey  CAL-FAC   7.00   awaiting review: one more day if approved
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.classify.batch import classify_export
from app.classify.memory import Memory
from app.cli.jobs.invoices import batch_pairs
from app.config import Settings
from app.domain.basis import Basis
from app.domain.rulebook import RuleBook
from app.domain.rules import BillingCode, Cap, Effective
from app.factory import build_cascade
from app.invoices.caps import PriorBilling
from app.invoices.draft import DraftOptions, Pair, draft_invoice
from app.invoices.model import LineKind, Period
from app.invoices.qbo_payload import invoice_payload
from app.rules.loader import load_rulebook
from tests.invoices.conftest import DATA, OCTOBER

UNITS = DATA / "units"
D = Decimal


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rulebook(UNITS)


@pytest.fixture(scope="module")
def month(book: RuleBook, tmp_path_factory: pytest.TempPathFactory) -> list[Pair]:
    """The cascade's decisions, u12 held for review as a PM would leave it."""
    store = tmp_path_factory.mktemp("units") / "t.sqlite3"
    settings = Settings(rules_dir=UNITS, llm_provider="none", sqlite_path=Path(store))
    cascade = build_cascade(settings, book, Memory(settings.memory_min_similarity))
    pairs = batch_pairs(classify_export(cascade, UNITS / "month.csv"))
    return [(e, d.model_copy(update={"needs_review": e.external_id == "u12"})) for e, d in pairs]


def test_an_entry_on_a_per_unit_code_is_billable_time_priced_by_its_fee(
    month: list[Pair],
) -> None:
    facilitation = [d for e, d in month if e.external_id in {"u01", "u02", "u03"}]
    assert [d.code for d in facilitation] == ["CAL-FAC"] * 3
    for d in facilitation:
        assert (d.billable, d.basis, d.rate, d.amount) == (True, Basis.PER_UNIT, None, D(0))
        assert d.review_reasons == ()  # no rate is expected: nothing missing


def test_each_unit_is_billed_once_at_its_fee(book: RuleBook, month: list[Pair]) -> None:
    draft = draft_invoice(book, "calder", month, OCTOBER)

    assert [(ln.code, ln.kind, ln.qty, ln.rate, ln.amount) for ln in draft.lines] == [
        ("CAL-FAC", LineKind.UNIT_FEE, D(2), D(5200), D("10400.00")),
        ("CAL-SV", LineKind.UNIT_FEE, D(2), D(2100), D("4200.00")),
        ("CAL-CALL", LineKind.UNIT_FEE, D(3), D(375), D("1125.00")),
        ("CAL-PGM", LineKind.UNIT_FEE, D(1), D(1400), D("1400.00")),
        ("CAL-DES", LineKind.HOURLY, D("3.00"), D(165), D("495.00")),
    ]
    assert draft.total == D("17620.00")
    assert draft.hourly_total == D("495.00")  # the fees are not hourly money
    fac = draft.lines[0]
    assert fac.description == (
        "CAL-FAC Facilitation day, October 2026: 2 days at 5,200.00 (20.00 h worked)"
    )
    assert fac.entry_keys == ("clockify:u01", "clockify:u02", "clockify:u03")
    assert "CAL-FAC: 1 day more at 5,200.00 if the entry awaiting review is approved." in (
        draft.notes
    )
    assert draft.lines[3].description.endswith(": 1 month at 1,400.00 (1.00 h worked)")


def test_an_entry_of_zero_hours_bills_no_unit(book: RuleBook, month: list[Pair]) -> None:
    """A timer started and stopped (0 h) is no time on the code: no day, visit or call."""

    def empty(entry_id: str, day: int) -> Pair:
        entry, d = next((e, d) for e, d in month if e.external_id == entry_id)
        moved = entry.model_copy(
            update={
                "external_id": f"{entry_id}-0",
                "hours": D(0),
                "work_date": date(2026, 10, day),
            }
        )
        return moved, d.model_copy(update={"hours": D(0), "needs_review": False})

    zeros = [empty("u03", 20), empty("u04", 21), empty("u07", 22)]
    draft = draft_invoice(book, "calder", [*month, *zeros], OCTOBER)

    # as without them: 2 days x 5,200, 2 person-days x 2,100, 3 calls x 375; it billed
    # 3 days, 3 person-days and 4 calls (+7,675.00) for no time at all
    fees = [(ln.code, ln.qty, ln.amount) for ln in draft.lines if ln.kind is LineKind.UNIT_FEE]
    assert fees[:3] == [
        ("CAL-FAC", D(2), D("10400.00")),
        ("CAL-SV", D(2), D("4200.00")),
        ("CAL-CALL", D(3), D("1125.00")),
    ]
    assert draft.total == D("17620.00")


def test_a_monthly_fee_is_billed_while_in_force_with_time_or_none(
    book: RuleBook, month: list[Pair]
) -> None:
    others = [(e, d) for e, d in month if d.code != "CAL-PGM"]
    draft = draft_invoice(book, "calder", others, OCTOBER)
    assert [(ln.code, ln.qty) for ln in draft.lines if ln.code == "CAL-PGM"] == [("CAL-PGM", 1)]

    calder = book.clients["calder"]
    ended = Effective.model_validate({"to": "2026-09-30"})
    codes = tuple(
        c.model_copy(update={"effective": ended}) if c.code == "CAL-PGM" else c
        for c in calder.codes
    )
    closed = replace(book, clients={"calder": calder.model_copy(update={"codes": codes})})
    after_it_ended = draft_invoice(closed, "calder", others, Period(2026, 10))
    assert [ln.code for ln in after_it_ended.lines if ln.code == "CAL-PGM"] == []


def test_the_quickbooks_line_is_units_times_the_fee(book: RuleBook, month: list[Pair]) -> None:
    payload = invoice_payload(draft_invoice(book, "calder", month, OCTOBER), None, "t")
    first = payload.body["Line"][0]
    detail = first["SalesItemLineDetail"]
    assert (detail["Qty"], detail["UnitPrice"], first["Amount"]) == (2, 5200, 10400)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"unit_fee": 5200}, "basis 'per_unit' needs 'unit'"),
        ({"unit": "day"}, "basis 'per_unit' needs 'unit'"),
        ({"unit": "day", "unit_fee": 5200, "rate": 200}, "bills its 'unit_fee'"),
        ({"unit": "day", "unit_fee": 5200, "fraction": 0.5}, "bills its 'unit_fee'"),
        ({"unit": "week", "unit_fee": 5200}, "Input should be 'day', 'person_day'"),
    ],
)
def test_a_per_unit_code_needs_its_unit_and_fee_and_nothing_hourly(
    fields: dict[str, object], message: str
) -> None:
    base = {"code": "CAL-FAC", "name": "Facilitation", "clause": "§2", "billable": True,
            "basis": "per_unit"}  # fmt: skip
    with pytest.raises(ValueError, match=message):
        BillingCode.model_validate(base | fields)


def test_unit_and_unit_fee_belong_to_per_unit_codes_only() -> None:
    hourly = {"code": "CAL-DES", "name": "Design", "clause": "§6", "billable": True}
    with pytest.raises(ValueError, match="'unit' and 'unit_fee' are for basis 'per_unit'"):
        BillingCode.model_validate(hourly | {"unit": "day"})


def test_fees_stop_at_the_sow_not_to_exceed_in_whole_units(
    book: RuleBook, month: list[Pair]
) -> None:
    """A SOW not-to-exceed of 25,000 with 13,000 billed before leaves 12,000: the two facilitation
    days (10,400) fit; of the site visits (2 x 2,100) none fits in the 1,600 left (a unit is
    billed whole: QuickBooks bills Qty x UnitPrice); the cap is then reached, so the calls, the
    program fee and the design hours are written down too, none of it invoiced."""
    calder = book.clients["calder"]
    nte = Cap(period="sow", amount=D(25000))
    codes = tuple(
        c.model_copy(update={"caps": (nte,)}) if c.code == "CAL-FAC" else c for c in calder.codes
    )
    capped = replace(book, clients={"calder": calder.model_copy(update={"codes": codes})})
    prior = PriorBilling(given=True, amount=D(13000))

    draft = draft_invoice(capped, "calder", month, OCTOBER, DraftOptions(prior=prior))

    assert [(ln.code, ln.qty, ln.amount) for ln in draft.lines] == [
        ("CAL-FAC", D(2), D("10400.00")),
    ]
    assert sorted((w.code, w.value) for w in draft.write_downs) == [
        ("CAL-CALL", D("1125.00")),
        ("CAL-DES", D("495.00")),
        ("CAL-PGM", D("1400.00")),
        ("CAL-SV", D("4200.00")),
    ]
    assert draft.total + draft.written_down == D("17620.00")  # the uncapped month's total
