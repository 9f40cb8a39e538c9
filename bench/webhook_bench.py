"""Webhook acknowledgement under a fixed arrival rate, a duplicate-heavy burst checked in the
store, and the same at a million preloaded rows, on loopback.

    python bench/webhook_bench.py [--rates 50,200] [--seconds 20] [--burst 2000]
                                  [--duplicates 0.2] [--preload 1000000]
                                  [--servers intake,serve] [--worker during|after] [--big FILE]

Two servers, each on a SQLite store in a temporary folder (outbox writer, Claude off):
  intake: the deployed shape. uvicorn (one process, one event loop) serves the HTTP Lambda's
     app (app.lambdas.http: verify, normalise, insert into the inbox, enqueue); its queue is
     SQS through boto3, pointed at a local stand-in (bench/local_sqs.py: answers SendMessage,
     holds the jobs); the worker Lambda's handler runs in another process and takes batches of
     10 from the stand-in, as the event source mapping would. --worker during (default): that
     process works while deliveries arrive (it shares the machine's cores, not the server's
     interpreter); after: it starts once the open-loop phases are over, as when the worker runs
     on other machines. No uvicorn access log (the HTTP Lambda has none).
  serve: `timebill serve` as a user runs it: the worker thread that classifies and writes
     every delivery shares the server's process and its interpreter lock.
For each, with the inbox empty:
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
     For intake, also the SendMessage calls the stand-in answered.
Then a store with --preload rows bulk-loaded in SQL (bench/inbox_scale.py: cloned from the
items the first server's phase 1 made, spread over two years, 92% posted; --big FILE keeps it
there and reuses it next time), each server on its own copy of it, and the open loop again;
last, in process on that file: the review page's query, the sweep's queries and retention
chunks (bench/inbox_scale.py). --preload 0 (and no --big) skips the second part.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import resource
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from inbox_scale import measure, preload  # noqa: E402
from local_sqs import counts  # noqa: E402

from app.adapters.sqlite_store import SqliteStore  # noqa: E402
from app.domain.entries import Source  # noqa: E402
from app.service.local import DEMO_ACCOUNTS, demo_entry, ensure_demo_tenant  # noqa: E402
from app.sources.signing import sample_body, signed_headers  # noqa: E402

Delivery = tuple[bytes, dict[str, str]]
WARM = 90_000_000  # entry ids of the warm-up deliveries: bench90000000 upwards
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


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def open_loop(up: Running, deliveries: Deliveries, first: int, rate: int, seconds: int) -> int:
    batch = [deliveries.make(first + i) for i in range(rate * seconds)]  # signed before the clock
    cpu_before, wall_before = cpu_seconds(up.pid), time.perf_counter()
    results = asyncio.run(_open_loop(up.url, batch, rate))
    busy = (cpu_seconds(up.pid) - cpu_before) / (time.perf_counter() - wall_before)
    ok = [r for r in results if r[3] == 200]
    latency, lag = [r[0] for r in ok], [r[1] for r in results]
    timing = [r[2] for r in ok]
    achieved = len(ok) / max(r[4] for r in results)
    refused = Counter(str(r[3] or "no answer") for r in results if r[3] != 200)
    print(
        f"  open loop {rate}/s for {seconds} s: {len(results)} sent, {len(results) - len(ok)} not 200 {dict(refused) or ''}; achieved {achieved:.1f} answers/s"
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
    print(
        f"    server process CPU over the phase: {busy:.0%} of one core (a process held to one core by its interpreter lock saturates at 100%)"
    )
    return first + len(batch)


def warm_up(url: str, deliveries: Deliveries, n: int) -> None:
    """One delivery before the clock: the first builds the services (and the SQS client), which
    belongs to a cold start (bench/cold_start.py), not to the steady phase measured here."""
    body, headers = deliveries.make(n)
    started = time.perf_counter()
    status = httpx.post(url, content=body, headers=headers, timeout=60).status_code
    took = (time.perf_counter() - started) * 1000
    print(f"  first delivery (warm-up, not counted): {status} in {took:.0f} ms")


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


def check_store(db: Path, expected: set[str], wait_s: float = 600) -> None:
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


SERVERS = {
    "intake": "the HTTP Lambda's app (app.lambdas.http) under uvicorn, intake only: verify,"
    " insert, SQS SendMessage (boto3) to a local stand-in; the worker Lambda's handler in"
    " another process (bench/local_sqs.py)",
    "serve": "`timebill serve`: the worker thread that classifies and writes shares the"
    " server's process (and its interpreter lock)",
}


def _wait_healthy(base: str) -> None:
    for _ in range(300):
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"the server at {base} did not answer /healthz")


@dataclass
class Running:
    """A server up: where to post, and for ``intake`` the SQS stand-in and how to start the
    worker process (``--worker after`` starts it once the open-loop phases are over)."""

    url: str
    pid: int = 0
    queue_url: str | None = None
    start_worker: Callable[[], None] = lambda: None


@contextmanager
def serving(kind: str, work: Path, db: Path, worker: str) -> Iterator[Running]:
    """The server (and for ``intake`` the SQS stand-in and the worker process), running."""
    env = {
        **os.environ,
        "TIMEBILL_SQLITE_PATH": str(db),
        "TIMEBILL_OUTBOX_DIR": str(work / "outbox"),
        "TIMEBILL_LLM_PROVIDER": "none",
        "TIMEBILL_RULES_DIR": str(REPO / "sow_rules"),
        "TIMEBILL_QBO_MAPPING_PATH": str(REPO / "examples/demo_firm/qbo_mapping.yaml"),
    }
    port, bin_dir = free_port(), Path(sys.executable).parent
    quiet: dict[str, Any] = {
        "cwd": work,
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
    }
    children: list[subprocess.Popen[bytes]] = []
    running = Running(f"http://127.0.0.1:{port}/webhooks/clockify/demo")
    if kind == "serve":
        command = [str(bin_dir / "timebill"), "serve", "--port", str(port)]
    else:
        sqs_port = free_port()
        url = f"http://127.0.0.1:{sqs_port}"
        running.queue_url = f"{url}/000000000000/jobs"
        env |= {
            "AWS_ENDPOINT_URL_SQS": url, "AWS_DEFAULT_REGION": "eu-west-1",
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
            "TIMEBILL_QUEUE": "sqs", "TIMEBILL_SQS_QUEUE_URL": running.queue_url,
        }  # fmt: skip
        stand_in = [sys.executable, str(REPO / "bench/local_sqs.py")]
        children.append(subprocess.Popen([*stand_in, "queue", str(sqs_port)], env=env, **quiet))

        def start_worker() -> None:
            if len(children) == 2:  # the stand-in and the server: no worker yet
                worker_cmd = [*stand_in, "work", running.queue_url or ""]
                children.append(subprocess.Popen(worker_cmd, env=env, **quiet))

        running.start_worker = start_worker
        command = [sys.executable, "-m", "uvicorn", "app.lambdas.http:app", "--port", str(port),
                   "--no-access-log", "--log-level", "warning"]  # fmt: skip
        env["PYTHONPATH"] = str(REPO)
    children.append(subprocess.Popen(command, env=env, **quiet))
    running.pid = children[-1].pid
    try:
        _wait_healthy(f"http://127.0.0.1:{port}")
        if worker == "during":
            running.start_worker()
        yield running
    finally:
        for child in reversed(children):
            child.terminate()
            child.wait(timeout=30)


def new_store(db: Path) -> str:
    with SqliteStore(db) as store:
        return ensure_demo_tenant(store).sources[Source.CLOCKIFY].secrets[0].get_secret_value()


def big_store(args: argparse.Namespace, template: Path, work: Path) -> tuple[Path, datetime]:
    """The preloaded store: --big FILE if it exists, else built from ``template`` (and kept at
    FILE when given). Each server then runs on its own copy, so every phase starts equal."""
    pristine = Path(args.big) if args.big else work / "big.pristine.sqlite3"
    if pristine.exists():
        with sqlite3.connect(pristine) as conn:
            rows = conn.execute("SELECT count(*) FROM inbox").fetchone()[0]
        print(f"preloaded store reused: {pristine.name}, {rows:,} rows")
        return pristine, datetime.fromtimestamp(pristine.stat().st_mtime, UTC)
    new_store(pristine)
    now = datetime.now(UTC)
    took = preload(pristine, template, args.preload, now)
    size = pristine.stat().st_size / 1e9
    print(f"{args.preload:,} rows preloaded in SQL in {took:.1f} s ({size:.2f} GB file)")
    return pristine, now


def copy_of(pristine: Path, work: Path, kind: str) -> Path:
    target = work / f"big-{kind}.sqlite3"
    shutil.copyfile(pristine, target)
    return target


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
    parser.add_argument(
        "--servers", default="intake,serve", help=f"comma-separated, of {', '.join(SERVERS)}"
    )
    parser.add_argument(
        "--worker",
        choices=("during", "after"),
        default="during",
        help="intake: the worker process runs during the open loop, or starts after it",
    )
    parser.add_argument("--big", help="the preloaded store: reused if it exists, else kept here")
    args = parser.parse_args()
    rates = [int(r) for r in args.rates.split(",")]
    kinds = [k for k in args.servers.split(",") if k]
    if unknown := set(kinds) - set(SERVERS):
        raise SystemExit(f"--servers: unknown {', '.join(sorted(unknown))}")
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
        n, template = 0, work / "empty-intake.sqlite3"
        for kind in kinds:
            db = work / f"empty-{kind}.sqlite3"
            deliveries = Deliveries(new_store(db))
            print(f"\n[{kind}] {SERVERS[kind]}\ninbox empty at start:")
            with serving(kind, work, db, args.worker) as up:
                warm_up(up.url, deliveries, WARM + len(kind))
                for rate in rates:
                    n = open_loop(up, deliveries, n, rate, args.seconds)
                up.start_worker()
                expected = burst(up.url, deliveries, n, args.burst, args.duplicates)
                check_store(db, expected)
                if up.queue_url:
                    found = counts(up.queue_url)
                    print(
                        f"    SQS stand-in: {found['sent']} SendMessage calls answered, {found['held']} jobs still held"
                    )
                n += args.burst
            template = db
        if args.preload <= 0 and not args.big:
            return
        pristine, now = big_store(args, template, work)
        for kind in kinds:
            big = copy_of(pristine, work, kind)
            deliveries = Deliveries(new_store(big))
            print(f"\n[{kind}] with the preloaded rows:")
            with serving(kind, work, big, args.worker) as up:
                warm_up(up.url, deliveries, WARM + 10 + len(kind))
                for rate in rates:
                    n = open_loop(up, deliveries, n, rate, args.seconds)
        measure(big, now)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
