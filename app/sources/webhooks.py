"""The interface every tracker's webhook module implements, and what intake gets back.

A source module verifies a delivery on the raw bytes (before any parsing, in constant time,
against each of the tenant's active secrets) and turns a verified body into ``Intake``:
events to store, or a reply to send (Toggl's PING validation). The route in ``app.api``
does the HTTP; the modules here do no I/O.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Protocol

from pydantic import ValidationError

from app.domain.entries import Source, TimeEntry
from app.domain.inbox import NewItem, SourceAccess
from app.sources import strict_json


class IntakeError(Exception):
    """A delivery we refuse; ``status`` is the HTTP answer. Nothing is written."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadSignature(IntakeError):
    status = 401


class WrongAccount(IntakeError):
    """The verified body names a workspace or realm that is not this tenant's."""

    status = 403


class BadPayload(IntakeError):
    status = 400


@dataclass(frozen=True)
class Intake:
    items: list[NewItem] = field(default_factory=list)
    reply: dict[str, Any] | None = None  # a body to answer with (Toggl PING), else {"accepted": n}
    ignored: list[str] = field(default_factory=list)  # why some events were not kept


class WebhookSource(Protocol):
    source: Source

    def verify(self, headers: Mapping[str, str], body: bytes, access: SourceAccess) -> None:
        """Raise ``BadSignature`` unless one of ``access.secrets`` signed ``body``.

        ``headers`` keys are lower-case.
        """
        ...

    def parse(
        self, headers: Mapping[str, str], body: bytes, *, tenant: str, access: SourceAccess,
        received_at: datetime,
    ) -> Intake:  # fmt: skip
        """Turn a verified body into items; ``BadPayload`` for malformed JSON or shape,
        ``WrongAccount`` when it names an account not in ``access.accounts``."""
        ...


def verify_and_parse(
    source: WebhookSource, headers: Mapping[str, str], body: bytes, *, tenant: str,
    access: SourceAccess, received_at: datetime,
) -> Intake:  # fmt: skip
    """Verify, then parse: the only order in which a delivery may be read."""
    source.verify(headers, body, access)
    return source.parse(headers, body, tenant=tenant, access=access, received_at=received_at)


def header(headers: Mapping[str, str], name: str) -> str:
    """The header's value, ``""`` when absent. Keys should be lower-case; any case is found."""
    value = headers.get(name.lower())
    if value is None:
        wanted = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == wanted), "")
    return value


# Helpers shared by the tracker modules (clockify_webhook, toggl_webhook, quickbooks_webhook).


def hmac_sha256(body: bytes, key: bytes) -> bytes:
    """The HMAC-SHA256 of ``body``: how Toggl and QuickBooks sign (hex and base64 encoded)."""
    return hmac.new(key, body, hashlib.sha256).digest()


def any_secret_signed(access: SourceAccess, given: bytes, sign: Callable[[bytes], bytes]) -> bool:
    """True when ``given`` equals ``sign(secret)`` for one of the active secrets.

    Every secret is tried (no early exit) and each comparison is ``hmac.compare_digest``.
    An empty secret never matches.
    """
    matched = False
    for secret in access.secrets:
        key = secret.get_secret_value().encode()
        matched |= bool(key) and hmac.compare_digest(given, sign(key))
    return matched


def load_json(body: bytes, label: str) -> Any:
    """The decoded body, or ``BadPayload`` saying where the JSON breaks or which field is not
    strict JSON (``app.sources.strict_json``: no NaN/Infinity, no duplicate keys, valid Unicode)."""
    try:
        return strict_json.loads(body)
    except strict_json.JsonProblem as exc:
        raise BadPayload(f"{label}: {exc}") from None


def check_account(access: SourceAccess, account: str, what: str) -> None:
    """``WrongAccount`` unless ``account`` (a workspace or realm id) is this tenant's."""
    if account not in access.accounts:
        raise WrongAccount(f"{what} {account[:64]!r} is not configured for this tenant")


_CLASSIFIED = frozenset(
    {"client", "project", "task", "tags", "description", "work_date", "hours", "billable_flag",
     "user_ref", "user_name", "user_email"}
)  # fmt: skip


def content_hash(entry: TimeEntry) -> str:
    """12 hex chars over everything classification reads: an edit changes it, a resend does not."""
    fields = entry.model_dump(mode="json", include=set(_CLASSIFIED))
    fields["hours"] = f"{entry.hours:.4f}"  # 1.5 and 1.5000 are the same content
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


