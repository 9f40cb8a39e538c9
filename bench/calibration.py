"""Does a confidence mean what it says? A reliability table on held-out history.

    python bench/calibration.py [--holdout-months 3]

The demo firm's approved history is split by date: the earlier months feed memory and measure
every rule's precision (the calibration); the last --holdout-months are classified offline as
new entries and compared with the codes a person approved. Then the same for the demo month
against its truth. Prints, per confidence bucket and deciding stage, how many decisions fell in
it and how often their code was right, and the auto-approved error and coverage the measured
threshold (app.classify.calibration.MEASURED_THRESHOLD) gives at candidate values.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "examples" / "demo_firm" / "data"
sys.path.insert(0, str(REPO))

from app.classify.batch import classify_entries  # noqa: E402
from app.classify.calibration import Calibration  # noqa: E402
from app.classify.evaluation import truth_from_file  # noqa: E402
from app.classify.memory import Memory  # noqa: E402
from app.classify.memory_calibration import learn_measured  # noqa: E402
from app.classify.reliability import lines, reliability  # noqa: E402
from app.config import Settings  # noqa: E402
from app.domain.decisions import Decision  # noqa: E402
from app.factory import build_cascade  # noqa: E402
from app.rules.backtest import Labelled, back_test, read_labelled  # noqa: E402
from app.rules.loader import load_rulebook  # noqa: E402
from app.sources.exports import read_export  # noqa: E402


def split(history: list[Labelled], months: int) -> tuple[list[Labelled], list[Labelled]]:
    ends = sorted({(h.entry.work_date.year, h.entry.work_date.month) for h in history})
    cut = ends[-months]
    early = [h for h in history if (h.entry.work_date.year, h.entry.work_date.month) < cut]
    return early, [h for h in history if h not in early]


def report(title: str, pairs: list[tuple[Decision, str]]) -> None:
    """The reliability table (app.classify.reliability, shared with `timebill eval
    --calibration`)."""
    print(f"\n{title}: predicted confidence vs observed accuracy")
    for line in lines(reliability(pairs)):
        print(line)


def run(book, train: list[Labelled], entries, truth: dict[str, str]) -> list[tuple[Decision, str]]:  # type: ignore[no-untyped-def]
    memory = Memory()
    learn_measured(book, memory, train)  # memory's confidence measured on train's newest part
    calibration = Calibration.from_backtest(back_test(book, train))
    cascade = build_cascade(Settings(llm_provider="none"), book, memory, calibration)
    decided = classify_entries(cascade, entries)
    return [(d, truth[d.entry_key]) for d in decided if d.entry_key in truth]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--holdout-months", type=int, default=3)
    parser.add_argument("--rules", type=Path, default=REPO / "sow_rules")
    parser.add_argument("--history", type=Path, default=DATA / "history.csv")
    parser.add_argument("--label-column", default="Approved Code")
    args = parser.parse_args()
    book = load_rulebook(args.rules)
    history, _ = read_labelled(args.history, args.label_column)
    train, held = split(history, args.holdout_months)
    truth = {h.entry.key: h.label for h in held}
    report(
        f"held-out history ({len(held)} entries, the last {args.holdout_months} months; "
        f"calibrated on {len(train)})",
        run(book, train, [h.entry for h in held], truth),
    )
    if args.history == DATA / "history.csv":
        month = read_export(DATA / "month.csv")
        known = truth_from_file(DATA / "month_truth.csv", month)
        report("demo month (calibrated on the whole history)",
                    run(book, history, month.entries, known.codes))  # fmt: skip


if __name__ == "__main__":
    main()
