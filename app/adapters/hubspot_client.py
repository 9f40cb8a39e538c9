"""HubSpot through its official SDK (``hubspot-api-client``): the only module importing it.

Read only: companies (CRM v3, paged by ``after`` cursors), associations (v4), deals and notes
by id (CRM v3), file metadata and a signed URL to download a private file (Files v3). Files
that people attach to a record in HubSpot are attachments of a note (``hs_attachment_ids``):
that is where SOWs are found.

A private app's access token authenticates (``Authorization: Bearer``); it never appears in a
message. The SDK runs on urllib3; its own retries are kept for connection failures only, and a
429 is retried here, waiting what ``Retry-After`` says (bounded), so the wait is visible and
testable. Any other failure becomes an ``UpstreamError`` with a one-line message: never the
SDK's exception text, which carries the response headers and body.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any, TypeVar

import urllib3
from hubspot import HubSpot
from hubspot.crm.associations.v4 import ApiException as AssociationsError
from hubspot.crm.companies import ApiException as CompaniesError
from hubspot.crm.deals import ApiException as DealsError
from hubspot.crm.objects.notes import ApiException as NotesError
from hubspot.files import ApiException as FilesError
from urllib3.util.retry import Retry

from app.crm.model import Company, CompanyPage, Deal, FileInfo
from app.errors import UpstreamError, UpstreamKind

SYSTEM = "hubspot"
DEFAULT_HOST = "https://api.hubapi.com"
PAGE_SIZE = 100  # the most the CRM v3 list accepts
ASSOCIATIONS_PAGE_SIZE = 500  # the most the v4 association list accepts
MAX_ATTEMPTS = 4  # one call and up to three retries after a 429
MAX_WAIT_S = 30.0  # a Retry-After longer than this is capped: the pull is interactive
TIMEOUT = (5.0, 30.0)  # connect, read (seconds); the SDK sets none by default
SIGNED_URL_SECONDS = 300
_API_ERRORS = (AssociationsError, CompaniesError, DealsError, NotesError, FilesError)
_T = TypeVar("_T")


class HubSpotCrm:
    """``CrmSource`` over HubSpot. ``host`` points the SDK at another server (tests)."""

    name = "HubSpot"

    def __init__(
        self,
        token: str,
        *,
        host: str = DEFAULT_HOST,
        sleep: Callable[[float], None] = time.sleep,
        max_attempts: int = MAX_ATTEMPTS,
    ) -> None:
        retry = Retry(total=2, connect=2, read=1, status=0, redirect=0,
                      respect_retry_after_header=False)  # fmt: skip
        self._client = HubSpot(access_token=token, host=host.rstrip("/"), retry=retry)
        self._plain_http = host.startswith("http://")
        self._http = urllib3.PoolManager(retries=retry, timeout=urllib3.Timeout(*TIMEOUT))
        self._sleep = sleep
        self._max_attempts = max_attempts
        self.waits: list[float] = []  # every wait after a 429, for the summary and the tests

    # --- reads ------------------------------------------------------------------------------

    def companies_page(self, after: str | None) -> CompanyPage:
        api = self._client.crm.companies.basic_api
        call = partial(api.get_page, limit=PAGE_SIZE, after=after, properties=["name", "domain"],
                       archived=False, _request_timeout=TIMEOUT)  # fmt: skip
        return self._call("listing companies", lambda: _company_page(call()))

    def associated_ids(self, from_type: str, object_id: str, to_type: str) -> list[str]:
        api = self._client.crm.associations.v4.basic_api
        what = f"listing the {to_type} of {from_type} {object_id}"
        found: list[str] = []
        after: str | None = None
        while True:
            call = partial(api.get_page, from_type, object_id, to_type, after=after,
                           limit=ASSOCIATIONS_PAGE_SIZE, _request_timeout=TIMEOUT)  # fmt: skip
            ids, after = self._call(what, lambda: _id_page(call()))  # noqa: B023 - called now
            found += ids
            if after is None:
                return found

    def deal(self, deal_id: str) -> Deal:
        api = self._client.crm.deals.basic_api
        call = partial(api.get_by_id, deal_id, properties=["dealname", "dealstage"],
                       _request_timeout=TIMEOUT)  # fmt: skip
        return self._call(f"reading deal {deal_id}", lambda: _deal(call()))

    def note_attachment_ids(self, note_id: str) -> Sequence[str]:
        api = self._client.crm.objects.notes.basic_api
        call = partial(api.get_by_id, note_id, properties=["hs_attachment_ids"],
                       _request_timeout=TIMEOUT)  # fmt: skip
        return self._call(f"reading note {note_id}", lambda: _attachment_ids(call()))

    def file_info(self, file_id: str) -> FileInfo:
        api = self._client.files.files_api
        call = partial(api.get_by_id, file_id, _request_timeout=TIMEOUT)
        return self._call(f"reading file {file_id}", lambda: _file_info(call()))

    def download(self, file_id: str, max_bytes: int) -> bytes:
        """The file's bytes through a short-lived signed URL (the token is not sent there)."""
        api = self._client.files.files_api
        call = partial(api.get_signed_url, file_id, expiration_seconds=SIGNED_URL_SECONDS,
                       _request_timeout=TIMEOUT)  # fmt: skip
        url = self._call(f"asking a download link for file {file_id}", lambda: str(call().url))
        if not (url.startswith("https://") or (self._plain_http and url.startswith("http://"))):
            raise _invalid(f"the download link for file {file_id} is not an https URL")
        return self._call(f"downloading file {file_id}", lambda: self._fetch(url, max_bytes))

    def _fetch(self, url: str, max_bytes: int) -> bytes:
        response = self._http.request("GET", url, preload_content=False, redirect=True)
        try:
            if response.status != 200:
                raise _Status(response.status, response.headers)
            body = b"".join(_chunks(response, max_bytes))
        finally:
            response.release_conn()
        return body

    # --- one call, its 429 retries and its errors -------------------------------------------

    def _call(self, what: str, call: Callable[[], _T]) -> _T:
        for attempt in range(1, self._max_attempts + 1):
            try:
                return call()
            except (*_API_ERRORS, _Status) as exc:
                status = int(getattr(exc, "status", 0) or 0)
                headers = getattr(exc, "headers", None) or {}
                if status != 429 or attempt == self._max_attempts:
                    raise _upstream(what, status, headers) from None
                wait = _retry_after(headers, attempt)
                self.waits.append(wait)
                self._sleep(wait)
            except _TooBig as exc:
                raise _invalid(f"{what}: the file is {exc}") from None
            except urllib3.exceptions.HTTPError as exc:
                raise UpstreamError(
                    SYSTEM, UpstreamKind.CONNECTION, retryable=True,
                    message=f"{what}: cannot reach HubSpot ({type(exc).__name__})",
                ) from None  # fmt: skip
            except (ValueError, TypeError, AttributeError) as exc:
                raise _invalid(f"{what}: unexpected answer ({type(exc).__name__})") from None
        raise AssertionError("unreachable")  # pragma: no cover


