"""The interface every tracker's webhook module implements, and what intake gets back.

A source module verifies a delivery on the raw bytes (before any parsing, in constant time,
against each of the tenant's active secrets) and turns a verified body into ``Intake``:
events to store, or a reply to send (Toggl's PING validation). The route in ``app.api``
does the HTTP; the modules here do no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from app.domain.entries import Source
from app.domain.inbox import NewItem, SourceAccess


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


def header(headers: Mapping[str, str], name: str) -> str:
    return headers.get(name.lower(), "")
