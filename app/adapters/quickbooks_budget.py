"""A per-realm request budget, so timebill itself stays under QuickBooks' limits.

Intuit throttles each realm (company) at 500 requests per minute and 10 concurrent requests
per app; past either it answers 429 and asks for a 60 s wait. ``RequestBudget`` keeps one
token bucket and one semaphore per realm:

- The bucket holds at most ``burst`` tokens and refills at ``(per_minute - burst) / 60`` per
  second, so no 60-second window ever holds more than ``per_minute`` requests (a full bucket
  plus one minute of refill). The default, 480 per minute, leaves headroom for clock skew.
- The semaphore admits ``concurrent`` requests at once.

Behaviour when the budget is spent: **wait briefly, then refuse**. A caller waits up to
``max_wait_s`` (smoothing a burst costs little), then gets ``UpstreamError(RATE_LIMITED,
retryable=True)`` with ``retry_after_s`` set to when a token will be free, so the worker
reschedules the item rather than holding a Lambda open. The budget is per process; across
processes, QBO's own 429 (handled as a retry after 60 s) is the backstop.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from app.errors import UpstreamError, UpstreamKind

SYSTEM = "quickbooks"


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class RequestBudget:
    def __init__(
        self,
        *,
        per_minute: int = 480,
        burst: int = 10,
        concurrent: int = 10,
        max_wait_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not 1 <= burst < per_minute:
            raise ValueError("burst must be at least 1 and below per_minute")
        self.burst, self.concurrent, self.max_wait_s = burst, concurrent, max_wait_s
        self.rate = (per_minute - burst) / 60.0  # tokens per second
        self.clock, self.sleep = clock, sleep
        self._lock = threading.Lock()
        self._buckets: dict[str, _Bucket] = {}
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    @contextmanager
    def slot(self, realm: str) -> Iterator[None]:
        """Hold one of the realm's concurrent slots and spend one token for one request."""
        with self._lock:
            slots = self._slots.setdefault(realm, threading.BoundedSemaphore(self.concurrent))
        if not slots.acquire(timeout=self.max_wait_s):
            raise _refused(realm, f"{self.concurrent} requests already in flight", 1.0)
        try:
            self._spend(realm)
            yield
        finally:
            slots.release()

    def _spend(self, realm: str) -> None:
        waited = 0.0
        while (wait := self._try_spend(realm)) > 0:
            if waited + wait > self.max_wait_s:
                raise _refused(realm, "per-minute budget spent", wait)
            self.sleep(wait)
            waited += wait

    def _try_spend(self, realm: str) -> float:
        """0 when a token was taken, else the seconds until one will be there."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.setdefault(realm, _Bucket(float(self.burst), now))
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
            bucket.stamp = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.rate


def _refused(realm: str, why: str, retry_after_s: float) -> UpstreamError:
    return UpstreamError(
        SYSTEM, UpstreamKind.RATE_LIMITED, retryable=True, retry_after_s=retry_after_s,
        message=f"request budget of realm {realm}: {why}",
    )  # fmt: skip
