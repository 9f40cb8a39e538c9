"""Group commit (``app.adapters.sqlite_group_commit``): calls that arrive while a batch is being
written share the next transaction; none returns before the commit that holds it; a call's own
failure is its own, a failed commit is everyone's in that batch."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.adapters.sqlite_group_commit import GroupCommit, NotCommitted
from app.adapters.sqlite_store import SqliteStore
from tests.contract.builders import TENANT_A, at, new_item, tenant


class Db:
    """A file with one table, a connection per thread, and a count of transactions begun."""

    def __init__(self, path: Path) -> None:
        self.path, self.local, self.begun = path, threading.local(), 0
        with self.connect() as conn:
            conn.execute("CREATE TABLE t (x TEXT UNIQUE)")

    def connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode = WAL")
        return conn

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        if not hasattr(self.local, "conn"):
            self.local.conn = self.connect()
        conn: sqlite3.Connection = self.local.conn
        self.begun += 1
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def rows(self) -> list[str]:
        with self.connect() as conn:  # another connection: sees committed rows only
            return [r[0] for r in conn.execute("SELECT x FROM t ORDER BY x")]


def insert(value: str) -> Callable[[sqlite3.Connection], str]:
    def work(conn: sqlite3.Connection) -> str:
        conn.execute("INSERT INTO t (x) VALUES (?)", (value,))
        return value

    return work


def queued(group: GroupCommit[str], n: int) -> None:
    """Wait until ``n`` calls wait behind the batch being written."""
    deadline = time.monotonic() + 10
    while len(group._queue) < n:
        assert time.monotonic() < deadline, "the calls never queued"
        time.sleep(0.005)


def first_then(
    group: GroupCommit[str], first: Callable[[sqlite3.Connection], str],
    then: list[Callable[[sqlite3.Connection], str]],
) -> list[Future[str]]:  # fmt: skip
    """``first`` leads a batch and holds it until every call of ``then`` is waiting."""
    inside, release = threading.Event(), threading.Event()

    def held(conn: sqlite3.Connection) -> str:
        inside.set()
        release.wait(10)
        return first(conn)

    pool = ThreadPoolExecutor(max_workers=len(then) + 1)
    futures = [pool.submit(group.run, held)]
    assert inside.wait(10)
    futures += [pool.submit(group.run, work) for work in then]
    queued(group, len(then))
    release.set()
    pool.shutdown(wait=True)
    return futures


def test_calls_waiting_behind_a_batch_are_written_together(tmp_path: Path) -> None:
    db = Db(tmp_path / "t.db")
    group: GroupCommit[str] = GroupCommit(db.tx)
    names = [f"v{i}" for i in range(1, 10)]
    futures = first_then(group, insert("v0"), [insert(n) for n in names])
    assert [f.result() for f in futures] == ["v0", *names]
    assert db.begun == 2  # the first call's transaction, then one for the nine behind it
    assert db.rows() == ["v0", *names]


def test_a_call_that_fails_undoes_only_its_own_writes(tmp_path: Path) -> None:
    db = Db(tmp_path / "t.db")
    group: GroupCommit[str] = GroupCommit(db.tx)
    futures = first_then(group, insert("a"), [insert("b"), insert("a"), insert("c")])
    assert futures[0].result() == "a"
    with pytest.raises(sqlite3.IntegrityError):
        futures[2].result()
    assert [futures[1].result(), futures[3].result()] == ["b", "c"]
    assert db.rows() == ["a", "b", "c"]


def test_a_batch_that_cannot_commit_fails_every_call_and_keeps_nothing(tmp_path: Path) -> None:
    db = Db(tmp_path / "t.db")

    @contextmanager
    def full_disk() -> Iterator[sqlite3.Connection]:
        with db.tx() as conn:
            yield conn
            raise sqlite3.OperationalError("database or disk is full")  # at COMMIT

    group: GroupCommit[str] = GroupCommit(full_disk)
    futures = first_then(group, insert("a"), [insert("b"), insert("c")])
    for future in futures:
        with pytest.raises(NotCommitted, match="disk is full") as raised:
            future.result()
        assert isinstance(raised.value.__cause__, sqlite3.OperationalError)
    assert db.rows() == []
    assert len({id(f.exception()) for f in futures}) == 3  # one exception per caller
    # The next call leads a batch of its own: the group did not stall.
    group = GroupCommit(db.tx)
    assert group.run(insert("d")) == "d"


def test_batches_are_bounded(tmp_path: Path) -> None:
    db = Db(tmp_path / "t.db")
    group: GroupCommit[str] = GroupCommit(db.tx, max_batch=3)
    futures = first_then(group, insert("v00"), [insert(f"v{i:02d}") for i in range(1, 8)])
    assert [f.result() for f in futures] == [f"v{i:02d}" for i in range(8)]
    assert db.begun == 1 + 3  # then 3, 3 and 1 (the first batch is the held call alone)


def test_many_threads_delivering_new_and_repeated_entries(tmp_path: Path) -> None:
    """Through the store: 40 threads, 20 entries each delivered twice: 20 items, each created
    once, every answer naming that entry's one item."""
    with SqliteStore(tmp_path / "timebill.sqlite3") as store:
        store.put_tenant(tenant(TENANT_A))
        items = [new_item(f"k{i % 20}", received_at=at(seconds=i)) for i in range(40)]
        with ThreadPoolExecutor(max_workers=40) as pool:
            answers = list(pool.map(store.accept, items))
        ids: dict[str, set[str]] = {item.dedupe_key: set() for item in items}
        for (found, _), sent in zip(answers, items, strict=True):
            ids[sent.dedupe_key].add(found.id)
        assert all(len(found) == 1 for found in ids.values())
        assert sum(created for _, created in answers) == 20
        assert len(store.items(TENANT_A, limit=100)) == 20


