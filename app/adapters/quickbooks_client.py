"""QuickBooks Online through ``python-quickbooks`` and ``intuit-oauth``: the only module that
imports them.

What the libraries do not do, this module adds (checked in their 0.9.12 / 1.2.6 source):

- **Timeouts.** Neither passes ``timeout`` to ``requests``. ``AuthClient`` is a
  ``requests.Session`` whose constructor GETs the discovery document through ``self.get``
  and whose token calls go through ``self.request`` (``intuitlib.utils.send_request``):
  ``_TimedAuthClient.request`` sets the timeout there. API calls go through the
  ``OAuth2Session`` that ``QuickBooks._start_session`` builds: a ``_TimeoutAdapter`` is
  mounted on it, so every request it sends has one.
- **Status-aware errors.** ``QuickBooks.make_request`` raises by fault code and turns a
  non-JSON body (the XML ``ThrottleExceeded`` 429) into code 10000, a 429 with a JSON fault
  into a ``ValidationException`` (3001), and 5010 into a plain ``QuickbooksException``.
  ``_QuickBooks.process_request`` looks at the HTTP status first; what remains is mapped by
  fault code. Every failure leaves as ``UpstreamError`` with no body, token or secret in it.
- **One AuthClient per process** (its constructor costs a network round trip) and a cached
  access token per realm, passed in so ``QuickBooks()`` never refreshes by itself.
- **A 401 gets one refresh and one retry**, through ``TokenManager``, with the same request.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any, Literal, TypeVar

import requests
from intuitlib.client import AuthClient
from intuitlib.enums import Scopes
from intuitlib.exceptions import AuthClientError
from pydantic import SecretStr
from quickbooks import QuickBooks
from quickbooks.exceptions import AuthorizationException, QuickbooksException
from quickbooks.objects.customer import Customer
from quickbooks.objects.employee import Employee
from quickbooks.objects.item import Item
from quickbooks.objects.timeactivity import TimeActivity
from requests.adapters import HTTPAdapter

from app.adapters import quickbooks_faults as faults
from app.adapters.quickbooks_budget import RequestBudget
from app.adapters.quickbooks_tokens import TokenGrant, TokenManager
from app.errors import UpstreamError, UpstreamKind

SYSTEM = faults.SYSTEM
MINOR_VERSION = 75  # python-quickbooks' minimum; lower values warn and Intuit ignores them
MAX_REQUEST_ID = 50  # QBO's limit on ``requestid``
Timeout = tuple[float, float]  # (connect, read) seconds
DEFAULT_TIMEOUT: Timeout = (5.0, 30.0)  # QBO itself gives up on a request after 120 s
T = TypeVar("T")
_last_status = threading.local()  # the HTTP status behind the library's next exception


class _TimedAuthClient(AuthClient):  # type: ignore[misc]
    """``AuthClient`` with a timeout on every request, the constructor's discovery GET too."""

    def __init__(self, *args: Any, timeout: Timeout, **kwargs: Any) -> None:
        self._timeout = timeout  # first: the base constructor already sends a request
        super().__init__(*args, **kwargs)

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self._timeout
        response: requests.Response = super().request(method, url, *args, **kwargs)
        return response


class _TimeoutAdapter(HTTPAdapter):
    """Gives every request sent through it a timeout when the caller set none."""

    def __init__(self, timeout: Timeout) -> None:
        super().__init__()
        self._timeout = timeout

    def send(  # noqa: PLR0917 (HTTPAdapter.send's own signature)
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: dict[str, str] | None = None,
    ) -> requests.Response:
        chosen = self._timeout if timeout is None else timeout
        return super().send(
            request, stream=stream, timeout=chosen, verify=verify, cert=cert, proxies=proxies
        )


class _QuickBooks(QuickBooks):  # type: ignore[misc]
    """``QuickBooks`` that fails on the HTTP status before its fault-code parsing runs."""

    def process_request(
        self, request_type: str, url: str, headers: Any = "", params: Any = "", data: Any = ""
    ) -> requests.Response:
        response: requests.Response = super().process_request(
            request_type, url, headers=headers, params=params, data=data
        )
        _last_status.value = response.status_code
        failure = faults.status_error(response.status_code, response.headers, response.text)
        if failure is not None:
            raise failure
        return response


