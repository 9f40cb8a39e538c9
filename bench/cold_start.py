"""Cold start, paired: a fresh interpreter imports a Lambda handler and answers its first event,
timed against a bare handler doing the least the same job needs, in the same run.

    python bench/cold_start.py [--pairs 15] [--queue thread|sqs] [--tree DIR]

HTTP: ``app.lambdas.http.handler`` given one signed Toggl delivery (the sam-generated HTTP API
event of tests/data/lambda) against ``bench/cold_bare_http.py`` (FastAPI + Mangum + the same
HMAC check + one SQLite insert). Worker: ``app.lambdas.worker.handler`` given one SQS record
for an inbox item waiting in the store (rules, memory, the outbox writer; no model) against
``bench/cold_bare_sqs.py`` (parse the record, one SQLite update), and again against
``bench/cold_bare_sqs_pydantic.py`` (the same, validating the job and a decision with pydantic:
what of the worker's start is pydantic itself, what is timebill's own code).

``--queue thread`` (default): timebill's embedded set-up, the worker thread held back by
nothing (it starts building the classifier once the job is enqueued, while the answer is
still being sent: it competes for the interpreter, as it does under ``timebill serve``).
``--queue sqs``: the deployed shape: boto3 sends the job to a local stand-in that answers
SQS ``SendMessage`` (in this script; no account, no network); the bare HTTP handler then sends
one SQS message too, through boto3, like timebill.

``--rules store`` (default): the demo rules are published for the tenant in the store, as
``timebill rules import`` does: the deployed shape (each version's rule book kept with it since
migration 0017). ``--rules store-history``: published with the demo firm's approved history,
as ``timebill rules import --history`` does: the version keeps what the back-test measured
and the history teaches the tenant's memory, which the worker loads at its first message (a
tenant imported with its history). ``--rules folder``: no stored version; the rules folder of
the embedded set-up (``TIMEBILL_RULES_DIR``), parsed from its YAML at the first message.

``--tree DIR``: timebill's side runs from another copy of the repository (``git archive`` of an
older commit, say), with the handlers its template.yaml names and its stores prepared by its
own code (its schema): a before/after comparison.

Both run with the SQLite store. The deployed functions use Supabase and read SSM: neither can be
reached from here, so the script also prints the import cost of the Supabase adapter and of
boto3 (what the deployed set-up adds), measured the same way, and nothing more.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from app.adapters.sqlite_store import SqliteStore
from app.domain.entries import Source
from app.domain.inbox import Status
from app.service.intake import receive
from app.service.local import DEMO_ACCOUNTS, ensure_demo_tenant
from app.sources.signing import sample_body, signed_headers

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
EVENTS = REPO / "tests" / "data" / "lambda"
DEMO_HISTORY = REPO / "examples" / "demo_firm" / "data" / "history.csv"

METHOD = """method: each sample is a new interpreter (python -c, cwd = the repository, bytecode
  caches warm from one unrecorded run of each side). Inside it: perf_counter before the import
  of the handler's module, after it, and after the handler returned its answer to the first
  event; 'cpu' is the CPU time of that thread over the same span (time.thread_time: what
  the import and the first event cost, less what other processes' load adds; it leaves out
  waits for the disk and other threads' work, such as the local queue's worker); 'process' is
  the wall time of the whole child as the parent sees it (interpreter start-up and exit). Each pair runs timebill and the bare handler back to back, in
  alternating order (ABBA...), each on a fresh copy of its own store; the ratio of a pair is
  timebill's (import + first event) over the bare handler's, in wall time and in CPU time.
  Medians over the pairs.
  Machine: 2 shared cores, other work running: read the spread, not only the median."""

RUNNER = """
import json, os, sys, time
sys.path.insert(0, sys.argv[4])
event = json.loads(open(sys.argv[3]).read())
start, start_cpu = time.perf_counter(), time.thread_time()
import importlib
module = importlib.import_module(sys.argv[1])
imported = time.perf_counter()
answer = getattr(module, sys.argv[2])(event, None)
answered, answered_cpu = time.perf_counter(), time.thread_time()
print(json.dumps({"import_ms": (imported - start) * 1000, "first_ms": (answered - imported) * 1000,
                  "cpu_ms": (answered_cpu - start_cpu) * 1000,
                  "modules": len(sys.modules), "answer": answer}))
