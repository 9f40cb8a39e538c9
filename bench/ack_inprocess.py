"""Warm acknowledgement in one process, through the Lambda handler (Mangum): timebill's webhook
route with its ``async`` services dependency, the same route with a plain ``def`` dependency
(what it had before: FastAPI runs it in its thread pool), and the bare handler of
``bench/cold_bare_http.py``.

    python bench/ack_inprocess.py [--requests 2000] [--rounds 5]

Method (printed too): one process; a SQLite store in a temporary folder in memory (/dev/shm
when there is one, so fsync costs nothing and the disk's noise, which other work on this
machine varies tenfold, does not drown the CPU time compared here; timebill's own store, the
bare handler's plain table); a queue that records the job and does
nothing else, so no worker competes for the interpreter. Every request is a new signed Toggl
delivery (a new entry: verify, parse, insert, enqueue), given as the sam-generated HTTP API
event. After 200 unrecorded requests each, the three variants take turns in blocks of 50
requests (rotating which goes first) for ``--rounds`` rounds of ``--requests`` each; each
request is timed with perf_counter around the handler call. p50/p99 per variant, and their
ratios. Machine: 2 shared cores with other work: compare within the run.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import Request
from mangum import Mangum

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from app.adapters.sqlite_store import SqliteStore  # noqa: E402
from app.api.application import create_app  # noqa: E402
from app.api.deps import Services, services  # noqa: E402
from app.config import Settings  # noqa: E402
from app.domain.entries import Source  # noqa: E402
from app.service.local import DEMO_ACCOUNTS, ensure_demo_tenant  # noqa: E402
from app.service.services import utc_now  # noqa: E402
from app.sources.signing import sample_body, signed_headers  # noqa: E402

EVENT = REPO / "tests" / "data" / "lambda" / "http_api_v2_stage_dev.json"
BLOCK = 50
Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


class RecordingQueue(list[tuple[str, str]]):
    def enqueue(self, tenant: str, item_id: str) -> None:
        self.append((tenant, item_id))


def sync_services(request: Request) -> Services:
    """The dependency as it was: a plain function, so FastAPI calls it in a worker thread."""
    found: Services = request.app.state.services_factory()
    return found


class Deliveries:
    """Signed Toggl deliveries of new entries, one per call, as Lambda events."""

    def __init__(self, secret: str) -> None:
        self.secret, self.n = secret, 0
        self.template = json.loads(EVENT.read_text())
        self.template["rawPath"] = "/dev/webhooks/toggl/demo"
        self.template["requestContext"]["http"]["path"] = "/dev/webhooks/toggl/demo"

    def __call__(self) -> dict[str, Any]:
        self.n += 1
        body = sample_body(Source.TOGGL, account=DEMO_ACCOUNTS[Source.TOGGL], id=10_000 + self.n)
        headers = signed_headers(Source.TOGGL, body, self.secret)
        return {**self.template, "headers": {k.lower(): v for k, v in headers.items()},
                "body": base64.b64encode(body).decode(), "isBase64Encoded": True}  # fmt: skip


def variants(work: Path) -> tuple[dict[str, Handler], Deliveries]:
    settings = Settings(sqlite_path=work / "tb.sqlite3", llm_provider="none", api_base_path="/dev")
    store = SqliteStore(settings.sqlite_path)
    secret = ensure_demo_tenant(store).sources[Source.TOGGL].secrets[0].get_secret_value()
    svc = Services(settings, store, RecordingQueue(), utc_now)
    async_app = create_app(lambda: svc, review=False)
    sync_app = create_app(lambda: svc, review=False)
    sync_app.dependency_overrides[services] = sync_services
    os.environ["BARE_SECRET"] = secret
    os.environ["BARE_SQLITE_PATH"] = str(work / "bare.sqlite3")
    import sqlite3  # noqa: PLC0415

    with sqlite3.connect(work / "bare.sqlite3") as conn:
        conn.execute("CREATE TABLE inbox (tenant TEXT, source TEXT, entry_id TEXT, body BLOB, "
                     "status TEXT, PRIMARY KEY (tenant, source, entry_id))")  # fmt: skip
    conn.close()
    import cold_bare_http  # noqa: PLC0415

    handlers: dict[str, Handler] = {
        "timebill, async dependency": Mangum(async_app, lifespan="off", api_gateway_base_path="/dev"),
        "timebill, sync dependency": Mangum(sync_app, lifespan="off", api_gateway_base_path="/dev"),
        "bare FastAPI+HMAC+insert": cold_bare_http.handler,
    }  # fmt: skip
    return handlers, Deliveries(secret)


def timed(handler: Handler, event: dict[str, Any]) -> float:
    started = time.perf_counter()
    answer = handler(event, None)
    took = (time.perf_counter() - started) * 1000
    if answer["statusCode"] != 200 or json.loads(answer["body"])["accepted"] != 1:
        raise SystemExit(f"not accepted: {answer}")
    return took


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print("method:", __doc__.split("Method (printed too): ")[1].strip(), flush=True)
    memory = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(dir=memory) as tmp:
        handlers, delivery = variants(Path(tmp))
        names = list(handlers)
        for name in names:  # unrecorded warm-up
            for _ in range(200):
                timed(handlers[name], delivery())
        took: dict[str, list[float]] = {name: [] for name in names}
        p50s: dict[str, list[float]] = {name: [] for name in names}
        for _ in range(args.rounds):
            this_round: dict[str, list[float]] = {name: [] for name in names}
            for block in range(args.requests // BLOCK):
                shift = block % len(names)
                for name in names[shift:] + names[:shift]:
                    this_round[name] += [timed(handlers[name], delivery()) for _ in range(BLOCK)]
            for name in names:
                took[name] += this_round[name]
                p50s[name].append(statistics.median(this_round[name]))
        print(f"\n{args.rounds} rounds x {args.requests} requests per variant")
        for name in names:
            rounds = ", ".join(f"{p:.2f}" for p in p50s[name])
            print(f"  {name:28} p50 {pct(took[name], 0.5):.2f} ms  p99 {pct(took[name], 0.99):.2f} ms"
                  f"  (p50 per round: {rounds})")  # fmt: skip
        fast, slow, bare = (pct(took[name], 0.5) for name in names)
        print(f"  sync -> async dependency: p50 {slow:.2f} -> {fast:.2f} ms ({fast / slow:.2f}x)")
        print(f"  timebill (async) / bare: {fast / bare:.2f}x at p50")


if __name__ == "__main__":
    main()
