"""The audit fixture: two SOW clients, one Clockify export of 14 rows, one QuickBooks file.

``tests/data/audit/clockify.csv`` (ids e01-e14), rules in ``tests/data/audit/rules``:

- Acme (T&M; partner 300/h, analyst 100/h): ACME-BUILD with a 10 h monthly cap, ACME-TRAIN at
  a flat 150/h, ACME-TRAVEL at 50%, ACME-WARRANTY and ACME-OOS (review: text) not billable, and
  a project fallback to ACME-BUILD at confidence 0.6 (below the 0.85 threshold);
- Globex (retainer: 10 h a month, overage 200/h) with a 10 h monthly cap;
- e10 is internal (Test Advisory), e14 a client with no SOW (Initech);
- the ``Approved Code`` column approves e02 as ACME-BUILD (what the rules say) and e07 as
  ACME-BUILD (the rules say ACME-WARRANTY); the other rows have none.

Pat Partner (pat@firm.test) is a partner, Ana Analyst (ana@firm.test) an analyst.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.audit import AuditOptions, audit, load_exports
from app.audit.invoices import read_invoices
from app.audit.kinds import LeakageKind
from app.audit.model import Assumptions, AuditResult, Finding
from app.classify.memory import Memory
from app.config import Settings
from app.factory import build_cascade
from app.rules.loader import load_rulebook

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "audit"
RULES = DATA / "rules"
EXPORT = DATA / "clockify.csv"
QBO = DATA / "qbo_time.csv"
LABEL = "Approved Code"
# 6 min per entry by hand, 3 min per flagged entry, 0.5 h of setup: round figures to check.
ASSUMPTIONS = Assumptions(
    manual_minutes_per_entry=6, review_minutes_per_flagged_entry=3, setup_hours=0.5
)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMEBILL_LLM_PROVIDER", "none")


def run_audit(
    *,
    invoices: Path | None = None,
    exports: tuple[Path, ...] = (EXPORT,),
    label_column: str | None = None,
) -> AuditResult:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TIMEBILL_LLM_PROVIDER", "none")
        settings = Settings(rules_dir=RULES)
        assert not settings.llm_enabled
        book = load_rulebook(RULES)
        cascade = build_cascade(settings, book, Memory())
        bills = read_invoices(invoices, book) if invoices else None
        options = AuditOptions(assumptions=ASSUMPTIONS, top=5, label_column=label_column)
        return audit(cascade, load_exports(list(exports)), invoices=bills, options=options)


@pytest.fixture(scope="session")
def result() -> AuditResult:
    """The export alone: billed = the export's Invoiced column."""
    return run_audit()


@pytest.fixture(scope="session")
def labelled() -> AuditResult:
    """The export with its ``Approved Code`` column read (e02 and e07 carry one)."""
    return run_audit(label_column=LABEL)


@pytest.fixture(scope="session")
def with_invoices() -> AuditResult:
    """The same export with the QuickBooks file: billed = the file."""
    return run_audit(invoices=QBO)


def findings_of(result: AuditResult, entry: str) -> dict[LeakageKind, Finding]:
    """The findings of entry ``e..`` by kind (at most one per kind)."""
    found = [f for f in result.findings if f.entry_key == f"clockify:{entry}"]
    by_kind = {f.kind: f for f in found}
    assert len(by_kind) == len(found)
    return by_kind
