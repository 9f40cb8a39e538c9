"""Summary and accuracy figures, checked against hand-computed values."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.classify.evaluation import TruthFileError, llm_figures, truth_from_file
from app.classify.summary import score, summarise
from app.domain.decisions import Decision, LlmUsage, ReviewReason, Stage
from app.domain.rules import Basis
from app.sources.exports import read_export

EXPORT = Path(__file__).resolve().parents[1] / "data" / "functional" / "northwind_week.csv"


def _d(
    key: str, code: str | None, stage: Stage, review: bool, hours: str = "1", amount: str = "0"
) -> Decision:
    return Decision(
        entry_key=key, entry_version="1", client_id="c", code=code, billable=amount != "0",
        billable_fraction=Decimal(1), rate=None, amount=Decimal(amount), basis=Basis.HOURLY,
        hours=Decimal(hours), confidence=0.9, needs_review=review,
        review_reasons=(ReviewReason.LOW_CONFIDENCE,) if review else (), stage=stage, reason="r",
    )  # fmt: skip


DECISIONS = [
    _d("a", "X", Stage.RULES, False, "2", "300"),
    _d("b", "X", Stage.RULES, False, "1", "150"),
    _d("c", "Y", Stage.MEMORY, False, "0.5"),
    _d("d", "Y", Stage.RULES, True, "3"),
    _d("e", None, Stage.REVIEW, True, "1"),
]
TRUTH = {"a": "X", "b": "Y", "c": "Y", "d": "Y", "e": "Z"}


def test_summary_adds_up_by_code_and_stage() -> None:
    s = summarise(DECISIONS)
    assert (s.entries, s.hours, s.billable_amount, s.flagged) == (
        5,
        Decimal("7.5"),
        Decimal(450),
        2,
    )
    assert [(c.code, c.entries, c.hours, c.flagged) for c in s.by_code] == [
        ("Y", 2, Decimal("3.5"), 1), ("X", 2, Decimal(3), 0), ("(no code)", 1, Decimal(1), 1),
    ]  # fmt: skip
    assert (s.auto_by_stage[Stage.RULES], s.auto_by_stage[Stage.MEMORY]) == (2, 1)
    assert s.reasons["low_confidence"] == 2


def test_retainer_hours_are_covered_by_the_fee_not_summed_as_hourly_money() -> None:
    # A retainer decision carries the code's hourly rate x hours (here 2 h x 210 = 420), but
    # the monthly fee covers those hours: not billable money in the summary.
    retainer = _d("r", "RET", Stage.RULES, False, "2", "420").model_copy(
        update={"basis": Basis.RETAINER}
    )
    s = summarise([*DECISIONS, retainer])
    assert (s.billable_amount, s.retainer_hours) == (Decimal(450), Decimal(2))
    line = next(c for c in s.by_code if c.code == "RET")
    assert (line.amount, line.covered_hours, line.retainer) == (Decimal(0), Decimal(2), True)


def test_accuracy_counts_errors_among_auto_approved_only() -> None:
    acc = score(DECISIONS, TRUTH, {"a": "plain", "b": "typo"})
    assert (acc.labelled, acc.auto_approved, acc.auto_errors, acc.reviewed) == (5, 3, 1, 2)
    assert acc.auto_error_rate == pytest.approx(1 / 3)
    assert acc.review_proposal_correct == 1  # d's proposal was right, e had none
    assert (acc.per_stage[Stage.RULES].decided, acc.per_stage[Stage.RULES].correct) == (2, 1)
    assert acc.per_category["typo"] == (1, 1, 1)
    assert [(d.entry_key, true) for d, true in acc.errors] == [("b", "Y")]


def test_llm_cost_per_thousand_entries_from_measured_tokens() -> None:
    usage = LlmUsage(
        model="claude-haiku-5-5",
        input_tokens=200,
        output_tokens=30,
        cache_read_tokens=1500,
        latency_ms=800,
    )
    decisions = [DECISIONS[0].model_copy(update={"usage": usage}), DECISIONS[1]]
    figures = llm_figures(decisions)
    assert figures is not None
    # (200*0.10 + 30*0.50 + 1500*0.01) / 1e6 = $0.00005 per call; one call per two entries
    assert figures.cost_per_1000 == Decimal("0.0250")
    assert (figures.calls, figures.latency_p50_ms) == (1, 800)


def test_truth_file_rows_must_point_at_readable_rows(tmp_path: Path) -> None:
    export = read_export(EXPORT)
    good = tmp_path / "truth.csv"
    good.write_text("line,true_code,category\n2,NWF-PM,plain\n3,NWF-TRAVEL,travel\n")
    truth = truth_from_file(good, export)
    assert sorted(truth.codes.values()) == ["NWF-PM", "NWF-TRAVEL"]
    bad = tmp_path / "bad.csv"
    bad.write_text("line,true_code\n4,NWF-PM\n")  # row 4 is the unreadable one
    with pytest.raises(TruthFileError, match=r"bad.csv: row 2, column 'line': '4'"):
        truth_from_file(bad, export)
    (tmp_path / "cols.csv").write_text("row,code\n")
    with pytest.raises(TruthFileError, match="missing column"):
        truth_from_file(tmp_path / "cols.csv", export)
