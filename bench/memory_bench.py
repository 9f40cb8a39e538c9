"""Memory at scale: does recall hold, and does a look-up stay fast, as the history grows?

    python bench/memory_bench.py [--sizes 2000,16000,64000,256000,1000000] [--repeat 3]

Method:
  * History: the demo firm's generator (examples/demo_firm/generate.py, imported, unchanged)
    run with seeds SEED, SEED+1, ...; of each run, the 12 approved months, in date order, one
    run after another. Every description gets label-neutral variation (a time-of-day word, a
    continuation word, a colleague's first name: ``vary``) until no two descriptions of the
    whole stream are the same, so memory has as many distinct entries as the history has.
    Each size is a prefix of the same stream: memory learns it incrementally, and is measured
    at each size.
  * Memory's confidence is measured as ``timebill classify --history`` measures it
    (app.classify.memory_calibration.tally): on the next 2,000 entries of the stream, not yet
    learned (older learned, newer measured). The rules' calibration is the demo history's
    (constant: the rules do not change with memory).
  * Classified: the demo month (examples/demo_firm/data/month.csv, 1,358 entries), offline
    (rules + memory), against month_truth.csv. "memory decided" = auto-approved by memory.
  * Look-up: ``Memory.recall`` timed alone for every month entry, --repeat passes; p50/p99 over
    all, wall clock, and "cpu p99" in this thread's CPU time (time.thread_time: not inflated
    when a busy machine takes the core away mid look-up); "rows scored" = rows whose similarity was computed per nearest-neighbour look-up
    (mean), "capped" = look-ups that hit the work cap (memory_index.MAX_VERIFIED).
  * learn = cumulative seconds in ``Memory.learn`` plus the index builds (not the generator);
    save/load = the learned memory written with app.classify.memory_snapshot and loaded back
    (MB = the file); a cold start with a snapshot pays load, not learn.
Wall-clock figures on a shared machine: compare sizes within one run.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from random import Random
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "examples" / "demo_firm" / "data"
sys.path.insert(0, str(REPO))

from app.classify.batch import classify_source  # noqa: E402
from app.classify.calibration import Calibration  # noqa: E402
from app.classify.evaluation import truth_from_file  # noqa: E402
from app.classify.memory import Memory  # noqa: E402
from app.classify.memory_calibration import tally  # noqa: E402
from app.classify.memory_snapshot import load, save  # noqa: E402
from app.config import Settings  # noqa: E402
from app.domain.decisions import Stage  # noqa: E402
from app.factory import build_cascade  # noqa: E402
from app.rules.backtest import back_test, read_labelled  # noqa: E402
from app.rules.loader import load_rulebook  # noqa: E402
from app.sources.exports import read_export  # noqa: E402

NEUTRAL = ("morning", "afternoon", "am", "pm", "today", "again", "contd", "continued", "later")
HELD_OUT = 2_000


def generator() -> ModuleType:
    path = REPO / "examples" / "demo_firm" / "generate.py"
    spec = importlib.util.spec_from_file_location("demo_generate", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["demo_generate"] = module
    spec.loader.exec_module(module)
    return module


def vary(text: str, rng: Random, staff: tuple[str, ...], seen: set[int]) -> str:
    """The description with label-neutral words added until it is unlike any before it."""
    found = f"{text} {rng.choice(NEUTRAL)}" if rng.random() < 0.8 else text
    while hash(found) in seen:
        found = f"{found} {rng.choice(staff) if rng.random() < 0.5 else rng.choice(NEUTRAL)}"
    seen.add(hash(found))
    return found


def stream(gen: ModuleType) -> Iterator[Any]:
    """History entries of the generator, run after run, each with a distinct description."""
    seen: set[int] = set()
    rng = Random(7)
    staff = tuple(p.first for p in gen.PEOPLE)
    seed = gen.SEED
    while True:
        entries = gen.Calendar(Random(seed)).run()
        for entry in sorted(entries, key=lambda e: (e.day, e.start_minute, e.person.name)):
            if entry.day < gen.MONTH_START:
                entry.description = vary(entry.description, rng, staff, seen)
                yield entry
        seed += 1


def learn(memory: Memory, book: Any, entries: Iterable[Any]) -> None:
    """Teach ``memory`` these history entries, then build every client's index."""
    for e in entries:
        memory.learn(book.resolve_client(e.client, e.project), e.description, e.code)
    for index in memory.clients.values():
        index.rebuild()


