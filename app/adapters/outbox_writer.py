"""The local writer: one JSON file per source entry in an outbox folder.

It stands where QuickBooks stands in production, with the same promise: one entry, one record,
for the entry's whole life. The file is named after the entry (``clockify-<id>-<hash>.json``),
so a create is idempotent by construction, an edit replaces the entry's file in place, and a
delete removes it. With a QuickBooks mapping for the tenant (``TIMEBILL_QBO_MAPPING_PATH``) each
file holds exactly the request QuickBooks would receive (the TimeActivity body, its
``requestid`` and realm), so a firm can inspect them before connecting a company; a missing
client, person or code fails the entry as QuickBooks would. Without a mapping the file keeps
the decision. Files appear atomically (temp + rename).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
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
from app.errors import UpstreamError, UpstreamKind

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_RECORD = re.compile(r"[A-Za-z0-9._-]{1,200}\.json")


def record_name(entry_key: str) -> str:
    """The entry's file: readable, safe on any file system, distinct per key."""
    digest = hashlib.sha256(entry_key.encode()).hexdigest()[:10]
    return f"{_UNSAFE.sub('-', entry_key)[:120]}-{digest}.json"


class OutboxWriter:
    system = "outbox"

    def __init__(
        self, folder: Path, mappings: Mapping[str, QboMapping] | MappingProvider | None = None
    ) -> None:
        self.folder = folder
        self.mapping_for = mapping_provider(mappings if mappings is not None else {})

    def write(
        self, tenant: Tenant, item: InboxItem, decision: Decision, *,
        record_id: str | None = None, create_key: str = "",
    ) -> str:  # fmt: skip
        if item.entry is None:
            raise UpstreamError(
                self.system, UpstreamKind.BAD_REQUEST, retryable=False, message="no entry to write"
            )
        name = _checked(record_id) if record_id else record_name(item.entry.key)
        record = self._record(tenant, item, decision, update=record_id is not None,
                              create_key=create_key)  # fmt: skip
        target = self.folder / tenant.id / name
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(record, handle, indent=2, sort_keys=True)
        os.replace(tmp, target)  # an edit replaces the entry's record, atomically
        return name

    def delete(self, tenant: Tenant, item: InboxItem, record_id: str) -> str:
        del item
        target = self.folder / tenant.id / _checked(record_id)
        try:
            target.unlink()
        except FileNotFoundError:
            return "already gone"
        return "deleted"

    def _record(
        self, tenant: Tenant, item: InboxItem, decision: Decision, *, update: bool,
        create_key: str,
    ) -> dict[str, Any]:  # fmt: skip
        mapping = self.mapping_for(tenant.id)
        entry = item.entry
        assert entry is not None
        if mapping is None:
            kept = entry.model_dump(mode="json", exclude={"user_email", "changed_at"})
            return {"tenant": tenant.id, "item": item.id, "entry": kept,
                    "decision": decision.model_dump(mode="json")}  # fmt: skip
        operation = "update" if update else "create"
        seed = entry.version if update else (create_key or entry.version)
        return {
            "system": "quickbooks",
            "request": f"POST /v3/company/{mapping.realm}/timeactivity",
            "operation": operation,
            "requestid": request_id(tenant.id, entry.key, seed, operation),
            "TimeActivity": time_activity_body(entry, decision, mapping),
        }


def _checked(record_id: str) -> str:
    """A record id we made (a bare file name): never a path out of the tenant's folder."""
    if not _RECORD.fullmatch(record_id) or record_id.startswith("."):
        raise UpstreamError(
            "outbox", UpstreamKind.BAD_REQUEST, retryable=False,
            message=f"{record_id[:60]!r} is not an outbox record",
        )  # fmt: skip
    return record_id
