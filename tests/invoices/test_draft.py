"""Drafting rules on Acme's October, against figures computed by hand.

The month (tests/data/invoices/month.csv; partner $300/h, consultant $165/h):

    id   date   who    code          hours  as decided
    a01  10-01  pat    ACME-CONSULT  4.00   4 x 300            = 1,200.00
    a02  10-02  casey  ACME-CONSULT  3.00   3 x 165            =   495.00
    a03  10-05  casey  ACME-TRAVEL   0.25   0.25 x 0.5 x 165   =    20.625 -> 20.63
    a04  10-06  casey  ACME-TRAVEL   0.25   same               =    20.63
    a05  10-07  pat    ACME-TRAVEL   1.50   1.5 x 0.5 x 300    =   225.00
    a06  10-08  pat    ACME-CONSULT  2.00   2 x 300            =   600.00   (9 h on the code)
    a07  10-09  casey  ACME-CONSULT  2.50   crosses the 10 h cap: 1.00 h fits, 1.50 h over
    a08  10-12  casey  ACME-CONSULT  1.00   all over the cap
    a09  10-13  pat    ACME-RET      3.00   retainer: 3 of the 5 h included
    a10  10-14  casey  ACME-RET      3.50   2.00 h included, 1.50 h over (at $200/h)
    a11  10-15  pat    ACME-FIX      6.00   fixed fee: information only
    a12  10-16  casey  ACME-CONSULT  2.00   awaiting review (value 330.00)
    a13  10-16  pat    ACME-NB       1.00   not billable
    a14  09-30  pat    ACME-CONSULT  2.00   September: not this invoice
    a15  10-10  pat    INT-ADMIN     0.50   internal: not Acme's
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from app.classify.policy import cents
from app.domain.entries import Source
from app.domain.rulebook import RuleBook
from app.domain.rules import Cap
from app.invoices.caps import PriorBilling
from app.invoices.draft import DraftOptions, Pair, draft_invoice
from app.invoices.model import InvoiceDraft, LineKind, Period, fmt_hours
from app.invoices.preview import markdown
from tests.invoices.conftest import OCTOBER, approve, only

D = Decimal


def lines(draft: InvoiceDraft) -> list[tuple[str, str, Decimal, Decimal, Decimal]]:
    return [(ln.code, ln.kind.value, ln.qty, ln.rate, ln.amount) for ln in draft.lines]


def with_caps(book: RuleBook, code: str, *caps: Cap) -> RuleBook:
    """The book with ``code``'s caps replaced (rules models are frozen: copy, never mutate)."""
    acme = book.clients["acme"]
    codes = tuple(c.model_copy(update={"caps": caps}) if c.code == code else c for c in acme.codes)
    return replace(book, clients={"acme": acme.model_copy(update={"codes": codes})})


# -- the lines --------------------------------------------------------------------------------


def test_every_line_has_billable_hours_at_the_sow_rate(
    book: RuleBook, approved: list[Pair]
) -> None:
    draft = draft_invoice(book, "acme", approved, OCTOBER)

    assert lines(draft) == [
        # a01 + a06: 4 + 2 = 6 h x 300
        ("ACME-CONSULT", "hourly", D("6.00"), D("300"), D("1800.00")),
        # a02 + the 1.00 h of a07 under the cap: 4 h x 165
        ("ACME-CONSULT", "hourly", D("4.00"), D("165"), D("660.00")),
        # a05: 1.5 h worked x 0.5 = 0.75 h x 300
        ("ACME-TRAVEL", "hourly", D("0.750"), D("300"), D("225.00")),
        # a03 + a04: 0.5 h worked x 0.5 = 0.25 h x 165 = 41.25
        ("ACME-TRAVEL", "hourly", D("0.250"), D("165"), D("41.25")),
        # the retainer fee, once
        ("ACME-RET", "retainer_fee", D(1), D("1000"), D("1000.00")),
    ]
    # 1800 + 660 + 225 + 41.25 + 1000
    assert draft.total == D("3726.25")
    assert draft.txn_date.isoformat() == "2026-10-31"
    assert draft.due_date is None  # the rules carry no payment terms


def test_lines_name_the_role_the_hours_and_the_fraction(
    book: RuleBook, approved: list[Pair]
) -> None:
    draft = draft_invoice(book, "acme", approved, OCTOBER)
    travel = draft.lines[3]

    assert travel.roles == ("consultant",)
    assert travel.hours_worked == D("0.50")
    assert travel.description == (
        "ACME-TRAVEL Travel time (50%), October 2026: consultant; "
        "0.50 h worked, billed at 50% = 0.25 h at 165.00/h"
    )
    assert draft.lines[0].description == (
        "ACME-CONSULT Consulting, October 2026: partner; 6.00 h at 300.00/h"
    )
    assert draft.lines[0].entry_keys == ("clockify:a01", "clockify:a06")


