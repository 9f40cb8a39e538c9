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
With a ``cache_dir`` (``Settings.cache_dir``), each tenant's memory is saved there with the
review log position it was learned up to (after the first seeding, then every ``SAVE_EVERY``
reviews), and a cold process loads it and reads only the reviews since.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path

from app.classify.memory import Memory
from app.classify.memory_snapshot import load, save
from app.classify.text import memory_key, tokens
from app.domain.reviews import ReviewAction, ReviewRecord
from app.ports import Store

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
        self.saved_seq = 0  # the review log position of the snapshot on disk
        self.checked = float("-inf")


class MemoryBank:
    def __init__(
        self,
        store: Store | None,
        *,
        refresh_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        cache_dir: Path | None = None,
    ) -> None:
        self.store = store
        self.cache_dir = cache_dir  # snapshots of each tenant's memory (``_restore``/``_save``)
        self.refresh_s = refresh_s
        self.clock = clock
        self._lock = threading.Lock()
        self._tenants: dict[str, _Tenant] = {}

    def memory(self, tenant: str) -> Memory:
        with self._lock:
            state = self._tenants.get(tenant)
            if state is None:
                state = self._tenants[tenant] = self._restore(tenant)
            if self.store is not None and self.clock() - state.checked >= self.refresh_s:
                state.checked = self.clock()
                self._catch_up(tenant, state)
                if state.last_seq - state.saved_seq >= (SAVE_EVERY if state.saved_seq else 1):
                    self._save(tenant, state)
            return state.memory

    def teach(self, tenant: str, review: ReviewRecord) -> bool:
        """Learn a review made in this process now (the next classification sees it)."""
        self.memory(tenant)  # seeded first, so the review is not learned twice
        with self._lock:
            state = self._tenants[tenant]
            if review.seq and (review.seq in state.seen or review.seq <= state.saved_seq):
                return False
            state.seen.add(review.seq)
            return teach(state.memory, review)

    def _catch_up(self, tenant: str, state: _Tenant) -> None:
        assert self.store is not None
        while True:
            page = self.store.reviews(tenant, after_seq=state.last_seq, limit=_PAGE)
            for review in page:
                state.last_seq = max(state.last_seq, review.seq)
                if review.seq not in state.seen:
                    state.seen.add(review.seq)
                    teach(state.memory, review)
            if len(page) < _PAGE:
                return

    def _snapshot(self, tenant: str) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', tenant)}-reviews.memory"

    def _restore(self, tenant: str) -> _Tenant:
        """The tenant's memory as last saved, if the store's review log still holds the review
        it was saved at (same text and code): then only later reviews are read."""
        state, path = _Tenant(), self._snapshot(tenant)
        loaded = load(path, state.memory.min_similarity) if path is not None else None
        if loaded is None or self.store is None:
            return state
        memory, extra = loaded
        seq = int(extra.get("last_seq", 0))
        at = self.store.reviews(tenant, after_seq=seq - 1, limit=1)
        if seq and at and at[0].seq == seq and _check(at[0]) == extra.get("check"):
            state.memory, state.last_seq, state.saved_seq = memory, seq, seq
        return state

    def _save(self, tenant: str, state: _Tenant) -> None:
        path = self._snapshot(tenant)
        if path is None or self.store is None:
            return
        at = self.store.reviews(tenant, after_seq=state.last_seq - 1, limit=1)
        if not at or at[0].seq != state.last_seq:
            return
        with contextlib.suppress(OSError):  # no snapshot costs the next cold start a relearn
            save(state.memory, path, {"last_seq": state.last_seq, "check": _check(at[0])})
            state.saved_seq = state.last_seq


def _check(review: ReviewRecord) -> str:
    said = f"{review.description}\0{review.final_code}".encode()
    return hashlib.sha256(said).hexdigest()[:16]


_banks: weakref.WeakKeyDictionary[object, MemoryBank] = weakref.WeakKeyDictionary()
_banks_lock = threading.Lock()


def bank_for(store: Store, cache_dir: Path | None = None) -> MemoryBank:
    """The process's one bank for this store: the worker and the review page share it.
    ``cache_dir``: where each tenant's learned memory is saved for the next cold start."""
    with _banks_lock:
        bank = _banks.get(store)
        if bank is None:
            bank = _banks[store] = MemoryBank(store, cache_dir=cache_dir)
        bank.cache_dir = bank.cache_dir or cache_dir
        return bank
