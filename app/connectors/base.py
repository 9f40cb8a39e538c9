"""What every tracker connector shares: the ``Connector`` protocol, its ``Page``, and ``Api``, the
one HTTP path with explicit timeouts, 429 ``Retry-After`` handling and our error types.

A connector yields one ``Page`` per vendor page; ``next_cursor`` is the opaque token that fetches
the page after it (``None`` on the last page), so a caller that saves it after each page can
resume an interrupted pull with ``fetch(..., cursor=saved)``.

Retries: a 429 waits for its ``Retry-After`` (seconds or an HTTP date), Toggl's 402 past its
hourly quota for its ``X-Toggl-Quota-Resets-In``, a 5xx or a lost connection backs off
exponentially; no other 4xx is retried. A wait longer than
``RetryPolicy.max_wait_s`` is not slept through: it raises ``UpstreamError`` (rate_limited, with
``retry_after_s``) so a scheduler can come back later. Errors name the system, the HTTP status
and the path, never a header, a token or a response body.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from email.utils import parsedate_to_datetime
from typing import Any, Protocol, TypeVar

import httpx

from app.domain.entries import Source, TimeEntry
from app.errors import UpstreamError, UpstreamKind
from app.sources.webhooks import BadPayload, Fields

# Toggl answers a spent hourly API quota with 402 (not 429) and says when it resets (seconds);
# a 402 with quota left is its "upgrade the workspace" answer (support.toggl.com, "API &
# Webhook limits"; engineering.toggl.com, the API's overview).
QUOTA_STATUS = 402
QUOTA_REMAINING = "x-toggl-quota-remaining"
QUOTA_RESETS_IN = "x-toggl-quota-resets-in"
TIMEOUT = httpx.Timeout(30.0, connect=10.0)  # per network wait; vendors answer in well under
USER_AGENT = "timebill (time-entry pull)"
SleepFn = Callable[[float], None]
Clock = Callable[[], datetime]
T = TypeVar("T")


@dataclass(frozen=True)
class Billing:
    """Money facts the API gives besides the entry (written to the CSV for the audit)."""

    rate: Decimal | None = None
    amount: Decimal | None = None
    currency: str = ""
    invoiced: bool | None = None


@dataclass(frozen=True)
class Page:
    """One vendor page. ``high_water`` is the latest ``updated_at`` seen on it (polls keep it);
    ``billing`` and ``updated`` (each entry's ``updated_at``, when the vendor gives it) are keyed
    by ``external_id``; ``skipped`` says why entries were left out."""

    entries: list[TimeEntry]
    next_cursor: str | None
    high_water: datetime | None = None
    billing: dict[str, Billing] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    total_pages: int | None = None
    updated: dict[str, datetime] = field(default_factory=dict)


class PageProgress(Protocol):
    def __call__(self, done: int, total: int | None) -> None:
        """``done`` pages fetched by this call so far, of ``total`` when the vendor says."""
        ...


class Connector(Protocol):
    source: Source

    def fetch(
        self, start: date, end: date, *, cursor: str | None = None,
        updated_since: datetime | None = None, progress: PageProgress | None = None,
    ) -> Iterator[Page]:  # fmt: skip
        """Entries worked from ``start`` to ``end`` (inclusive), page by page, from ``cursor``
        on; with ``updated_since`` only those changed since then (when the API can filter)."""
        ...

    def close(self) -> None:
        """Release the HTTP connections."""
        ...


def no_progress(done: int, total: int | None) -> None:
    del done, total


def paginate(
    first: str, page_at: Callable[[str], Page], cursor: str | None, progress: PageProgress | None
) -> Iterator[Page]:
    """Pages from ``cursor`` (else ``first``) until one has no ``next_cursor``. A next page
    already fetched (a vendor pointing back) is an ``UpstreamError``, not an endless loop."""
    token: str | None = cursor or first
    done, report, asked = 0, progress or no_progress, set[str]()
    while token is not None:
        if token in asked:
            raise UpstreamError(
                "tracker", UpstreamKind.INVALID_RESPONSE, retryable=False,
                message=f"the next page points back to page {token[:80]!r}",
            )  # fmt: skip
        asked.add(token)
        page = page_at(token)
        done += 1
        report(done, page.total_pages)
        yield page
        token = page.next_cursor


def numbered_pages(
    fetch: Callable[[int], list[T]], key: Callable[[T], str], page_size: int
) -> list[T]:
    """Every item of a list read by page number from 1: a short page ends it, and so does a
    page of nothing new (a list that loops). Items are kept once, by ``key``, in order."""
    found: dict[str, T] = {}
    page = 1
    while True:
        batch = fetch(page)
        new = {key(item): item for item in batch if key(item) not in found}
        found |= new
        if len(batch) < page_size or not new:
            return list(found.values())
        page += 1


@dataclass(frozen=True)
class Pulled:
    """One vendor entry read: the entry, its money facts, when the vendor last changed it."""

    entry: TimeEntry
    billing: Billing = field(default_factory=Billing)
    updated_at: datetime | None = None


Reader = Callable[[Fields], "Pulled | str"]  # an entry, or why it is left out


def build_page(
    items: Iterable[object], label: str, read: Reader, *, next_cursor: str | None,
    total_pages: int | None = None,
) -> Page:  # fmt: skip
    """Read every item; a malformed one is skipped with the reason, never the whole page."""
    entries, billing, skipped = [], {}, []
    updated: dict[str, datetime] = {}
    marks: list[datetime] = []
    for index, item in enumerate(items):
        try:
            got = read(Fields(item, label, f"[{index}]"))
        except BadPayload as exc:
            skipped.append(exc.message)
            continue
        if isinstance(got, str):
            skipped.append(got)
            continue
        entries.append(got.entry)
        billing[got.entry.external_id] = got.billing
        if got.updated_at is not None:
            updated[got.entry.external_id] = got.updated_at
            marks.append(got.updated_at)
    high = max(marks, default=None)
    return Page(entries, next_cursor, high, billing, skipped, total_pages, updated)


@contextmanager
def reading(system: str) -> Iterator[None]:
    """A response whose shape is wrong as a whole becomes ``UpstreamError`` (invalid_response)."""
    try:
        yield
    except BadPayload as exc:
        raise UpstreamError(
            system, UpstreamKind.INVALID_RESPONSE, retryable=False, message=exc.message
        ) from None


def day(fields: Fields, key: str) -> date:
    text = fields.text(key, required=True)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise fields.error(key, "is not a YYYY-MM-DD date") from None


_QUANTUM = Decimal("0.0001")


def hours_of(seconds: Decimal) -> Decimal:
    return (seconds / 3600).quantize(_QUANTUM)


def cents(value: Decimal | None) -> Decimal | None:
    return None if value is None else value / 100


def utc_now() -> datetime:
    return datetime.now(UTC)


def http_client(base_url: str, headers: Mapping[str, str], **kwargs: Any) -> httpx.Client:
    """An ``httpx.Client`` with explicit timeouts and our User-Agent (Harvest requires one)."""
    merged = {"User-Agent": USER_AGENT, "Accept": "application/json", **headers}
    return httpx.Client(base_url=base_url, headers=merged, timeout=TIMEOUT, **kwargs)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5  # tries per request, the first included
    max_wait_s: float = 120.0  # the longest single wait we sleep through
    backoff_s: float = 1.0  # first wait after a 5xx or lost connection, doubled each time
    default_429_s: float = 15.0  # a 429 without a usable Retry-After


def retry_after_s(value: str | None, now: datetime) -> float | None:
    """``Retry-After`` as seconds from ``now``: delta-seconds or an HTTP date; None if unusable."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


class Api:
    """Requests to one vendor: retries, waits and ``UpstreamError`` instead of httpx errors."""

    def __init__(
        self, system: str, http: httpx.Client, *, sleep: SleepFn = time.sleep,
        clock: Clock = utc_now, policy: RetryPolicy | None = None,
    ) -> None:  # fmt: skip
        self.system, self.http, self.sleep, self.clock = system, http, sleep, clock
        self.policy = policy or RetryPolicy()

    def json(self, method: str, url: str, **kwargs: Any) -> tuple[Any, httpx.Response]:
        """The decoded body and the response (for paging headers)."""
        response = self.send(method, url, **kwargs)
        try:
            return response.json(), response
        except ValueError:
            raise self._error(UpstreamKind.INVALID_RESPONSE, "response is not JSON") from None

    def send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        for attempt in range(1, self.policy.attempts + 1):
            last = attempt == self.policy.attempts
            try:
                response = self.http.request(method, url, **kwargs)
            except httpx.TransportError as exc:
                if last:
                    raise self._transport_error(exc) from None
                self.sleep(self._backoff(attempt))
                continue
            if response.is_success:
                return response
            self.sleep(self._wait_or_raise(response, attempt, last=last))
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _wait_or_raise(self, response: httpx.Response, attempt: int, *, last: bool) -> float:
        status = response.status_code
        if not _throttled(response) and status < 500:
            raise self._status_error(response)
        told = retry_after_s(response.headers.get("retry-after"), self.clock())
        if status == QUOTA_STATUS:
            told = retry_after_s(response.headers.get(QUOTA_RESETS_IN), self.clock())
        if status < 500:  # a 429 or a spent quota
            wait = self.policy.default_429_s if told is None else told
        else:
            wait = self._backoff(attempt) if told is None else told
        if last or wait > self.policy.max_wait_s:
            raise self._status_error(response, retry_after=told)
        return wait

    def _backoff(self, attempt: int) -> float:
        return min(self.policy.backoff_s * 2.0 ** (attempt - 1), self.policy.max_wait_s)

    def _status_error(
        self, response: httpx.Response, retry_after: float | None = None
    ) -> UpstreamError:
        status = response.status_code
        kind, retryable, what = _status_kind(status)
        if status == QUOTA_STATUS and _throttled(response):
            kind, retryable, what = UpstreamKind.RATE_LIMITED, True, "API quota spent"
        path = response.request.url.path
        return UpstreamError(
            self.system, kind, retryable=retryable,
            message=f"HTTP {status} on {response.request.method} {path}: {what}", status=status,
            request_id=response.headers.get("x-request-id"), retry_after_s=retry_after,
        )  # fmt: skip

    def _transport_error(self, exc: httpx.TransportError) -> UpstreamError:
        if isinstance(exc, httpx.TimeoutException):
            return self._error(UpstreamKind.TIMEOUT, "timed out", retryable=True)
        return self._error(UpstreamKind.CONNECTION, "connection failed", retryable=True)

    def _error(self, kind: UpstreamKind, message: str, *, retryable: bool = False) -> UpstreamError:
        return UpstreamError(self.system, kind, retryable=retryable, message=message)


def _throttled(response: httpx.Response) -> bool:
    """A 429, or Toggl's answer past its hourly quota: 402 with no quota remaining."""
    status = response.status_code
    spent = response.headers.get(QUOTA_REMAINING, "").strip() == "0"
    return status == 429 or (status == QUOTA_STATUS and spent)


def _status_kind(status: int) -> tuple[UpstreamKind, bool, str]:
    if status in (401, 403):
        return UpstreamKind.AUTH, False, "the credentials were refused"
    if status == 429:
        return UpstreamKind.RATE_LIMITED, True, "rate limited"
    if status >= 500:
        return UpstreamKind.SERVER, True, "server error"
    return UpstreamKind.BAD_REQUEST, False, "request refused"
