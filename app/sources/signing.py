"""Sign a delivery the way each tracker does, and build realistic sample deliveries.

Used by the tests and by ``timebill send-sample``; the webhook service never signs anything.
The samples have the shapes of the fixtures in ``tests/data/webhooks`` (a test keeps them equal):
Clockify's captured ``NEW_TIME_ENTRY``, a finished Toggl ``time_entry``/``created`` event, and a
QuickBooks CloudEvents array naming one created ``TimeActivity``.
"""

from __future__ import annotations

import base64
import copy
import json
import zlib
from typing import Any

from app.domain.entries import Source
from app.sources import clockify_webhook, quickbooks_webhook, toggl_webhook

_JSON = {"Content-Type": "application/json"}


def signed_headers(
    source: Source, body: bytes, secret: str, *, event_type: str = "NEW_TIME_ENTRY"
) -> dict[str, str]:
    """The headers a real sender would attach to ``body``.

    ``event_type`` is Clockify's ``Clockify-Webhook-Event-Type`` (the others name the event in
    the body). ``ValueError`` for a source that sends no webhooks.
    """
    key = secret.encode()
    if source is Source.CLOCKIFY:
        return {
            **_JSON,
            clockify_webhook.SIGNATURE_HEADER: secret,
            clockify_webhook.EVENT_HEADER: event_type,
        }
    if source is Source.TOGGL:
        digest = toggl_webhook.sign(body, key).hex()
        return {**_JSON, toggl_webhook.SIGNATURE_HEADER: toggl_webhook.PREFIX + digest}
    if source is Source.QUICKBOOKS:
        digest = base64.b64encode(quickbooks_webhook.sign(body, key)).decode()
        return {**_JSON, quickbooks_webhook.SIGNATURE_HEADER: digest}
    raise ValueError(f"{source.value} sends no webhooks")


def sample_body(source: Source, *, account: str, **overrides: Any) -> bytes:
    """A sample delivery for workspace/realm ``account``, as compact JSON bytes.

    ``overrides`` replace fields of the time entry (Clockify: the body; Toggl: ``payload``;
    QuickBooks: the one CloudEvent, e.g. ``intuitentityid``). An unknown field is a
    ``ValueError``, and so is any override of a field QuickBooks does not send (it sends ids only).
    """
    if source is Source.CLOCKIFY:
        body: Any = _clockify(account, overrides)
    elif source is Source.TOGGL:
        body = _toggl(account, overrides)
    elif source is Source.QUICKBOOKS:
        body = _quickbooks(account, overrides)
    else:
        raise ValueError(f"{source.value} sends no webhooks")
    return json.dumps(body, separators=(",", ":")).encode()


def _override(target: dict[str, Any], overrides: dict[str, Any], what: str) -> None:
    unknown = sorted(set(overrides) - set(target))
    if unknown:
        known = ", ".join(sorted(target))
        raise ValueError(f"{what} has no field {', '.join(unknown)} (it has: {known})")
    target.update(overrides)


def _clockify(account: str, overrides: dict[str, Any]) -> dict[str, Any]:
    entry = copy.deepcopy(_CLOCKIFY_ENTRY)
    entry["workspaceId"] = account
    _override(entry, overrides, "a Clockify time entry")
    return entry


def _toggl(account: str, overrides: dict[str, Any]) -> dict[str, Any]:
    event = copy.deepcopy(_TOGGL_EVENT)
    payload, meta = event["payload"], event["metadata"]
    _override(payload, overrides, "a Toggl time entry")
    payload["workspace_id"] = int(account) if account.isdigit() else account
    meta["workspace_id"], meta["time_entry_id"] = account, str(payload["id"])
    if overrides:  # another entry or another version of it is another event
        event["event_id"] = zlib.crc32(json.dumps(payload, sort_keys=True).encode())
    meta["path"] = f"/api/v9/workspaces/{account}/time_entries"
    return event


def _quickbooks(account: str, overrides: dict[str, Any]) -> list[dict[str, Any]]:
    event = copy.deepcopy(_QUICKBOOKS_EVENT)
    event["intuitaccountid"] = account
    _override(event, overrides, "a QuickBooks CloudEvent (ids only)")
    return [event]


_CLOCKIFY_ENTRY: dict[str, Any] = {
    "id": "68453d0cf0c88d522704ab76", "description": "Test",
    "userId": "684446430300f917a02c198a", "billable": True,
    "projectId": "68444b15551a9934b5034263",
    "timeInterval": {
        "start": "2025-06-16T07:05:00Z", "end": "2025-06-16T18:53:00Z", "duration": "PT11H48M",
        "timeZone": "Asia/Calcutta", "offsetStart": 19800, "offsetEnd": 19800,
        "zonedStart": "2025-06-16T12:35:00", "zonedEnd": "2025-06-17T00:23:00",
    },
    "workspaceId": "", "isLocked": False, "hourlyRate": None, "costRate": None,
    "customFieldValues": [], "type": "REGULAR", "kioskId": None, "approvalStatus": None,
    "currentlyRunning": False,
    "project": {
        "id": "68444b15551a9934b5034263", "name": "Test", "clientId": "", "clientName": "",
        "billable": True,
    },
    "task": {
        "id": "68444badb7688b61f151284d", "name": "test", "projectId": "68444b15551a9934b5034263",
    },
    "user": {"id": "684446430300f917a02c198a", "name": "johndoe", "status": "ACTIVE"},
    "tags": [{"id": "68452a1b0300f917a02f30bc", "name": "new"}],
}  # fmt: skip

_TOGGL_EVENT: dict[str, Any] = {
    "event_id": 8023169274705530, "created_at": "2023-07-17T14:15:04.120Z",
    "creator_id": 9547721,
    "metadata": {
        "action": "created", "model": "time_entry", "event_user_id": "9547721",
        "path": "", "request_type": "POST", "time_entry_id": "", "workspace_id": "",
    },
    "payload": {
        "id": 3050541208, "workspace_id": 0, "user_id": 9547721, "project_id": 193456789,
        "task_id": 88123004, "billable": True, "description": "Q3 strategy call w/ Dana",
        "start": "2023-07-17T13:00:00Z", "stop": "2023-07-17T14:15:00Z", "duration": 4500,
        "tag_ids": [14201877, 14201878], "tags": ["client-call", "strategy"], "duronly": False,
        "server_deleted_at": None, "at": "2023-07-17T14:15:04+00:00",
    },
    "subscription_id": 10713, "timestamp": "2023-07-17T14:15:04.513702118Z",
}  # fmt: skip

_QUICKBOOKS_EVENT: dict[str, Any] = {
    "specversion": "1.0", "id": "5f0e6a1c-8d4b-4c2a-9a57-0b3c1e7d2f90",
    "source": "intuit.dsnBgbseACLLRZNxo2dfc4evmEJdxde58xeeYcZliOU=",
    "type": "qbo.timeactivity.created.v1", "datacontenttype": "application/json",
    "time": "2025-09-10T21:40:02.512093311Z", "intuitentityid": "1234",
    "intuitaccountid": "", "data": {},
}  # fmt: skip