sys.stdout.flush()
os._exit(0)
"""

BARE_SCHEMA = """CREATE TABLE inbox (tenant TEXT, source TEXT, entry_id TEXT, body BLOB,
  status TEXT NOT NULL DEFAULT 'received', PRIMARY KEY (tenant, source, entry_id))"""


@dataclass
class Side:
    """One handler to start cold: its module, its first event, its store and environment."""

    name: str
    handler: str  # module.function
    event: Path
    pristine: Path  # copied to ``store`` before every run
    store: Path
    env: dict[str, str]
    cwd: Path = REPO

    def run(self) -> dict[str, Any]:
        for left in ("-wal", "-shm"):  # the last run's log would replay its writes
            Path(f"{self.store}{left}").unlink(missing_ok=True)
        shutil.copyfile(self.pristine, self.store)
        began = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", RUNNER, *self.handler.rsplit(".", 1), str(self.event),
             str(BENCH)],
            capture_output=True, text=True, check=False, cwd=self.cwd, env=self.env, timeout=300,
        )  # fmt: skip
        process_ms = (time.perf_counter() - began) * 1000
        if done.returncode != 0 or not done.stdout.strip():
            raise SystemExit(f"{self.name}: the child failed:\n{done.stderr[-2000:]}")
        found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        found["process_ms"] = process_ms
        found["total_ms"] = found["import_ms"] + found["first_ms"]
        return found


def http_event(body: bytes, headers: dict[str, str], path: Path) -> Path:
    event: dict[str, Any] = json.loads((EVENTS / "http_api_v2_stage_dev.json").read_text())
    event["headers"] = {k.lower(): v for k, v in headers.items()}
    event["body"], event["isBase64Encoded"] = base64.b64encode(body).decode(), True
    event["rawPath"] = event["requestContext"]["http"]["path"] = "/dev/webhooks/toggl/demo"
    path.write_text(json.dumps(event))
    return path


def sqs_event(tenant: str, item: str, path: Path) -> Path:
    record = json.loads((EVENTS / "sqs_receive_message.json").read_text())["Records"][0]
    record["body"] = json.dumps({"tenant": tenant, "item": item})
    path.write_text(json.dumps({"Records": [record]}))
    return path


def bare_store(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute(BARE_SCHEMA)
        conn.executemany("INSERT INTO inbox (tenant, source, entry_id) VALUES (?, ?, ?)", rows)
    conn.close()
    return path


class ListQueue(list[tuple[str, str]]):
    def enqueue(self, tenant: str, item_id: str) -> None:
        self.append((tenant, item_id))


def handlers(tree: Path) -> tuple[str, str]:
    """The HTTP and worker handlers template.yaml names (the api function comes first)."""
    named = re.findall(r"^\s+Handler: (\S+)$", (tree / "template.yaml").read_text(), re.M)
    return named[0], named[1]


def prepare(work: Path, rules: str) -> dict[str, Any]:
    """The pristine stores (run with the code of the tree measured, as a child: its schema):
    the demo tenant; for the worker, one delivery waiting in the inbox and, with ``rules ==
    "store"``, the demo rules published for the tenant as ``timebill rules import`` does."""
    store = SqliteStore(work / "timebill-http.pristine")
    secret = ensure_demo_tenant(store).sources[Source.TOGGL].secrets[0].get_secret_value()
    body = sample_body(Source.TOGGL, account=DEMO_ACCOUNTS[Source.TOGGL])
    headers = signed_headers(Source.TOGGL, body, secret)
    store.close()  # each pristine store is then one whole file (no WAL beside it) to copy
    shutil.copyfile(work / "timebill-http.pristine", work / "timebill-worker.pristine")
    waiting = SqliteStore(work / "timebill-worker.pristine")
    if rules in ("store", "store-history"):
        from app.cli.jobs.rules_store import read_rules_files  # noqa: PLC0415
        from app.review.history_seed import seed_memory  # noqa: PLC0415
        from app.rules.backtest import read_labelled  # noqa: PLC0415
        from app.rules.loader import load_rulebook_files  # noqa: PLC0415
        from app.rules.publish import Change, publish  # noqa: PLC0415

        change = Change(tenant="demo", files=read_rules_files(REPO / "sow_rules"),
                        approved_by="bench", source="bench", based_on=None,
                        now=datetime.now(UTC))  # fmt: skip
        history = None
        if rules == "store-history":  # as `rules import --history`: measured, memory taught
            history = read_labelled(DEMO_HISTORY, "Approved Code")[0]
        if publish(waiting, change, history=history).version is None:
            raise SystemExit("the demo rules could not be published")
        if history is not None:
            book = load_rulebook_files(change.files, "demo rules")
            seed_memory(waiting, "demo", book, history, now=change.now)
    queue = ListQueue()
    receive(waiting, queue, source_name="toggl", tenant_id="demo", headers=headers, body=body,
            now=datetime.now(UTC))  # fmt: skip
    [(tenant, item)] = queue
    waiting.close()
    return {"secret": secret, "tenant": tenant, "item": item, "headers": headers,
            "body": base64.b64encode(body).decode()}  # fmt: skip


def build_sides(
    work: Path, env: dict[str, str], tree: Path, rules: str
) -> dict[str, tuple[Side, Side]]:
    """``{"http": (timebill, bare), "worker": ..., "worker-pydantic": ...}``, stores prepared."""
    http_handler, worker_handler = handlers(tree)
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--prepare", str(work), "--rules", rules],
        capture_output=True, text=True, check=False, cwd=tree,
        env=env | {"PYTHONPATH": str(tree)}, timeout=300,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"preparing the stores failed:\n{done.stderr[-2000:]}")
    made = json.loads(done.stdout.strip().splitlines()[-1])
    secret, tenant, item = made["secret"], made["tenant"], made["item"]
    delivery = http_event(base64.b64decode(made["body"]), made["headers"], work / "http-event.json")
    timebill = env | {"TIMEBILL_API_BASE_PATH": "/dev", "TIMEBILL_LLM_PROVIDER": "none",
                      "TIMEBILL_OUTBOX_DIR": str(work / "outbox")}  # fmt: skip
    if rules == "folder":
        timebill["TIMEBILL_RULES_DIR"] = str(REPO / "sow_rules")
    bare = env | {"BARE_SECRET": secret}
    bare_http = bare_store(work / "bare-http.pristine", [])
    bare_sqs = bare_store(work / "bare-sqs.pristine", [(tenant, "toggl", item)])
    # The HTTP side keeps the rules folder whatever --rules says: with the local queue its
    # worker thread classifies the delivery while the answer is sent (what --queue thread
    # measures), and its store has no published rules.
    tb_http_env = timebill | {"TIMEBILL_SQLITE_PATH": str(work / "timebill-http.sqlite3"),
                              "TIMEBILL_RULES_DIR": str(REPO / "sow_rules")}  # fmt: skip
    tb_worker_env = timebill | {"TIMEBILL_SQLITE_PATH": str(work / "timebill-worker.sqlite3")}
    tb_worker_env.pop("TIMEBILL_QUEUE", None)  # the worker Lambda never enqueues
    worker = Side("timebill worker", worker_handler, sqs_event(tenant, item, work / "w.json"),
                  work / "timebill-worker.pristine", work / "timebill-worker.sqlite3",
                  tb_worker_env, tree)  # fmt: skip
    return {
        "http": (
            Side("timebill HTTP", http_handler, delivery, work / "timebill-http.pristine",
                 work / "timebill-http.sqlite3", tb_http_env, tree),
            Side("bare HTTP", "cold_bare_http.handler", delivery, bare_http, work / "bare-http.sqlite3",
                 bare | {"BARE_SQLITE_PATH": str(work / "bare-http.sqlite3")}),
        ),
        "worker": (
            worker,
            Side("bare SQS", "cold_bare_sqs.handler", sqs_event(tenant, item, work / "b.json"), bare_sqs,
                 work / "bare-sqs.sqlite3",
                 bare | {"BARE_SQLITE_PATH": str(work / "bare-sqs.sqlite3")}),
        ),
        "worker-pydantic": (
            worker,
            Side("bare SQS+pydantic", "cold_bare_sqs_pydantic.handler",
                 sqs_event(tenant, item, work / "b.json"), bare_sqs, work / "bare-sqs.sqlite3",
                 bare | {"BARE_SQLITE_PATH": str(work / "bare-sqs.sqlite3")}),
        ),
    }  # fmt: skip


def check(kind: str, side: Side, found: dict[str, Any]) -> None:
    """Each run must have done its job: an accepted delivery, a processed message."""
    answer = found["answer"]
    if kind == "http":
        ok = answer.get("statusCode") == 200 and json.loads(answer["body"])["accepted"] == 1
    else:
        ok = answer == {"batchItemFailures": []}
        if ok and side.handler.startswith("app."):
            store = SqliteStore(side.store)
            [item] = store.items("demo")
            store.close()
            ok = item.status != Status.RECEIVED
    if not ok:
        raise SystemExit(f"{side.name}: the first event was not handled: {answer}")


def paired(kind: str, sides: tuple[Side, Side], pairs: int) -> None:
    timebill, bare = sides
    for side in sides:  # unrecorded: writes the bytecode caches
        check(kind, side, side.run())
    runs: dict[str, list[dict[str, Any]]] = {timebill.name: [], bare.name: []}
    ratios: dict[str, list[float]] = {"total_ms": [], "cpu_ms": []}
    for i in range(pairs):
        order = sides if i % 4 in (0, 3) else sides[::-1]
        found = {}
        for side in order:
            found[side.name] = side.run()
            check(kind, side, found[side.name])
            runs[side.name].append(found[side.name])
        for key, pair_ratios in ratios.items():
            pair_ratios.append(found[timebill.name][key] / found[bare.name][key])
    print(f"\n{kind}: {pairs} pairs (medians)")
    columns = ("import_ms", "first_ms", "total_ms", "cpu_ms", "process_ms")
    print(f"  {'':18}" + "".join(f"{c:>10}" for c in ("import", "first", "imp+first",
                                                       "cpu", "process")) + "   modules")  # fmt: skip
    for name, found_runs in runs.items():
        med = [statistics.median(r[k] for r in found_runs) for k in columns]
        modules = statistics.median(r["modules"] for r in found_runs)
        print(f"  {name:18}" + "".join(f"{m:8.0f}ms" for m in med) + f"{modules:10.0f}")
    for key, label in (("total_ms", "wall"), ("cpu_ms", "CPU")):
        r = ratios[key]
        print(
            f"  ratio timebill/bare, import + first event, {label}: median "
            f"{statistics.median(r):.2f}x (pairs from {min(r):.2f}x to {max(r):.2f}x)"
        )


def import_cost(modules: str, env: dict[str, str], runs: int) -> float:
    """Median ms to import ``modules`` in a fresh interpreter after the HTTP Lambda's module
    (what it adds to a cold start that already paid for FastAPI, pydantic and the app)."""
    code = (
        "import time, app.lambdas.http\nt = time.perf_counter()\n"
        f"import {modules}\nprint((time.perf_counter() - t) * 1000)"
    )
    found = []
    for _ in range(runs + 1):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, cwd=REPO, env=env)  # fmt: skip
        found.append(float(done.stdout))
    return statistics.median(found[1:])


class _SendMessage(BaseHTTPRequestHandler):
    """Answers SQS ``SendMessage`` (the AWS JSON protocol botocore speaks to SQS) and nothing
    else: what the first enqueue needs, without a network or an account."""

    received: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        request = json.loads(self.rfile.read(int(self.headers["content-length"])))
        _SendMessage.received.append(request["MessageBody"])
        digest = hashlib.md5(request["MessageBody"].encode(), usedforsecurity=False).hexdigest()
        answer = json.dumps({"MessageId": str(uuid.uuid4()), "MD5OfMessageBody": digest}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/x-amz-json-1.0")
        self.send_header("content-length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *_: object) -> None:
        pass


@contextmanager
def local_sqs(env: dict[str, str]) -> Iterator[dict[str, str]]:
    """A local SendMessage endpoint; the environment that points boto3 (both sides) at it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SendMessage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield env | {
            "AWS_ENDPOINT_URL_SQS": url, "AWS_DEFAULT_REGION": "eu-west-1",
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
            "TIMEBILL_QUEUE": "sqs", "TIMEBILL_SQS_QUEUE_URL": f"{url}/000000000000/jobs",
            "BARE_SQS_URL": f"{url}/000000000000/jobs",
        }  # fmt: skip
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=int, default=15)
    parser.add_argument("--queue", choices=("thread", "sqs"), default="thread")
    parser.add_argument("--only", choices=("http", "worker", "worker-pydantic"), default=None)
    parser.add_argument("--tree", type=Path, default=REPO, help="timebill's side runs from here")
    parser.add_argument("--rules", choices=("store", "store-history", "folder"), default="store")
    parser.add_argument("--prepare", type=Path, help=argparse.SUPPRESS)  # the child's job
    args = parser.parse_args()
    if args.prepare:
        print(json.dumps(prepare(args.prepare, args.rules)))
        return
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    print(f"cold start, paired (Python {sys.version.split()[0]}, queue: {args.queue}, "
          f"rules: {args.rules}, "
          f"timebill from {'this checkout' if args.tree == REPO else args.tree})")  # fmt: skip
    print(METHOD, flush=True)
    with (
        tempfile.TemporaryDirectory() as tmp,
        local_sqs(env) if args.queue == "sqs" else _same(env) as run_env,
    ):
        sides = build_sides(Path(tmp), run_env, args.tree.resolve(), args.rules)
        for kind in ("http", "worker", "worker-pydantic"):
            if args.only in (None, kind):
                paired(kind, sides[kind], args.pairs)
        if args.queue == "sqs" and args.only in (None, "http"):
            expected = 2 * (args.pairs + 1)  # one per HTTP run, warm-up included
            sent = len(_SendMessage.received)
            print(f"\nSQS SendMessage calls the stand-in answered: {sent} (expected {expected})")
    print("\nwhat the deployed set-up adds, imported after app.lambdas.http (median of 5):")
    for modules in ("app.adapters.supabase_store", "boto3", "app.adapters.aws_secrets"):
        print(f"  import {modules}: {import_cost(modules, env, 5):.0f} ms")
    print("  (not measured: the SSM GetParameters call and the Supabase requests; no network)")


@contextmanager
def _same(env: dict[str, str]) -> Iterator[dict[str, str]]:
    yield env


if __name__ == "__main__":
    main()