class QboConnector:
    """Builds the SDK clients: one ``AuthClient`` per process, one ``QuickBooks`` per token.

    Implements ``TokenRefresher``. The shared ``AuthClient`` keeps the last tokens on itself,
    so every use of it (a refresh, building a client) runs under one lock and leaves it without
    tokens. Refreshes are hourly per realm, so serialising them per process costs little; a
    cached client is handed out without that lock.
    """

    def __init__(
        self,
        *,
        client_id: str,
        client_secret: SecretStr,
        redirect_uri: str,
        environment: Literal["sandbox", "production"],
        timeout: Timeout = DEFAULT_TIMEOUT,
    ) -> None:
        self._settings = (client_id, client_secret, redirect_uri, environment)
        self.timeout = timeout
        self._lock = threading.Lock()  # guards the shared AuthClient and the tokens on it
        self._cache_lock = threading.Lock()
        self._auth: Any = None
        self._clients: dict[str, tuple[str, Any]] = {}

    def refresh(self, refresh_token: str) -> TokenGrant:
        return self._token_call(lambda auth: auth.refresh(refresh_token=refresh_token))

    def authorization_url(self, state: str) -> str:
        """Where a person signs in to QuickBooks and picks the company to connect."""
        with self._lock:
            url: str = self._auth_client().get_authorization_url([Scopes.ACCOUNTING], state)
            return url

    def exchange(self, code: str, realm: str) -> TokenGrant:
        """The first tokens, from the code QuickBooks sent back to the redirect URI."""
        return self._token_call(lambda auth: auth.get_bearer_token(code, realm_id=realm))

    def _token_call(self, call: Callable[[Any], object]) -> TokenGrant:
        """One call to the token endpoint on the shared AuthClient, left without tokens after."""
        with self._lock:
            auth = self._auth_client()
            try:
                call(auth)
                return _grant(auth)
            except AuthClientError as exc:
                raise _token_error(exc) from None
            except requests.RequestException as exc:
                raise faults.transport_error(exc) from None
            finally:
                auth.access_token = auth.refresh_token = None

    def client(self, realm: str, access_token: str) -> Any:
        """A ``QuickBooks`` client for ``realm`` using ``access_token`` (never refreshing).

        Cached per realm while the token stays the same, so its connections are reused. The
        one it replaces is left to the garbage collector: another thread may still be using it.
        """
        with self._cache_lock:
            cached = self._clients.get(realm)
        if cached is not None and cached[0] == access_token:
            return cached[1]
        with self._lock:
            auth = self._auth_client()
            auth.access_token = access_token  # set: the constructor then skips its refresh
            try:
                qb = _QuickBooks(auth_client=auth, company_id=realm, minorversion=MINOR_VERSION)
            finally:
                auth.access_token = None
        for prefix in ("https://", "http://"):
            qb.session.mount(prefix, _TimeoutAdapter(self.timeout))
        with self._cache_lock:
            self._clients[realm] = (access_token, qb)
        return qb

    def _auth_client(self) -> Any:
        if self._auth is None:
            client_id, secret, redirect_uri, environment = self._settings
            try:
                self._auth = _TimedAuthClient(
                    client_id, secret.get_secret_value(), redirect_uri, environment,
                    timeout=self.timeout,
                )  # fmt: skip
            except AuthClientError as exc:
                raise _token_error(exc, what="discovery document") from None
            except requests.RequestException as exc:
                raise faults.transport_error(exc) from None
        return self._auth


