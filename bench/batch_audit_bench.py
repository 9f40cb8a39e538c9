"""A batch audit of the demo year through `timebill audit --claude --batch`, against a local
mock of Anthropic's Message Batches API (no key, no network).

    python bench/batch_audit_bench.py [--keep DIR]

Serves the three endpoints the official SDK calls (`POST /v1/messages/batches`,
`GET /v1/messages/batches/{id}`, `GET` its `results_url`) with the documented shapes
(tests/data/anthropic/README.md), then runs the real command twice on
examples/demo_firm/data/history.csv (15,966 entries, rules only, as `timebill demo` audits it):

  1. interrupted (SIGINT) while the batch is still `in_progress`, after it was created;
  2. the same command again: it must pick the batch up from the state file, not send again.

The mock answers each request from its own schema (the first code of the enum, confidence 0.9),
except a fixed share: every 40th errored (overloaded_error), every 50th expired, every 70th
canceled, every 60th not JSON. Prints requests sent, estimated tokens, cost per 1,000 entries
(batch vs online, from the state file's estimate), what came back, what merged and what went to
review. The answers are the mock's: this measures the plumbing, not Claude's accuracy.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
HISTORY = REPO / "examples" / "demo_firm" / "data" / "history.csv"
FAILURES = (("errored", 40), ("expired", 50), ("canceled", 70), ("not_json", 60))


class FakeBatches:
    """The batches the mock holds, and how often each endpoint was called."""

    def __init__(self) -> None:
        self.batches: dict[str, list[dict[str, Any]]] = {}
        self.calls = {"create": 0, "retrieve": 0, "results": 0}
        self.hold = True  # keep batches in_progress until released
        self.base = ""
        self.lock = threading.Lock()

    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            self.calls["create"] += 1
            batch_id = f"msgbatch_bench{len(self.batches) + 1:04d}"
            self.batches[batch_id] = body["requests"]
        return self.status(batch_id, count=False)

    def status(self, batch_id: str, *, count: bool = True) -> dict[str, Any]:
        if count:
            self.calls["retrieve"] += 1
        requests = self.batches[batch_id]
        ended = not self.hold and count
        kinds = [outcome(n) for n in range(len(requests))]
        tally = {k: sum(x == k for x in kinds) for k in ("errored", "expired", "canceled")}
        tally["succeeded"] = len(requests) - sum(tally.values())
        counts = {"processing": 0, **tally} if ended else {
            "processing": len(requests), "succeeded": 0, "errored": 0, "canceled": 0, "expired": 0,
        }  # fmt: skip
        return {
            "id": batch_id, "type": "message_batch", "archived_at": None,
            "cancel_initiated_at": None, "created_at": "2026-11-02T09:00:00Z",
            "ended_at": "2026-11-02T09:40:00Z" if ended else None,
            "expires_at": "2026-11-03T09:00:00Z",
            "processing_status": "ended" if ended else "in_progress", "request_counts": counts,
            "results_url": f"{self.base}/v1/messages/batches/{batch_id}/results" if ended else None,
        }  # fmt: skip

    def results(self, batch_id: str) -> bytes:
        self.calls["results"] += 1
        lines = [result_line(n, r) for n, r in enumerate(self.batches[batch_id])]
        return ("\n".join(json.dumps(line) for line in reversed(lines)) + "\n").encode()


def outcome(n: int) -> str:
    for kind, every in FAILURES:
        if n % every == every - 1:
            return kind
    return "succeeded"


def result_line(n: int, request: dict[str, Any]) -> dict[str, Any]:
    kind, params = outcome(n), request["params"]
    if kind == "errored":
        error = {"type": "overloaded_error", "message": "Overloaded"}
        result: dict[str, Any] = {"type": "errored", "error": {"type": "error", "error": error}}
    elif kind in ("expired", "canceled"):
        result = {"type": kind}
    else:
        code = params["output_config"]["format"]["schema"]["properties"]["code"]["enum"][0]
        answer = {"code": code, "confidence": 0.9, "reason": "Bench answer.", "clause": ""}
        text = "not JSON at all" if kind == "not_json" else json.dumps(answer)
        result = {"type": "succeeded", "message": message(n, params, text)}
    return {"custom_id": request["custom_id"], "result": result}


def message(n: int, params: dict[str, Any], text: str) -> dict[str, Any]:
    chars = len(params["system"][0]["text"]) + len(params["messages"][0]["content"])
    return {
        "id": f"msg_bench{n:06d}", "type": "message", "role": "assistant",
        "model": params["model"], "content": [{"type": "text", "text": text}],
        "stop_reason": "end_turn", "stop_sequence": None, "stop_details": None,
        "usage": {"input_tokens": chars // 4, "output_tokens": 40, "service_tier": "batch",
                  "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0},
    }  # fmt: skip


def handler(fake: FakeBatches) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, body: bytes, kind: str = "application/json") -> None:
            self.send_response(200)
            self.send_header("content-type", kind)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["content-length"])))
            self._send(json.dumps(fake.create(body)).encode())

        def do_GET(self) -> None:
            parts = self.path.strip("/").split("/")
            if parts[-1] == "results":
                self._send(fake.results(parts[-2]), "application/binary")
            else:
                self._send(json.dumps(fake.status(parts[-1])).encode())

    return Handler


def audit(out: Path, port: int, *, interrupt: FakeBatches | None = None) -> tuple[int, str, float]:
    env = {**os.environ, "ANTHROPIC_API_KEY": "sk-ant-bench", "PYTHONUNBUFFERED": "1",
           "TIMEBILL_ANTHROPIC_BASE_URL": f"http://127.0.0.1:{port}", "COLUMNS": "120"}  # fmt: skip
    args = [str(REPO / ".venv" / "bin" / "timebill"), "audit", str(HISTORY)]
    args += ["--rules", str(REPO / "sow_rules"), "--out", str(out)]
    args += ["--claude", "--batch", "--yes", "--poll-seconds", "0.2"]
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # fmt: skip
    if interrupt is not None:
        while interrupt.calls["retrieve"] < 2 and proc.poll() is None:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
    output, _ = proc.communicate()
    return proc.returncode, output, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Write the audit here (default: a temp dir).")
    args = parser.parse_args()
    fake = FakeBatches()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler(fake))
    port = server.server_address[1]
    fake.base = f"http://127.0.0.1:{port}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as temp:
        out = args.keep or Path(temp) / "audit"
        first = audit(out, port, interrupt=fake)
        creates_after_first = fake.calls["create"]
        fake.hold = False
        second = audit(out, port)
        report(out, first, second, fake, creates_after_first)
    server.shutdown()


def report(out: Path, first: Any, second: Any, fake: FakeBatches, creates_first: int) -> None:
    state = json.loads((out / "claude-batch.json").read_text())
    audit_json = json.loads((out / "audit.json").read_text())
    est = state["estimate"]
    merged = next((ln for ln in second[1].splitlines() if "Claude batch merged" in ln), "?")
    stages = {s["stage"]: s["entries"] for s in audit_json["stages"]}
    print(
        f"Demo year: {est['entries']:,} entries audited, rules only (no memory), model {est['model']}"
    )
    print(
        f"Run 1 (SIGINT while in_progress): exit {first[0]} after {first[2]:.1f} s; creates so far {creates_first}"
    )
    print(
        f"Run 2 (same command): exit {second[0]} after {second[2]:.1f} s; creates in total {fake.calls['create']} (no second create: {fake.calls['create'] == creates_first})"
    )
    print(
        f"Requests sent: {est['requests']:,} in {len(state['batch_ids'])} batch(es) ({est['requests'] / est['entries']:.1%} of entries)"
    )
    print(
        f"Estimated tokens: ~{est['input_tokens']:,} input (~{est['input_tokens'] // max(est['requests'], 1):,} per request), ~{est['output_tokens']:,} output"
    )
    print(
        f"Estimated cost, no cache hits: batch ${est['batch_usd']} vs online ${est['online_usd']}"
    )
    print(
        f"  per 1,000 entries: batch ${est['batch_usd_per_1000_entries']} vs online ${est['online_usd_per_1000_entries']}"
    )
    print(f"Results: {state['results']}")
    print(merged.strip())
    print(f"Who decided (audit.json): {stages}")
    print(f"API calls: {fake.calls}")
    if first[0] != 130 or second[0] != 0 or fake.calls["create"] != creates_first:
        print(second[1][-3000:])
        sys.exit(1)


if __name__ == "__main__":
    main()
