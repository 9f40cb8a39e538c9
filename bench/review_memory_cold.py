"""A cold worker's memory, taught by reviews: relearned from the whole review log, or loaded
from the snapshot the store keeps (``Store.load_memory``) with only the reviews since.

    python bench/review_memory_cold.py [--sizes 2000,10000] [--pairs 7]

Method:
  * Reviews: the demo firm's generator (examples/demo_firm/generate.py, through
    bench/memory_bench.py's ``stream``: every description distinct), one review per entry,
    changing it to its approved code, recorded with the store's own calls (``accept``,
    ``record_review``) in a SQLite store (the fill runs with ``PRAGMA synchronous = OFF`` to be
    quick; the measured runs open the store as shipped). A warm ``MemoryBank`` then learns them
    all and keeps its snapshot in the store; its size is printed (zlib, and the raw format).
  * Each pair runs two fresh interpreters, in alternating order: "snapshot" opens the store and
    asks a new ``MemoryBank`` for the tenant's memory (it loads the snapshot and reads the
    reviews after its position: none); "relearn" does the same on a copy of the store without
    the snapshot row, its save turned off: what every cold worker did before the store kept
    snapshots. Timed inside the child from before ``bank.memory`` to its return: wall
    (perf_counter) and this thread's CPU time (thread_time). Imports are not timed (the same
    for both). Medians over the pairs; the ratio is per pair.
  * A check: both memories answer the same for 200 of the learned descriptions.
Machine: 2 shared cores, other work running: read the spread, not only the median.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from memory_bench import generator, stream  # noqa: E402

from app.adapters.sqlite_store import SqliteStore  # noqa: E402
from app.classify.memory_snapshot import dumps  # noqa: E402
from app.domain.decisions import Basis, Decision, Stage  # noqa: E402
from app.domain.entries import Source, TimeEntry  # noqa: E402
from app.domain.inbox import NewItem  # noqa: E402
from app.domain.reviews import ReviewAction, ReviewRecord  # noqa: E402
from app.review.learning import MemoryBank  # noqa: E402
from app.service.local import ensure_demo_tenant  # noqa: E402

TENANT = "demo"
PROBES = 200
CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from app.adapters.sqlite_store import SqliteStore
from app.review.learning import MemoryBank
store = SqliteStore(sys.argv[2])
bank = MemoryBank(store)
if sys.argv[3] == "relearn":
    bank._save = lambda snapshot: None
probes = json.loads(sys.argv[4])
start, start_cpu = time.perf_counter(), time.thread_time()
memory = bank.memory("demo")
wall, cpu = time.perf_counter() - start, time.thread_time() - start_cpu
answers = [(r.code if (r := memory.recall(c, t)) else None) for c, t in probes]
print(json.dumps({"ms": wall * 1000, "cpu_ms": cpu * 1000, "answers": answers}))
"""


