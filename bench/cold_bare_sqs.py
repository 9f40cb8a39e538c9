"""The floor for the worker cold start: a bare SQS handler that parses each record's
``{"tenant", "item"}`` body and makes one SQLite update, nothing else.

Used by ``bench/cold_start.py``. Reads ``BARE_SQLITE_PATH`` (a file whose ``inbox`` table
exists) from the environment.
"""

from __future__ import annotations

import json
import os
import sqlite3
from typing import Any


def handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    del context
    with sqlite3.connect(os.environ["BARE_SQLITE_PATH"]) as conn:
        for record in event["Records"]:
            job = json.loads(record["body"])
            conn.execute(
                "UPDATE inbox SET status = 'done' WHERE tenant = ? AND entry_id = ?",
                (job["tenant"], job["item"]),
            )
    return {"batchItemFailures": []}
