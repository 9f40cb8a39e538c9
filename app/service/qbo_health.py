"""The QuickBooks connection state of a process's mapped companies, for ``/healthz`` and the
alarms: below both the API and the factory, which builds it with its token store.

It reads the token store (SQLite or Supabase; neither imports the QuickBooks SDK, so the
webhook's cold start stays light) at most once per ``ttl_s``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.config import Settings

if TYPE_CHECKING:
    from app.adapters.quickbooks_tokens import TokenStore
    from app.ports import Store

log = logging.getLogger("timebill.health")

CONNECTED, RECONNECT_NEEDED = "connected", "reconnect_needed"
NOT_CONNECTED, UNAVAILABLE = "not_connected", "unavailable"
_WORST_FIRST = (RECONNECT_NEEDED, NOT_CONNECTED, UNAVAILABLE)


class QboHealth:
    """The QuickBooks connection state of every realm of the tenants in the mapping file (each
    tenant's realm read from ``store`` first, then the file), cached ``ttl_s``."""

    def __init__(
        self, settings: Settings, tokens: Callable[[], TokenStore], *, ttl_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic, store: Store | None = None,
    ) -> None:  # fmt: skip
        from app.service.qbo_mappings import StoredMappings  # noqa: PLC0415

        self.settings = settings
        self.mappings = StoredMappings(store, settings.qbo_mapping_path)
        self.ttl_s = ttl_s
        self._clock = clock
        self._lock = threading.Lock()
        self._checked_at: float | None = None
        self._state = UNAVAILABLE
        self._tokens = tokens  # builds the token store on first use (the factory's)
        self._store: TokenStore | None = None

    def state(self) -> str:
        with self._lock:
            now = self._clock()
            if self._checked_at is None or now - self._checked_at >= self.ttl_s:
                self._state = self._check()
                self._checked_at = now
            return self._state

    def _check(self) -> str:
        try:
            states = self._realm_states()
        except Exception:
            log.warning("quickbooks health: the token store or the mapping file is unreadable",
                        exc_info=True)  # fmt: skip
            return UNAVAILABLE
        for (tenant, realm), state in sorted(states.items()):
            if state != CONNECTED:
                log.warning("quickbooks health: tenant %s realm %s is %s", tenant, realm, state)
        return next((s for s in _WORST_FIRST if s in states.values()), CONNECTED)

    def _realm_states(self) -> dict[tuple[str, str], str]:
        realms = {(tenant, m.realm) for tenant, m in self.mappings.known().items()}
        if not realms:
            return {}
        if self.settings.store == "sqlite" and not self.settings.qbo_token_path.exists():
            return dict.fromkeys(realms, NOT_CONNECTED)  # no `qbo connect` yet; create nothing
        if self._store is None:
            self._store = self._tokens()
        store = self._store
        states = {}
        for tenant, realm in realms:
            tokens = store.get(tenant, realm)
            states[tenant, realm] = NOT_CONNECTED if tokens is None else tokens.status.value
        return states
