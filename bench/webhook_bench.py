"""Webhook acknowledgement under a fixed arrival rate, a duplicate-heavy burst checked in the
store, and the same at a million preloaded rows, on loopback.

    python bench/webhook_bench.py [--rates 50,200] [--seconds 20] [--burst 2000]
                                  [--duplicates 0.2] [--preload 1000000]

Starts `timebill serve` (uvicorn, SQLite store, in-process worker, outbox writer, Claude off)
on 127.0.0.1 in a temporary folder, then, with the inbox empty:
  1. open loop at each --rates value for --seconds: signed Clockify deliveries (demo-month
     descriptions, signed before the clock starts) are sent at fixed times start + i/rate,
     each on its own task and its own connection, whether or not earlier ones were answered
     (no waiting for replies and no client connection pool, so a slow server builds a queue
     instead of slowing the sender). Latency runs from the scheduled time to the response: it
     includes any queueing, on the server or in the sender.
     Prints p50/p99/max of that, the server's own Server-Timing p50/p99, how late the sender
     sent (its own lag), and the achieved rate (answers per second over the phase);
  2. burst: --burst deliveries from 20 threads, --duplicates of them exact redeliveries; waits
     for the worker, then counts in the store (not the outbox folder, which keeps one file per
     entry whatever happens): per entry, inbox items, items tried more than once, writes
     recorded (`writes` rows), completed writes (audit lines reaching `posted`) and the
     records its ledger holds (`entry_ledger`): an entry written twice shows up in these.
Then a new store gets --preload rows bulk-loaded in SQL (bench/inbox_scale.py: cloned from
the items phase 1 made, spread over two years, 92% posted), the server starts on it, and the
open loop runs again; last, in process on that file: the review page's query, the sweep's
queries and retention chunks (bench/inbox_scale.py). --preload 0 skips the second part.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import resource
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from inbox_scale import measure, preload  # noqa: E402

from app.adapters.sqlite_store import SqliteStore  # noqa: E402
from app.domain.entries import Source  # noqa: E402
from app.service.local import DEMO_ACCOUNTS, demo_entry, ensure_demo_tenant  # noqa: E402
from app.sources.signing import sample_body, signed_headers  # noqa: E402

Delivery = tuple[bytes, dict[str, str]]
FINAL_SQL = "('posted', 'needs_review', 'skipped')"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def descriptions() -> list[str]:
    with (REPO / "examples/demo_firm/data/month.csv").open(newline="", encoding="utf-8") as f:
        return [
            row["Description"] for row in csv.DictReader(f) if row["Client"] == "Northwind Freight"
        ]


class Deliveries:
    """Signed Clockify deliveries of demo descriptions, entry ids bench00000000 upwards."""

    def __init__(self, secret: str) -> None:
        self.secret, self.texts = secret, descriptions()

    def make(self, n: int) -> Delivery:
        fields = demo_entry(Source.CLOCKIFY, self.texts[n % len(self.texts)])
        body = sample_body(
            Source.CLOCKIFY, account=DEMO_ACCOUNTS[Source.CLOCKIFY], id=f"bench{n:08d}", **fields
        )
        return body, signed_headers(Source.CLOCKIFY, body, self.secret)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def server_ms(response: httpx.Response) -> float:
    return float(response.headers.get("server-timing", "app;dur=nan").split("dur=")[1])


async def _post(
    host: str, port: int, path: str, body: bytes, headers: dict[str, str]
) -> tuple[int, float]:
    """One POST on its own connection (Connection: close): no client pool to queue in, so
    under load the queue forms at the server, where it is measured."""
    reader, writer = await asyncio.open_connection(host, port)
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Length: {len(body)}\r\n{head}Connection: close\r\n\r\n".encode()
        + body
    )
    await writer.drain()
    answer = await reader.read()
    writer.close()
    lines = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    timing = next(
        (ln.split("dur=")[1] for ln in lines if ln.lower().startswith("server-timing:")), "nan"
    )
    return int(lines[0].split()[1]), float(timing)


async def _open_loop(
    url: str, batch: list[Delivery], rate: float
) -> list[tuple[float, float, float, int, float]]:
    loop = asyncio.get_running_loop()
    parsed = httpx.URL(url)
    host, port, path = parsed.host, parsed.port or 80, parsed.raw_path.decode()
    start = loop.time() + 0.5

    async def one(i: int) -> tuple[float, float, float, int, float]:
        due = start + i / rate
        await asyncio.sleep(max(0.0, due - loop.time()))
        sent = loop.time()
        try:
            status, timing = await _post(host, port, path, *batch[i])
        except (OSError, ValueError, IndexError):
            status, timing = 0, float("nan")
        done = loop.time()
        return (done - due) * 1000, (sent - due) * 1000, timing, status, done - start

    return await asyncio.gather(*(one(i) for i in range(len(batch))))


def open_loop(url: str, deliveries: Deliveries, first: int, rate: int, seconds: int) -> int:
    batch = [deliveries.make(first + i) for i in range(rate * seconds)]  # signed before the clock
    results = asyncio.run(_open_loop(url, batch, rate))
    ok = [r for r in results if r[3] == 200]
    latency, lag = [r[0] for r in ok], [r[1] for r in results]
    timing = [r[2] for r in ok]
    achieved = len(ok) / max(r[4] for r in results)
    print(
        f"  open loop {rate}/s for {seconds} s: {len(results)} sent, {len(results) - len(ok)} not 200; achieved {achieved:.1f} answers/s"
    )
    print(
        f"    ack latency from the scheduled send (incl. queueing): p50 {pct(latency, 0.5):.2f} ms  p99 {pct(latency, 0.99):.2f} ms  max {max(latency):.2f} ms"
    )
    print(
        f"    server-side (Server-Timing):                          p50 {pct(timing, 0.5):.2f} ms  p99 {pct(timing, 0.99):.2f} ms"
    )
    print(
        f"    sender lag behind schedule:                           p50 {pct(lag, 0.5):.2f} ms  p99 {pct(lag, 0.99):.2f} ms"
    )
    return first + len(batch)


def burst(url: str, deliveries: Deliveries, first: int, total: int, dup_share: float) -> set[str]:
    rng = random.Random(7)
    unique = int(total * (1 - dup_share))
    plan = [first + i for i in range(unique)]
    plan += [rng.choice(plan) for _ in range(total - unique)]
    rng.shuffle(plan)
    prepared = {n: deliveries.make(n) for n in set(plan)}
    started = time.perf_counter()
    with httpx.Client(timeout=60) as client, ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(
            pool.map(
                lambda n: (
                    client.post(url, content=prepared[n][0], headers=prepared[n][1]).status_code
                ),
                plan,
            )
        )
    took = time.perf_counter() - started
    print(
        f"  burst: {total} deliveries ({total - unique} exact redeliveries) from 20 threads in {took:.2f} s; not 200: {sum(s != 200 for s in statuses)}"
    )
    return {f"bench{n:08d}" for n in set(plan)}


def check_store(db: Path, expected: set[str], wait_s: float = 300) -> None:
    """Writes per entry, counted in the store once the worker has finished the burst."""
    conn = sqlite3.connect(db)
    keys = ", ".join(f"'{e}'" for e in expected)
    entry = "json_extract(i.entry, '$.external_id')"
    mine = f"i.tenant = 'demo' AND {entry} IN ({keys})"
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        left = conn.execute(
            f"SELECT count(*) FROM inbox i WHERE {mine} AND i.status NOT IN {FINAL_SQL}"
        ).fetchone()[0]
        if left == 0:
            break
        time.sleep(0.5)
    per_entry = {e: [0, 0, 0, 0, 0] for e in expected}  # items, retried, writes, posted, ledger
    queries = [
        f"SELECT {entry}, count(*) FROM inbox i WHERE {mine} GROUP BY 1",
        f"SELECT {entry}, count(*) FROM inbox i WHERE {mine} AND i.attempts > 1 GROUP BY 1",
        f"SELECT {entry}, count(*) FROM writes w JOIN inbox i ON i.tenant = w.tenant AND i.id = w.item_id WHERE {mine} GROUP BY 1",
        f"SELECT {entry}, count(*) FROM audit a JOIN inbox i ON i.tenant = a.tenant AND i.id = a.item_id WHERE {mine} AND a.status = 'posted' GROUP BY 1",
        f"SELECT substr(entry_key, 10), json_array_length(records) FROM entry_ledger WHERE tenant = 'demo' AND substr(entry_key, 10) IN ({keys})",
    ]
    for column, sql in enumerate(queries):
        for key, n in conn.execute(sql):
            per_entry[key][column] = n
    states = dict(
        conn.execute(f"SELECT i.status, count(*) FROM inbox i WHERE {mine} GROUP BY 1").fetchall()
    )
    conn.close()
    counts = list(per_entry.values())
    print(
        f"  in the store, {len(expected)} distinct entries ({', '.join(f'{k} {v}' for k, v in sorted(states.items()))}):"
    )
    print(
        f"    lost (no item, or not final): {sum(c[0] == 0 for c in counts) + sum(states.get(s, 0) for s in ('received', 'processing', 'retrying', 'dead_letter'))}"
    )
    print(
        f"    entries with more than one inbox item: {sum(c[0] > 1 for c in counts)}; items tried more than once: {sum(c[1] for c in counts)}"
    )
    print(
        f"    entries with more than one write recorded: {sum(c[2] > 1 for c in counts)}; more than one completed write (audit 'posted'): {sum(c[3] > 1 for c in counts)}"
    )
    print(
        f"    ledger records per posted entry: {sorted({c[4] for c in counts if c[3]})} (1 = one record per entry)"
    )


@contextmanager
def serving(work: Path, db: Path) -> Iterator[str]:
    env = {
        **os.environ,
        "TIMEBILL_SQLITE_PATH": str(db),
        "TIMEBILL_OUTBOX_DIR": str(work / "outbox"),
        "TIMEBILL_LLM_PROVIDER": "none",
        "TIMEBILL_RULES_DIR": str(REPO / "sow_rules"),
    }
    port = free_port()
    exe = Path(sys.executable).parent / "timebill"
    server = subprocess.Popen(
        [str(exe), "serve", "--port", str(port)],
        env=env,
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield f"{base}/webhooks/clockify/demo"
    finally:
        server.terminate()
        server.wait(timeout=30)


def new_store(db: Path) -> str:
    with SqliteStore(db) as store:
        return ensure_demo_tenant(store).sources[Source.CLOCKIFY].secrets[0].get_secret_value()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--rates", default="50,200", help="arrival rates per second, comma-separated"
    )
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--burst", type=int, default=2000)
    parser.add_argument("--duplicates", type=float, default=0.2)
    parser.add_argument("--preload", type=int, default=1_000_000)
    args = parser.parse_args()
    rates = [int(r) for r in args.rates.split(",")]
    # Every request in flight holds a connection in the sender and in the server (which
    # inherits this): raise the open-file limit to the hard limit.
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    print(__doc__)
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start; client and server share it"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = work / "bench.sqlite3"
        deliveries = Deliveries(new_store(db))
        print("inbox empty at start:")
        n = 0
        with serving(work, db) as url:
            for rate in rates:
                n = open_loop(url, deliveries, n, rate, args.seconds)
            expected = burst(url, deliveries, n, args.burst, args.duplicates)
            check_store(db, expected)
            n += args.burst
        if args.preload <= 0:
            return
        big = work / "big.sqlite3"
        deliveries = Deliveries(new_store(big))
        now = datetime.now(UTC)
        took = preload(big, db, args.preload, now)
        print(
            f"{args.preload:,} rows preloaded in SQL in {took:.1f} s ({big.stat().st_size / 1e9:.2f} GB file):"
        )
        with serving(work, big) as url:
            for rate in rates:
                n = open_loop(url, deliveries, n, rate, args.seconds)
        measure(big, now)


if __name__ == "__main__":
    main()
