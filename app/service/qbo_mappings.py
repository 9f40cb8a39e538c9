"""Where a tenant's QuickBooks mapping comes from: the store first, else the mapping file.

The store holds the mapping and is where it is edited (``timebill qbo mapping import``,
``timebill qbo map --apply``). ``TIMEBILL_QBO_MAPPING_PATH`` stays the fallback for a tenant
whose store holds none, so set-ups from before the store kept mappings keep working. Each call
asks the store again (and re-reads the file when it changed), so an edit applies to the next
write without a restart.
"""

from __future__ import annotations

import threading
from pathlib import Path

from app.domain.mapping import QboMapping, load_mappings
from app.ports import Store


class StoredMappings:
    """A ``MappingProvider``: ``mappings(tenant)`` is its mapping as of now, or ``None``."""

    def __init__(self, store: Store | None, path: Path | None) -> None:
        self.store = store
        self.path = path
        self._lock = threading.Lock()
        self._file_key: tuple[int, int] | None = None
        self._file: dict[str, QboMapping] = {}

    def __call__(self, tenant: str) -> QboMapping | None:
        if self.store is not None:
            stored = self.store.get_mapping(tenant)
            if stored is not None:
                return stored
        return self.from_file().get(tenant)

    def from_file(self) -> dict[str, QboMapping]:
        """The mapping file's tenants (empty without one); read again whenever it changes."""
        if self.path is None:
            return {}
        stat = self.path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            if key != self._file_key:
                self._file = load_mappings(self.path)
                self._file_key = key
            return self._file

    def known(self) -> dict[str, QboMapping]:
        """Each tenant the mapping file names, with its mapping read store-first (the store
        cannot list tenants across the tenant boundary, so the file names whom to check)."""
        found = {tenant: self(tenant) for tenant in self.from_file()}
        return {tenant: m for tenant, m in found.items() if m is not None}
