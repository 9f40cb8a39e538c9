"""Throughput and per-entry latency of `timebill classify` with the local stages (rules +
memory), no network.

    python bench/classify_bench.py [--entries 10000] [--repeat 3]

Method (printed with the figures):
  * input: the newest --entries entries of one run of the demo firm's generator with a seed
    other than the committed data's (bench/generated.py): every person-day appears once, as in
    a real export, so the day-hour sums flag only the days that really pass 12 h;
  * memory learned from the committed 12-month history (examples/demo_firm/data/history.csv);
  * in-process: the whole streaming classify of the command (parse, cascade, the sums'
    ledgers and second pass, CSV written), timed from the opened export to the written file;
    per-decision latency measured around each `Cascade.classify` call inside that run, with
    the cyclic collector set as the command sets it (thresholds, start-up frozen);
  * whole process: `timebill classify` as a person runs it (interpreter start, rules, history,
    classify, CSV out), median wall time over --repeat runs, twice: a first run on this
    history and rules (an empty TIMEBILL_CACHE_DIR each time: memory learned, calibrated and
    every rule back-tested on the 16k history) and with the learned cache the first run left.
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
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "examples" / "demo_firm" / "data"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from generated import write_export  # noqa: E402

from app.classify.batch import learn_history, write_streamed  # noqa: E402
from app.classify.cascade import Cascade  # noqa: E402
from app.classify.memory import Memory  # noqa: E402
from app.classify.stream import classify_stream  # noqa: E402
from app.cli.jobs.streaming import batch_gc, settle_heap  # noqa: E402
from app.config import Settings  # noqa: E402
from app.domain.decisions import Decision  # noqa: E402
from app.domain.entries import TimeEntry  # noqa: E402
from app.factory import build_cascade  # noqa: E402
from app.rules.loader import load_rulebook  # noqa: E402
from app.sources.exports import open_export  # noqa: E402


def percentile(sorted_ms: list[float], q: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, round(q * (len(sorted_ms) - 1)))]


class TimedCascade:
    """The cascade, with the time of every decision noted."""

    def __init__(self, cascade: Cascade) -> None:
        self.cascade, self.book = cascade, cascade.book
        self.latencies: list[float] = []

    def classify(self, entry: TimeEntry) -> Decision:
        started = time.perf_counter()
        decision = self.cascade.classify(entry)
        self.latencies.append((time.perf_counter() - started) * 1000)
        return decision


def in_process(path: Path, out: Path) -> None:
    with batch_gc():  # the collector's settings the command runs with
        _in_process(path, out)


def _in_process(path: Path, out: Path) -> None:
    settings = Settings(rules_dir=REPO / "sow_rules", llm_provider="none")
    book = load_rulebook(settings.rules_dir)
    memory = Memory(settings.memory_min_similarity)
    learn_history(book, memory, DATA / "history.csv", "Approved Code")
    timed = TimedCascade(build_cascade(settings, book, memory))
    reasons: Counter[str] = Counter()

    def seen(decision: Decision) -> None:
        reasons.update(r.value for r in decision.review_reasons)

    settle_heap()  # as the command does once start-up is built
    started = time.perf_counter()
    streamed = classify_stream(timed, open_export(path))  # type: ignore[arg-type]
    write_streamed(streamed, out, seen=seen)
    streamed.close()
    total = time.perf_counter() - started
    latencies = sorted(timed.latencies)
    n = len(latencies)
    print(
        f"in-process classify (parse, cascade, sums, CSV out): {n:,} entries in {total:.2f} s"
        f" -> {n / total:,.0f} entries/s"
    )
    print(
        "per-entry decision latency (ms): "
        f"p50 {percentile(latencies, 0.5):.3f}  p95 {percentile(latencies, 0.95):.3f}  "
        f"p99 {percentile(latencies, 0.99):.3f}  max {latencies[-1]:.3f}"
    )
    sums = {k: reasons[k] for k in ("over_day_hours", "over_cap", "over_request_hours")}
    print(f"entries flagged by the sums: {sums} (an entry may carry several)")


def whole_command(
    path: Path, out: Path, entries: int, repeat: int, cache: Path | None, *, report: bool = True
) -> None:
    """``cache``: the learned cache's folder, kept between runs; None: a new empty one each run.
    ``report=False``: run only (the warm-up that fills ``cache``)."""
    exe = shutil.which("timebill", path=str(Path(sys.executable).parent)) or "timebill"
    cmd = [
        exe, "classify", str(path), "--rules", str(REPO / "sow_rules"),
        "--history", str(DATA / "history.csv"), "--label-column", "Approved Code",
        "--out", str(out),
    ]  # fmt: skip
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as fresh:
            env = {
                **os.environ,
                "TIMEBILL_LLM_PROVIDER": "none",
                "TIMEBILL_CACHE_DIR": str(cache or fresh),
            }
            started = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - started)
    if not report:
        return
    median = statistics.median(times)
    kind = "with the learned cache" if cache else "first run, no cache"
    print(
        f"timebill classify, whole process, {kind}: {entries:,} entries, median {median:.2f} s over "
        f"{repeat} runs -> {entries / median:,.0f} entries/s (runs: "
        + ", ".join(f"{t:.2f}" for t in times)
        + " s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(__doc__.split("Method (printed with the figures):")[1].rstrip())
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "entries.csv"
        teams = write_export(path, args.entries)
        print(f"input: {args.entries:,} entries from {teams} generator run(s)")
        in_process(path, Path(tmp) / "in_process.csv")
        whole_command(path, Path(tmp) / "out.csv", args.entries, args.repeat, None)
        cache = Path(tmp) / "cache"
        whole_command(path, Path(tmp) / "warm-up.csv", args.entries, 1, cache, report=False)
        whole_command(path, Path(tmp) / "out.csv", args.entries, args.repeat, cache)


if __name__ == "__main__":
    main()
