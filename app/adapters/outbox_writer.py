"""The local writer: one JSON file per decided entry in an outbox folder.

It stands where QuickBooks stands in production, with the same promise: writing the same
(tenant, item, entry version) twice leaves one record. Files appear atomically (temp + rename).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from app.domain.decisions import Decision
from app.domain.inbox import InboxItem, Tenant


class OutboxWriter:
    system = "outbox"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def write(self, tenant: Tenant, item: InboxItem, decision: Decision) -> str:
        version = item.entry.version if item.entry else "0"
        name = f"{item.id}-{version}.json"
        target = self.folder / tenant.id / name
        if target.exists():
            return name  # already written: a retry after a crash must not write twice
        target.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "tenant": tenant.id,
            "item": item.id,
            "entry": item.entry.model_dump(mode="json", exclude={"user_email"})
            if item.entry
            else None,
            "decision": decision.model_dump(mode="json"),
        }
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(record, handle, indent=2, sort_keys=True)
        os.replace(tmp, target)
        return name
