"""A throwaway PostgreSQL 15 server for the tests: initdb into a pytest tmp dir, one per session.

The server listens only on a Unix socket inside its own directory (no TCP port, so it never
clashes with a system cluster), runs with fsync off, and gets the migrations once, into a
template database; each test module then clones a fresh database from that template in a
few milliseconds. As root, the server runs as an unprivileged OS user (``postgres``, else
``nobody``; ``TIMEBILL_PG_OS_USER`` overrides), since PostgreSQL refuses to run as root.

The cluster is a process-wide singleton (``session_cluster``), stopped by a pytest cleanup at
the end of the session, because its users live in different test directories
(``tests/postgres`` and ``tests/contract``): a session fixture defined in both places would
start two servers.
"""

from __future__ import annotations

import itertools
import os
import pwd
import re
import shutil
import stat
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

PG_MAJOR = 15
PORT = 5432  # names the socket file in our private directory; no TCP listener
INFRA = Path(__file__).resolve().parents[2] / "infra"
TEMPLATE = "timebill_template"
TABLES = ("tenants", "rules_versions", "inbox", "decisions", "audit", "writes", "reviews",
          "reviewers", "qbo_tokens", "qbo_realms", "review_sessions",
          "entry_ledger", "rules_current", "rules_proposed", "inbox_counts",
          "inbox_archive", "memory_snapshots", "tally_parts", "tally_totals")  # fmt: skip
# Tables of the app, not of a tenant (no tenant_id; only the sweeper role's policy): 0010.
APP_TABLES = ("qbo_unrouted",)
SERVER_SETTINGS = {
    "listen_addresses": "''",
    "port": str(PORT),
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "timezone": "'UTC'",
    "max_connections": "100",
}


class ServerUnavailableError(RuntimeError):
    """No usable PostgreSQL binaries, or the server would not start."""


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def find_bin_dir() -> Path:
    """The directory holding initdb/pg_ctl/psql of PostgreSQL 15 or later."""
    candidates = [os.environ.get("TIMEBILL_PG_BIN", ""), f"/usr/lib/postgresql/{PG_MAJOR}/bin"]
    if pg_config := shutil.which("pg_config"):
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        candidates.append(out.stdout.strip())
    for candidate in filter(None, candidates):
        initdb = Path(candidate) / "initdb"
        if initdb.is_file() and _major(initdb) >= PG_MAJOR:
            return Path(candidate)
    raise ServerUnavailableError(f"no PostgreSQL >= {PG_MAJOR} binaries (set TIMEBILL_PG_BIN)")


def _major(initdb: Path) -> int:
    out = subprocess.run([initdb, "--version"], capture_output=True, text=True, check=False)
    found = re.search(r"(\d+)(?:\.\d+)?", out.stdout)
    return int(found.group(1)) if found else 0


