"""The live path on a firm's first month: does the webhook worker trust its rules as far as the
firm's history showed?

    python bench/live_calibration.py [--firm demo|second|third|fourth ...]

Method (printed with the figures):
  * a fresh SQLite store per run; the firm's rules published for a tenant the way an operator
    does (``app.rules.publish``, as ``timebill rules import DIR --tenant T --by NAME``), once
    with ``--history`` (the firm's approved history, back-tested: the version keeps what it
    measured; and it teaches the tenant's memory, ``app.review.history_seed``, as the command
    does) and once without (the memory then starts empty);
  * the open month then goes through the real worker one entry at a time (``store.accept`` +
    ``Worker.process``, as the queue delivers it), as a new customer's first month does: no
    review is made during the month, so memory learns nothing more;
  * each decision scored against the firm's truth file: auto-approved = not sent to review;
    wrong = its code differs from the truth.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app.adapters.sqlite_store import SqliteStore  # noqa: E402
from app.classify.evaluation import truth_from_file  # noqa: E402
from app.cli.jobs.rules_store import read_rules_files  # noqa: E402
from app.config import Settings  # noqa: E402
from app.domain.decisions import Decision  # noqa: E402
from app.domain.inbox import InboxItem, NewItem, Tenant  # noqa: E402
from app.factory import build_worker  # noqa: E402
from app.review.history_seed import seed_memory  # noqa: E402
from app.rules.backtest import read_labelled  # noqa: E402
from app.rules.loader import load_rulebook_files  # noqa: E402
from app.rules.publish import Change, publish  # noqa: E402
from app.sources.exports import read_export  # noqa: E402

BLIND = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
         "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
         "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty_first",
         "twenty_second", "twenty_third", "twenty_fourth", "twenty_fifth", "twenty_sixth",
         "twenty_seventh")  # fmt: skip
FIRMS = {  # name -> (data folder, rules folder)
    "demo": ("examples/demo_firm/data", "sow_rules"),
    **{f: (f"examples/{f}_firm/data", f"examples/{f}_firm/sow_rules") for f in BLIND},
}
TENANT = "bench"


@dataclass
class Figures:
    entries: int = 0
    review: int = 0
    auto: int = 0
    wrong: int = 0

    def add(self, decision: Decision, truth: str | None) -> None:
        self.entries += 1
        if decision.needs_review:
            self.review += 1
        elif truth is not None:
            self.auto += 1
            self.wrong += decision.code != truth

    def line(self, name: str) -> str:
        error = self.wrong / self.auto if self.auto else 0.0
        return (f"  {name:<32} auto-approved {self.auto:>4} of {self.entries:>4}, wrong "
                f"{self.wrong:>3} ({error:5.2%}), sent to review {self.review / self.entries:6.1%}")  # fmt: skip


class NullWriter:
    """Writes nothing: the bench measures decisions, not QuickBooks."""

    system = "bench"

    def write(self, tenant: Tenant, item: InboxItem, decision: Decision) -> str:
        del tenant, decision
        return item.id


def run(firm: str, with_history: bool, root: Path) -> Figures:
    data, rules = (REPO / part for part in FIRMS[firm])
    settings = Settings(store="sqlite", sqlite_path=root / f"{firm}-{with_history}.sqlite3",
                        llm_provider="none", rules_dir=rules, outbox_dir=root / "outbox",
                        rules_check_s=0)  # fmt: skip
    with SqliteStore(settings.sqlite_path) as store:
        store.put_tenant(Tenant(id=TENANT, name=firm, sources={}))
        history = read_labelled(data / "history.csv", "Approved Code")[0] if with_history else None
        change = Change(TENANT, read_rules_files(rules), "bench", "bench import", None,
                        datetime.now(UTC))  # fmt: skip
        outcome = publish(store, change, history=history)
        if outcome.version is None:
            raise SystemExit(f"{firm}: rules refused: {outcome.refusal}")
        if history is not None:
            book = load_rulebook_files(change.files, f"{firm} rules")
            seed_memory(store, TENANT, book, history, now=change.now)
        worker = build_worker(settings, store)
        worker.writer = NullWriter()
        month = read_export(data / "month.csv")
        truth = truth_from_file(data / "month_truth.csv", month)
        figures = Figures()
        for row in month.rows:
            if row.entry is None:
                continue
            new = NewItem(tenant=TENANT, source=row.entry.source, dedupe_key=f"line-{row.line}",
                          entry=row.entry, received_at=datetime.now(UTC))  # fmt: skip
            item, _ = store.accept(new)
            worker.process(TENANT, item.id)
            done = store.get(TENANT, item.id)
            if done is None or done.decision is None:
                raise SystemExit(f"{firm}: line {row.line} was not decided")
            figures.add(done.decision, truth.codes.get(done.decision.entry_key))
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--firm", action="append", choices=sorted(FIRMS))
    args = parser.parse_args()
    print(__doc__.split("Method (printed with the figures):")[1].rstrip())
    firms = args.firm or [f for f in FIRMS if (REPO / FIRMS[f][1]).is_dir()]
    with tempfile.TemporaryDirectory() as tmp:
        for firm in firms:
            print(f"{firm} ({FIRMS[firm][1]}):")
            print(Figures.line(run(firm, False, Path(tmp)), "published without history"))
            print(Figures.line(run(firm, True, Path(tmp)), "published with --history"))


if __name__ == "__main__":
    main()