# -- rounding ---------------------------------------------------------------------------------


def test_each_line_is_rounded_once_not_each_entry(book: RuleBook, approved: list[Pair]) -> None:
    draft = draft_invoice(book, "acme", approved, OCTOBER)
    travel = draft.lines[3]

    # per line: 0.25 h x 165 = 41.25; per entry: 20.625 -> 20.63, twice = 41.26
    assert travel.amount == D("41.25")
    assert travel.qty * travel.rate == travel.amount  # what QuickBooks checks
    # per entry over the billed time: 1200 + 495 + 20.63 + 20.63 + 225 + 600 + 165 (a07's 1 h)
    assert draft.per_entry_total == D("2726.26")
    assert draft.hourly_total == D("2726.25")
    assert draft.rounding_difference == D("-0.01")


def test_a_half_cent_rounds_up(book: RuleBook, approved: list[Pair]) -> None:
    draft = draft_invoice(book, "acme", only(approved, "a03"), OCTOBER)

    # 0.25 h x 0.5 x 165 = 20.625: half up gives 20.63 (half even would give 20.62)
    [line] = draft.lines[:1]
    assert (line.qty, line.amount) == (D("0.125"), D("20.63"))
    assert cents(D("20.625")) == D("20.63")
    assert cents(D("20.624")) == D("20.62")


def test_the_preview_shows_the_quantity_quickbooks_gets_unrounded(
    book: RuleBook, approved: list[Pair]
) -> None:
    entry, d = only(approved, "a01")[0]
    thirds = [
        (entry.model_copy(update={"external_id": f"t{n}", "hours": D("0.3333")}), d)
        for n in range(3)
    ]  # three 20-minute entries, as a tracker's 00:20:00 reads (to 0.0001 h)
    draft = draft_invoice(book, "acme", thirds, OCTOBER)

    [line] = [ln for ln in draft.lines if ln.kind is LineKind.HOURLY]
    assert (line.qty, line.amount) == (D("0.9999"), D("299.97"))  # 0.9999 x 300 = 299.97
    # it showed "1.000 | 300.00 | 299.97", which does not multiply
    assert "| 0.9999 | 300.00 | 299.97 |" in markdown(draft)
    assert fmt_hours(D("0.125")) == "0.125"
    assert fmt_hours(D("2.5000")) == "2.50"


# -- caps -------------------------------------------------------------------------------------


def test_the_monthly_cap_stops_billing_and_lists_a_write_down(
    book: RuleBook, approved: list[Pair]
) -> None:
    draft = draft_invoice(book, "acme", approved, OCTOBER)

    [down] = draft.write_downs
    # a07's 1.50 h past the cap + a08's 1.00 h = 2.50 h x 165 = 412.50
    assert (down.code, down.rate, down.hours_worked, down.billable_hours, down.value) == (
        "ACME-CONSULT", D("165"), D("2.50"), D("2.50"), D("412.50"),
    )  # fmt: skip
    assert down.reason == "ACME-CONSULT month cap 10.00 h"
    assert down.entry_keys == ("clockify:a07", "clockify:a08")
    assert draft.written_down == D("412.50")
    billed_consult = sum(ln.hours_worked for ln in draft.lines if ln.code == "ACME-CONSULT")
    assert billed_consult == D("10.00")  # exactly the cap


def test_as_classified_the_entries_past_the_cap_wait_for_review(
    book: RuleBook, classified: list[Pair]
) -> None:
    draft = draft_invoice(book, "acme", classified, OCTOBER)

    assert draft.write_downs == ()
    # the consultant's consulting line is a02 alone: 3 h x 165
    assert lines(draft)[1] == ("ACME-CONSULT", "hourly", D("3.00"), D("165"), D("495.00"))
    assert draft.total == D("3561.25")  # 3726.25 - 165 (a07's hour under the cap)
    waiting = draft.awaiting_review
    # a07 2.5 h 412.50, a08 1 h 165.00, a12 2 h 330.00
    assert (waiting.entries, waiting.hours, waiting.value) == (3, D("5.50"), D("907.50"))


