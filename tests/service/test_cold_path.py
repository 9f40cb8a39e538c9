"""What a Lambda cold start loads, checked in a fresh interpreter per case.

The HTTP function's first webhook runs intake only (verify, normalise, insert, enqueue): it
must not load the classifier, the rule book, yaml, the vendor SDKs, the review pages or the
CLI, and boto3 only when the queue is SQS, at the first enqueue. The worker, sweep and poll
functions must not load FastAPI or Mangum. Each case runs in a new process, as a cold start
does, because this test session has long since imported everything.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.adapters.sqlite_store import SqliteStore
from app.domain.entries import Source
from app.domain.inbox import Status
from app.service.local import DEMO_ACCOUNTS, ensure_demo_tenant
from app.sources.signing import sample_body, signed_headers

REPO = Path(__file__).resolve().parents[2]
EVENTS = REPO / "tests" / "data" / "lambda"

# Never on the webhook's path (a module or anything under it).
NOT_ON_THE_WEBHOOK_PATH = (
    "yaml", "anthropic", "quickbooks", "intuitlib.client", "supabase", "postgrest",
    "app.classify.cascade", "app.classify.rules_stage", "app.classify.memory", "app.rules",
    "app.domain.rules", "app.review", "app.service.worker", "app.api.review", "typer", "rich",
    # What the store's other tables need (loaded where used), the ports (types only), and a
    # QuickBooks delivery's modules (loaded with the first one): not a Toggl delivery's.
    "app.domain.reviews", "app.domain.ledger", "app.domain.mapping", "app.domain.rules_versions",
    "app.domain.unrouted", "app.ports", "app.service.qbo_intake", "app.sources.quickbooks_webhook",
)  # fmt: skip
AWS_SDK = ("boto3", "botocore")
HTTP_FRAMEWORK = ("fastapi", "starlette", "mangum")

# Run in the fresh interpreter: ``loaded(names)`` lists which of ``names`` (or modules under
# them) are imported at that point.
PRELUDE = """
import json, sys
from pathlib import Path

def loaded(names):
    return sorted(n for n in names if any(m == n or m.startswith(n + ".") for m in sys.modules))

case = json.loads(Path(sys.argv[1]).read_text())
"""


def run_fresh(code: str, case: dict[str, Any], tmp_path: Path, env: dict[str, str]) -> Any:
    (tmp_path / "case.json").write_text(json.dumps(case))
    done = subprocess.run(
        [sys.executable, "-c", PRELUDE + code, str(tmp_path / "case.json")],
        capture_output=True, text=True, check=False, cwd=REPO, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def base_env(tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin", "TIMEBILL_SQLITE_PATH": str(tmp_path / "tb.sqlite3"),
        "TIMEBILL_API_BASE_PATH": "/dev", "TIMEBILL_LLM_PROVIDER": "none",
        "TIMEBILL_OUTBOX_DIR": str(tmp_path / "outbox"), "TIMEBILL_RULES_DIR": "sow_rules",
    }  # fmt: skip


def http_event(body: bytes, headers: dict[str, str]) -> dict[str, Any]:
    """The sam-generated HTTP API event carrying one delivery (as tests/lambda does)."""
    event: dict[str, Any] = json.loads((EVENTS / "http_api_v2_stage_dev.json").read_text())
    event["headers"] = {k.lower(): v for k, v in headers.items()}
    event["body"] = base64.b64encode(body).decode()
    event["isBase64Encoded"] = True
    event["rawPath"] = event["requestContext"]["http"]["path"] = "/dev/webhooks/toggl/demo"
    return event


@pytest.fixture
def deliveries(tmp_path: Path) -> dict[str, Any]:
    """A store with the demo tenant, and two events: one signed delivery, one tampered."""
    tenant = ensure_demo_tenant(SqliteStore(tmp_path / "tb.sqlite3"))
    body = sample_body(Source.TOGGL, account=DEMO_ACCOUNTS[Source.TOGGL])
    secret = tenant.sources[Source.TOGGL].secrets[0].get_secret_value()
    headers = signed_headers(Source.TOGGL, body, secret)
    return {
        "signed": http_event(body, headers),
        "tampered": http_event(body.replace(b"strategy", b"Strategy"), headers),
        "watch": [*NOT_ON_THE_WEBHOOK_PATH, *AWS_SDK],
    }


THREAD_QUEUE = """
import threading
import app.factory

# The local queue's worker thread builds the worker (the classifier) at its first job. Hold it
# at the gate, so what is loaded below is what the request itself loaded. (Built on the request's
# thread, it passes after a while: the check below then says what the request loaded.)
gate, build = threading.Event(), app.factory.build_worker
app.factory.build_worker = lambda *a, **k: (gate.wait(10) or True) and build(*a, **k)

from app.lambdas import cold_start, http
answer = http.handler(case["signed"], None)
at_ack = loaded(case["watch"])
gate.set()
svc = cold_start.services()
svc.queue.drain()
[item] = svc.store.items("demo")
print(json.dumps({"status": answer["statusCode"], "body": json.loads(answer["body"]),
                  "at_ack": at_ack, "item": item.status.value,
                  "after_work": loaded(["app.classify.cascade"])}))
