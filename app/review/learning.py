"""The memory stage, taught by reviews: at once in this process, from the store elsewhere.

Every approval or correction teaches ``Memory`` the final code for that client and text. A
reviewed label counts twice (``REVIEW_WEIGHT``): memory shrinks a single sighting below every
confidence threshold (1 / 1.25 = 0.8 < 0.85) because one line of history is not a habit, but a
person looked at this very text and said what it is, so the next identical entry is decided by
memory (2 / 2.25 = 0.89); one later correction to another code makes it doubtful again.
A split teaches nothing: its text names several activities, none of which is the answer.

``MemoryBank`` holds one ``Memory`` per tenant for the warm process. It is seeded from the
store's reviews on first use and topped up with reviews recorded since (by any process: the
worker Lambda learns what the API Lambda's reviewers did) at most every ``refresh_s``.

Each tenant's memory is kept in the store (``Store.save_memory``) with the review log position
it was learned up to, so a cold process loads it and reads only the reviews since, instead of
relearning the whole log (a Lambda's ``/tmp`` does not outlive its instance). The bank that
learned writes it: after a seeding that learned anything, then each time ``SAVE_EVERY`` more
reviews were learned; in production that is the worker, the one process that classifies.
Several warm workers may write at once: the store keeps the later position, never an older
one, and a bank whose save lost to a later one does not try again until ``SAVE_EVERY`` more.
A snapshot that cannot be read (another format after an upgrade, a failed read) is ignored
and the log relearned; a failed save is logged and costs the next cold start a relearn, never
a classification.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
import zlib
from collections.abc import Callable
from datetime import UTC, datetime

from app.classify.memory import Memory
from app.classify.memory_snapshot import dumps, loads
from app.classify.text import memory_key, tokens
from app.domain.memory_snapshots import MemorySnapshot
from app.domain.reviews import ReviewAction, ReviewRecord
from app.ports import Store

log = logging.getLogger("timebill.learning")

REVIEW_WEIGHT = 2
_PAGE = 1000
SAVE_EVERY = 200  # reviews learned since the last snapshot before the next is written


def pattern_of(description: str) -> str:
    """The description's shape for memory and rule proposals ("fmcsa audit prep nwf #")."""
    return " ".join(memory_key(tokens(description)))[:500]


def teach(memory: Memory, review: ReviewRecord) -> bool:
    """Learn the review's final code for its client and text; ``False`` if it teaches nothing."""
    code = review.final_code
    if code is None or review.action is ReviewAction.SPLIT or not review.description:
        return False
    for _ in range(REVIEW_WEIGHT):
        memory.learn(review.client_id, review.description, code)
    return True


class _Tenant:
    def __init__(self) -> None:
        self.memory = Memory()
        self.seen: set[int] = set()
        self.last_seq = 0
        self.saved_seq = 0  # the review log position of the snapshot in the store
        self.taught_seq = 0  # the latest review taught in this process (``teach``)
        self.checked = float("-inf")
        self.seed = ""  # the approved history the memory started from (``history_seed``)
        self.wanted = ""  # the seed the rules in force name, last looked for in the store


