"""How much a flawed rule book costs: the demo month under rules people got wrong.

    python bench/rules_robustness.py [--seeds 3]

Each perturbation (drop a rule, swap two rules' priorities, add an over-broad keyword rule,
mistype a contact's name) is applied to the demo firm's rules with several seeds; the month is
classified offline (rules calibrated on the 12-month history, memory, no Claude) and scored
against its truth. Prints the auto-approved error and the review share per run, and the worst
per perturbation (target: auto-approved error <= 1.0% each).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BLIND = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
         "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
         "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty_first",
         "twenty_second", "twenty_third", "twenty_fourth", "twenty_fifth", "twenty_sixth",
         "twenty_seventh")  # fmt: skip
FIRMS = {  # firm -> (data folder, rules folder)
    "demo": (REPO / "examples" / "demo_firm" / "data", REPO / "sow_rules"),
    **{f: (REPO / "examples" / f"{f}_firm" / "data", REPO / "examples" / f"{f}_firm" / "sow_rules")
       for f in BLIND},
}  # fmt: skip
sys.path.insert(0, str(REPO))

from app.classify.evaluation import truth_from_file  # noqa: E402
from app.rules.backtest import read_labelled  # noqa: E402
from app.rules.loader import load_rulebook  # noqa: E402
from app.rules.perturb import PERTURBATIONS, measure, memory_of  # noqa: E402
from app.sources.exports import read_export  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument(
        "--firm",
        choices=sorted(FIRMS),
        default="demo",
        help="demo: Kestrel Ridge; second: Tidewater Creative, third: Ashgrove Hale, fourth:"
        " Whitford Lane Kessler, fifth: Quarry Hill, sixth: Slatebridge, seventh: Kestrel Ridge"
        " Environmental, eighth: Brackenridge, ninth: Tamarack, tenth: Halyard Point, eleventh:"
        " Halloran Whitby, twelfth: Keelson, thirteenth: Harrow & Finch, fourteenth: Kestrel Lane,"
        " fifteenth: Lookout Ridge, sixteenth: Saguaro Bell, seventeenth: Wickline & Rowe,"
        " eighteenth: Basalt & Cedar, nineteenth: Lanterna, twentieth: Tidewell Learning,"
        " twenty_first: Fernhollow Climate, twenty_second: Redbud Analytics, twenty_third:"
        " Brightfold Motion, twenty_fourth: Cobbleweir Landscape, twenty_fifth: Fennwick"
        " Clinical, twenty_sixth: Lanternfield Events, twenty_seventh: Holston Ridge Discovery"
        " (the last twenty-six with rules written blind)",
    )
    parser.add_argument("--rules", type=Path, help="rules folder (default: the firm's)")
    args = parser.parse_args()
    data, rules = FIRMS[args.firm]
    book = load_rulebook(args.rules or rules)
    history, _ = read_labelled(data / "history.csv", "Approved Code")
    memory = memory_of(book, history)
    month = read_export(data / "month.csv")
    truth = truth_from_file(data / "month_truth.csv", month)
    started = time.perf_counter()
    base = measure(book, memory, history, month, truth)
    print(f"{'perturbation':<26} {'seed':>4} {'auto err':>9} {'review':>7}  what changed")
    print(f"{'(none)':<26} {'-':>4} {base.auto_error_rate:>9.2%} {base.review_share:>7.1%}")
    worst: dict[str, float] = {}
    for name, perturb in PERTURBATIONS.items():
        for seed in range(args.seeds):
            changed, what = perturb(book, random.Random(seed))
            got = measure(changed, memory, history, month, truth)
            worst[name] = max(worst.get(name, 0.0), got.auto_error_rate)
            print(
                f"{name:<26} {seed:>4} {got.auto_error_rate:>9.2%} {got.review_share:>7.1%}  {what}"
            )
    print("worst auto-approved error: " + ", ".join(f"{k} {v:.2%}" for k, v in worst.items()))
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
