"""Webhook acknowledgement latency and a duplicate-heavy burst, on loopback.

    python bench/webhook_bench.py [--rate 50] [--seconds 20] [--burst 2000] [--duplicates 0.2]

Starts `timebill serve` (uvicorn, SQLite store, in-process worker, outbox writer, Claude off)
on 127.0.0.1 in a temporary folder, then:
  1. steady rate: signed Clockify deliveries of real demo-month descriptions at --rate per
     second for --seconds; prints server-side (Server-Timing) and client-side p50/p99 in ms;
  2. burst: --burst deliveries from 20 threads, --duplicates of them exact redeliveries;
     waits for the worker to finish, then counts, from the store and the outbox: items lost
     (accepted but not in a final state), items processed more than once (attempts > 1 or
     more than one outbox record), and items per final state.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app.adapters.outbox_writer import record_name  # noqa: E402
from app.adapters.sqlite_store import SqliteStore  # noqa: E402
from app.domain.entries import Source  # noqa: E402
from app.domain.inbox import FINAL, Status  # noqa: E402
from app.service.local import DEMO_ACCOUNTS, demo_entry, ensure_demo_tenant  # noqa: E402
from app.sources.signing import sample_body, signed_headers  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def descriptions() -> list[str]:
    with (REPO / "examples/demo_firm/data/month.csv").open(newline="", encoding="utf-8") as f:
        return [
            row["Description"] for row in csv.DictReader(f) if row["Client"] == "Northwind Freight"
        ]


class Sender:
    def __init__(self, url: str, secret: str) -> None:
        self.url, self.secret = url, secret
        self.texts = descriptions()
        self.client = httpx.Client(timeout=10)

    def delivery(self, n: int) -> tuple[bytes, dict[str, str]]:
        fields = demo_entry(Source.CLOCKIFY, self.texts[n % len(self.texts)])
        body = sample_body(
            Source.CLOCKIFY, account=DEMO_ACCOUNTS[Source.CLOCKIFY], id=f"bench{n:08d}", **fields
        )
        return body, signed_headers(Source.CLOCKIFY, body, self.secret)

    def post(self, body: bytes, headers: dict[str, str]) -> tuple[float, float, int]:
        started = time.perf_counter()
        response = self.client.post(self.url, content=body, headers=headers)
        client_ms = (time.perf_counter() - started) * 1000
        server_ms = float(response.headers.get("server-timing", "app;dur=nan").split("dur=")[1])
        return server_ms, client_ms, response.status_code


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def steady(sender: Sender, rate: int, seconds: int) -> int:
    server, client = [], []
    start = time.perf_counter()
    n = 0
    while (elapsed := time.perf_counter() - start) < seconds:
        due = start + n / rate
        if due > time.perf_counter():
            time.sleep(due - time.perf_counter())
        s, c, status = sender.post(*sender.delivery(n))
        assert status == 200, status
        server.append(s)
        client.append(c)
        n += 1
    del elapsed
    print(f"steady: {n} deliveries at {rate}/s over {seconds} s")
    print(
        f"  ack latency server-side (Server-Timing): p50 {pct(server, 0.5):.2f} ms  p99 {pct(server, 0.99):.2f} ms  max {max(server):.2f} ms"
    )
    print(
        f"  ack latency client-side (loopback):      p50 {pct(client, 0.5):.2f} ms  p99 {pct(client, 0.99):.2f} ms"
    )
    return n


def burst(sender: Sender, first: int, total: int, dup_share: float) -> set[str]:
    rng = random.Random(7)
    unique = int(total * (1 - dup_share))
    plan = [first + i for i in range(unique)]
    plan += [rng.choice(plan) for _ in range(total - unique)]
    rng.shuffle(plan)
    prepared = {n: sender.delivery(n) for n in set(plan)}
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda n: sender.post(*prepared[n])[2], plan))
    took = time.perf_counter() - started
    print(
        f"burst: {total} deliveries ({total - unique} duplicates) from 20 threads in {took:.2f} s; non-200: {sum(s != 200 for s in statuses)}"
    )
    return {f"bench{n:08d}" for n in set(plan)}


def audit(db: Path, outbox: Path, expected: set[str], wait_s: float = 120) -> None:
    store = SqliteStore(db)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        items = store.items("demo", limit=100_000)
        if all(i.status in FINAL for i in items):
            break
        time.sleep(0.5)
    by_entry = {}
    for item in items:
        if item.entry and item.entry.external_id in expected:
            by_entry.setdefault(item.entry.external_id, []).append(item)
    # One outbox file per entry (named after it): an entry written twice would still be one
    # file, so "processed twice" also counts items with more than one attempt.
    names = {record_name(f"clockify:{entry}") for entry in by_entry}
    records = [p for p in (outbox / "demo").glob("*.json") if p.name in names]
    lost = len(expected - set(by_entry)) + sum(
        1 for its in by_entry.values() for i in its if i.status not in FINAL
    )
    doubled = sum(1 for its in by_entry.values() if len(its) > 1) + sum(
        1 for its in by_entry.values() for i in its if i.attempts > 1
    )
    states: dict[Status, int] = {}
    for its in by_entry.values():
        for i in its:
            states[i.status] = states.get(i.status, 0) + 1
    print(f"  unique entries {len(expected)}: lost {lost}, processed more than once {doubled}")
    print(
        f"  final states: {', '.join(f'{s.value} {n}' for s, n in sorted(states.items()))}; outbox records for them {len(records)}"
    )
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rate", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--burst", type=int, default=2000)
    parser.add_argument("--duplicates", type=float, default=0.2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db, outbox = work / "bench.sqlite3", work / "outbox"
        store = SqliteStore(db)
        secret = ensure_demo_tenant(store).sources[Source.CLOCKIFY].secrets[0].get_secret_value()
        store.close()
        port = free_port()
        env = {
            **os.environ,
            "TIMEBILL_SQLITE_PATH": str(db),
            "TIMEBILL_OUTBOX_DIR": str(outbox),
            "TIMEBILL_LLM_PROVIDER": "none",
            "TIMEBILL_RULES_DIR": str(REPO / "sow_rules"),
        }
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
            for _ in range(100):
                try:
                    if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            sender = Sender(f"{base}/webhooks/clockify/demo", secret)
            sent = steady(sender, args.rate, args.seconds)
            expected = burst(sender, sent, args.burst, args.duplicates)
            audit(db, outbox, expected)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