class QboApi:
    """The calls timebill makes, each with a token, a slot in the realm's budget, and one
    refresh-and-retry on 401. Bodies are plain dicts in QBO's JSON shape."""

    def __init__(
        self, connector: QboConnector, tokens: TokenManager, budget: RequestBudget | None = None
    ) -> None:
        self.connector = connector
        self.tokens = tokens
        self.budget = budget or RequestBudget()

    def read_time_activity(self, tenant: str, realm: str, record_id: str) -> dict[str, Any]:
        def read(qb: Any) -> dict[str, Any]:
            return _plain(TimeActivity.get(record_id, qb=qb))

        return self._call(tenant, realm, read)

    def list_records(self, tenant: str, realm: str, entity: str) -> list[dict[str, Any]]:
        """Active Customers, Employees or Items of the company (up to 1,000), as plain dicts."""
        kinds = {"Customer": Customer, "Employee": Employee, "Item": Item}
        if entity not in kinds:
            raise ValueError(f"cannot list {entity!r}: Customer, Employee or Item")

        def listing(qb: Any) -> list[dict[str, Any]]:
            return [_plain(obj) for obj in kinds[entity].all(max_results=1000, qb=qb)]

        return self._call(tenant, realm, listing)

    def save_time_activity(
        self, tenant: str, realm: str, body: dict[str, Any], *, request_id: str
    ) -> dict[str, Any]:
        """Create (no ``Id``) or full update (``Id`` + ``SyncToken``), idempotent per id."""
        _check_request_id(request_id)

        def save(qb: Any) -> dict[str, Any]:
            return _plain(TimeActivity.from_json(body).save(qb=qb, request_id=request_id))

        return self._call(tenant, realm, save)

    def delete_time_activity(
        self, tenant: str, realm: str, record_id: str, sync_token: str, *, request_id: str
    ) -> None:
        """Delete a TimeActivity (``?operation=delete`` with its ``Id`` and ``SyncToken``)."""
        _check_request_id(request_id)

        def delete(qb: Any) -> None:
            record = TimeActivity()
            record.Id, record.SyncToken = record_id, sync_token
            record.delete(qb=qb, request_id=request_id)

        self._call(tenant, realm, delete)

    def save_invoice(
        self, tenant: str, realm: str, body: dict[str, Any], *, request_id: str
    ) -> dict[str, Any]:
        """Create an Invoice from ``body`` exactly as given; return the Invoice QBO answers.

        Unlike ``save_time_activity`` the body is not routed through the library's object:
        ``Invoice()`` fills a dozen defaults on serialisation (``DueDate`` "",
        ``GlobalTaxCalculation`` "TaxExcluded", ``AllowIPNPayment`` true, ``TxnLineId`` 0 on
        every ``LinkedTxn``, ``ServiceDate`` "" on every line), so the wire body would not be
        the payload the outbox shows. ``create_object`` posts our JSON as it is, through the
        same session, timeout, budget and fault mapping.
        """
        _check_request_id(request_id)
        payload = json.dumps(body)

        def save(qb: Any) -> dict[str, Any]:
            answer = qb.create_object("Invoice", payload, request_id=request_id)
            invoice = answer.get("Invoice") if isinstance(answer, dict) else None
            if not isinstance(invoice, dict):
                raise UpstreamError(
                    SYSTEM, UpstreamKind.INVALID_RESPONSE, retryable=False,
                    message="invoice create answered without an Invoice",
                )  # fmt: skip
            return invoice

        return self._call(tenant, realm, save)

    def _call(self, tenant: str, realm: str, operation: Callable[[Any], T]) -> T:
        token = self.tokens.access_token(tenant, realm)
        try:
            return self._send(realm, token, operation)
        except UpstreamError as exc:
            if exc.status != 401:
                raise
        token = self.tokens.after_unauthorized(tenant, realm, token)
        try:
            return self._send(realm, token, operation)
        except UpstreamError as exc:
            if exc.status != 401:
                raise
            raise UpstreamError(
                SYSTEM, UpstreamKind.AUTH, retryable=False, status=401,
                request_id=exc.request_id, message="HTTP 401 again after a token refresh",
            ) from None  # fmt: skip

    def _send(self, realm: str, token: str, operation: Callable[[Any], T]) -> T:
        qb = self.connector.client(realm, token)
        with self.budget.slot(realm):
            _last_status.value = None
            try:
                return operation(qb)
            except QuickbooksException as exc:
                raise _library_error(exc) from None
            except requests.RequestException as exc:
                raise faults.transport_error(exc) from None


def _check_request_id(request_id: str) -> None:
    if not 0 < len(request_id) <= MAX_REQUEST_ID:
        raise ValueError(f"requestid must be 1-{MAX_REQUEST_ID} characters")


def _plain(obj: Any) -> dict[str, Any]:
    """The library object as the JSON it would send (its own serialiser, ``None`` dropped)."""
    data: dict[str, Any] = json.loads(obj.to_json())
    return data


def _grant(auth: Any) -> TokenGrant:
    access, refresh = auth.access_token, auth.refresh_token
    expires, refresh_expires = auth.expires_in, auth.x_refresh_token_expires_in
    if not (isinstance(access, str) and isinstance(refresh, str) and access and refresh):
        raise UpstreamError(
            SYSTEM, UpstreamKind.INVALID_RESPONSE, retryable=False,
            message="token endpoint answered without tokens",
        )  # fmt: skip
    numeric = isinstance(refresh_expires, int | float)
    return TokenGrant(
        access_token=access, refresh_token=refresh,
        expires_in_s=float(expires) if isinstance(expires, int | float) else 3600.0,
        refresh_expires_in_s=float(refresh_expires) if numeric else None,
    )  # fmt: skip


def _library_error(exc: QuickbooksException) -> UpstreamError:
    """A python-quickbooks exception (a fault in a 200/400 body), by its fault code."""
    code = exc.error_code if isinstance(exc.error_code, int) else 0
    return faults.fault_error(
        code,
        auth=isinstance(exc, AuthorizationException),
        throttle_text="ThrottleExceeded" in str(exc.message),  # read, never copied
        status=getattr(_last_status, "value", None),
    )


def _token_error(exc: AuthClientError, *, what: str = "token endpoint") -> UpstreamError:
    return faults.token_error(exc.status_code, exc.intuit_tid, exc.content, what=what)
