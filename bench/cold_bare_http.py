"""The floor for the HTTP cold start: a bare FastAPI + Mangum webhook that checks a Toggl-style
HMAC-SHA256 signature on the raw body and inserts the delivery into SQLite, nothing else.

Used by ``bench/cold_start.py``. Reads ``BARE_SECRET`` and ``BARE_SQLITE_PATH`` (a file whose
``inbox`` table exists) from the environment; with ``BARE_SQS_URL`` it also sends one SQS
message per new delivery (boto3 imported then, as timebill does), for the SQS comparison.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from mangum import Mangum

app = FastAPI()
_db: list[sqlite3.Connection] = []


def db() -> sqlite3.Connection:
    if not _db:
        _db.append(sqlite3.connect(os.environ["BARE_SQLITE_PATH"]))
    return _db[0]


@app.post("/webhooks/{source}/{tenant}")
async def webhook(source: str, tenant: str, request: Request) -> JSONResponse:
    body = await request.body()
    digest = hmac.new(os.environ["BARE_SECRET"].encode(), body, hashlib.sha256).hexdigest()
    given = request.headers.get("x-webhook-signature-256", "")
    if not hmac.compare_digest("sha256=" + digest, given):
        return JSONResponse({"error": "bad signature"}, status_code=401)
    entry = json.loads(body)["payload"]
    with db() as conn:
        added = conn.execute(
            "INSERT OR IGNORE INTO inbox (tenant, source, entry_id, body) VALUES (?, ?, ?, ?)",
            (tenant, source, str(entry["id"]), body),
        ).rowcount
    if added and os.environ.get("BARE_SQS_URL"):
        import boto3  # noqa: PLC0415 - at the first send, like timebill's queue

        job = json.dumps({"tenant": tenant, "item": str(entry["id"])})
        boto3.client("sqs").send_message(QueueUrl=os.environ["BARE_SQS_URL"], MessageBody=job)
    return JSONResponse({"accepted": added, "duplicates": 1 - added})


_mangum = Mangum(app, lifespan="off", api_gateway_base_path="/dev")


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    response: dict[str, Any] = _mangum(event, context)
    return response
