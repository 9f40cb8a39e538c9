"""Entries through their whole life against a local fake QuickBooks; prints the figures.

    python bench/lifecycle_bench.py [--entries 2000] [--threads 4] [--seed 11] [--shm]

2,000 Clockify entries delivered as signed webhooks through the app: every entry created, 30%
edited (a third of those twice, both edits delivered together so two workers hold versions of
one entry at once), 10% deleted, 20% of the deliveries sent twice, the entries a rule flags
approved by a person with 5% of all entries double-submitted (two approvals at once). The
production worker (4 threads) writes through the production QuickBooks writer and reader:
python-quickbooks, through ``responses``, against ``tests/quickbooks/fake_server.py``, which
honours ``requestid`` and ``SyncToken``. The SQLite store is the embedded one (``--shm`` puts
its file in /dev/shm to leave the disk's fsyncs out of the time). At the end it counts, from
the fake QuickBooks: live TimeActivities per live entry, duplicates, records holding an older
version, records of deleted entries; and from the store: items per state, and the running totals
of hours per person-day (``app.service.live_sums``) against the live entries' hours. Not a test:
the same run at 200 entries is ``tests/functional/test_lifecycle.py``.
"""

from __future__ import annotations

import argparse
import faulthandler
import signal
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx2  # noqa: E402

httpx2.alias_httpx()  # as the test suite runs: one httpx for every library

from tests.functional.lifecycle import invariants, simulate  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--shm", action="store_true", help="SQLite file in /dev/shm")
    args = parser.parse_args()
    faulthandler.register(signal.SIGUSR1, all_threads=True)  # kill -USR1: where is it?
    where = "/dev/shm" if args.shm else None
    with tempfile.TemporaryDirectory(prefix="timebill-lifecycle-", dir=where) as folder:
        f = simulate(args.entries, Path(folder), seed=args.seed, threads=args.threads)
    print(
        f"entries                 {f.entries}  (live {f.live_entries}, deleted {f.deleted_entries})"
    )
    print(f"edits delivered         {f.edits}")
    print(f"deliveries              {f.deliveries}  ({f.duplicate_deliveries} sent twice)")
    print(
        f"inbox items             {f.accepted}  "
        + ", ".join(f"{status} {n}" for status, n in sorted(f.statuses.items()))
    )
    print(
        f"approvals               {f.approvals} applied; {f.double_submits} double submits, "
        f"{f.refused_submits} second submits refused"
    )
    print("quickbooks calls        " + ", ".join(f"{k} {v}" for k, v in f.qbo.items()))
    print(f"live TimeActivities     {f.live_records}  for {f.live_entries} live entries")
    print(f"duplicates              {f.duplicates}")
    print(f"holding an old version  {f.stale_content}")
    print(f"live entry, no record   {f.missing}")
    print(f"records of deleted      {f.records_of_deleted}")
    summed = sum(f.day_totals.values(), Decimal(0))
    print(f"person-day totals       {summed:.2f} h over {len(f.day_totals)} person-days"
          f"  (the live entries' hours: {f.day_expected:.2f} h)")  # fmt: skip
    print(
        f"time                    {f.seconds:.1f} s ({f.seconds / f.entries * 1000:.1f} ms "
        f"per entry, {args.threads} worker threads, store on "
        f"{'/dev/shm' if args.shm else 'disk'})"
    )
    broken = invariants(f)
    print("invariants              " + ("hold" if not broken else "BROKEN: " + "; ".join(broken)))
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
