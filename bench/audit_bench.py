"""Audit speed on the demo firm's 12 months (15,966 entries), local stages only (no Claude).

    python bench/audit_bench.py [--repeat 5] [--no-command]

Input: examples/demo_firm/data/history.csv against the rules in sow_rules/, as `timebill demo`
audits it (no memory: the history is what is audited). Prints, median over --repeat runs:
  * in process, stage by stage, through the streaming path `timebill audit` runs
    (app/cli/jobs/audit.py: app.audit.stream.audit_stream over open_export, inside the batch
    commands' GC tuning): rules + cascade set-up; the audit (reading the export row by row,
    classification of every entry, period sums and caps, spooling, the second pass with
    findings and totals: reading is no longer a stage of its own); writing audit.json and the
    CSVs from the spooled findings; rendering report.html; entries/s for the audit alone and
    for all stages;
  * the whole `timebill audit` command (process start and imports included), entries/s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app.audit.demo import DEMO_HISTORY, DEMO_RULES  # noqa: E402
from app.audit.model import Assumptions  # noqa: E402
from app.audit.outputs import write_outputs  # noqa: E402
from app.audit.report_html import names_from_book, write_report  # noqa: E402
from app.audit.stream import StreamedAudit, audit_stream  # noqa: E402
from app.audit.tally import Tally  # noqa: E402
from app.classify.memory import Memory  # noqa: E402
from app.cli.jobs.streaming import batch_gc, settle_heap  # noqa: E402
from app.config import Settings  # noqa: E402
from app.factory import build_cascade  # noqa: E402
from app.rules.loader import load_rulebook  # noqa: E402
from app.sources.exports import open_export  # noqa: E402

STAGES = ("setup", "audit", "outputs", "report")
TOP = 20  # `timebill audit`'s default --top


def timed(seconds: dict[str, float], stage: str, work: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    value = work()
    seconds[stage] = time.perf_counter() - started
    return value


def one_run(out: Path) -> tuple[int, dict[str, float]]:
    """One in-process audit of the demo, each stage timed; returns (entries, seconds)."""
    s: dict[str, float] = {}
    settings = Settings(rules_dir=DEMO_RULES, llm_provider="none").for_batch()

    def setup() -> tuple[Any, Any]:
        book = load_rulebook(DEMO_RULES)
        return book, build_cascade(settings, book, Memory(settings.memory_min_similarity))

    def streamed() -> StreamedAudit:
        tally = Tally.new(TOP, Assumptions())
        return audit_stream(cascade, [open_export(DEMO_HISTORY)], tally=tally)

    with batch_gc():
        book, cascade = timed(s, "setup", setup)
        settle_heap()  # as the command does before its stream (not timed)
        run = timed(s, "audit", streamed)
        try:
            timed(s, "outputs", lambda: write_outputs(run.result, out, run.findings))
        finally:
            run.close()
        timed(s, "report", lambda: write_report(run.result, out, names_from_book(book)))
    assert not run.result.claude_used
    return run.result.overall.entries, s


def in_process(repeat: int, out: Path) -> None:
    runs = [one_run(out) for _ in range(repeat)]
    entries = runs[0][0]
    median = {stage: statistics.median(r[1][stage] for r in runs) for stage in STAGES}
    totals = [sum(r[1].values()) for r in runs]
    print(f"demo audit, in process: {entries:,} entries, median of {repeat} runs")
    for stage in STAGES:
        print(f"  {stage:<8} {median[stage] * 1000:8.0f} ms")
    total = statistics.median(totals)
    audit_only = [r[1]["audit"] for r in runs]
    print(
        f"  audit alone: {entries / statistics.median(audit_only):,.0f} entries/s "
        f"(runs: {', '.join(f'{entries / t:,.0f}' for t in audit_only)})"
    )
    print(
        f"  all stages:  {entries / total:,.0f} entries/s ({total:.2f} s; "
        f"min {min(totals):.2f} s, max {max(totals):.2f} s)"
    )
    report = out / "report.html"
    print(f"  report.html: {report.stat().st_size / 1024:,.0f} KiB")


def whole_command(repeat: int, out: Path, entries: int) -> None:
    exe = shutil.which("timebill", path=str(Path(sys.executable).parent)) or "timebill"
    cmd = [exe, "audit", str(DEMO_HISTORY), "--rules", str(DEMO_RULES), "--out", str(out)]
    env = {**os.environ, "TIMEBILL_LLM_PROVIDER": "none"}
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(
        f"timebill audit, whole process: median {median:.2f} s over {repeat} runs "
        f"-> {entries / median:,.0f} entries/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-command", action="store_true", help="skip the whole-process runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        in_process(args.repeat, Path(tmp) / "in-process")
        if not args.no_command:
            entries = sum(1 for _ in open_export(DEMO_HISTORY).entries())
            whole_command(args.repeat, Path(tmp) / "command", entries)


if __name__ == "__main__":
    main()
