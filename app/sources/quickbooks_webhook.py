"""QuickBooks Online webhooks -> inbox items that name a ``TimeActivity`` for the worker to read.

Authenticity: ``intuit-signature`` is base64(HMAC-SHA256(raw body, verifier token)); the
verifier token is on the app's webhooks page (it is not the OAuth client secret).

Two body formats are accepted while Intuit migrates: the legacy object
``{"eventNotifications": [{"realmId", "dataChangeEvent": {"entities": [...]}}]}`` and the
CloudEvents array (``type`` ``qbo.<entity>.<action>.v1``, ``intuitaccountid``,
``intuitentityid``, ``id``). Both carry ids only, so every item has ``entry=None`` and an
``EntityRef(account=realm, entity="TimeActivity", id, operation)``; ``operation`` and
``event_type`` (``TimeActivity.Update``) use the legacy words (Create, Update, Delete...) for
both formats. Other entities are ignored. On the per-tenant route any realm not of this
tenant rejects the whole delivery; the app route (``app.service.qbo_intake``) splits a delivery
by realm instead, each part going to the tenant that connected that company.
Dedupe keys: the CloudEvent ``id`` (``qbo:{id}``), or for the legacy format
``qbo:{realm}:TimeActivity:{id}:{operation}:{lastUpdated}``; a legacy entity without
``lastUpdated`` is keyed by the receipt time instead, so a later change is never dropped as a
duplicate (a resend is then one more harmless re-read).
Each ``Event`` also carries ``body``: itself as a one-event body in the format it came in, what
the store keeps for a realm no tenant connected yet (``app.service.qbo_unrouted``).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from app.domain.entries import Source
from app.domain.inbox import EntityRef, NewItem, SourceAccess
from app.sources.webhooks import (
    BadSignature,
    Fields,
    Intake,
    WebhookSource,
    any_secret_signed,
    check_account,
    header,
    hmac_sha256,
    load_json,
    new_item,
)

SIGNATURE_HEADER = "intuit-signature"
ENTITY = "TimeActivity"

_LABEL = "QuickBooks body"
_SHA256_SIZE = 32
_TYPE = re.compile(r"qbo\.([a-z]+)\.([a-z]+)\.v\d+", re.IGNORECASE)  # case: unverified
_OPERATIONS = {
    "created": "Create", "updated": "Update", "deleted": "Delete", "merged": "Merge",
    "voided": "Void", "emailed": "Emailed",
}  # fmt: skip


sign = hmac_sha256  # the body's signature under one secret (``signing`` uses it too)


@dataclass(frozen=True)
class Event:
    realm: str
    entity: str
    entity_id: str
    operation: str
    dedupe_key: str
    body: str = field(default="", compare=False)  # this event alone, as Intuit sent it


class QuickBooksWebhook:
    source: Source = Source.QUICKBOOKS

    def verify(self, headers: Mapping[str, str], body: bytes, access: SourceAccess) -> None:
        value = header(headers, SIGNATURE_HEADER)
        if not value:
            raise BadSignature(f"missing {SIGNATURE_HEADER} header")
        try:
            given = base64.b64decode(value, validate=True)
        except ValueError:  # binascii.Error, or a non-ASCII value
            raise BadSignature(f"{SIGNATURE_HEADER} is not base64") from None
        if len(given) != _SHA256_SIZE:
            raise BadSignature(f"{SIGNATURE_HEADER} is not a base64 SHA-256 digest")
        if not any_secret_signed(access, given, lambda key: sign(body, key)):
            raise BadSignature(f"{SIGNATURE_HEADER} does not match the body")

    def parse(
        self, headers: Mapping[str, str], body: bytes, *, tenant: str, access: SourceAccess,
        received_at: datetime,
    ) -> Intake:  # fmt: skip
        del headers  # everything Intuit says is in the body
        events = read_events(body, received_at)
        for event in events:
            check_account(access, event.realm, "QuickBooks realm")
        return intake_of(events, tenant, received_at)


def read_events(body: bytes, received_at: datetime) -> list[Event]:
    """Every event of a verified body, in order, whatever its realm (legacy or CloudEvents)."""
    data = load_json(body, _LABEL)
    if isinstance(data, list):
        return _cloud_events(data)
    return _legacy(Fields(data, _LABEL), received_at)


def intake_of(events: list[Event], tenant: str, received_at: datetime) -> Intake:
    """The tenant's items: one per TimeActivity event; other entities are ignored, with why."""
    items: list[NewItem] = []
    ignored: list[str] = []
    for event in events:
        if event.entity.casefold() == ENTITY.casefold():
            items.append(_item(event, tenant, received_at))
        else:
            what = f"{event.entity} {event.entity_id} ({event.operation or 'no operation'})"
            ignored.append(f"QuickBooks {what} is not a {ENTITY}")
    return Intake(items=items, ignored=ignored)


def _item(event: Event, tenant: str, received_at: datetime) -> NewItem:
    ref = EntityRef(
        account=event.realm, entity=ENTITY, id=event.entity_id, operation=event.operation
    )
    return new_item(
        _LABEL, tenant=tenant, source=Source.QUICKBOOKS, event_type=f"{ENTITY}.{event.operation}",
        ref=ref, dedupe_key=event.dedupe_key, received_at=received_at,
    )  # fmt: skip


def _legacy(fields: Fields, received_at: datetime) -> list[Event]:
    if fields.get("eventNotifications") is None:
        raise fields.error("eventNotifications", "missing (nor is the body a CloudEvents array)")
    events: list[Event] = []
    for i, raw in enumerate(fields.items("eventNotifications")):
        note = Fields(raw, _LABEL, f"eventNotifications[{i}]")
        realm = note.ident("realmId", required=True)
        path = f"{note.path}.dataChangeEvent.entities"
        for j, entity in enumerate(note.child("dataChangeEvent").items("entities")):
            event = _legacy_event(Fields(entity, _LABEL, f"{path}[{j}]"), realm, received_at)
            alone = {
                "eventNotifications": [
                    {"realmId": realm, "dataChangeEvent": {"entities": [entity]}}
                ]
            }
            events.append(replace(event, body=_json(alone)))
    return events


def _legacy_event(entity: Fields, realm: str, received_at: datetime) -> Event:
    name, entity_id = entity.text("name", required=True), entity.ident("id", required=True)
    operation = entity.text("operation", required=True)
    version = entity.text("lastUpdated") or f"received {received_at.isoformat()}"
    key = f"qbo:{realm}:{name}:{entity_id}:{operation}:{version}"
    return Event(realm, name, entity_id, operation, key)


def _cloud_events(data: list[Any]) -> list[Event]:
    events: list[Event] = []
    for i, raw in enumerate(data):
        event = Fields(raw, _LABEL, f"[{i}]")
        realm = event.ident("intuitaccountid", required=True)
        kind, event_id = event.text("type", required=True), event.ident("id", required=True)
        match = _TYPE.fullmatch(kind)
        entity, action = (match[1], match[2].casefold()) if match else (kind, "")
        wanted = entity.casefold() == ENTITY.casefold()
        entity_id = event.ident("intuitentityid", required=wanted)
        operation = _OPERATIONS.get(action, action.capitalize())
        name = ENTITY if wanted else entity
        events.append(Event(realm, name, entity_id, operation, f"qbo:{event_id}", _json([raw])))
    return events


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


SOURCE: WebhookSource = QuickBooksWebhook()
