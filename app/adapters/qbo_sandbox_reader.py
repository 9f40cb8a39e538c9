"""A local QuickBooks company for the embedded set-up: the TimeActivity an event names, read
from a folder of records shaped as QuickBooks returns them (``{Id}.json``), instead of QBO.

With the outbox writer nothing talks to QuickBooks, so without this a QuickBooks event could
only wait. It reads what QBO would answer and nothing else; it imports no SDK.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from app.adapters.quickbooks_reader import DELETED, to_entry
from app.adapters.quickbooks_writer import SYSTEM, MappingProvider, QboMapping, mapping_provider
from app.domain.entries import TimeEntry
from app.domain.inbox import EntityRef, Tenant
from app.errors import UpstreamError, UpstreamKind


class SandboxReader:
    system = SYSTEM

    def __init__(self, folder: Path, mappings: Mapping[str, QboMapping] | MappingProvider) -> None:
        self.folder = folder
        self.mapping_for = mapping_provider(mappings)

    def read(self, tenant: Tenant, ref: EntityRef) -> TimeEntry | None:
        """The record as an entry; ``None`` for a deleted record (nothing to classify)."""
        if ref.entity != "TimeActivity" or ref.operation.endswith(DELETED):
            return None
        path = self.folder / f"{ref.id}.json"
        if not ref.id.isdigit() or not path.is_file():
            raise UpstreamError(
                SYSTEM, UpstreamKind.BAD_REQUEST, retryable=False,
                message=f"TimeActivity {ref.id} is not in the local sandbox ({self.folder})",
            )  # fmt: skip
        record = json.loads(path.read_text(encoding="utf-8"))
        return to_entry(tenant.id, record, self.mapping_for(tenant.id))