def held_out(gen: ModuleType, entries: list[Any], folder: Path) -> list[Any]:
    """The entries as the app reads them (a Clockify CSV, labelled)."""
    path = folder / "held_out.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*gen.HEADER, gen.LABEL])
        writer.writerows(gen.row(e, history=True) for e in entries)
    return read_labelled(path, gen.LABEL)[0]


def lookups(
    memory: Memory, book: Any, month: Any, repeat: int
) -> tuple[float, float, float, float, int]:
    pairs = [(book.resolve_client(e.client, e.project), e.description) for e in month.entries]
    before = {c: (i.verified, i.lookups, i.capped) for c, i in memory.clients.items()}
    times, cpu = [], []
    for _ in range(repeat):
        for client, text in pairs:
            started, used = time.perf_counter(), time.thread_time()
            memory.recall(client, text)
            cpu.append((time.thread_time() - used) * 1000)
            times.append((time.perf_counter() - started) * 1000)
    verified = looked = capped = 0
    for client, index in memory.clients.items():
        v, n, c = before.get(client, (0, 0, 0))
        verified, looked = verified + index.verified - v, looked + index.lookups - n
        capped += index.capped - c
    times.sort()
    cpu.sort()
    at = min(len(times) - 1, round(0.99 * (len(times) - 1)))
    return statistics.median(times), times[at], cpu[at], verified / max(1, looked), capped


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="2000,16000,64000,256000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    print(__doc__)
    gen = generator()
    book = load_rulebook(REPO / "sow_rules")
    demo_history = read_labelled(DATA / "history.csv", "Approved Code")[0]
    rules = Calibration.from_backtest(back_test(book, demo_history))
    month = read_export(DATA / "month.csv")
    truth = truth_from_file(DATA / "month_truth.csv", month).codes
    settings = Settings(llm_provider="none")
    memory = Memory(settings.memory_min_similarity)
    entries, learn_s, learned = stream(gen), 0.0, 0
    print(
        f"\n{'history':>9} {'shapes':>9} {'memory':>7} {'auto':>6} {'wrong':>6} {'err':>6}"
        f" {'p50 ms':>7} {'p99 ms':>7} {'cpu p99':>7} {'scored':>7} {'capped':>6} {'learn s':>8}"
        f" {'save s':>7} {'load s':>7} {'MB':>6}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            chunk = [next(entries) for _ in range(size - learned)]  # generated: not timed
            started = time.perf_counter()
            learn(memory, book, chunk)
            learn_s += time.perf_counter() - started
            learned = size
            sample = [next(entries) for _ in range(HELD_OUT)]  # not learned: newer than memory
            memory.trust = tally(book, memory, held_out(gen, sample, Path(tmp)))
            p50, p99, cpu99, scored, capped = lookups(memory, book, month, args.repeat)
            decided = classify_source(build_cascade(settings, book, memory, rules), month).decided
            auto = [d for d in decided if not d.needs_review]
            wrong = sum(d.code != truth.get(d.entry_key) for d in auto)
            by_memory = sum(d.stage is Stage.MEMORY for d in auto)
            path = Path(tmp) / "memory.snapshot"
            t0 = time.perf_counter()
            size_b = save(memory, path, {})
            t1 = time.perf_counter()
            assert load(path, settings.memory_min_similarity) is not None
            t2 = time.perf_counter()
            shapes = sum(len(i) for i in memory.clients.values())
            print(
                f"{size:>9,} {shapes:>9,} {by_memory:>7} {len(auto):>6} {wrong:>6}"
                f" {wrong / max(1, len(auto)):>6.2%} {p50:>7.3f} {p99:>7.3f} {cpu99:>7.3f}"
                f" {scored:>7.1f}"
                f" {capped:>6} {learn_s:>8.1f} {t1 - t0:>7.2f} {t2 - t1:>7.2f}"
                f" {size_b / 1e6:>6.1f}"
            )
            for e in sample:  # learned now, so the next size is a superset of this one
                memory.learn(book.resolve_client(e.client, e.project), e.description, e.code)
            learned += len(sample)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process: {peak:,.0f} MB (Linux ru_maxrss)")


if __name__ == "__main__":
    main()
