"""The people's loop, measured on the demo firm's October: do corrections make the month better?

    python bench/feedback_loop.py [--split-day 15]

Memory starts from the demo's 12 months of approved history (as `timebill demo` does). The
month is replayed in date order through the real webhook worker and SQLite store:

1. **before**: the second half of the month (days after --split-day) classified with history
   only, nothing fed back;
2. the first half classified, and every entry it flagged reviewed with the truth file's code
   as a PM would, through the review service (approve when the proposal is right, mark
   non-billable, or change the code), which teaches memory at once and proposes rules after
   three identical corrections;
3. **after**: the second half classified again, now with those corrections in memory;
4. **after + rules**: the same, once every proposed rule has been accepted into a copy of the
   rules (each one checked with `check_rules`, examples included, before it is written).

Prints, for each pass over the second half, the share sent to review and the error rate among
the auto-approved entries (code differs from the truth), and what the reviews did.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "examples" / "demo_firm" / "data"
sys.path.insert(0, str(REPO))

from app.adapters.sqlite_store import SqliteStore  # noqa: E402
from app.classify.batch import learn_history  # noqa: E402
from app.classify.evaluation import truth_from_file  # noqa: E402
from app.config import Settings  # noqa: E402
from app.domain.decisions import Decision  # noqa: E402
from app.domain.entries import TimeEntry  # noqa: E402
from app.domain.inbox import InboxItem, NewItem, Status, Tenant  # noqa: E402
from app.factory import build_cascade  # noqa: E402
from app.review.decide import ReviewError, context_of  # noqa: E402
from app.review.learning import MemoryBank  # noqa: E402
from app.review.proposals import Proposals  # noqa: E402
from app.review.service import ReviewService  # noqa: E402
from app.rules.loader import load_rulebook  # noqa: E402
from app.service.classifiers import Classifiers  # noqa: E402
from app.service.local import ensure_demo_tenant  # noqa: E402
from app.service.rules_provider import DirectoryRules  # noqa: E402
from app.service.worker import Worker  # noqa: E402
from app.sources.exports import read_export  # noqa: E402

TENANT = "demo"


class NullWriter:
    """Writes nothing, remembers nothing: the bench measures decisions, not QuickBooks."""

    system = "bench"

    def __init__(self) -> None:
        self.count = 0

    def write(self, tenant: Tenant, item: InboxItem, decision: Decision) -> str:
        del tenant, decision
        self.count += 1
        return f"{item.id}-{self.count}"


@dataclass
class Figures:
    entries: int = 0
    flagged: int = 0
    auto: int = 0
    auto_wrong: int = 0

    def add(self, decision: Decision, truth: str | None) -> None:
        self.entries += 1
        if decision.needs_review:
            self.flagged += 1
        elif truth is not None:
            self.auto += 1
            self.auto_wrong += decision.code != truth

    def line(self, name: str) -> str:
        share = self.flagged / self.entries if self.entries else 0.0
        error = self.auto_wrong / self.auto if self.auto else 0.0
        return (f"{name:<34} {self.entries:>5} entries  sent to review {self.flagged:>4} "
                f"({share:6.1%})  auto-approved {self.auto:>4}, wrong {self.auto_wrong:>3} "
                f"({error:5.2%})")  # fmt: skip


class Loop:
    """A fresh store, memory seeded from the history, a worker and a review service."""

    def __init__(self, root: Path, rules_dir: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.settings = Settings(llm_provider="none", rules_dir=rules_dir,
                                 sqlite_path=root / "loop.sqlite3")  # fmt: skip
        self.store = SqliteStore(self.settings.sqlite_path)
        ensure_demo_tenant(self.store)
        self.rules = DirectoryRules(rules_dir, check_every_s=0)
        self.bank = MemoryBank(self.store, refresh_s=3600)
        book = self.rules.rulebook(TENANT)
        learn_history(book, self.bank.memory(TENANT), DATA / "history.csv", "Approved Code")
        classifiers = Classifiers(
            self.rules,
            lambda b, m, c: build_cascade(self.settings, b, m, c),
            memory_for=self.bank.memory,
        )
        writer = NullWriter()
        clock = lambda: datetime.now(UTC)  # noqa: E731
        self.worker = Worker(self.store, writer, classifiers.cascade_for, clock=clock)
        self.proposals = Proposals(self.store, self.rules, rules_dir)
        self.review = ReviewService(self.store, writer, self.rules, bank=self.bank,
                                    proposals=self.proposals, clock=clock)  # fmt: skip
        self.seen = 0

    def run(self, entries: list[TimeEntry], truth: dict[str, str]) -> tuple[Figures, list[str]]:
        figures, ids = Figures(), []
        for entry in entries:
            self.seen += 1
            new = NewItem(tenant=TENANT, source=entry.source, received_at=datetime.now(UTC),
                          dedupe_key=f"{entry.key}#{self.seen}", entry=entry)  # fmt: skip
            item, _ = self.store.accept(new)
            self.worker.process(TENANT, item.id)
            done = self.store.get(TENANT, item.id)
            assert done is not None
            assert done.decision is not None
            figures.add(done.decision, truth.get(entry.key))
            ids.append(item.id)
        return figures, ids

    def review_with_truth(self, ids: list[str], truth: dict[str, str]) -> Counter[str]:
        said: Counter[str] = Counter()
        for item_id in ids:
            item = self.store.get(TENANT, item_id)
            if item is None or item.status is not Status.NEEDS_REVIEW or item.entry is None:
                continue
            right = truth.get(item.entry.key)
            if right is None:
                said["no truth"] += 1
                continue
            said[self._apply(item, right)] += 1
        return said

    def _apply(self, item: InboxItem, right: str) -> str:
        assert item.entry is not None
        ctx = context_of(self.rules.rulebook(TENANT), item.entry, item.decision)
        code = ctx.codes.get(right)
        try:
            if item.decision is not None and item.decision.code == right:
                self.review.approve(TENANT, item.id, "pm")
                return "approved as proposed"
            if code is not None and not code.billable:
                self.review.non_billable(TENANT, item.id, "pm", right)
                return "marked non-billable"
            self.review.change_code(TENANT, item.id, "pm", right)
            return "code changed"
        except ReviewError as exc:
            return f"not applicable ({str(exc).split(':')[0][:40]})"

    def accept_all(self) -> tuple[int, int]:
        pending = self.proposals.pending(TENANT)
        accepted = 0
        for proposal in pending:
            try:
                self.proposals.accept(TENANT, proposal.rule_id)
                accepted += 1
            except ReviewError:
                pass
        return accepted, len(pending)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split-day", type=int, default=15)
    args = parser.parse_args()
    export = read_export(DATA / "month.csv")
    truth = truth_from_file(DATA / "month_truth.csv", export).codes
    entries = sorted(
        export.entries, key=lambda e: (e.work_date, e.start or datetime.min.replace(tzinfo=UTC))
    )
    first = [e for e in entries if e.work_date.day <= args.split_day]
    second = [e for e in entries if e.work_date.day > args.split_day]
    print(f"demo firm October: {len(entries)} entries; first half (days 1-{args.split_day}) "
          f"{len(first)}, second half {len(second)}; memory from the 12-month history\n")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="timebill-feedback-") as tmp:
        root = Path(tmp)
        base_rules = root / "rules_before"
        shutil.copytree(REPO / "sow_rules", base_rules)
        before, _ = Loop(root / "before", base_rules).run(second, truth)

        rules = root / "rules_loop"
        shutil.copytree(REPO / "sow_rules", rules)
        loop = Loop(root / "loop", rules)
        first_figures, ids = loop.run(first, truth)
        said = loop.review_with_truth(ids, truth)
        after, _ = loop.run(second, truth)
        accepted, proposed = loop.accept_all()
        load_rulebook(rules)  # the accepted rules load (check_rules passed before each write)
        with_rules, _ = loop.run(second, truth)

    print(first_figures.line("first half (history only)"))
    print(f"  reviewed with the truth as a PM would: {sum(said.values())} flagged entries")
    for what, n in said.most_common():
        print(f"    {what:<40} {n:>4}")
    print(f"  rule proposals made: {proposed} (accepted, checked: {accepted})\n")
    print("second half:")
    print(before.line("  before (no feedback)"))
    print(after.line("  after (corrections in memory)"))
    print(with_rules.line("  after + proposed rules accepted"))


if __name__ == "__main__":
    main()
