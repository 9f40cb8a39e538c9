"""What the tracker writers (Clockify, Toggl) share: one kept HTTP client per key, one try per
call, and the workspace an entry lives in. httpx comes with the first session: a worker builds
the tracker writers at its cold start and most never use them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from app.domain.entries import Source
from app.domain.inbox import InboxItem, Tenant
from app.errors import UpstreamError, UpstreamKind

if TYPE_CHECKING:
    import httpx

    from app.connectors.base import Api


class TrackerSession:
    """An ``Api`` over the tenant's client, one try per call. Clients are kept per key (an
    httpx client builds an SSL context: too slow to make one per entry) and thread-safe."""

    clients: ClassVar[dict[tuple[str, str], httpx.Client]] = {}
    lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, make: Callable[[], httpx.Client], system: str, key: str) -> None:
        self.make, self.system, self.key = make, system, (system, key)

    def __enter__(self) -> Api:
        from app.connectors.base import Api, RetryPolicy  # noqa: PLC0415

        with self.lock:
            http = self.clients.get(self.key)
            if http is None or http.is_closed:
                http = self.clients[self.key] = self.make()
        return Api(self.system, http, policy=RetryPolicy(attempts=1))

    def __exit__(self, *exc: object) -> None:
        return None


def workspace_of(tenant: Tenant, item: InboxItem, source: Source, system: str) -> str:
    """The workspace the delivery named, else the tenant's only one."""
    access = tenant.sources.get(source)
    accounts = access.accounts if access is not None else ()
    named = item.ref.account if item.ref is not None else ""
    if named and named in accounts:
        return named
    if len(accounts) == 1:
        return accounts[0]
    raise UpstreamError(
        system,
        UpstreamKind.BAD_REQUEST,
        retryable=False,
        message=f"cannot tell which of {len(accounts)} workspaces holds the entry",
    )
