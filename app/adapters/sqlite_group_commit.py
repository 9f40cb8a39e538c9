"""Group commit for the SQLite store's inbox inserts: concurrent deliveries share one
transaction, so one fsync makes many of them durable.

Why: with ``synchronous = FULL`` every commit waits for an fsync of the WAL (about 5 ms on a
quiet disk, far more on a busy one), and SQLite takes one writer at a time, across threads and
processes. When each delivery committed alone, a server taking 200 deliveries/s while the
worker wrote its results needed more commits per second than the disk gave: requests queued
for the write lock, SQLite's busy handler (a sleep-and-retry poll, not a queue) let some of them
wait past ``busy_timeout``, and those answered 503.

How: a call joins a queue. If no batch is being written, the caller becomes its leader: once it
holds the write lock (``BEGIN IMMEDIATE``) it takes the queue (up to ``max_batch``: whoever came
while it waited for the lock rides along), runs every call in that transaction, each inside its
own savepoint (a call that raises undoes only its own writes and gets its own error), commits,
then wakes the callers of that batch and hands the lead to the first caller still queued.
Nobody returns before the commit that holds its write: an acknowledged delivery is as durable
as before. If the transaction cannot start or commit (the store is locked past its busy
timeout, the disk is full), every call of the batch gets that error, nothing of it is kept, and
the webhook answers 503 so the sender retries.

The leader asks for the write lock every millisecond (``begin_eagerly``), not through SQLite's
busy handler, whose sleeps grow to 100 ms a try: the worker's commits leave short gaps.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Generic, TypeVar

T = TypeVar("T")
log = logging.getLogger("timebill.sqlite")


class NotCommitted(sqlite3.OperationalError):
    """The batch holding this call could not be written (its cause is chained)."""


class _Call(Generic[T]):
    __slots__ = ("error", "failed", "leads", "ready", "result", "work")

    def __init__(self, work: Callable[[sqlite3.Connection], T]) -> None:
        self.work = work
        self.ready = threading.Event()  # set when done, or when this caller is to lead
        self.leads = False
        self.result: T | None = None
        self.error: Exception | None = None  # this call's own, its writes undone
        self.failed: BaseException | None = None  # the batch's: nothing of it was kept


class GroupCommit(Generic[T]):
    """Runs ``work(conn)`` calls from many threads, batched into shared transactions.

    ``transaction`` opens a write transaction on the calling thread's connection
    (``SqliteStore._tx``): the leader's thread runs the whole batch on its own connection.
    ``after_commit`` runs after each batch is committed (the store wakes its checkpointer).
    """

    def __init__(
        self,
        transaction: Callable[[], AbstractContextManager[sqlite3.Connection]],
        *,
        max_batch: int = 64,
        after_commit: Callable[[], object] = lambda: None,
    ) -> None:
        self._transaction = transaction
        self._after_commit = after_commit
        self._max_batch = max_batch
        self._lock = threading.Lock()
        self._queue: list[_Call[T]] = []
        self._leading = False

    def run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        call = _Call(work)
        with self._lock:
            self._queue.append(call)
            if not self._leading:
                self._leading = call.leads = True
        if not call.leads:
            call.ready.wait()
        if call.leads:  # first in, or handed the lead by the previous batch
            self._lead()
        if call.failed is not None:  # one exception object per caller, each its own traceback
            raise NotCommitted(f"the delivery was not recorded: {call.failed}") from call.failed
        if call.error is not None:
            raise call.error
        return call.result  # type: ignore[return-value]  # set when there is no error

    def _lead(self) -> None:
        batch: list[_Call[T]] = []  # filled by _write
        try:
            self._write(batch)
        finally:
            with self._lock:
                following = self._queue[0] if self._queue else None
                self._leading = following is not None
            for call in batch:
                call.leads = False
                call.ready.set()
            if following is not None:
                following.leads = True
                following.ready.set()

    @staticmethod
    def _run_one(conn: sqlite3.Connection, call: _Call[T]) -> None:
        conn.execute("SAVEPOINT delivery")
        try:
            call.result = call.work(conn)
        except Exception as exc:
            conn.execute("ROLLBACK TO delivery")  # raises if the transaction itself is gone
            call.error = exc
        conn.execute("RELEASE delivery")

    def _take(self, batch: list[_Call[T]]) -> None:
        with self._lock:
            batch.extend(self._queue[: self._max_batch])  # the leader's own call comes first
            del self._queue[: self._max_batch]

    def _write(self, batch: list[_Call[T]]) -> None:
        """Takes the batch once the write lock is held, so the calls that arrived while the
        leader waited for it (the worker committing) ride along instead of waiting for the next
        batch; takes it anyway if the lock cannot be had, to answer them."""
        try:
            with self._transaction() as conn:
                self._take(batch)
                for call in batch:
                    self._run_one(conn, call)
        except BaseException as exc:  # not begun or not committed: none of the batch is kept
            if not batch:
                self._take(batch)
            for call in batch:
                call.result, call.failed = None, exc
            if not isinstance(exc, Exception):
                raise
            return
        try:
            self._after_commit()
        except Exception:  # committed all the same: the batch's answers stand
            log.exception("after-commit hook failed")


def begin_eagerly(conn: sqlite3.Connection, busy_ms: int) -> None:
    """``BEGIN IMMEDIATE``, retried every millisecond for up to ``busy_ms``, then the connection's
    busy timeout set back to ``busy_ms``.

    SQLite's own busy handler sleeps between tries, longer and longer (up to 100 ms a try), so a
    writer that waits while another process (the worker) commits one transaction after another
    can miss every gap between them and time out. The webhook's inserts are what a sender waits
    for: they ask often, and take the first gap.
    """
    deadline = time.monotonic() + busy_ms / 1000
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                busy = exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY  # or extended
                if not busy or time.monotonic() >= deadline:
                    raise
            time.sleep(0.001)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {busy_ms:d}")
