"""The approved history a tenant's rules are published with teaches the tenant's memory too.

``timebill classify --history`` learns memory from the history it is given. Without this, a
tenant's memory would start empty, taught by reviews only: a new tenant's worker would send more
to review than the CLI does and miss what the history knew (a write-off a person approved three
times). ``seed_memory`` learns the history as the CLI does (``learn_measured``: memory's
confidence measured on the history's newest part), then every review of the tenant's log on
top, and keeps the result as the tenant's memory snapshot at the log's last position, its
header naming the history (``history_fingerprint``). The rules version published with that
history names the same fingerprint (``VersionCalibration.memory_seed``), so a warm worker that
sees the new version loads its memory again from the store (``MemoryBank.memory``).

The same history imported again teaches nothing twice. A snapshot that becomes unreadable is
relearned from the review log alone: the history's part is back once the rules are imported
again with it (RUNBOOK.md, "Learned memory").
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.classify.memory import MIN_SIMILARITY, Memory
from app.classify.memory_calibration import learn_measured
from app.classify.memory_snapshot import dumps
from app.domain.memory_snapshots import MemorySnapshot
from app.domain.rulebook import RuleBook
from app.ports import Store
from app.review.learning import learn_log, read_snapshot
from app.rules.backtest import Labelled, history_fingerprint


@dataclass(frozen=True)
class SeededMemory:
    """What a seeding did: ``learned`` history entries, ``reviews`` taught on top, the
    snapshot's size in bytes (compressed); ``already``: the memory had this history, nothing
    was learned again."""

    fingerprint: str
    learned: int
    reviews: int
    size: int
    already: bool = False


def seed_memory(
    store: Store, tenant: str, book: RuleBook, history: Sequence[Labelled], *, now: datetime
) -> SeededMemory:
    """Teach the tenant's memory ``history`` (then its reviews) and keep it in the store."""
    fingerprint = history_fingerprint(history)
    kept = store.load_memory(tenant)
    found = read_snapshot(kept, MIN_SIMILARITY) if kept is not None else None
    if kept is not None and found is not None and found[1] == fingerprint:
        return SeededMemory(fingerprint, 0, 0, len(kept.body), already=True)
    memory = Memory()
    learn_measured(book, memory, history)
    seen: set[int] = set()
    last = learn_log(store, tenant, memory, 0, seen)
    body = zlib.compress(dumps(memory, {"last_seq": last, "seed": fingerprint}), 6)
    store.save_memory(MemorySnapshot(tenant, last, body, now))
    return SeededMemory(fingerprint, len(history), len(seen), len(body))
