"""Throughput and per-entry latency of the local stages (rules + memory), no network.

    python bench/classify_bench.py [--entries 10000] [--repeat 3]

Input: the demo firm's month repeated (each copy's descriptions get a distinct ticket number,
which memory folds away, so the work per entry is that of a real month) up to --entries rows,
with memory learned from the demo's 12-month history. Prints:
  * the whole `timebill classify` command (process start, rules, history, classify, CSV out),
    entries/s over --repeat runs (median);
  * in-process classification only: entries/s, and per-entry decision latency p50/p95/p99/max
    measured around each `Cascade.classify` call.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "examples" / "demo_firm" / "data"
sys.path.insert(0, str(REPO))

from app.classify.batch import learn_history  # noqa: E402
from app.classify.memory import Memory  # noqa: E402
from app.config import Settings  # noqa: E402
from app.factory import build_cascade  # noqa: E402
from app.rules.loader import load_rulebook  # noqa: E402
from app.sources.exports import read_export  # noqa: E402


def make_input(target: Path, entries: int) -> None:
    with (DATA / "month.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    col = header.index("Description")
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(entries):
            row = list(rows[i % len(rows)])
            row[col] = f"{row[col]} #{i // len(rows)}" if i >= len(rows) else row[col]
            writer.writerow(row)


def percentile(sorted_ms: list[float], q: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, round(q * (len(sorted_ms) - 1)))]


def whole_command(path: Path, out: Path, entries: int, repeat: int) -> None:
    exe = shutil.which("timebill", path=str(Path(sys.executable).parent)) or "timebill"
    cmd = [
        exe,
        "classify",
        str(path),
        "--rules",
        str(REPO / "sow_rules"),
        "--history",
        str(DATA / "history.csv"),
        "--out",
        str(out),
    ]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(
            cmd,
            check=True,
            capture_output=True,
            env={**os.environ, "TIMEBILL_LLM_PROVIDER": "none"},
        )
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(
        f"timebill classify, whole process: {entries} entries, median {median:.2f} s over "
        f"{repeat} runs -> {entries / median:,.0f} entries/s"
    )


def in_process(path: Path) -> None:
    settings = Settings(rules_dir=REPO / "sow_rules", llm_provider="none")
    book = load_rulebook(settings.rules_dir)
    memory = Memory(settings.memory_min_similarity)
    learn_history(book, memory, DATA / "history.csv", "Approved Code")
    cascade = build_cascade(settings, book, memory)
    rows = read_export(path).entries
    latencies = []
    started = time.perf_counter()
    for entry in rows:
        t0 = time.perf_counter()
        cascade.classify(entry)
        latencies.append((time.perf_counter() - t0) * 1000)
    total = time.perf_counter() - started
    latencies.sort()
    print(
        f"in-process classify: {len(rows)} entries in {total:.2f} s"
        f" -> {len(rows) / total:,.0f} entries/s"
    )
    print(
        "per-entry decision latency (ms): "
        f"p50 {percentile(latencies, 0.5):.3f}  p95 {percentile(latencies, 0.95):.3f}  "
        f"p99 {percentile(latencies, 0.99):.3f}  max {latencies[-1]:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "entries.csv"
        make_input(path, args.entries)
        in_process(path)
        whole_command(path, Path(tmp) / "out.csv", args.entries, args.repeat)


if __name__ == "__main__":
    main()
