"""Toggl Track webhooks (Webhooks API v1) -> inbox items.

Authenticity: ``X-Webhook-Signature-256: sha256=<hex>``, the HMAC-SHA256 of the raw body keyed
with the subscription secret. PINGs are signed too.

A PING (``"payload": "ping"``) is answered with ``{"validation_code": ...}`` (``{}`` when it
carries none) and stores nothing: that answer validates the subscription. A ``time_entry`` event
becomes one item keyed ``toggl:{event_id}``; a running timer (negative ``duration``, or no
``stop``) is ignored until the update that stops it; ``deleted`` becomes an item with an
``EntityRef`` to the workspace's ``TimeEntry`` and no entry. Other models are ignored.

Toggl sends ids, not names: ``project`` and ``task`` are the ids as strings (``"193456"``), so a
client's rules file lists Toggl project ids under ``client.projects`` to be found from
them; ``client`` stays empty.
``user_ref`` is the user id; the payload has no user name or e-mail. ``start`` is as sent (UTC)
and ``work_date`` its date: the payload carries no time zone. ``version`` is the content hash
alone: Toggl's ``at`` moves on every event, so an update that changes nothing timebill reads is
the same version (no work), and each event stays distinct by its ``event_id``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from app.domain.entries import Source, TimeEntry
from app.domain.inbox import EntityRef, SourceAccess
from app.sources.webhooks import (
    BadSignature,
    Fields,
    Intake,
    WebhookSource,
    any_secret_signed,
    build_entry,
    check_account,
    header,
    hmac_sha256,
    load_json,
    new_item,
)

SIGNATURE_HEADER = "X-Webhook-Signature-256"
PREFIX = "sha256="

_LABEL = "Toggl body"
_HEX_DIGEST = re.compile(r"[0-9a-fA-F]{64}")
_KEPT = frozenset({"created", "updated"})
_QUANTUM = Decimal("0.0001")


sign = hmac_sha256  # the body's signature under one secret (``signing`` uses it too)


class TogglWebhook:
    source: Source = Source.TOGGL

    def verify(self, headers: Mapping[str, str], body: bytes, access: SourceAccess) -> None:
        value = header(headers, SIGNATURE_HEADER)
        if not value:
            raise BadSignature(f"missing {SIGNATURE_HEADER} header")
        hex_part = value.removeprefix(PREFIX)
        if not value.startswith(PREFIX) or not _HEX_DIGEST.fullmatch(hex_part):
            raise BadSignature(f"{SIGNATURE_HEADER} is not '{PREFIX}' and 64 hex digits")
        if not any_secret_signed(access, bytes.fromhex(hex_part), lambda key: sign(body, key)):
            raise BadSignature(f"{SIGNATURE_HEADER} does not match the body")

    def parse(
        self, headers: Mapping[str, str], body: bytes, *, tenant: str, access: SourceAccess,
        received_at: datetime,
    ) -> Intake:  # fmt: skip
        del headers  # everything Toggl says is in the body
        fields = Fields(load_json(body, _LABEL), _LABEL)
        if fields.get("payload") == "ping":
            code = fields.text("validation_code")
            return Intake(reply={"validation_code": code} if code else {})
        meta, payload = fields.child("metadata"), fields.child("payload")
        model, action = meta.text("model"), meta.text("action")
        workspace = _workspace(access, meta, payload, required=model == "time_entry")
        if model != "time_entry":
            return Intake(ignored=[f"Toggl {model or 'unnamed'} event is not about a time entry"])
        entry_id = payload.ident("id", required=True)
        event = f"time_entry.{action}"
        item = {"tenant": tenant, "source": Source.TOGGL, "event_type": event,
                "dedupe_key": f"toggl:{fields.ident('event_id', required=True)}",
                "received_at": received_at}  # fmt: skip
        if action == "deleted":
            ref = EntityRef(account=workspace, entity="TimeEntry", id=entry_id, operation=action)
            return Intake(items=[new_item(_LABEL, ref=ref, **item)])
        if action not in _KEPT:
            return Intake(ignored=[f"Toggl {event} of entry {entry_id} is not kept"])
        if _running(payload):
            return Intake(ignored=[f"Toggl entry {entry_id} is a running timer"])
        return Intake(items=[new_item(_LABEL, entry=_entry(payload, tenant), **item)])


def _workspace(access: SourceAccess, meta: Fields, payload: Fields, *, required: bool) -> str:
    """The workspace the event names (``payload`` and ``metadata`` both checked when present)."""
    named = [
        found for found in (payload.ident("workspace_id"), meta.ident("workspace_id")) if found
    ]
    if required and not named:
        raise payload.error("workspace_id", "missing")
    for workspace in named:
        check_account(access, workspace, "Toggl workspace")
    return named[0] if named else ""


def _running(payload: Fields) -> bool:
    duration = payload.number("duration")
    return (duration is not None and duration < 0) or not payload.text("stop")


def _entry(payload: Fields, tenant: str) -> TimeEntry:
    start, stop = payload.required_instant("start"), payload.required_instant("stop")
    seconds = payload.number("duration")
    if seconds is None:
        seconds = Decimal(int((stop - start).total_seconds()))
    return build_entry(
        _LABEL,
        {
            "source": Source.TOGGL, "external_id": payload.ident("id", required=True),
            "tenant": tenant, "project": payload.ident("project_id"),
            "task": payload.ident("task_id"), "tags": _tags(payload),
            "description": payload.text("description"), "work_date": start.date(),
            "start": start, "end": stop, "hours": (seconds / 3600).quantize(_QUANTUM),
            "billable_flag": payload.flag("billable"), "user_ref": payload.ident("user_id"),
            "changed_at": payload.instant("at"),
        },
    )  # fmt: skip


def _tags(payload: Fields) -> tuple[str, ...]:
    tags = payload.items("tags")
    if not all(isinstance(tag, str) for tag in tags):
        raise payload.error("tags", "is not a list of names")
    return tuple(tag for tag in tags if tag)


SOURCE: WebhookSource = TogglWebhook()
