"""Memory look-ups, this checkout's index against another's, in one process, entry by entry.

    python bench/memory_ab.py OTHER_CHECKOUT [--size 1000000] [--repeat 5] [--top 20]

On a shared machine two runs of ``bench/memory_bench.py`` differ by 10-30% at the p99; two
indexes timed in turn on the same entry, in the same process, share its noise.

Method:
  * History: ``bench/memory_bench.py``'s stream, its first --size entries learned by this
    checkout's ``Memory``; the other checkout's ``ClientIndex`` (``app/classify/memory_*.py``
    of OTHER_CHECKOUT, loaded under its own names) is given the same rows and built.
  * The demo month's entries that ``Memory.recall`` would answer by a nearest-neighbour search
    (not by the same description approved twice) are searched (k=7, floor 0.75) --repeat
    times by each index, alternating which goes first; thread CPU time. Both must return the
    same similarities (checked).
  * Printed per index: the p99 over all samples and the p99 of each entry's fastest (the entries
    answered without a search count as 0, as in the whole month), the sum of the fastest, and
    the --top entries slowest in either.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import sys
import time
from array import array
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from memory_bench import DATA, generator, learn, stream  # noqa: E402

from app import classify  # noqa: E402
from app.classify.memory import HABIT, Memory  # noqa: E402
from app.classify.text import memory_shape  # noqa: E402
from app.rules.loader import load_rulebook  # noqa: E402
from app.sources.exports import read_export  # noqa: E402

SEARCH = ("memory_bits", "memory_search", "memory_index")  # in the order they import
CORE = ("keys", "examples", "vocab", "df", "flat", "starts", "top", "counts", "mixed")


def other_index(root: Path) -> ModuleType:
    """OTHER's ``memory_index``, its imports of ``memory_bits`` (and ``memory_search``, if it
    has one) resolved to OTHER's; this checkout's modules are left as they were."""
    names = [n for n in SEARCH if (root / "app" / "classify" / f"{n}.py").exists()]
    ours = {n: sys.modules.pop(f"app.classify.{n}", None) for n in names}
    try:
        for name in names[:-1]:
            _load(root, name)
        return _load(root, names[-1])
    finally:
        for name, module in ours.items():
            sys.modules.pop(f"app.classify.{name}", None)
            if module is not None:
                sys.modules[f"app.classify.{name}"] = module
                setattr(classify, name, module)  # ``import a.b as c`` reads the package


def _load(root: Path, name: str) -> ModuleType:
    path = root / "app" / "classify" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"app.classify.{name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[f"app.classify.{name}"] = module
    spec.loader.exec_module(module)
    return module


def copied(memory: Memory, module: ModuleType) -> dict[str, Any]:
    indexes = {}
    for client, index in memory.clients.items():
        other = module.ClientIndex()
        for name in CORE:
            setattr(other, name, getattr(index, name))
        other.norms = array("d", bytes(8 * len(index)))
        other.masks = array("Q", bytes(8 * len(index)))
        other.rebuild()
        indexes[client] = other
    return indexes


def p99(values: list[float], total: int) -> float:
    """The p99 of ``total`` values: ``values`` and zeros for the rest."""
    ranked = sorted(values, reverse=True)
    at = total - 1 - min(total - 1, round(0.99 * (total - 1)))
    return ranked[at] if at < len(ranked) else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("other", type=Path)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    print(__doc__)
    module = other_index(args.other.resolve())
    book = load_rulebook(REPO / "sow_rules")
    memory = Memory()
    learn(memory, book, itertools.islice(stream(generator()), args.size))
    sides = {"this": dict(memory.clients), "other": copied(memory, module)}
    month = read_export(DATA / "month.csv").entries
    searched = []
    for e in month:
        client = book.resolve_client(e.client, e.project) or ""
        key, words = memory_shape(e.description)
        known = memory.clients.get(client)
        row = known.row_of(key) if known is not None and key else None
        if known is not None and words and (row is None or known.counts[row] < HABIT):
            searched.append((client, words, e.description))
    times: dict[str, list[list[float]]] = {side: [[] for _ in searched] for side in sides}
    for turn in range(args.repeat):
        for j, (client, words, _) in enumerate(searched):
            order = ("this", "other") if (turn + j) % 2 else ("other", "this")
            found = []
            for side in order:
                started = time.thread_time()
                found.append(sides[side][client].nearest(words, 7, 0.75))
                times[side][j].append((time.thread_time() - started) * 1000)
            sims = [[round(s, 9) for s, _ in f] for f in found]
            assert sims[0] == sims[1], f"the indexes disagree on {searched[j][2]!r}"
    print(f"history {args.size:,}; {len(searched):,} of {len(month):,} month entries searched")
    for side in sides:
        every = [t for per in times[side] for t in per]
        fastest = [min(per) for per in times[side]]
        print(
            f"{side:>5}: p99 {p99(every, len(month) * args.repeat):.4f} ms (all samples),"
            f" {p99(fastest, len(month)):.4f} ms (each entry's fastest);"
            f" sum of the fastest {sum(fastest):.1f} ms"
        )
    worst = sorted(range(len(searched)), key=lambda j: -max(min(t[j]) for t in times.values()))
    for j in worst[: args.top]:
        this, other = min(times["this"][j]), min(times["other"][j])
        print(f"  this {this:.3f} other {other:.3f}  {searched[j][0]}: {searched[j][2]}")


if __name__ == "__main__":
    main()