def build_entry(label: str, fields: dict[str, Any]) -> TimeEntry:
    """A ``TimeEntry`` whose ``version`` is its ``content_hash``; ``BadPayload`` names the first
    invalid field (an entry over 24 hours, say)."""
    try:
        entry = TimeEntry.model_validate(fields)
    except ValidationError as exc:
        raise _invalid(label, exc) from None
    return entry.model_copy(update={"version": content_hash(entry)})


def new_item(label: str, **fields: Any) -> NewItem:
    """A ``NewItem``; ``BadPayload`` when the body's ids make it invalid (a 400-char id, say)."""
    try:
        return NewItem.model_validate(fields)
    except ValidationError as exc:
        if exc.errors()[0]["loc"] == ("dedupe_key",):  # not a field of the body: say which
            raise BadPayload(f"{label}: the event's ids are too long to keep (together over "
                             "300 characters)") from None  # fmt: skip
        raise _invalid(label, exc) from None


def _invalid(label: str, exc: ValidationError) -> BadPayload:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return BadPayload(f"{label}: {where}: {first['msg']}")


NUMBER_LIMIT = 10**12  # no field of a time entry is near this; keeps Decimal arithmetic exact
# No tracker's id is near this; the store keys an entry and a delivery by theirs in at most 300.
ID_LIMIT = 200


class Fields:
    """Typed reads from one JSON object of a delivery; a wrong shape is ``BadPayload``.

    Keys may be dotted paths (``timeInterval.start``); a missing or null step reads as absent.
    Messages name the path, never a value: ``Clockify body: 'timeInterval.start' missing``.
    """

    def __init__(self, data: Any, label: str, path: str = "") -> None:
        if not isinstance(data, dict):
            raise BadPayload(f"{label}: {repr(path) if path else 'the body'} is not an object")
        self._data: dict[str, Any] = data
        self.label, self.path = label, path

    def get(self, key: str) -> Any:
        head, _, rest = key.partition(".")
        value = self._data.get(head)
        return value if not rest or value is None else self.child(head).get(rest)

    def child(self, key: str) -> Fields:
        """The object at ``key`` (an empty one when absent)."""
        value = self.get(key)
        return Fields({} if value is None else value, self.label, self._join(key))

    def text(self, key: str, *, required: bool = False) -> str:
        value = self.get(key)
        if value is None or value == "":
            if required:
                raise self.error(key, "missing")
            return ""
        if not isinstance(value, str):
            raise self.error(key, "is not a string")
        return value

    def ident(self, key: str, *, required: bool = False) -> str:
        """An id sent as a string or an integer, as a string."""
        value = self.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            found = str(value)
        else:
            found = self.text(key, required=required)
        if len(found) > ID_LIMIT:
            raise self.error(key, f"is too long for an id (more than {ID_LIMIT} characters)")
        return found

    def flag(self, key: str) -> bool | None:
        value = self.get(key)
        if value is not None and not isinstance(value, bool):
            raise self.error(key, "is not true or false")
        return value

    def number(self, key: str) -> Decimal | None:
        value = self.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(key, "is not a number")
        if not abs(value) <= NUMBER_LIMIT:  # also false for NaN
            raise self.error(key, f"is out of range (more than {NUMBER_LIMIT:.0e} in size)")
        return Decimal(str(value))

    def moment(self, key: str) -> datetime | None:
        value = self.text(key)
        try:
            return datetime.fromisoformat(value) if value else None
        except ValueError:
            raise self.error(key, "is not an ISO-8601 date-time") from None

    def required_moment(self, key: str) -> datetime:
        found = self.moment(key)
        if found is None:
            raise self.error(key, "missing")
        return found

    def instant(self, key: str) -> datetime | None:
        """A point in time, read as UTC when sent without an offset (the trackers state theirs
        in UTC): two of them then always compare and subtract, whichever carries one."""
        found = self.moment(key)
        return found if found is None or found.tzinfo is not None else found.replace(tzinfo=UTC)

    def required_instant(self, key: str) -> datetime:
        found = self.instant(key)
        if found is None:
            raise self.error(key, "missing")
        return found

    def items(self, key: str) -> list[Any]:
        value = self.get(key)
        if value is not None and not isinstance(value, list):
            raise self.error(key, "is not a list")
        return value or []

    def error(self, key: str, problem: str) -> BadPayload:
        return BadPayload(f"{self.label}: {self._join(key)!r} {problem}")

    def _join(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key