def test_delivery_commits_leave_checkpoints_to_the_store_thread(tmp_path: Path) -> None:
    """The connection that commits deliveries runs no checkpoint itself; the store's thread
    copies the log into the database file soon after (the file grows only then)."""
    path = tmp_path / "timebill.sqlite3"
    others = set(threading.enumerate())
    with SqliteStore(path) as store:
        store.put_tenant(tenant(TENANT_A))
        size = path.stat().st_size
        for i in range(50):
            store.accept(new_item(f"k{i}", received_at=at(seconds=i)))
        assert store._conn().execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        deadline = time.monotonic() + 10
        while path.stat().st_size == size:
            assert time.monotonic() < deadline, "no checkpoint copied the log back"
            time.sleep(0.01)
        [thread] = [t for t in threading.enumerate() if t not in others and "wal" in t.name]
    assert not thread.is_alive()  # close() stopped it


def test_a_failing_after_commit_hook_does_not_fail_committed_calls(tmp_path: Path) -> None:
    db = Db(tmp_path / "t.db")

    def hook() -> None:
        raise RuntimeError("can't start new thread")

    group: GroupCommit[str] = GroupCommit(db.tx, after_commit=hook)
    assert group.run(insert("a")) == "a"
    assert db.rows() == ["a"]


def test_a_delivery_waits_for_the_write_lock_and_then_commits(tmp_path: Path) -> None:
    """Another process holds the write lock for a while: the insert keeps asking, commits once
    it is free, and the connection's busy timeout is as before for its other statements."""
    path = tmp_path / "timebill.sqlite3"
    with SqliteStore(path, busy_timeout_s=5) as store:
        store.put_tenant(tenant(TENANT_A))
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
        started = time.monotonic()
        item, created = store.accept(new_item("k1"))
        assert created
        assert time.monotonic() - started >= 0.25  # it did wait for the other writer
        assert store.get(TENANT_A, item.id) is not None
        assert store._conn().execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        other.close()