def _os_user() -> pwd.struct_passwd | None:
    """Whom to run the server as: None when we are not root (run as ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in filter(None, (os.environ.get("TIMEBILL_PG_OS_USER"), "postgres", "nobody")):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise ServerUnavailableError("running as root and no unprivileged user to run postgres")


def _grant_traverse(path: Path, owner: pwd.struct_passwd) -> None:
    """Let ``owner`` reach ``path``: own it, and search (only) every private ancestor."""
    os.chown(path, owner.pw_uid, owner.pw_gid)
    for parent in path.parents:
        mode = parent.stat().st_mode
        if not mode & stat.S_IXOTH and parent.stat().st_uid == os.geteuid():
            parent.chmod(stat.S_IMODE(mode) | stat.S_IXOTH)


@dataclass(frozen=True)
class PgDatabase:
    cluster: PgCluster
    name: str

    def conninfo(self, user: str = "postgres") -> str:
        return self.cluster.conninfo(self.name, user)

    def connect(self, user: str = "postgres", *, autocommit: bool = True) -> psycopg.Connection:
        return psycopg.connect(self.conninfo(user), autocommit=autocommit)

    def reset(self) -> None:
        """Empty every timebill table (as the superuser, so RLS does not hide rows)."""
        with self.connect() as conn:
            tables = ", ".join(f"timebill.{t}" for t in (*TABLES, *APP_TABLES))
            conn.execute(f"truncate {tables} restart identity")


class PgCluster:
    """One initdb'd server in ``base_dir`` (data dir, log and socket)."""

    def __init__(self, bin_dir: Path, base_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.base_dir = base_dir
        self.data_dir = base_dir / "data"
        self.log_file = base_dir / "server.log"
        self._user = _os_user()
        self._names = itertools.count(1)
        self.running = False

    def conninfo(self, dbname: str, user: str = "postgres") -> str:
        return make_conninfo(
            host=str(self.base_dir), port=PORT, dbname=dbname, user=user, connect_timeout=10
        )

    def start(self) -> None:
        if self._user is not None:
            _grant_traverse(self.base_dir, self._user)
        self._run("initdb", "-D", self.data_dir, "-U", "postgres", "--auth=trust",
                  "--no-sync", "--no-locale", "-E", "UTF8", "--no-instructions")  # fmt: skip
        settings = "".join(f"{key} = {value}\n" for key, value in SERVER_SETTINGS.items())
        settings += f"unix_socket_directories = '{self.base_dir}'\n"
        with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(settings)
        self._run("pg_ctl", "-D", self.data_dir, "-l", self.log_file, "-w", "-t", "30", "start")
        self.running = True
        self._create_template()

    def stop(self) -> None:
        if self.running:
            self._run("pg_ctl", "-D", self.data_dir, "-m", "fast", "-w", "stop")
            self.running = False

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_file.exists():
            return "(no server log)"
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])

    @contextmanager
    def fresh_database(self) -> Iterator[PgDatabase]:
        """A new database cloned from the migrated template, dropped afterwards."""
        name = f"tb_{os.getpid()}_{next(self._names)}"
        self._admin("create database {} template {}", name, TEMPLATE)
        try:
            yield PgDatabase(self, name)
        finally:
            self._admin("drop database if exists {} with (force)", name)

    def _create_template(self) -> None:
        """Apply infra/migrations with infra/apply_migrations.sh, as an operator would."""
        self._admin("create database {}", TEMPLATE)
        env = {**os.environ, "PSQL": str(self.bin_dir / "psql"), "PGCONNECT_TIMEOUT": "10",
               "SUPABASE_DB_URL": self.conninfo(TEMPLATE)}  # fmt: skip
        script = INFRA / "apply_migrations.sh"
        done = subprocess.run([script], env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"migrations failed:\n{done.stdout}\n{done.stderr}")
        self._admin("alter database {} with is_template true", TEMPLATE)

    def _admin(self, statement: str, *names: str) -> None:
        query = sql.SQL(statement).format(*(sql.Identifier(n) for n in names))
        with psycopg.connect(self.conninfo("postgres"), autocommit=True) as conn:
            conn.execute(query)

    def _run(self, tool: str, *args: Any) -> None:
        command = [str(self.bin_dir / tool), *map(str, args)]
        extra: dict[str, Any] = {}
        if self._user is not None:
            extra = {"user": self._user.pw_uid, "group": self._user.pw_gid, "extra_groups": []}
        done = subprocess.run(
            command, cwd=self.base_dir, capture_output=True, text=True, check=False, **extra
        )
        if done.returncode != 0:
            raise ServerUnavailableError(
                f"{tool} failed ({done.returncode}): {done.stderr.strip()}\n{self.log_tail()}"
            )


_lock = threading.Lock()
_shared: PgCluster | None = None
_failure: str | None = None


def session_cluster(config: pytest.Config) -> PgCluster:
    """The session's one server: started on first use, stopped when pytest finishes. Without
    PostgreSQL the caller's tests are skipped, except in CI, where they fail loudly."""
    global _shared, _failure  # noqa: PLW0603 - one server per test process, by design
    with _lock:
        if _shared is None and _failure is None:
            # A folder of its own, not under pytest's shared temporary root: another pytest
            # run by the same user resets that root's modes, and the server would panic.
            base_dir = Path(tempfile.mkdtemp(prefix="timebill-pg-"))
            config.add_cleanup(lambda: shutil.rmtree(base_dir, ignore_errors=True))
            config.add_cleanup(_stop_shared)
            try:
                _shared = _started(base_dir)
            except ServerUnavailableError as exc:
                _failure = str(exc)
        if _shared is not None:
            return _shared
    if in_ci():
        pytest.fail(f"CI needs the PostgreSQL tests to run: {_failure}", pytrace=False)
    pytest.skip(f"PostgreSQL unavailable: {_failure}")


def _started(base_dir: Path) -> PgCluster:
    cluster = PgCluster(find_bin_dir(), base_dir)
    try:
        cluster.start()
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _stop_shared() -> None:
    global _shared, _failure
    with _lock:
        cluster, _shared, _failure = _shared, None, None
    if cluster is not None:
        cluster.stop()
