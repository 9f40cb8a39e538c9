"""A local stand-in for SQS and the worker Lambda's event source mapping (bench/webhook_bench.py).

    python bench/local_sqs.py queue PORT        # holds jobs: SQS SendMessage in, batches out
    python bench/local_sqs.py work QUEUE_URL    # the worker: app.lambdas.worker.handler

``queue`` answers SQS ``SendMessage`` in the AWS JSON protocol botocore speaks to SQS (a
MessageId and the body's MD5, as SQS does), over HTTP/1.1 keep-alive as SQS does, and holds the
message in memory. ``GET /batch`` hands up to 10 held messages over as the records of an SQS
event and forgets them, as Lambda's event source mapping does with a batch it received.

``work`` is the worker Lambda in its own process: it asks ``queue`` for a batch, gives it to
the real ``app.lambdas.worker.handler`` (the same settings and store as the server, from the
environment) and asks again; when there is none it waits 50 ms. A failed item stays in the
store, where the sweep would find it; the bench counts final states in the store.

No account, no network beyond loopback, no dependency: only the standard library and timebill.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
import time
import urllib.request
import uuid
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

BATCH = 10  # the event source mapping's default batch size for a standard queue


class _Queue(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: botocore reuses its connection, as with SQS
    # The answer goes out in two writes (head, body): without TCP_NODELAY the body waits for
    # the client's delayed ACK, ~40 ms per SendMessage that real SQS does not add.
    disable_nagle_algorithm = True
    held: ClassVar[deque[str]] = deque()
    sent: ClassVar[int] = 0
    lock: ClassVar[threading.Lock] = threading.Lock()

    def do_POST(self) -> None:
        request = json.loads(self.rfile.read(int(self.headers["content-length"])))
        body = request["MessageBody"]
        with _Queue.lock:
            _Queue.held.append(body)
            _Queue.sent += 1
        digest = hashlib.md5(body.encode(), usedforsecurity=False).hexdigest()
        self._answer({"MessageId": str(uuid.uuid4()), "MD5OfMessageBody": digest})

    def do_GET(self) -> None:
        with _Queue.lock:
            if self.path.startswith("/counts"):
                self._answer({"sent": _Queue.sent, "held": len(_Queue.held)})
                return
            bodies = [_Queue.held.popleft() for _ in range(min(BATCH, len(_Queue.held)))]
        records = [{"messageId": str(uuid.uuid4()), "body": b} for b in bodies]
        self._answer({"Records": records})

    def _answer(self, payload: object) -> None:
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("content-type", "application/x-amz-json-1.0")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_: object) -> None:
        pass


def serve_queue(port: int) -> None:
    ThreadingHTTPServer(("127.0.0.1", port), _Queue).serve_forever()


def work(queue_url: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from app.lambdas.worker import handler  # noqa: PLC0415

    base = queue_url.split("/000000000000/", maxsplit=1)[0]
    while True:
        try:
            with urllib.request.urlopen(f"{base}/batch", timeout=30) as answer:
                event = json.loads(answer.read())
        except OSError:  # the queue is still starting
            time.sleep(0.1)
            continue
        if event["Records"]:
            handler(event, None)
        else:
            time.sleep(0.05)


def counts(queue_url: str) -> dict[str, int]:
    """Messages the stand-in was sent, and how many it still holds."""
    base = queue_url.split("/000000000000/", maxsplit=1)[0]
    with urllib.request.urlopen(f"{base}/counts", timeout=10) as answer:
        found: dict[str, int] = json.loads(answer.read())
    return found


if __name__ == "__main__":
    if sys.argv[1] == "queue":
        serve_queue(int(sys.argv[2]))
    else:
        work(sys.argv[2])
