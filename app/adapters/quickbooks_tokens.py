"""QuickBooks OAuth tokens per (tenant, realm): where they are kept and how they are refreshed.

Intuit rotates refresh tokens: every refresh returns a new one and the previous one soon dies.
Two workers refreshing the same realm at once can therefore lock a company out, so refreshes
run one at a time per realm: a ``threading.Lock`` per realm inside the process, and a lease
row in the token store across processes (Lambdas). The new tokens are stored before the
access token is handed to anyone, and a valid access token is reused until it is close to
expiry. ``invalid_grant`` means the company must be reconnected: the realm is marked
``reconnect_needed`` and the error is final; the refresh is never retried.

No SDK is imported here: ``quickbooks_client.QboConnector`` performs the refresh call.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Protocol

from app.errors import UpstreamError, UpstreamKind

SYSTEM = "quickbooks"


class ConnectionStatus(StrEnum):
    CONNECTED = "connected"
    RECONNECT_NEEDED = "reconnect_needed"


@dataclass(frozen=True)
class RealmTokens:
    """What is kept per (tenant, realm). Tokens stay out of ``repr`` (logs, tracebacks)."""

    tenant: str
    realm: str
    refresh_token: str = field(repr=False)
    access_token: str | None = field(default=None, repr=False)
    access_expires_at: datetime | None = None
    refresh_expires_at: datetime | None = None
    status: ConnectionStatus = ConnectionStatus.CONNECTED
    updated_at: datetime | None = None


@dataclass(frozen=True)
class TokenGrant:
    """One answer of Intuit's token endpoint."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_in_s: float
    refresh_expires_in_s: float | None = None


class InvalidGrantError(UpstreamError):
    """The token endpoint answered ``invalid_grant``: only a person reconnecting can fix it."""

    def __init__(self, message: str = "refresh token rejected (invalid_grant)") -> None:
        super().__init__(SYSTEM, UpstreamKind.AUTH, retryable=False, message=message, status=400)


class TokenRefresher(Protocol):
    """Trades a refresh token for new tokens. Raises ``InvalidGrantError`` or ``UpstreamError``."""

    def refresh(self, refresh_token: str) -> TokenGrant: ...


class TokenStore(Protocol):
    """Durable tokens per (tenant, realm), plus the lease that serialises refreshes."""

    def get(self, tenant: str, realm: str) -> RealmTokens | None: ...

    def put(self, tokens: RealmTokens) -> None: ...

    def try_lease(
        self, tenant: str, realm: str, *, holder: str, now: datetime, lease_s: float
    ) -> bool:
        """Take the refresh lease unless someone else holds an unexpired one."""
        ...

    def release(self, tenant: str, realm: str, *, holder: str) -> None: ...


