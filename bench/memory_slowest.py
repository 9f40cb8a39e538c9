"""Memory's slowest look-ups: which month entries make the p99, what their search did, and
where their time goes.

    python bench/memory_slowest.py [--size 1000000] [--repeat 5] [--share 0.01] [--passes 200]

Method:
  * History: ``bench/memory_bench.py``'s stream (the demo generator, every description made
    distinct), its first --size entries learned and the indexes built (no held-out samples are
    interleaved, so the memory differs slightly from that bench's at the same size).
  * Each entry of the demo month is recalled --repeat times (``Memory.recall``, thread CPU
    time); an entry's time is its fastest, so a busy machine inflates it less. The slowest
    --share of the entries are listed with what one more look-up of each did: bars searched,
    rows read from the postings' bands, rows left by the bits filter, rows scored.
  * Only those look-ups are then run --passes times under cProfile (deterministic profiling
    slows Python code more than C code: read the shares, not the times).
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import math
import pstats
import sys
import time
from pathlib import Path
from typing import ClassVar

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from memory_bench import DATA, generator, learn, stream  # noqa: E402

from app.classify import memory_index  # noqa: E402
from app.classify.memory import Memory  # noqa: E402
from app.config import Settings  # noqa: E402
from app.rules.loader import load_rulebook  # noqa: E402
from app.sources.exports import read_export  # noqa: E402


class _Counted(memory_index._Search):
    """The index's search, counting what it does (one look-up at a time)."""

    tally: ClassVar[dict[str, int]] = {}

    def level(self, bar: float) -> bool:
        self.tally["bars"] += 1
        return super().level(bar)

    def visit(self, bands: list[memory_index._Band], must: list[int], spare: float) -> None:
        self.tally["bars"] += not self.tally["bars"]  # a single pass at the floor
        self.tally["read"] += sum(end - start for _, start, end in bands)
        super().visit(bands, must, spare)

    def _plausible(
        self, bands: list[memory_index._Band], must: list[int], spare: float
    ) -> set[int]:
        found = super()._plausible(bands, must, spare)
        self.tally["kept"] += len(found)
        return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--share", type=float, default=0.01)
    parser.add_argument("--passes", type=int, default=200)
    args = parser.parse_args()
    print(__doc__)
    book = load_rulebook(REPO / "sow_rules")
    memory = Memory(Settings(llm_provider="none").memory_min_similarity)
    learn(memory, book, itertools.islice(stream(generator()), args.size))
    month = read_export(DATA / "month.csv")
    pairs = [(book.resolve_client(e.client, e.project), e.description) for e in month.entries]
    fastest = []
    for client, text in pairs:
        times = []
        for _ in range(args.repeat):
            started = time.thread_time()
            memory.recall(client, text)
            times.append((time.thread_time() - started) * 1000)
        fastest.append(min(times))
    order = sorted(range(len(pairs)), key=lambda j: -fastest[j])
    slow = order[: max(1, math.ceil(args.share * len(pairs)))]
    print(f"history {args.size:,}: the slowest {len(slow)} of {len(pairs):,} month entries")
    print(f"{'cpu ms':>7} {'bars':>4} {'read':>6} {'kept':>5} {'scored':>6}  client: description")
    plain, memory_index._Search = memory_index._Search, _Counted  # type: ignore[misc]
    for j in slow:
        client, text = pairs[j]
        _Counted.tally = {"bars": 0, "read": 0, "kept": 0}
        index = memory.clients[client or ""]
        before = index.verified
        memory.recall(client, text)
        s = _Counted.tally
        print(
            f"{fastest[j]:>7.3f} {s['bars']:>4} {s['read']:>6} {s['kept']:>5}"
            f" {index.verified - before:>6}  {client}: {text}"
        )
    memory_index._Search = plain  # type: ignore[misc]
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.passes):
        for j in slow:
            memory.recall(*pairs[j])
    profile.disable()
    print(f"\ncProfile of those look-ups only, {args.passes} passes, by own time:")
    pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
