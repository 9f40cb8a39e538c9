"""The demo firm's October 2026: one draft per client, whose time lines add up to the
client's approved billable decisions (minus write-downs), previewed and outboxed."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from app.classify.batch import BatchResult, classify_export, learn_history
from app.classify.memory import Memory
from app.classify.policy import cents
from app.cli.jobs.classify import DEMO_DATA, DEMO_RULES
from app.cli.jobs.invoices import batch_pairs, invoices_for_demo
from app.config import Settings
from app.domain.rulebook import RuleBook
from app.domain.rules import Basis
from app.factory import build_cascade
from app.invoices.draft import draft_invoice
from app.invoices.model import Period
from app.rules.loader import load_rulebook

OCTOBER = Period(2026, 10)
CLIENTS = ("cobalt", "harbor", "meridian", "northwind")


@pytest.fixture(scope="module")
def demo() -> tuple[BatchResult, RuleBook]:
    settings = Settings(rules_dir=DEMO_RULES, llm_provider="none")
    book = load_rulebook(DEMO_RULES)
    memory = Memory(settings.memory_min_similarity)
    learn_history(book, memory, DEMO_DATA / "history.csv", "Approved Code")
    cascade = build_cascade(settings, book, memory)
    return classify_export(cascade, DEMO_DATA / "month.csv"), book


def test_one_draft_per_client_previewed_and_outboxed(
    demo: tuple[BatchResult, RuleBook], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result, book = demo
    written = invoices_for_demo(result, book, tmp_path)

    names = sorted(p.relative_to(tmp_path).as_posix() for p in written)
    assert names == sorted(
        [f"invoice-{c}-2026-10.md" for c in CLIENTS]
        + [f"outbox/invoices/{c}-2026-10.json" for c in CLIENTS]
    )
    for client in CLIENTS:
        request = json.loads(
            (tmp_path / "outbox" / "invoices" / f"{client}-2026-10.json").read_text()
        )
        assert request["missing_mappings"] == []  # the demo company's mapping covers them all
        assert request["Invoice"]["EmailStatus"] == "NotSet"
    shown = capsys.readouterr().out
    assert "Invoice drafts, October 2026" in shown
    assert all(c in shown for c in CLIENTS)


@pytest.mark.parametrize("client", CLIENTS)
def test_time_lines_add_up_to_the_approved_billable_decisions(
    demo: tuple[BatchResult, RuleBook], client: str
) -> None:
    result, book = demo
    pairs = batch_pairs(result)
    draft = draft_invoice(book, client, pairs, OCTOBER)
    basis = {c.code: c.resolved_basis for c in book.clients[client].codes}
    hourly = [
        d.amount
        for e, d in pairs
        if d.client_id == client and e.work_date in OCTOBER and not d.needs_review
        and d.billable and basis.get(d.code or "") is Basis.HOURLY
    ]  # fmt: skip

    assert hourly, "the demo month has approved hourly time for every client"
    assert draft.total == sum(line.amount for line in draft.lines)
    # what QBO checks on each line: Amount is Qty x UnitPrice, rounded once
    assert all(line.amount == cents(line.qty * line.rate) for line in draft.lines)
    assert all(line.qty > 0 for line in draft.lines)
    # the decisions' own amounts (rounded per entry), less what stopped at a cap
    assert draft.per_entry_total == sum(hourly, Decimal(0)) - draft.written_down
    # the invoice rounds per line: at most a cent apart per line
    assert abs(draft.rounding_difference) <= Decimal("0.01") * len(draft.lines)
    fees = sum(ln.amount for ln in draft.lines if ln.kind.value == "retainer_fee")
    assert draft.total == draft.hourly_total + fees


def test_cobalt_bills_the_retainer_fee_once_and_shows_what_waits(
    demo: tuple[BatchResult, RuleBook],
) -> None:
    result, book = demo
    draft = draft_invoice(book, "cobalt", batch_pairs(result), OCTOBER)

    [fee] = [ln for ln in draft.lines if ln.code == "COB-RETAINER"]
    assert (fee.qty, fee.amount) == (Decimal(1), Decimal("9500.00"))
    assert fee.hours_worked <= Decimal(40)
    [note] = [n for n in draft.notes if n.startswith("COB-RETAINER")]
    assert "await review" in note  # the hours past 40 are flagged over_cap, not approved


def test_the_rounding_the_demo_shows(demo: tuple[BatchResult, RuleBook]) -> None:
    result, book = demo
    draft = draft_invoice(book, "northwind", batch_pairs(result), OCTOBER)

    # NWF-TRAVEL, manager: 14 h worked x 0.5 x 273 = 1911.00 on one line; rounded entry by
    # entry, 1.75 h (238.875 -> 238.88) and 0.25 h (34.125 -> 34.13) make it 1911.01
    [line] = [ln for ln in draft.lines if ln.code == "NWF-TRAVEL" and ln.rate == 273]
    assert (line.qty, line.amount) == (Decimal("7.00"), Decimal("1911.00"))
    assert draft.rounding_difference == Decimal("-0.01")
