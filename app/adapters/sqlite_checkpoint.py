"""WAL checkpoints for the SQLite store's inbox inserts, on a thread of their own.

In WAL mode a commit appends pages to the ``-wal`` file; a checkpoint copies them back into the
database and fsyncs it. By default the connection whose commit takes the log past 1,000 pages
runs that checkpoint before its call returns: with a large inbox (a million rows, every insert
touching pages all over seven indexes) that was the slowest 1% of commits, and a webhook's
commit carries every delivery of its batch (``sqlite_group_commit``). So the connections that
commit deliveries do not checkpoint (``wal_autocheckpoint = 0``); after each of their commits
they wake this thread, which runs a passive checkpoint (it never blocks a writer or a reader)
at most every ``every_s``. Other connections (the worker's) keep SQLite's automatic ones.
Nothing here touches durability: a committed page is in the fsync'd log until it is copied.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable

log = logging.getLogger("timebill.sqlite")


class Checkpointer:
    """Started at the first ``poke``; ``close`` stops it (and closes its connection)."""

    def __init__(self, connect: Callable[[], sqlite3.Connection], *, every_s: float = 0.2) -> None:
        self._connect = connect
        self._every_s = every_s
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def poke(self) -> None:
        """Some pages were committed: copy them back soon."""
        with self._lock:
            if self._thread is None and not self._stopping.is_set():
                self._thread = threading.Thread(
                    target=self._run, name="timebill-wal-checkpoint", daemon=True
                )
                self._thread.start()
        self._wake.set()

    def close(self) -> None:
        with self._lock:
            self._stopping.set()
            thread, self._thread = self._thread, None
        self._wake.set()
        if thread is not None:
            thread.join(timeout=30)

    def _run(self) -> None:
        conn = self._connect()
        try:
            while self._wake.wait() and not self._stopping.is_set():
                self._wake.clear()
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error:  # the next poke tries again; the log keeps every page
                    log.warning("WAL checkpoint failed", exc_info=True)
                self._stopping.wait(self._every_s)
        finally:
            conn.close()
