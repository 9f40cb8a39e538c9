"""The local writer: one JSON file per decided entry in an outbox folder.

It stands where QuickBooks stands in production, with the same promise: writing the same
(tenant, item, entry version) twice leaves one record. With a QuickBooks mapping for the tenant
(``TIMEBILL_QBO_MAPPING_PATH``) each file holds exactly the request QuickBooks would receive
(the TimeActivity body, its ``requestid`` and realm), so a firm can inspect them before
connecting a company; a missing client, person or code fails the entry as QuickBooks would.
Without a mapping the file keeps the decision. Files appear atomically (temp + rename).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.adapters.quickbooks_writer import (
    MappingProvider,
    QboMapping,
    mapping_provider,
    request_id,
    time_activity_body,
)
from app.domain.decisions import Decision
from app.domain.inbox import InboxItem, Tenant


class OutboxWriter:
    system = "outbox"

    def __init__(
        self, folder: Path, mappings: Mapping[str, QboMapping] | MappingProvider | None = None
    ) -> None:
        self.folder = folder
        self.mapping_for = mapping_provider(mappings if mappings is not None else {})

    def write(self, tenant: Tenant, item: InboxItem, decision: Decision) -> str:
        version = item.entry.version if item.entry else "0"
        name = f"{item.id}-{version}.json"
        target = self.folder / tenant.id / name
        if target.exists():
            return name  # already written: a retry after a crash must not write twice
        record = self._record(tenant, item, decision)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(record, handle, indent=2, sort_keys=True)
        os.replace(tmp, target)
        return name

    def _record(self, tenant: Tenant, item: InboxItem, decision: Decision) -> dict[str, Any]:
        mapping = self.mapping_for(tenant.id)
        if mapping is None or item.entry is None:
            kept = (
                item.entry.model_dump(mode="json", exclude={"user_email"}) if item.entry else None
            )
            return {"tenant": tenant.id, "item": item.id, "entry": kept,
                    "decision": decision.model_dump(mode="json")}  # fmt: skip
        entry = item.entry
        return {
            "system": "quickbooks",
            "request": f"POST /v3/company/{mapping.realm}/timeactivity",
            "requestid": request_id(tenant.id, entry.key, entry.version, "create"),
            "TimeActivity": time_activity_body(entry, decision, mapping),
        }