def test_a_not_to_exceed_counts_prior_billing_and_the_fee(
    book: RuleBook, approved: list[Pair]
) -> None:
    capped = with_caps(book, "ACME-CONSULT", Cap(period="month", hours=D(10)),
                       Cap(period="sow", amount=D(4000)))  # fmt: skip
    prior = PriorBilling(given=True, amount=D("1470.00"))
    draft = draft_invoice(capped, "acme", approved, OCTOBER, DraftOptions(prior=prior))

    # 4000 - 1470 billed before = 2530 left; the fee takes 1000 (1530); a01 1200 (330);
    # a02 fits 330 / 165 = 2.00 h of its 3; everything after is over.
    assert lines(draft) == [
        ("ACME-CONSULT", "hourly", D("4.00"), D("300"), D("1200.00")),
        ("ACME-CONSULT", "hourly", D("2.00"), D("165"), D("330.00")),
        ("ACME-RET", "retainer_fee", D(1), D("1000"), D("1000.00")),
    ]
    assert draft.total + prior.amount == D("4000.00")
    downs = {(w.code, w.rate): (w.hours_worked, w.value) for w in draft.write_downs}
    assert downs == {
        ("ACME-CONSULT", D("165")): (D("4.50"), D("742.50")),  # a02 1 h + a07 2.5 h + a08 1 h
        ("ACME-TRAVEL", D("165")): (D("0.50"), D("41.25")),  # a03 + a04
        ("ACME-TRAVEL", D("300")): (D("1.50"), D("225.00")),  # a05
        ("ACME-CONSULT", D("300")): (D("2.00"), D("600.00")),  # a06
    }
    assert {w.reason for w in draft.write_downs} == {"not-to-exceed 4,000.00"}
    assert not any("No billing to date" in n for n in draft.notes)


def test_without_billing_to_date_a_not_to_exceed_holds_this_month_and_says_so(
    book: RuleBook, approved: list[Pair]
) -> None:
    capped = with_caps(book, "ACME-CONSULT", Cap(period="sow", amount=D(3000)))
    draft = draft_invoice(capped, "acme", approved, OCTOBER)

    # 3000 - the 1000 fee = 2000 for time; in date order a01 1200, a02 495, a03 20.625,
    # a04 20.625, a05 225 (1961.25 used, 38.75 left); a06 fits 38.75 / 300 = 0.129 -> 0.12 h
    # (36.00). The cap is reached: a07 does not get a 0.01 h sliver of the 2.75 left.
    assert draft.total == D("1000") + D("1961.25") + D("36.00")
    [partner] = [w for w in draft.write_downs if (w.code, w.rate) == ("ACME-CONSULT", D(300))]
    assert partner.hours_worked == D("1.88")  # a06's 2 h - 0.12 h
    consultant = [w for w in draft.write_downs if (w.code, w.rate) == ("ACME-CONSULT", D(165))]
    assert consultant[0].hours_worked == D("3.50")  # a07 + a08, whole
    assert any("SOW not-to-exceed (3,000.00)" in n for n in draft.notes)


def test_a_phase_cap_subtracts_the_code_hours_billed_before(
    book: RuleBook, approved: list[Pair]
) -> None:
    capped = with_caps(book, "ACME-CONSULT", Cap(period="phase", hours=D(8)))
    prior = PriorBilling(given=True, by_code={"ACME-CONSULT": (D("5.5"), D("1200"))})
    draft = draft_invoice(capped, "acme", approved, OCTOBER, DraftOptions(prior=prior))

    # 8 - 5.5 = 2.5 h left: a01 (4 h) bills 2.5 h and writes down 1.5 h; the rest is over
    consult = [(ln.qty, ln.amount) for ln in draft.lines if ln.code == "ACME-CONSULT"]
    assert consult == [(D("2.50"), D("750.00"))]
    over = sum(w.hours_worked for w in draft.write_downs)
    assert over == D("1.50") + D("3") + D("2") + D("2.5") + D("1")  # a01 rest, a02, a06-a08


# -- retainer, fixed fee, exclusions ------------------------------------------------------------


def test_retainer_overage_is_a_proposal_needing_client_approval(
    book: RuleBook, approved: list[Pair]
) -> None:
    draft = draft_invoice(book, "acme", approved, OCTOBER)

    [proposal] = draft.proposals
    line = proposal.line
    # 3 + 3.5 = 6.5 h on the retainer; 5 included; a10's last 1.50 h x 200 = 300
    assert (line.kind, line.qty, line.rate, line.amount) == (
        LineKind.RETAINER_OVERAGE, D("1.50"), D("200"), D("300.00"),
    )  # fmt: skip
    assert proposal.needs_client_approval
    assert "needs client approval" in proposal.reason
    fee = draft.lines[4]
    assert fee.hours_worked == D("5.00")
    assert "5.00 h included, 5.00 h used" in fee.description
    assert draft.total == D("3726.25")  # the proposal is not billed


def test_an_approved_overage_is_billed(book: RuleBook, approved: list[Pair]) -> None:
    options = DraftOptions(bill_retainer_overage=True)
    draft = draft_invoice(book, "acme", approved, OCTOBER, options)

    assert draft.proposals == ()
    assert lines(draft)[-1] == ("ACME-RET", "retainer_overage", D("1.50"), D("200"), D("300.00"))
    assert draft.total == D("4026.25")  # 3726.25 + 300