"""


def test_a_first_webhook_with_the_local_queue_loads_intake_only(
    deliveries: dict[str, Any], tmp_path: Path
) -> None:
    found = run_fresh(THREAD_QUEUE, deliveries, tmp_path, base_env(tmp_path))
    assert (found["status"], found["body"]["accepted"]) == (200, 1)
    assert found["at_ack"] == []
    # The worker still does its job once let through: the gate held the classifier back.
    assert found["item"] != Status.RECEIVED.value
    assert found["after_work"] == ["app.classify.cascade"]


SQS_QUEUE = """
import gc
from app.lambdas import http
collecting = {"enabled": gc.isenabled(), "frozen": gc.get_freeze_count() > 0}
refused = http.handler(case["tampered"], None)
after_refusal = loaded(case["watch"])
answer = http.handler(case["signed"], None)
print(json.dumps({"statuses": [refused["statusCode"], answer["statusCode"]],
                  "after_refusal": after_refusal, "after_ack": loaded(case["watch"]),
                  "gc": collecting}))
"""


def test_with_sqs_boto3_comes_with_the_first_enqueue_and_nothing_else_does(
    deliveries: dict[str, Any], tmp_path: Path
) -> None:
    env = base_env(tmp_path) | {
        "TIMEBILL_QUEUE": "sqs", "TIMEBILL_SQS_QUEUE_URL": "http://127.0.0.1:9/000000000000/jobs",
        # Nothing listens there: the send fails at once, is logged, and the sweep would retry.
        "AWS_ENDPOINT_URL_SQS": "http://127.0.0.1:9", "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
    }  # fmt: skip
    found = run_fresh(SQS_QUEUE, deliveries, tmp_path, env)
    assert found["statuses"] == [401, 200]
    assert found["after_refusal"] == []
    assert found["after_ack"] == sorted(AWS_SDK)
    # The module builds its app with the collector off, then freezes it and collects again.
    assert found["gc"] == {"enabled": True, "frozen": True}


WORKER = """
import gc
from app.lambdas import poll, sweep, worker
frozen = gc.get_freeze_count()
record = {**case["record"], "body": json.dumps({"tenant": "demo", "item": case["item"]})}
result = worker.handler({"Records": [record]}, None)
collecting = {"enabled": gc.isenabled(), "more_frozen": gc.get_freeze_count() > frozen > 0}
swept = sweep.handler(case["scheduled"], None)
print(json.dumps({"failures": result["batchItemFailures"], "swept": swept,
                  "loaded": loaded(case["watch"]), "gc": collecting}))
"""


def test_the_worker_sweep_and_poll_functions_never_load_the_http_framework(
    deliveries: dict[str, Any], tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "tb.sqlite3")
    code = """
from app.lambdas import http
print(json.dumps(http.handler(case["signed"], None)["statusCode"]))
"""
    env = base_env(tmp_path) | {"TIMEBILL_QUEUE": "sqs", "TIMEBILL_SQS_QUEUE_URL": "http://x/q"}
    # The delivery goes in through the HTTP function (its enqueue fails without AWS: the
    # sweep would pick it up), then the worker takes it from a sam-generated SQS event.
    assert run_fresh(code, deliveries, tmp_path, env) == 200
    [item] = store.items("demo")
    case = {
        "record": json.loads((EVENTS / "sqs_receive_message.json").read_text())["Records"][0],
        "scheduled": json.loads((EVENTS / "scheduled_event.json").read_text()),
        "item": item.id, "watch": HTTP_FRAMEWORK,
    }  # fmt: skip
    found = run_fresh(WORKER, case, tmp_path, base_env(tmp_path))
    assert found["failures"] == []
    assert store.get("demo", item.id).status != Status.RECEIVED  # type: ignore[union-attr]
    assert found["loaded"] == []
    # The module and then the worker (at the first batch) are built with the collector off,
    # each frozen once built; collection is back on after.
    assert found["gc"] == {"enabled": True, "more_frozen": True}


# The models the store's other tables use: loaded where used, by either store.
STORE_EXTRAS = (
    "app.domain.reviews", "app.domain.ledger", "app.domain.mapping", "app.domain.rules_versions",
    "app.domain.unrouted", "app.ports",
)  # fmt: skip
STORES = """
import app.adapters.sqlite_store, app.adapters.supabase_store
print(json.dumps(loaded(case["watch"])))
"""


def test_neither_store_module_loads_what_intake_does_not_use(tmp_path: Path) -> None:
    """The deployed HTTP function imports the Supabase adapter (the SDK, ~200 ms, is the bulk
    of it), the embedded one the SQLite store: neither brings the review, ledger, mapping,
    rules-version or unrouted models, or the ports, before a call needs them."""
    found = run_fresh(STORES, {"watch": STORE_EXTRAS}, tmp_path, base_env(tmp_path))
    assert found == []
