"""Clockify workspace webhooks -> inbox items.

Authenticity: the ``Clockify-Signature`` header carries the webhook's static token (shown in the
webhook UI, ``authToken`` in the webhooks API). It is not an HMAC of the body: it proves the
sender, not that the body is intact, so the worker re-reads the entry before writing anything
back. Marketplace add-on webhooks put an RS256 JWT in the same header; they are not handled here.

The event name comes from the ``Clockify-Webhook-Event-Type`` header. ``NEW_TIME_ENTRY``,
``TIMER_STOPPED``, ``TIME_ENTRY_UPDATED`` and ``NEW_TIMER_STARTED`` carry a time entry; a running
one (no end, or ``currentlyRunning``) is ignored until the event that stops it.
``TIME_ENTRY_DELETED`` becomes an item with the entry when the body still has its fields, else
with an ``EntityRef`` to the workspace's ``TimeEntry``. Any other event is ignored.

Clockify sends no event id, so the dedupe key is ``clockify:{entry id}:{event}:{content hash}``:
an identical resend dedupes, an edit is a new version. ``work_date`` is the date of the zoned
start (the user's own calendar day), else of the UTC start; ``start``/``end`` stay UTC.
Hours come from the ISO-8601 ``duration`` (``PT11H48M``), else end minus start.
The payload carries no e-mail address, so ``user_email`` stays empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from app.domain.entries import Source, TimeEntry
from app.domain.inbox import EntityRef, NewItem, SourceAccess
from app.sources.webhooks import (
    BadPayload,
    BadSignature,
    Fields,
    Intake,
    WebhookSource,
    any_secret_signed,
    build_entry,
    check_account,
    header,
    load_json,
    new_item,
)

SIGNATURE_HEADER = "Clockify-Signature"
EVENT_HEADER = "Clockify-Webhook-Event-Type"
ENTRY_EVENTS = frozenset(
    {"NEW_TIME_ENTRY", "TIMER_STOPPED", "TIME_ENTRY_UPDATED", "NEW_TIMER_STARTED"}
)
DELETED = "TIME_ENTRY_DELETED"

_LABEL = "Clockify body"
_EVENT_NAME = re.compile(r"[A-Z][A-Z_]{0,63}")
_DURATION = re.compile(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?")
_QUANTUM = Decimal("0.0001")
_DURATION_DIGITS = 9  # any part above this is absurd, and would overflow Decimal's 28 digits


class ClockifyWebhook:
    source: Source = Source.CLOCKIFY

    def verify(self, headers: Mapping[str, str], body: bytes, access: SourceAccess) -> None:
        del body  # a static token: Clockify signs nothing, so a changed body goes unnoticed
        token = header(headers, SIGNATURE_HEADER)
        if not token:
            raise BadSignature(f"missing {SIGNATURE_HEADER} header")
        given = token.encode("utf-8", "surrogatepass")
        if not any_secret_signed(access, given, lambda key: key):
            raise BadSignature(f"{SIGNATURE_HEADER} does not match the webhook token")

    def parse(
        self, headers: Mapping[str, str], body: bytes, *, tenant: str, access: SourceAccess,
        received_at: datetime,
    ) -> Intake:  # fmt: skip
        event = header(headers, EVENT_HEADER)
        if not _EVENT_NAME.fullmatch(event):
            raise BadPayload(f"{EVENT_HEADER} header missing or not an event name")
        fields = Fields(load_json(body, _LABEL), _LABEL)
        about_entry = event in ENTRY_EVENTS or event == DELETED
        workspace = fields.ident("workspaceId", required=about_entry)
        if workspace:
            check_account(access, workspace, "Clockify workspace")
        if not about_entry:
            return Intake(ignored=[f"Clockify event {event} is not about a time entry"])
        entry_id = fields.ident("id", required=True)
        if event == DELETED:
            item = _deleted(fields, entry_id, workspace, tenant=tenant, received_at=received_at)
            return Intake(items=[item])
        fields.child("timeInterval").required_instant("start")  # running or not, it has one
        if _running(fields):
            return Intake(ignored=[f"Clockify entry {entry_id} is a running timer"])
        entry = _entry(fields, tenant)
        item = new_item(
            _LABEL, tenant=tenant, source=Source.CLOCKIFY, event_type=event, entry=entry,
            dedupe_key=dedupe_key(entry_id, event, entry.version), received_at=received_at,
        )  # fmt: skip
        return Intake(items=[item])


def dedupe_key(entry_id: str, event: str, content: str) -> str:
    return f"clockify:{entry_id}:{event}:{content}"


def _running(fields: Fields) -> bool:
    return fields.flag("currentlyRunning") is True or not fields.text("timeInterval.end")


def _deleted(
    fields: Fields, entry_id: str, workspace: str, *, tenant: str, received_at: datetime
) -> NewItem:
    """The deleted entry when the body still describes it, else a reference to it."""
    entry: TimeEntry | None = None
    if not _running(fields):
        try:
            entry = _entry(fields, tenant)
        except BadPayload:
            entry = None  # the delete still counts; the worker goes by the id
    ref = EntityRef(account=workspace, entity="TimeEntry", id=entry_id)
    return new_item(
        _LABEL, tenant=tenant, source=Source.CLOCKIFY, event_type=DELETED, entry=entry,
        ref=None if entry is not None else ref,
        dedupe_key=dedupe_key(entry_id, DELETED, entry.version if entry else "-"),
        received_at=received_at,
    )  # fmt: skip


def _entry(fields: Fields, tenant: str) -> TimeEntry:
    interval = fields.child("timeInterval")
    start, end = interval.required_instant("start"), interval.required_instant("end")
    local_start = interval.moment("zonedStart") or start
    return build_entry(
        _LABEL,
        {
            "source": Source.CLOCKIFY, "external_id": fields.ident("id", required=True),
            "tenant": tenant, "client": fields.text("project.clientName"),
            "project": fields.text("project.name"), "task": fields.text("task.name"),
            "tags": _tags(fields), "description": fields.text("description"),
            "work_date": local_start.date(), "start": start, "end": end,
            "hours": _hours(interval, start, end), "billable_flag": fields.flag("billable"),
            "user_ref": fields.ident("user.id") or fields.ident("userId"),
            "user_name": fields.text("user.name"),
        },
    )  # fmt: skip


def _tags(fields: Fields) -> tuple[str, ...]:
    """Tag names from the ``tags`` objects (a bare ``tagIds`` list has no names to match)."""
    tags = (Fields(tag, _LABEL, f"tags[{i}]") for i, tag in enumerate(fields.items("tags")))
    return tuple(name for name in (tag.text("name") for tag in tags) if name)


def _hours(interval: Fields, start: datetime, end: datetime) -> Decimal:
    text = interval.text("duration")
    if not text:
        return (Decimal(int((end - start).total_seconds())) / 3600).quantize(_QUANTUM)
    match = _DURATION.fullmatch(text)
    if match is None or text.rstrip("T") == "P":
        raise interval.error("duration", "is not an ISO-8601 duration")
    if any(len(part or "") > _DURATION_DIGITS for part in match.groups()):
        raise interval.error("duration", "is out of range (no time entry is that long)")
    days, hours, minutes, seconds = (Decimal(part or 0) for part in match.groups())
    return (days * 24 + hours + minutes / 60 + seconds / 3600).quantize(_QUANTUM)


SOURCE: WebhookSource = ClockifyWebhook()
