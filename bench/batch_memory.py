"""Peak memory and throughput of `timebill classify` and `timebill audit` as the export grows.

    python bench/batch_memory.py [--sizes 10000,100000,1000000] [--audit-sizes 10000,100000,1000000]
                                 [--gc-size 100000] [--keep DIR]

Method (printed with the figures):
  * input: exports made by the demo firm's generator (bench/generated.py: runs of 15 people
    over 13 months, every person-day once; each run past the first is another team), written
    to a temporary folder, never committed;
  * each command runs as its own child process (the installed `timebill`, rules only:
    TIMEBILL_LLM_PROVIDER=none), memory learned from the committed demo history;
  * peak RSS: the child's ru_maxrss, from os.wait4 on that child alone (Linux reports KiB);
  * throughput: entries / wall time of the whole child process (start-up included), on a
    machine shared with other work: the load average is printed with each run;
  * GC: the same classify with the batch commands' collector tuning (thresholds
    50000/20/100, start-up frozen; app/cli/jobs/streaming.py) and with Python's defaults
    (700/10/10, nothing frozen), the time spent inside the cyclic collector counted by a
    gc.callbacks hook in the child, and the child's CPU time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HISTORY = REPO / "examples" / "demo_firm" / "data" / "history.csv"
sys.path.insert(0, str(REPO / "bench"))

from generated import write_export  # noqa: E402

# The child: timebill's own entry point, with a hook that counts the time spent collecting
# cycles and, for "default", the collector left as Python sets it.
CHILD = """
import atexit, gc, sys, time
spent, started = [0.0, 0], [0.0]
def hook(phase, info):
    if phase == "start":
        started[0] = time.perf_counter()
    else:
        spent[0] += time.perf_counter() - started[0]
        spent[1] += 1
gc.callbacks.append(hook)
atexit.register(lambda: print(f"GC {spent[0]:.3f} {spent[1]}", file=sys.stderr))
if sys.argv[1] == "default":
    import app.cli.jobs.streaming as streaming
    streaming.GC_THRESHOLDS = gc.get_threshold()
    streaming.settle_heap = lambda: None
from app.cli import main
sys.argv = ["timebill", *sys.argv[2:]]
main()
"""


def run(args: list[str], gc_mode: str = "tuned") -> tuple[float, float, float, float]:
    """(wall s, CPU s, peak RSS MiB, s in the cyclic collector) of one child."""
    env = {**os.environ, "TIMEBILL_LLM_PROVIDER": "none"}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, gc_mode, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        cwd=REPO,
        text=True,
    )
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{args[0]} failed ({child.returncode}):\n{err[-2000:]}")
    gc_line = [line for line in err.splitlines() if line.startswith("GC ")][-1]
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, float(gc_line.split()[1])


def classify_args(export: Path, out: Path) -> list[str]:
    return [
        "classify", str(export), "--rules", "sow_rules", "--history", str(HISTORY),
        "--label-column", "Approved Code", "--out", str(out / "classified.csv"),
    ]  # fmt: skip


def audit_args(export: Path, out: Path) -> list[str]:
    return [
        "audit", str(export), "--rules", "sow_rules", "--history", str(HISTORY),
        "--out", str(out / "audit"),
    ]  # fmt: skip


def report(name: str, size: int, figures: tuple[float, float, float, float]) -> None:
    wall, cpu, rss, _ = figures
    print(
        f"{name:8} {size:>9,} entries: peak RSS {rss:7.1f} MiB, wall {wall:8.1f} s "
        f"({size / wall:7,.0f} entries/s), CPU {cpu:8.1f} s ({size / cpu:7,.0f} entries/CPU-s), "
        f"load {os.getloadavg()[0]:.1f}",
        flush=True,
    )


def sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--audit-sizes", default="10000,100000,1000000")
    parser.add_argument("--gc-size", type=int, default=100_000, help="0: skip the GC comparison")
    parser.add_argument("--keep", type=Path, help="keep the generated exports and outputs here")
    args = parser.parse_args()
    print(__doc__.split("Method (printed with the figures):")[1].rstrip())
    print(f"machine: {os.cpu_count()} CPUs\n", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        wanted = sorted({*sizes(args.sizes), *sizes(args.audit_sizes), args.gc_size} - {0})
        for size in wanted:
            export = folder / f"entries_{size}.csv"
            if not export.exists():
                write_export(export, size)
            if size in sizes(args.sizes):
                report("classify", size, run(classify_args(export, folder)))
            if size in sizes(args.audit_sizes):
                report("audit", size, run(audit_args(export, folder)))
            if size == args.gc_size:
                compare_gc(export, folder, size)


def compare_gc(export: Path, folder: Path, size: int) -> None:
    for mode in ("default", "tuned", "default", "tuned"):
        wall, cpu, rss, collecting = run(classify_args(export, folder), mode)
        print(
            f"GC {mode:7} classify {size:,}: {collecting:6.2f} s collecting cycles, CPU "
            f"{cpu:7.1f} s, wall {wall:7.1f} s, peak RSS {rss:6.1f} MiB, "
            f"load {os.getloadavg()[0]:.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
