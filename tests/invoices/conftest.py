"""Acme's October 2026 (``tests/data/invoices``), classified by the real cascade, offline.

``classified`` is what the cascade decides: the three ACME-CONSULT entries past the 10 h monthly
cap (a07, a08, a12) are flagged ``over_cap`` and wait for review. ``approved`` is the same month
after a PM approved a07 and a08 past the cap (a12 still waits): the case where the draft must
stop at the cap itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from app.classify.batch import classify_export
from app.classify.memory import Memory
from app.cli.jobs.invoices import batch_pairs
from app.config import Settings
from app.domain.rulebook import RuleBook
from app.factory import build_cascade
from app.invoices.draft import Pair
from app.invoices.model import Period
from app.rules.loader import load_rulebook

DATA = Path(__file__).parents[1] / "data" / "invoices"
RULES = DATA / "rules"
MONTH = DATA / "month.csv"
OCTOBER = Period(2026, 10)


@pytest.fixture(autouse=True)
def _own_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test's own (absent) store: a stored mapping in the developer's ``out/`` must not
    reach these drafts, nor the drafts open that file."""
    monkeypatch.setenv("TIMEBILL_SQLITE_PATH", str(tmp_path / "store" / "timebill.sqlite3"))


@pytest.fixture(scope="session")
def book() -> RuleBook:
    return load_rulebook(RULES)


@pytest.fixture(scope="session")
def classified(book: RuleBook) -> list[Pair]:
    settings = Settings(rules_dir=RULES, llm_provider="none")
    cascade = build_cascade(settings, book, Memory(settings.memory_min_similarity))
    return batch_pairs(classify_export(cascade, MONTH))


@pytest.fixture(scope="session")
def approved(classified: list[Pair]) -> list[Pair]:
    return approve(classified, "a07", "a08")


def approve(pairs: Sequence[Pair], *ids: str) -> list[Pair]:
    """A PM's approval of the entries with these tracker ids (their flags stay on record)."""
    return [
        (e, d.model_copy(update={"needs_review": False}) if e.external_id in ids else d)
        for e, d in pairs
    ]


def only(pairs: Sequence[Pair], *ids: str) -> list[Pair]:
    return [(e, d) for e, d in pairs if e.external_id in ids]


# The tests/quickbooks rig (real python-quickbooks and intuit-oauth against ``responses``
# mocks that fail on any request not mocked), reused for pushes.
from tests.quickbooks.conftest import qbo, rsps  # noqa: E402, F401