class MemoryBank:
    def __init__(
        self,
        store: Store | None,
        *,
        refresh_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.refresh_s = refresh_s
        self.clock = clock
        self.now = now
        self._lock = threading.Lock()
        self._tenants: dict[str, _Tenant] = {}

    def memory(self, tenant: str, seed: str = "") -> Memory:
        """The tenant's memory, topped up with the reviews recorded since. ``seed``: the
        approved history the rules in force were published with (``VersionCalibration.
        memory_seed``); a memory that did not start from it is loaded again from the store,
        where the publish kept it (once per seed: a missing one is not looked for again)."""
        pending = None
        with self._lock:
            state = self._tenants.get(tenant)
            if state is None or (seed and seed not in (state.seed, state.wanted)):
                state = self._tenants[tenant] = self._restore(tenant)
                state.wanted = seed
                if seed and state.seed != seed:
                    log.warning(
                        "tenant %s: the store keeps no memory taught by the history its rules"
                        " were published with; using the memory kept (import the rules again"
                        " with --history)",
                        tenant,
                    )
            if self.store is not None and self.clock() - state.checked >= self.refresh_s:
                state.checked = self.clock()
                self._catch_up(tenant, state)
                if state.last_seq - state.saved_seq >= (SAVE_EVERY if state.saved_seq else 1):
                    pending = self._snapshot(state)
            memory = state.memory
        if pending is not None:  # compressed and sent outside the lock: other work goes on
            self._save(tenant, *pending)
        return memory

    def teach(self, tenant: str, review: ReviewRecord) -> bool:
        """Learn a review made in this process now (the next classification sees it)."""
        self.memory(tenant)  # seeded first, so the review is not learned twice
        with self._lock:
            state = self._tenants[tenant]
            if review.seq and (review.seq in state.seen or review.seq <= state.saved_seq):
                return False
            state.seen.add(review.seq)
            state.taught_seq = max(state.taught_seq, review.seq)
            return teach(state.memory, review)

    def _catch_up(self, tenant: str, state: _Tenant) -> None:
        assert self.store is not None
        state.last_seq = learn_log(self.store, tenant, state.memory, state.last_seq, state.seen)

    def _restore(self, tenant: str) -> _Tenant:
        """The tenant's memory as last kept in the store: then only later reviews are read."""
        state = _Tenant()
        if self.store is None:
            return state
        try:
            kept = self.store.load_memory(tenant)
        except Exception:  # a cold start without the snapshot relearns: slower, still right
            log.exception("tenant %s: could not read the memory snapshot; relearning", tenant)
            return state
        loaded = read_snapshot(kept, state.memory.min_similarity) if kept is not None else None
        if kept is not None and loaded is None:
            log.warning("tenant %s: the memory snapshot is not readable here; relearning", tenant)
        if kept is not None and loaded is not None:
            state.memory, state.seed = loaded
            state.last_seq = state.saved_seq = kept.position
        return state

    def _snapshot(self, state: _Tenant) -> tuple[int, bytes] | None:
        """The position and bytes of the memory to keep, unless it holds a review taught here
        that the store's log has not shown yet (a cold bank would learn it twice). Whatever
        becomes of the save (kept, a later one kept, a failure), the next is ``SAVE_EVERY``
        reviews on."""
        if state.taught_seq > state.last_seq:
            return None
        state.saved_seq = state.last_seq
        return state.last_seq, dumps(state.memory, {"last_seq": state.last_seq, "seed": state.seed})

    def _save(self, tenant: str, position: int, raw: bytes) -> None:
        """Keep the snapshot (zlib: a third of the raw size for ~50 ms per 10,000 reviews)."""
        assert self.store is not None
        snapshot = MemorySnapshot(tenant, position, zlib.compress(raw, 6), self.now())
        try:
            kept = self.store.save_memory(snapshot)
        except Exception:  # e.g. the store's schema predates snapshots: relearning still works
            log.exception("tenant %s: could not save the memory snapshot", snapshot.tenant)
            return
        if not kept:
            log.info("tenant %s: a later memory snapshot is kept already", snapshot.tenant)


def learn_log(store: Store, tenant: str, memory: Memory, after_seq: int, seen: set[int]) -> int:
    """Teach ``memory`` every review of the tenant's log after ``after_seq`` not in ``seen``
    (which gains them); the last position read."""
    last = after_seq
    while True:
        page = store.reviews(tenant, after_seq=last, limit=_PAGE)
        for review in page:
            last = max(last, review.seq)
            if review.seq not in seen:
                seen.add(review.seq)
                teach(memory, review)
        if len(page) < _PAGE:
            return last


def read_snapshot(kept: MemorySnapshot, min_similarity: float) -> tuple[Memory, str] | None:
    """The snapshot's memory and the history it started from ("" for reviews alone); None
    when it cannot be read here."""
    try:
        loaded = loads(zlib.decompress(kept.body), min_similarity)
    except zlib.error:
        return None
    if loaded is None or loaded[1].get("last_seq") != kept.position:
        return None
    return loaded[0], str(loaded[1].get("seed") or "")


_banks: weakref.WeakKeyDictionary[object, MemoryBank] = weakref.WeakKeyDictionary()
_banks_lock = threading.Lock()


def bank_for(store: Store) -> MemoryBank:
    """The process's one bank for this store: the worker and the review page share it."""
    with _banks_lock:
        bank = _banks.get(store)
        if bank is None:
            bank = _banks[store] = MemoryBank(store)
        return bank
