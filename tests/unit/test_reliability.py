"""The reliability table (``app.classify.reliability``) and ``timebill eval --calibration``."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.classify.reliability import calibration_lines, reliability
from app.cli import app
from app.domain.decisions import Decision, ReviewReason, Stage
from app.domain.rules import Basis
from tests.unit.engine_book import entry

REPO = Path(__file__).resolve().parents[2]
WEEK = REPO / "tests" / "data" / "functional" / "northwind_week.csv"


def _decision(code: str, confidence: float, *reasons: ReviewReason) -> Decision:
    return Decision(
        entry_key=entry("x").key, entry_version="1", client_id="c", code=code, billable=False,
        billable_fraction=Decimal(1), rate=None, amount=Decimal(0), basis=Basis.HOURLY,
        hours=Decimal(1), confidence=confidence, needs_review=bool(reasons),
        review_reasons=reasons, stage=Stage.RULES, reason="r",
    )  # fmt: skip


def test_buckets_hold_unflagged_decisions_and_count_the_right_ones() -> None:
    pairs = [
        (_decision("A", 0.97), "A"),
        (_decision("A", 0.96), "B"),
        (_decision("A", 0.999), "A"),
        (_decision("A", 0.6, ReviewReason.LOW_CONFIDENCE), "A"),
        (_decision("A", 0.99, ReviewReason.AMBIGUOUS), "B"),
    ]
    table = reliability(pairs)
    shown = [(b.stage, b.low, b.entries, b.right) for b in table.buckets]
    assert shown == [("rules", 0.5, 1, 1), ("rules", 0.95, 2, 1), ("rules", 0.995, 1, 1)]
    assert (table.flagged, table.flagged_right) == (1, 0)
    assert (table.auto, table.auto_wrong, table.total) == (3, 1, 5)
    assert "rules    [0.950, 0.980)        2        1    50.00%" in calibration_lines(
        [d for d, _ in pairs], {d.entry_key: t for d, t in pairs}
    )


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMEBILL_LLM_PROVIDER", "none")


def test_eval_prints_the_table_only_when_asked(tmp_path: Path) -> None:
    truth = tmp_path / "truth.csv"
    truth.write_text("line,true_code\n2,NWF-PM\n3,NWF-TRAVEL\n", encoding="utf-8")
    args = ["eval", str(WEEK), "--rules", str(REPO / "sow_rules"), "--truth", str(truth)]
    plain = CliRunner().invoke(app, args)
    asked = CliRunner().invoke(app, [*args, "--calibration"], terminal_width=200)
    assert plain.exit_code == asked.exit_code == 0, asked.output
    assert "predicted confidence vs observed accuracy" not in plain.output
    assert "predicted confidence vs observed accuracy" in asked.output
    assert "confidence >= 0.95" in asked.output
