"""Are the audit's "certain" findings right? Checked against the demo firm's truth.

    python bench/audit_certainty.py [--before OLD_AUDIT_JSON] [--export CSV --rules DIR]

Input: examples/demo_firm/data/history.csv (15,966 entries, each with its `Approved Code` and
its `Invoiced` column) against sow_rules/, local stages only. The audit runs twice:

  * labelled: `timebill audit history.csv --history history.csv --label-column "Approved Code"`
    (approved codes outrank the replay; memory learns the history);
  * replay only: the same export with no label column and no memory (what a new period, not yet
    approved, looks like to the audit).

Both run the streaming audit `timebill audit` runs (app/cli/jobs/audit.py: memory learned
with learn_history, app.audit.stream.audit_stream over open_export, findings read back from
its spool). The command always reads its --label-column from the audited export; "replay only"
passes no label column, as the command does when that column is absent.

For each, per finding kind: certain findings, the share the truth confirms (app/audit/truth.py
says when a finding is right), the share if the tracker's amount were what was invoiced, and
the money by certainty. `--before` scores an audit.json written by another version of timebill
(e.g. before certainty needed evidence) the same way.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app.audit.billing import ExportBilling  # noqa: E402
from app.audit.demo import DEMO_HISTORY, DEMO_LABEL, DEMO_RULES  # noqa: E402
from app.audit.model import Assumptions, Certainty, Finding  # noqa: E402
from app.audit.stream import audit_stream  # noqa: E402
from app.audit.tally import Tally  # noqa: E402
from app.audit.truth import Truth, TruthScore, score, truths  # noqa: E402
from app.classify.batch import learn_history  # noqa: E402
from app.classify.memory import Memory  # noqa: E402
from app.config import Settings  # noqa: E402
from app.factory import build_cascade  # noqa: E402
from app.rules.loader import load_rulebook  # noqa: E402
from app.sources.exports import open_export, read_export  # noqa: E402


def run(export: Path, rules: Path, *, labelled: bool) -> list[Finding]:
    settings = Settings(rules_dir=rules, llm_provider="none")
    book = load_rulebook(rules)
    memory = Memory(settings.memory_min_similarity)
    if labelled:
        learn_history(book, memory, export, DEMO_LABEL)
    cascade = build_cascade(settings.for_batch(), book, memory)
    streamed = audit_stream(
        cascade,
        [open_export(export)],
        tally=Tally.new(20, Assumptions()),
        label_column=DEMO_LABEL if labelled else None,
    )
    try:
        return list(streamed.findings)
    finally:
        streamed.close()


def show(title: str, findings: list[Finding], truth: dict[str, Truth]) -> TruthScore:
    result = score(findings, truth)
    print(f"\n{title}")
    print(f"  {'kind':<30} {'certain':>8} {'right':>8} {'lenient':>8}")
    for kind, s in result.by_kind.items():
        if s.certain:
            right, lenient = s.right / s.certain, s.lenient / s.certain
            print(f"  {kind.value:<30} {s.certain:>8,} {right:>8.1%} {lenient:>8.1%}")
    print(f"  {'all certain findings':<30} {result.certain:>8,} {result.share_right:>8.1%}")
    for c in Certainty:
        total = sum((f.value for f in findings if f.certainty is c), start=0)
        print(f"  {c.value:<30} {sum(f.certainty is c for f in findings):>8,} {total:>14,.2f}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", type=Path, default=DEMO_HISTORY)
    parser.add_argument("--rules", type=Path, default=DEMO_RULES)
    parser.add_argument("--before", type=Path, help="an audit.json to score as well")
    args = parser.parse_args(argv)
    book = load_rulebook(args.rules)
    export = read_export(args.export, label_column=DEMO_LABEL)
    truth = truths(book, export, ExportBilling(export).amount_col or "Billable Amount")
    print(__doc__)
    print(f"{args.export.name}: {len(truth):,} entries with an approved code and Invoiced cell")
    if args.before:
        old = json.loads(args.before.read_text(encoding="utf-8"))["findings"]
        show(f"before: {args.before}", [Finding.model_validate(f) for f in old], truth)
    show("labelled (approved codes)", run(args.export, args.rules, labelled=True), truth)
    show("replay only (no labels)", run(args.export, args.rules, labelled=False), truth)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
