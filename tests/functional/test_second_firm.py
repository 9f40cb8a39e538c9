"""A firm timebill was not built on: Tidewater Creative, whose rules were written blind from its
SOWs (examples/second_firm/sow_rules/README.md). Run exactly as a new customer's firm is run,
`timebill classify --rules DIR --history FILE --label-column COL`, and scored against its truth."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from app.classify.evaluation import truth_from_file
from app.rules.backtest import read_labelled
from app.rules.loader import load_rulebook
from app.rules.perturb import PERTURBATIONS, measure, memory_of
from app.sources.exports import read_export
from tests.functional.blind_firm import classify_month, true_codes

REPO = Path(__file__).resolve().parents[2]
FIRM = REPO / "examples" / "second_firm"
DATA, RULES = FIRM / "data", FIRM / "sow_rules"


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    return classify_month(FIRM, tmp_path_factory.mktemp("second") / "classified.csv")


def test_the_blind_firm_is_auto_approved_within_the_error_target(
    classified: list[dict[str, str]],
) -> None:
    truth = true_codes(FIRM)
    auto = [(row, truth[line]) for line, row in enumerate(classified, start=2)
            if row["needs_review"] == "false"]  # fmt: skip
    wrong = [row["Description"] for row, true in auto if row["code"] != true]
    assert len(classified) == len(truth) == 927
    assert len(wrong) / len(auto) <= 0.005, wrong
    assert 1 - len(auto) / len(classified) <= 0.35  # sent to review


def test_nothing_auto_approved_reads_like_an_instruction_or_names_a_code(
    classified: list[dict[str, str]],
) -> None:
    flagged = [r for r in classified if "suspicious_text" in r["review_reasons"]]
    assert flagged
    assert all(r["needs_review"] == "true" for r in flagged)


@pytest.mark.parametrize("name", sorted(PERTURBATIONS))
def test_the_blind_rules_perturbed_stay_within_one_percent(name: str) -> None:
    book = load_rulebook(RULES)
    history, _ = read_labelled(DATA / "history.csv", "Approved Code")
    memory = memory_of(book, history)
    month = read_export(DATA / "month.csv")
    truth = truth_from_file(DATA / "month_truth.csv", month)
    for seed in range(3):
        changed, what = PERTURBATIONS[name](book, random.Random(seed))
        got = measure(changed, memory, history, month, truth)
        assert got.auto_error_rate <= 0.010, (what, got)
