"""Switching a tenant's rules version, and what the service pays per batch to notice a switch.

    python bench/rules_switch.py [--reads 500] [--publishes 10]

On the embedded SQLite store (a file in a temporary folder) and on a throwaway PostgreSQL 15
(initdb'd in a temporary folder, migrated with infra/migrations as the tests do), with the demo
firm's rules set (sow_rules/: the firm file and four client files), it times:

1. publish: ``app.rules.publish`` end to end (check the set, run every rule example, write
   the version and switch the pointer in one transaction), and its store step alone;
2. rollback: ``switch_rules`` (the pointer only);
3. the first ``StoreRules.rulebook`` after a switch: the pointer read, the version read and
   the compile of the new version (once per version per warm process);
4. the per-batch version check: ``StoreRules.rulebook`` with nothing changed (one pointer
   read and a cache hit), and the same call inside a batch (within ``rules_check_s``: no read).

PostgreSQL is reached two ways: (a) through the real ``SupabaseStore`` whose HTTP calls are
answered in-process by the tests' PostgREST emulation (respx + the SQL a PostgREST would run,
over a Unix socket): it shows the adapter's own work plus that emulation, NOT a network round
trip to Supabase, which comes on top in production; (b) the pointer read as SQL alone
(psycopg, as the worker role with a tenant's JWT claims set, in a transaction, as PostgREST
does per request). Each figure: median and p95 of N timed runs (time.perf_counter), after one
warm-up. The machine is shared: read the figures as orders of magnitude.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import cast

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app.adapters.sqlite_store import SqliteStore  # noqa: E402
from app.adapters.supabase_store import SupabaseStore  # noqa: E402
from app.cli.jobs.rules_store import read_rules_files  # noqa: E402
from app.domain.inbox import Tenant  # noqa: E402
from app.domain.rules_versions import NewRulesVersion  # noqa: E402
from app.ports import RulesStore  # noqa: E402
from app.rules.publish import Change, publish  # noqa: E402
from app.service.rules_provider import StoreRules  # noqa: E402
from app.service.worker import utc_now  # noqa: E402
from tests.postgres.pg_server import PgCluster, PgDatabase, find_bin_dir  # noqa: E402
from tests.postgres.supabase_harness import bridge_for, routed, store_settings  # noqa: E402
from tests.postgres.tenancy import impersonate  # noqa: E402

TENANT = "bench-firm"


def timed(runs: int, action: Callable[[], object]) -> tuple[float, float]:
    """Median and p95 of ``runs`` calls, in milliseconds, after one warm-up call."""
    action()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def show(what: str, figures: tuple[float, float], runs: int) -> None:
    print(f"  {what:<58} median {figures[0]:9.3f} ms   p95 {figures[1]:9.3f} ms   (n={runs})")


def measure(store: RulesStore, args: argparse.Namespace) -> None:
    files = read_rules_files(REPO / "sow_rules")
    edited = {**files, "_firm.yaml": files["_firm.yaml"] + "\n# edited\n"}
    sets = [files, edited]

    def do_publish() -> None:
        pointer = store.current_rules(TENANT)
        number = pointer.number if pointer else None
        change = Change(TENANT, sets[(number or 0) % 2], "Bench", "bench", number, utc_now())
        assert publish(store, change).version is not None

    def do_store_step() -> None:
        pointer = store.current_rules(TENANT)
        new = NewRulesVersion(
            tenant=TENANT,
            files=sets[pointer.number % 2] if pointer else files,
            approved_by="Bench",
            approved_at=utc_now(),
            source="bench",
        )
        store.add_rules_version(new, based_on=pointer.number if pointer else None)

    show(
        "publish (check, run 94 examples, store + switch)",
        timed(args.publishes, do_publish),
        args.publishes,
    )
    show(
        "  of which the store step (insert + switch, one tx)",
        timed(args.reads, do_store_step),
        args.reads,
    )
    show(
        "rollback (switch_rules: the pointer only)",
        timed(args.reads, lambda: store.switch_rules(TENANT, 1, by="ops", now=utc_now())),
        args.reads,
    )

    provider = StoreRules(store, None, check_every_s=0)
    show(
        "first rulebook() after a switch (pointer, version, compile)",
        first_after_switch(store, provider, args.publishes),
        args.publishes,
    )
    provider.rulebook(TENANT)
    reads = provider.checks
    show(
        "per-batch version check: rulebook(), nothing changed",
        timed(args.reads, lambda: provider.rulebook(TENANT)),
        args.reads,
    )
    assert provider.checks - reads == args.reads + 1  # one pointer read per call: measured
    within = StoreRules(store, None, check_every_s=3600)
    within.rulebook(TENANT)
    show(
        "inside a batch (within rules_check_s): rulebook()",
        timed(args.reads, lambda: within.rulebook(TENANT)),
        args.reads,
    )


def first_after_switch(store: RulesStore, provider: StoreRules, runs: int) -> tuple[float, float]:
    """The switch itself is not timed: only the next call that must notice and compile it."""
    samples = []
    for i in range(runs + 1):
        store.switch_rules(TENANT, 1 + i % 2, by="ops", now=utc_now())
        provider._books.clear()  # a version this warm process has not compiled yet
        started = time.perf_counter()
        provider.rulebook(TENANT)
        samples.append((time.perf_counter() - started) * 1000)
    samples = sorted(samples[1:])  # the first was the warm-up
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def sql_pointer_read(db: PgDatabase, runs: int) -> tuple[float, float]:
    with db.connect("authenticator", autocommit=False) as conn:

        def read() -> None:
            impersonate(conn, TENANT)
            conn.execute(
                "select number from timebill.rules_current where tenant_id = %s", [TENANT]
            ).fetchone()
            conn.commit()

        return timed(runs, read)


@contextmanager
def postgres() -> Iterator[tuple[PgDatabase, SupabaseStore]]:
    base = Path(tempfile.mkdtemp(prefix="timebill-bench-pg-"))
    cluster = PgCluster(find_bin_dir(), base)
    try:
        cluster.start()
        with ExitStack() as stack:
            db = stack.enter_context(cluster.fresh_database())
            bridge = stack.enter_context(bridge_for(db))
            stack.enter_context(routed(bridge))
            yield db, stack.enter_context(SupabaseStore.from_settings(store_settings()))
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reads", type=int, default=500)
    parser.add_argument("--publishes", type=int, default=10)
    args = parser.parse_args()
    tenant = Tenant(id=TENANT, name="Bench Firm", sources={})
    print(__doc__)
    with tempfile.TemporaryDirectory() as tmp, SqliteStore(Path(tmp) / "b.sqlite3") as lite:
        lite.put_tenant(tenant)
        print("\nSQLite (file in a temporary folder, WAL, synchronous=FULL):")
        measure(cast("RulesStore", lite), args)
    with postgres() as (db, supa):
        supa.put_tenant(tenant)
        print("\nPostgreSQL 15 via SupabaseStore + in-process PostgREST emulation (no network):")
        measure(cast("RulesStore", supa), args)
        print("\nPostgreSQL 15, the pointer read as SQL alone (worker role, JWT claims, one tx):")
        show("select number from rules_current", sql_pointer_read(db, args.reads), args.reads)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
