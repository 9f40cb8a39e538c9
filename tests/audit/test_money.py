"""The audit's money on Rowan (``tests/data/audit/money``), worked by hand, both ways the audit
runs: the whole-file ``audit`` and ``timebill audit`` (the stream), which must agree.

Rules (``rules/rowan.yaml``; partner $300/h, consultant $150/h): ROW-RET a retainer of 5 h a
month for $1,000, up to 3 unused hours rolling over, overage at $250/h (the code's rate $200);
ROW-DEV hourly with a 2 h monthly budget (``alert_only``); ROW-DATA and ROW-REPORT sharing a
10 h monthly cap; ROW-TRAVEL at 50%. The export (``clockify.csv``) and what QuickBooks invoiced
(``qbo_lines.csv``, lines linked by entry id):

    id   date   who    code        hours  billed
    m01  09-10  pat    ROW-RET     3.00   the fee (2 h of September unused)
    m02  10-05  pat    ROW-RET     4.00   the fee: October's allowance is 5 + 2 = 7 h
    m03  10-06  pat    ROW-RET     3.00   the fee: 7 h used of 7, nothing past it
    m04  11-03  pat    ROW-RET     9.00   the fee: 5 h (nothing rolls over from October's 7 h
                                          used); 4 h past it at $250 = 1,000.00 not invoiced
    m05  10-07  pat    ROW-DEV     3.00   not invoiced: 3 h x 300 = 900.00 (a budget is no cap)
    m06  10-08  casey  ROW-DATA    6.00   invoiced 6 h x 150
    m07  10-09  casey  ROW-REPORT  6.00   not invoiced: 2 h past the shared 10 h cap (300.00),
                                          4 h under it (600.00)
    m08  10-12  pat    ROW-TRAVEL  1.50   invoiced as timebill drafts it: 0.75 billable h x 300
                                          = 225.00 = 1.5 h x 50% x 300: right
    m09  12-01  casey  ROW-DATA    2.00   invoiced 2 h x 150: December is all right
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.audit import AuditOptions, audit, load_exports
from app.audit.invoices import read_invoices
from app.classify.memory import Memory
from app.cli import app
from app.config import Settings
from app.factory import build_cascade
from app.rules.loader import load_rulebook
from tests.audit.conftest import DATA

MONEY = DATA / "money"
RULES = MONEY / "rules"
EXPORT = MONEY / "clockify.csv"
LINES = MONEY / "qbo_lines.csv"
D = Decimal

Found = set[tuple[str, str, Decimal, Decimal]]  # entry id, kind, hours, value


def _whole_file() -> Found:
    settings = Settings(rules_dir=RULES)
    book = load_rulebook(RULES)
    cascade = build_cascade(settings, book, Memory())
    result = audit(
        cascade, load_exports([EXPORT]), invoices=read_invoices(LINES, book),
        options=AuditOptions(),
    )  # fmt: skip
    return {(f.entry_key.split(":")[1], f.kind.value, f.hours, f.value) for f in result.findings}


def _streamed(tmp_path: Path) -> Found:
    out = tmp_path / "audit"
    args = [
        "audit",
        str(EXPORT),
        "--rules",
        str(RULES),
        "--invoices",
        str(LINES),
        "--out",
        str(out),
    ]
    run = CliRunner().invoke(app, args)
    assert run.exit_code == 0, run.output
    with (out / "findings.csv").open(newline="", encoding="utf-8") as handle:
        return {
            (row["entry_key"].split(":")[1], row["kind"], D(row["hours"]), D(row["value"]))
            for row in csv.DictReader(handle)
        }


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> Found:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TIMEBILL_LLM_PROVIDER", "none")
        env.setenv("TIMEBILL_CACHE_DIR", "")
        whole = _whole_file()
        streamed = _streamed(tmp_path_factory.mktemp("money"))
    assert whole == streamed
    return whole


def of(found: Found, *ids: str) -> Found:
    return {f for f in found if f[0] in ids}


def test_unused_retainer_hours_roll_over_into_the_next_month(found: Found) -> None:
    # October's allowance is 5 h + September's 2 unused = 7 h: m02 + m03 use exactly that.
    # It said 2 h of m03 (400.00) were billable and never invoiced.
    assert of(found, "m01", "m02", "m03") == set()


def test_retainer_hours_past_the_allowance_are_valued_at_the_overage_rate(found: Found) -> None:
    # November: 5 h (October used all 7 of its hours, none roll over); m04's 9 h leave 4 h past
    # it, at the SOW's overage rate: 4 x 250. It valued them at the code's rate (800.00).
    assert of(found, "m04") == {("m04", "not_invoiced", D("4.00"), D("1000.00"))}


def test_a_budget_is_no_cap(found: Found) -> None:
    # ROW-DEV's 2 h a month is alert_only: an estimate that stops no billing. m05's 3 h are all
    # billable and not invoiced; it called 1 h "over a cap given away".
    assert of(found, "m05") == {("m05", "not_invoiced", D("3.00"), D("900.00"))}


def test_a_cap_shared_by_two_codes_counts_both(found: Found) -> None:
    # m06 (ROW-DATA, 6 h) and m07 (ROW-REPORT, 6 h) share 10 h in October: 2 h of m07 are past
    # it. It did not know the shared cap and called all 6 h "never invoiced".
    assert of(found, "m06", "m07") == {
        ("m07", "over_cap_given_away", D("2.00"), D("300.00")),
        ("m07", "not_invoiced", D("4.00"), D("600.00")),
    }


def test_travel_invoiced_as_billable_hours_at_the_full_rate_is_right(found: Found) -> None:
    # m08: 1.5 h of travel at 50%, invoiced as timebill's draft writes it (Qty 0.75 billable
    # hours, UnitPrice 300: 225.00 = 1.5 x 0.5 x 300). It read 0.75 of 1.50 h invoiced (112.50
    # never invoiced) at 300/h where the SOW allows 150/h (112.50 billed above the SOW).
    assert of(found, "m08") == set()


def test_a_month_billed_as_the_sow_says_has_no_finding(found: Found) -> None:
    # December: m09, 2 h of data work invoiced at 150; October's m06 likewise
    assert of(found, "m06", "m09") == set()
    assert {f[0] for f in found} == {"m04", "m05", "m07"}