def test_an_approved_overage_stops_at_the_not_to_exceed(
    book: RuleBook, approved: list[Pair]
) -> None:
    capped = with_caps(book, "ACME-CONSULT", Cap(period="month", hours=D(10)),
                       Cap(period="sow", amount=D(3800)))  # fmt: skip
    prior = PriorBilling(given=True)
    options = DraftOptions(prior=prior, bill_retainer_overage=True)
    draft = draft_invoice(capped, "acme", approved, OCTOBER, options)

    # 3800 - the 1000 fee - 2726.25 of time (a01-a07, in date order) = 73.75 left when a10's
    # 1.50 h of overage comes (10-14): 73.75 / 200 = 0.368 -> 0.36 h (72.00) billed, the
    # other 1.14 h (228.00) over the not-to-exceed. It billed all 300.00 (4026.25 > 3800).
    assert lines(draft)[-1] == ("ACME-RET", "retainer_overage", D("0.36"), D("200"), D("72.00"))
    assert draft.total == D("3798.25")
    [down] = [w for w in draft.write_downs if w.code == "ACME-RET"]
    assert (down.hours_worked, down.value, down.reason) == (
        D("1.14"), D("228.00"), "not-to-exceed 3,800.00",
    )  # fmt: skip
    assert down.entry_keys == ("clockify:a10",)


def test_a_retainer_fee_stops_at_the_not_to_exceed(book: RuleBook, approved: list[Pair]) -> None:
    """8,000 not-to-exceed, 7,400 billed before: of the 1,000 fee, 600 is billed (Qty 1 at 600)
    and 400 written down; the cap is then reached, so no hour of time is billed either."""
    capped = with_caps(book, "ACME-CONSULT", Cap(period="sow", amount=D(8000)))
    prior = PriorBilling(given=True, amount=D(7400))
    draft = draft_invoice(capped, "acme", approved, OCTOBER, DraftOptions(prior=prior))

    assert lines(draft) == [("ACME-RET", "retainer_fee", D(1), D("600"), D("600.00"))]
    assert draft.total == D("600.00")
    fee = [w for w in draft.write_downs if w.code == "ACME-RET"]
    assert [(w.value, w.reason) for w in fee] == [(D("400.00"), "not-to-exceed 8,000.00")]
    assert "fits under the not-to-exceed 8,000.00" in draft.lines[0].description


def test_fixed_fee_hours_are_information_only(book: RuleBook, approved: list[Pair]) -> None:
    draft = draft_invoice(book, "acme", approved, OCTOBER)

    assert all(ln.code != "ACME-FIX" for ln in draft.lines)
    [note] = [n for n in draft.notes if n.startswith("ACME-FIX")]
    assert "6.00 h approved" in note
    assert "information only" in note


def test_unapproved_non_billable_and_other_months_are_left_off(
    book: RuleBook, approved: list[Pair]
) -> None:
    draft = draft_invoice(book, "acme", approved, OCTOBER)

    waiting, unbillable = draft.awaiting_review, draft.non_billable
    assert (waiting.entries, waiting.hours, waiting.value) == (1, D("2.00"), D("330.00"))  # a12
    assert waiting.by_code == (("ACME-CONSULT", 1, D("2.00"), D("330.00")),)
    assert (unbillable.entries, unbillable.hours) == (1, D("1.00"))  # a13
    keys = {k for ln in draft.lines for k in ln.entry_keys}
    assert not keys & {"clockify:a12", "clockify:a13", "clockify:a14", "clockify:a15"}


def test_september_has_its_own_invoice(book: RuleBook, approved: list[Pair]) -> None:
    draft = draft_invoice(book, "acme", approved, Period.parse("2026-09"))

    # a14: 2 h x 300; the retainer fee is billed every month the SOW runs
    assert lines(draft) == [
        ("ACME-CONSULT", "hourly", D("2.00"), D("300"), D("600.00")),
        ("ACME-RET", "retainer_fee", D(1), D("1000"), D("1000.00")),
    ]


def test_lines_link_the_time_activities_known_behind_them(
    book: RuleBook, approved: list[Pair]
) -> None:
    from_qbo = [
        (e.model_copy(update={"source": Source.QUICKBOOKS}) if e.external_id == "a02" else e, d)
        for e, d in approve(approved)
    ]
    known = {"clockify:a01": "301", "clockify:a06": "306", "clockify:a09": "309"}
    draft = draft_invoice(book, "acme", from_qbo, OCTOBER, DraftOptions(time_activities=known))

    assert draft.lines[0].time_activity_ids == ("301", "306")
    assert draft.lines[1].time_activity_ids == ("a02",)  # read from QBO: its own id
    assert draft.lines[4].time_activity_ids == ("309",)  # the retainer's included time
    assert draft.lines[2].time_activity_ids == ()