def fill(path: Path, size: int) -> list[tuple[str, str]]:
    """``size`` reviews of distinct descriptions; some (client, description) pairs to probe."""
    store = SqliteStore(path)
    store._conn().execute("PRAGMA synchronous = OFF")  # the fill only
    ensure_demo_tenant(store)
    now = datetime(2026, 3, 2, tzinfo=UTC)
    probes: list[tuple[str, str]] = []
    for n, entry in zip(range(size), stream(generator()), strict=False):
        client = entry.rate_client or "internal"
        key = f"bench-{n}"
        item, _ = store.accept(_item(key, entry.description, now))
        after = _decision(key, client, entry.code)
        store.record_review(ReviewRecord(
            id=f"rv-{n}", tenant=TENANT, item_id=item.id, reviewer="bench", at=now,
            action=ReviewAction.CHANGE_CODE, after=(after,), client_id=client,
            description=entry.description,
        ))  # fmt: skip
        if n % max(1, size // PROBES) == 0:
            probes.append((client, entry.description))
    store.close()
    return probes[:PROBES]


def _item(key: str, text: str, now: datetime) -> NewItem:
    entry = TimeEntry(source=Source.TOGGL, external_id=key, tenant=TENANT, description=text,
                      start=now, work_date=now.date(), hours=Decimal(1), version="1")  # fmt: skip
    return NewItem(tenant=TENANT, source=Source.TOGGL, dedupe_key=key, event_type="bench",
                   entry=entry, received_at=now)  # fmt: skip


def _decision(key: str, client: str, code: str) -> Decision:
    return Decision(
        entry_key=f"toggl:{key}", entry_version="1", client_id=client, code=code,
        billable=True, billable_fraction=Decimal(1), rate=None, amount=Decimal(0),
        basis=Basis.HOURLY, hours=Decimal(1), confidence=1.0, needs_review=False,
        review_reasons=(), stage=Stage.REVIEW, reason="reviewed",
    )  # fmt: skip


def child(path: Path, mode: str, probes: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(REPO), str(path), mode, probes],
                          capture_output=True, text=True, check=False, cwd=REPO)  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"{mode}: the child failed:\n{done.stderr[-2000:]}")
    found: dict[str, object] = json.loads(done.stdout)
    return found


def measure(size: int, pairs: int, work: Path) -> None:
    kept, bare = work / f"kept-{size}.sqlite3", work / f"bare-{size}.sqlite3"
    began = time.perf_counter()
    probes = json.dumps(fill(kept, size))
    filled = time.perf_counter() - began
    store = SqliteStore(kept)
    bank = MemoryBank(store)
    memory = bank.memory(TENANT)  # learns the log, keeps the snapshot
    snapshot = store.load_memory(TENANT)
    assert snapshot is not None
    raw = len(dumps(memory, {"last_seq": snapshot.position}))
    store.close()
    shutil.copyfile(kept, bare)
    with sqlite3.connect(bare) as conn:
        conn.execute("DELETE FROM memory_snapshots")
    conn.close()
    runs: dict[str, list[dict[str, object]]] = {"snapshot": [], "relearn": []}
    for i in range(pairs):
        order = ("snapshot", "relearn") if i % 2 == 0 else ("relearn", "snapshot")
        for mode in order:
            runs[mode].append(child(kept if mode == "snapshot" else bare, mode, probes))
    if runs["snapshot"][0]["answers"] != runs["relearn"][0]["answers"]:
        raise SystemExit("the loaded memory answers differently from the relearned one")
    print(f"\n{size:,} reviews (fill {filled:.0f} s); snapshot {len(snapshot.body) / 1e6:.2f} MB "
          f"in the store (zlib; {raw / 1e6:.2f} MB raw)")  # fmt: skip
    for mode, found in runs.items():
        ms = statistics.median(float(r["ms"]) for r in found)  # type: ignore[arg-type]
        cpu = statistics.median(float(r["cpu_ms"]) for r in found)  # type: ignore[arg-type]
        print(f"  {mode:9} first memory() {ms:8.1f} ms wall {cpu:8.1f} ms cpu")
    ratios = [float(s["cpu_ms"]) / float(r["cpu_ms"])  # type: ignore[arg-type]
              for s, r in zip(runs["snapshot"], runs["relearn"], strict=True)]  # fmt: skip
    print(
        f"  snapshot / relearn, cpu: median {statistics.median(ratios):.3f} "
        f"(pairs from {min(ratios):.3f} to {max(ratios):.3f})"
    )
    same = sum(a is not None for a in runs["snapshot"][0]["answers"])  # type: ignore[attr-defined]
    print(f"  same answers for all {PROBES} probes ({same} recalled)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="2000,10000")
    parser.add_argument("--pairs", type=int, default=7)
    args = parser.parse_args()
    print(f"review memory, cold (Python {sys.version.split()[0]}, zlib {zlib.ZLIB_VERSION})")
    print(__doc__.split("Method:", 1)[1].rstrip())
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            measure(size, args.pairs, Path(tmp))


if __name__ == "__main__":
    main()
