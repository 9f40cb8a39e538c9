"""The streaming audit (two passes, per-period ledgers, findings spooled) against the whole-file
one.

``audit`` holds every row, applies the sums and caps to the full list and sorts every finding in
memory; ``audit_stream`` holds none of them. On the bundled firms, on the demo month tripled and
shuffled out of date order with unreadable rows, and on two overlapping exports with an invoice
file and approved codes, the result and every file written (``audit.json``, the CSVs, the HTML
report) must be the same, byte for byte. The findings are spooled in small runs here, so the
merge of several runs is what is compared.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from app.audit import AuditOptions, audit, finding_runs, load_exports
from app.audit.invoices import read_invoices
from app.audit.model import Assumptions
from app.audit.outputs import write_outputs
from app.audit.report_html import names_from_book, write_report
from app.audit.stream import audit_stream
from app.audit.tally import Tally
from app.classify.batch import learn_history
from app.classify.cascade import Cascade
from app.classify.memory import Memory
from app.config import Settings
from app.factory import build_cascade
from app.rules.loader import load_rulebook
from app.sources.exports import open_export

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "examples" / "demo_firm" / "data"
SECOND = REPO / "examples" / "second_firm"
FIXTURE = REPO / "tests" / "data" / "audit"
LABEL = "Approved Code"
FILES = ("audit.json", "findings.csv", "leakage_by_client_month.csv", "totals_by_code.csv")


@pytest.fixture(autouse=True)
def _small_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(finding_runs, "RUN", 97)  # several sorted runs to merge, not one


def _cascade(rules: Path, history: Path | None) -> Cascade:
    settings = Settings(rules_dir=rules, llm_provider="none")
    book = load_rulebook(rules)
    memory = Memory(settings.memory_min_similarity)
    if history is not None:
        learn_history(book, memory, history, LABEL)
    return build_cascade(settings, book, memory)


def _labels(history: Path | None) -> dict[str, str]:
    """What ``timebill audit --history`` reads as approved codes."""
    if history is None:
        return {}
    rows = open_export(history, label_column=LABEL).rows()
    return {r.entry.key: r.label for r in rows if r.entry is not None and r.label}


Written = dict[str, tuple[bytes, ...]]


def _both(
    rules: Path,
    exports: list[Path],
    tmp_path: Path,
    *,
    history: Path | None = None,
    invoices: Path | None = None,
) -> Written:
    """Each file written by the whole-file audit and by the stream."""
    cascade = _cascade(rules, history)
    bills = read_invoices(invoices, cascade.book) if invoices else None
    assumptions, names = Assumptions(setup_hours=0.5), names_from_book(cascade.book)
    options = AuditOptions(assumptions, 7, 1, False, LABEL)
    whole = audit(
        cascade, load_exports(exports), invoices=bills, options=options, labels=_labels(history)
    )
    write_outputs(whole, tmp_path / "whole")
    write_report(whole, tmp_path / "whole", names)
    streamed = audit_stream(
        cascade, [open_export(path) for path in exports], tally=Tally.new(7, assumptions),
        invoices=bills, labels=_labels(history), label_column=LABEL,
    )  # fmt: skip
    try:
        assert streamed.result == whole.model_copy(update={"findings": []})
        write_outputs(streamed.result, tmp_path / "streamed", streamed.findings)
        write_report(streamed.result, tmp_path / "streamed", names)
    finally:
        streamed.close()
    return {
        name: (
            (tmp_path / "whole" / name).read_bytes(),
            (tmp_path / "streamed" / name).read_bytes(),
        )
        for name in (*FILES, "report.html")
    }


def _assert_same(files: Written) -> None:
    for name, (whole, streamed) in files.items():
        assert streamed == whole, name


@pytest.mark.parametrize(
    ("rules", "data"),
    [(REPO / "sow_rules", DEMO), (SECOND / "sow_rules", SECOND / "data")],
    ids=["demo_firm", "second_firm"],
)
def test_streamed_audit_is_the_whole_file_audit(rules: Path, data: Path, tmp_path: Path) -> None:
    files = _both(rules, [data / "month.csv"], tmp_path, history=data / "history.csv")

    assert files["findings.csv"][0].count(b"\n") > 80
    _assert_same(files)


def test_same_audit_out_of_date_order_with_unreadable_rows(tmp_path: Path) -> None:
    """The demo month three times over (caps crossed mid-month, days over 12 h), shuffled,
    with two unreadable rows and two unreadable billing cells."""
    with (DEMO / "month.csv").open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    rows = rows * 3
    random.Random(13).shuffle(rows)
    rows[5] = [*rows[5][:12], "13/45/2026", *rows[5][13:]]  # Start Date: not a date
    rows[700] = rows[700][:3]  # a short row: no user, no date
    rows[10][18] = "lots"  # Billable Rate (USD): not a number, in the row's three copies
    rows[2000][10] = "maybe"  # Invoiced: not Yes or No, likewise
    export = tmp_path / "tripled.csv"
    with export.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])

    files = _both(REPO / "sow_rules", [export], tmp_path, history=DEMO / "history.csv")

    assert files["findings.csv"][0].count(b"over_cap_given_away") > 10
    assert b'"problem_count": 9' in files["audit.json"][0]  # the short row has two
    _assert_same(files)


def test_same_audit_of_overlapping_exports_with_invoices(tmp_path: Path) -> None:
    """Two exports sharing six entries (counted once), the QuickBooks file matched to them,
    the export's approved codes read."""
    with (FIXTURE / "clockify.csv").open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    part = tmp_path / "part.csv"
    with part.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows[3:9]])

    files = _both(
        FIXTURE / "rules", [FIXTURE / "clockify.csv", part], tmp_path,
        invoices=FIXTURE / "qbo_time.csv",
    )  # fmt: skip

    assert b'"duplicates_skipped": 6' in files["audit.json"][0]
    assert b'"source": "quickbooks_file"' in files["audit.json"][0]
    _assert_same(files)
