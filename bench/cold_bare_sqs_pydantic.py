"""A second floor for the worker cold start: the bare SQS handler (``cold_bare_sqs.py``) that
also validates what it records with pydantic, as timebill's decisions are: the record's body
into a job model, and a decision (a billing code matching a pattern, a confidence in [0, 1], a
reason) built, validated and stored as JSON by one SQLite update. No rules, no classifier.

It shows how much of the worker's cold start is pydantic itself and how much is timebill's
own code. Used by ``bench/cold_start.py``; reads ``BARE_SQLITE_PATH``.
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any

# As timebill's Lambda handlers do (app/lambdas/__init__.py): no scan for pydantic plugins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pydantic import BaseModel, ConfigDict, Field


class Job(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    tenant: str = Field(min_length=1)
    item: str = Field(min_length=1)


class Decision(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(pattern=r"^[A-Z][A-Z0-9-]{1,31}$")
    confidence: float = Field(ge=0, le=1)
    reason: str = Field(max_length=500)
    needs_review: bool


def handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    del context
    with sqlite3.connect(os.environ["BARE_SQLITE_PATH"]) as conn:
        for record in event["Records"]:
            job = Job.model_validate_json(record["body"])
            decision = Decision(code="NW-OPS", confidence=0.9, reason="bare", needs_review=True)
            conn.execute(
                "UPDATE inbox SET status = 'done', body = ? WHERE tenant = ? AND entry_id = ?",
                (decision.model_dump_json(), job.tenant, job.item),
            )
    return {"batchItemFailures": []}
