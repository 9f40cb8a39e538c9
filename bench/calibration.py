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
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "examples" / "demo_firm" / "data"
sys.path.insert(0, str(REPO))

from app.classify.batch import classify_entries  # noqa: E402
from app.classify.calibration import Calibration  # noqa: E402
from app.classify.evaluation import truth_from_file  # noqa: E402
from app.classify.memory import Memory  # noqa: E402
from app.config import Settings  # noqa: E402
from app.domain.decisions import Decision, ReviewReason  # noqa: E402
from app.factory import build_cascade  # noqa: E402
from app.rules.backtest import Labelled, back_test, read_labelled  # noqa: E402
from app.rules.loader import load_rulebook  # noqa: E402
from app.sources.exports import read_export  # noqa: E402

BUCKETS = (0.0, 0.5, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99, 0.995, 1.0001)


def split(history: list[Labelled], months: int) -> tuple[list[Labelled], list[Labelled]]:
    ends = sorted({(h.entry.work_date.year, h.entry.work_date.month) for h in history})
    cut = ends[-months]
    early = [h for h in history if (h.entry.work_date.year, h.entry.work_date.month) < cut]
    return early, [h for h in history if h not in early]


ONLY_CONFIDENCE = {ReviewReason.LOW_CONFIDENCE}


def reliability(title: str, pairs: list[tuple[Decision, str]]) -> None:
    """Buckets hold the decisions whose confidence alone decides (no other review flag):
    flagged ones (mixed, another client's, history disagrees...) go to a person whatever
    their confidence, and are counted apart."""
    table: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    flagged = [0, 0]
    for d, true in pairs:
        if d.code is None:
            continue
        if set(d.review_reasons) - ONLY_CONFIDENCE:
            flagged[0] += 1
            flagged[1] += d.code == true
            continue
        b = next(i for i in range(len(BUCKETS) - 1) if d.confidence < BUCKETS[i + 1])
        cell = table[(d.stage.value, b)]
        cell[0] += 1
        cell[1] += d.code == true
    print(f"\n{title}: predicted confidence vs observed accuracy")
    print(f"{'stage':<8} {'bucket':<14} {'entries':>8} {'right':>8} {'accuracy':>9}")
    for (stage, b), (n, ok) in sorted(table.items()):
        print(
            f"{stage:<8} [{BUCKETS[b]:.3f}, {min(BUCKETS[b + 1], 1):.3f}) {n:>8} {ok:>8} {ok / n:>9.2%}"
        )
    print(f"flagged for other reasons: {flagged[0]} decisions, {flagged[1]} right (proposals)")
    auto = [(d, t) for d, t in pairs if not d.needs_review]
    wrong = sum(d.code != t for d, t in auto)
    print(f"auto-approved {len(auto)} of {len(pairs)} ({len(auto) / len(pairs):.1%}), "
          f"wrong {wrong} ({wrong / max(1, len(auto)):.2%})")  # fmt: skip
    for floor in (0.85, 0.9, 0.95, 0.98, 0.99):
        measured = [
            (d, t)
            for d, t in pairs
            if d.code and d.confidence >= floor and not set(d.review_reasons) - ONLY_CONFIDENCE
        ]
        bad = sum(d.code != t for d, t in measured)
        print(f"  unflagged, any stage, confidence >= {floor}: {len(measured)} decisions, "
              f"{bad / max(1, len(measured)):.2%} wrong")  # fmt: skip


def run(book, train: list[Labelled], entries, truth: dict[str, str]) -> list[tuple[Decision, str]]:  # type: ignore[no-untyped-def]
    memory = Memory()
    for item in train:
        memory.learn(book.resolve_client(item.entry.client, item.entry.project),
                     item.entry.description, item.label)  # fmt: skip
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
    reliability(
        f"held-out history ({len(held)} entries, the last {args.holdout_months} months; "
        f"calibrated on {len(train)})",
        run(book, train, [h.entry for h in held], truth),
    )
    if args.history == DATA / "history.csv":
        month = read_export(DATA / "month.csv")
        known = truth_from_file(DATA / "month_truth.csv", month)
        reliability("demo month (calibrated on the whole history)",
                    run(book, history, month.entries, known.codes))  # fmt: skip


if __name__ == "__main__":
    main()