class _Status(Exception):
    """A non-200 answer to the signed-URL download, handled like an SDK error."""

    def __init__(self, status: int, headers: Mapping[str, str]) -> None:
        super().__init__(status)
        self.status = status
        self.headers = headers


class _TooBig(Exception):
    """The download passed its size limit."""


def _chunks(response: Any, max_bytes: int) -> Iterator[bytes]:
    read = 0
    for chunk in response.stream(64 * 1024):
        read += len(chunk)
        if read > max_bytes:
            raise _TooBig(f"larger than {max_bytes:,} bytes")
        yield chunk


# --- SDK models -> plain records (inside ``_call``: a malformed answer is an UpstreamError) ---


def _company_page(page: Any) -> CompanyPage:
    companies = tuple(
        Company(str(item.id), _prop(item, "name"), _prop(item, "domain")) for item in page.results
    )
    return CompanyPage(companies, _next_after(page))


def _id_page(page: Any) -> tuple[list[str], str | None]:
    return [str(item.to_object_id) for item in page.results], _next_after(page)


def _deal(item: Any) -> Deal:
    return Deal(str(item.id), _prop(item, "dealname"), _prop(item, "dealstage"))


def _attachment_ids(item: Any) -> list[str]:
    ids = _prop(item, "hs_attachment_ids")
    return [part.strip() for part in ids.split(";") if part.strip()]


def _file_info(item: Any) -> FileInfo:
    updated = item.updated_at
    return FileInfo(
        id=str(item.id),
        name=str(item.name or f"file-{item.id}"),
        extension=str(item.extension or "").lower().lstrip("."),
        updated_at=updated.isoformat() if hasattr(updated, "isoformat") else str(updated),
        size=item.size,
        archived=bool(item.archived),
    )


def _prop(item: Any, name: str) -> str:
    properties = getattr(item, "properties", None) or {}
    value = properties.get(name)
    return "" if value is None else str(value).strip()


def _next_after(page: Any) -> str | None:
    paging = getattr(page, "paging", None)
    after = getattr(getattr(paging, "next", None), "after", None)
    return str(after) if after else None


def _retry_after(headers: Mapping[str, str], attempt: int) -> float:
    """Seconds to wait: ``Retry-After`` when HubSpot sends it (capped), else 1, 2, 4 s."""
    value = _header(headers, "Retry-After")
    try:
        wait = float(value) if value is not None else 2.0 ** (attempt - 1)
    except ValueError:
        wait = 2.0 ** (attempt - 1)
    return max(0.0, min(wait, MAX_WAIT_S))


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in dict(headers).items():
        if str(key).lower() == name.lower():
            return str(value)
    return None


_KINDS: dict[int, tuple[UpstreamKind, bool, str]] = {
    401: (UpstreamKind.AUTH, False, "the token was refused: check TIMEBILL_HUBSPOT_TOKEN"),
    403: (UpstreamKind.AUTH, False, "the private app lacks a scope (see RUNBOOK.md, HubSpot)"),
    404: (UpstreamKind.BAD_REQUEST, False, "not found"),
    429: (UpstreamKind.RATE_LIMITED, True, "still rate limited after retrying"),
}


def _upstream(what: str, status: int, headers: Mapping[str, str]) -> UpstreamError:
    kind, retryable, why = _KINDS.get(
        status,
        (UpstreamKind.SERVER, True, "HubSpot failed")
        if status >= 500
        else (UpstreamKind.BAD_REQUEST, False, "refused"),
    )
    request_id = _header(headers, "X-HubSpot-Correlation-Id")
    return UpstreamError(
        SYSTEM, kind, retryable=retryable, status=status, request_id=request_id,
        message=f"{what}: {why} (HTTP {status})",
    )  # fmt: skip


def _invalid(message: str) -> UpstreamError:
    return UpstreamError(SYSTEM, UpstreamKind.INVALID_RESPONSE, retryable=False, message=message)