class MemoryTokenStore:
    """``TokenStore`` in a dict: tests and single-process runs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[tuple[str, str], RealmTokens] = {}
        self._leases: dict[tuple[str, str], tuple[str, datetime]] = {}

    def get(self, tenant: str, realm: str) -> RealmTokens | None:
        with self._lock:
            return self._tokens.get((tenant, realm))

    def put(self, tokens: RealmTokens) -> None:
        with self._lock:
            self._tokens[(tokens.tenant, tokens.realm)] = tokens

    def try_lease(
        self, tenant: str, realm: str, *, holder: str, now: datetime, lease_s: float
    ) -> bool:
        with self._lock:
            held = self._leases.get((tenant, realm))
            if held is not None and held[0] != holder and held[1] > now:
                return False
            self._leases[(tenant, realm)] = (holder, now + timedelta(seconds=lease_s))
            return True

    def release(self, tenant: str, realm: str, *, holder: str) -> None:
        with self._lock:
            if self._leases.get((tenant, realm), ("",))[0] == holder:
                del self._leases[(tenant, realm)]


def utc_now() -> datetime:
    return datetime.now(UTC)


class TokenManager:
    """Hands out access tokens per realm, refreshing one at a time and storing before use.

    ``skew_s``: an access token this close to expiry counts as expired. ``lease_s`` must
    exceed the longest refresh call (the HTTP timeouts); ``wait_s`` bounds how long a caller
    waits for another refresh of the same realm before giving up with a retryable error.
    """

    def __init__(
        self,
        store: TokenStore,
        refresher: TokenRefresher,
        *,
        clock: Callable[[], datetime] = utc_now,
        sleep: Callable[[float], None] = time.sleep,
        skew_s: float = 300.0,
        lease_s: float = 90.0,
        wait_s: float = 60.0,
        poll_s: float = 0.1,
    ) -> None:
        self.store = store
        self.refresher = refresher
        self.clock, self.sleep = clock, sleep
        self.skew = timedelta(seconds=skew_s)
        self.lease_s, self.wait_s, self.poll_s = lease_s, wait_s, poll_s
        self._guard = threading.Lock()
        self._locks: dict[tuple[str, str], threading.Lock] = {}

    def connect(self, tenant: str, realm: str, grant: TokenGrant) -> RealmTokens:
        """Store the first tokens of a realm (after the user authorised the app)."""
        tokens = self._from_grant(tenant, realm, grant)
        self.store.put(tokens)
        return tokens

    def status(self, tenant: str, realm: str) -> ConnectionStatus | None:
        tokens = self.store.get(tenant, realm)
        return None if tokens is None else tokens.status

    def access_token(self, tenant: str, realm: str) -> str:
        """A usable access token: the stored one while fresh, else a new one."""
        current = self._connected(tenant, realm, self.store.get(tenant, realm))
        if current.access_token and self._fresh(current):
            return current.access_token
        return self._refresh(tenant, realm, stale=current.access_token)

    def after_unauthorized(self, tenant: str, realm: str, rejected: str) -> str:
        """QuickBooks answered 401 to ``rejected``: a new token (unless a sibling has one)."""
        return self._refresh(tenant, realm, stale=rejected)

    def _refresh(self, tenant: str, realm: str, *, stale: str | None) -> str:
        with self._exclusive(tenant, realm):
            # Re-read under the lock: whoever held it before us may have refreshed already.
            current = self._connected(tenant, realm, self.store.get(tenant, realm))
            if current.access_token and current.access_token != stale and self._fresh(current):
                return current.access_token
            try:
                grant = self.refresher.refresh(current.refresh_token)
            except InvalidGrantError:
                return self._after_invalid_grant(current)
            tokens = self._from_grant(tenant, realm, grant)
            self.store.put(tokens)  # before anyone uses it: the old refresh token is dying
            return grant.access_token

    def _after_invalid_grant(self, used: RealmTokens) -> str:
        # A sibling whose lease outlived ours may have rotated the token: then the company is
        # connected, our token was merely stale. Take the sibling's result, never overwrite it.
        current = self.store.get(used.tenant, used.realm)
        if current is not None and current.refresh_token != used.refresh_token:
            if current.access_token and self._fresh(current):
                return current.access_token
            raise UpstreamError(
                SYSTEM, UpstreamKind.AUTH, retryable=True, retry_after_s=5.0,
                message=f"the refresh token of realm {used.realm} was rotated by another worker",
            )  # fmt: skip
        marked = replace(
            used, access_token=None, access_expires_at=None,
            status=ConnectionStatus.RECONNECT_NEEDED, updated_at=self.clock(),
        )  # fmt: skip
        self.store.put(marked)
        raise _reconnect_error(used.realm)

    def _connected(self, tenant: str, realm: str, tokens: RealmTokens | None) -> RealmTokens:
        if tokens is None:
            raise UpstreamError(
                SYSTEM, UpstreamKind.AUTH, retryable=False,
                message=f"realm {realm} of tenant {tenant} is not connected to QuickBooks",
            )  # fmt: skip
        if tokens.status is ConnectionStatus.RECONNECT_NEEDED:
            raise _reconnect_error(realm)
        return tokens

    def _fresh(self, tokens: RealmTokens) -> bool:
        expires = tokens.access_expires_at
        return expires is not None and self.clock() + self.skew < expires

    def _from_grant(self, tenant: str, realm: str, grant: TokenGrant) -> RealmTokens:
        now = self.clock()
        refresh_in = grant.refresh_expires_in_s
        return RealmTokens(
            tenant=tenant, realm=realm, refresh_token=grant.refresh_token,
            access_token=grant.access_token,
            access_expires_at=now + timedelta(seconds=grant.expires_in_s),
            refresh_expires_at=None if refresh_in is None else now + timedelta(seconds=refresh_in),
            status=ConnectionStatus.CONNECTED, updated_at=now,
        )  # fmt: skip

    @contextmanager
    def _exclusive(self, tenant: str, realm: str) -> Iterator[None]:
        """This realm's refresh lock: the thread lock first, then the store's lease."""
        local = self._local_lock(tenant, realm)
        if not local.acquire(timeout=self.wait_s):
            raise _busy(realm)
        try:
            holder = uuid.uuid4().hex
            self._take_lease(tenant, realm, holder)
            try:
                yield
            finally:
                self.store.release(tenant, realm, holder=holder)
        finally:
            local.release()

    def _take_lease(self, tenant: str, realm: str, holder: str) -> None:
        waited = 0.0
        while not self.store.try_lease(
            tenant, realm, holder=holder, now=self.clock(), lease_s=self.lease_s
        ):
            if waited >= self.wait_s:
                raise _busy(realm)
            self.sleep(self.poll_s)
            waited += self.poll_s

    def _local_lock(self, tenant: str, realm: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault((tenant, realm), threading.Lock())


def _reconnect_error(realm: str) -> UpstreamError:
    return UpstreamError(
        SYSTEM, UpstreamKind.AUTH, retryable=False,
        message=f"realm {realm} needs reconnecting: its refresh token was rejected",
    )  # fmt: skip


def _busy(realm: str) -> UpstreamError:
    return UpstreamError(
        SYSTEM, UpstreamKind.TIMEOUT, retryable=True, retry_after_s=30.0,
        message=f"another worker is still refreshing the token of realm {realm}",
    )  # fmt: skip
