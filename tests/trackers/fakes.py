"""Local fakes of Clockify's and Toggl Track's REST APIs, as respx routes, for the tracker
writers' tests and ``bench/tracker_writeback.py``. They behave as the vendors document:

- Clockify ``PUT /v1/workspaces/{ws}/time-entries/{id}`` replaces the whole entry: ``start`` is
  required (400 without it), a field left out is cleared, ``customFields`` must name custom
  fields of the workspace (400 otherwise), and the answer is the entry with ``customFieldValues``.
  ``GET``/``POST /v1/workspaces/{ws}/custom-fields`` list and create the workspace's fields.
- Toggl ``PUT /api/v9/workspaces/{ws}/time_entries/{id}`` changes only the fields sent; ``tags``
  replaces the list. ``GET``/``POST /api/v9/workspaces/{ws}/tags`` list and create tags (our
  fake refuses a tag that does not exist, to prove the writer creates it first).

Both answer 404 for an entry they do not have, 401 for another key, and 429 with
``Retry-After`` while ``throttle`` is above zero. Toggl answers 402 with its quota headers
(``X-Toggl-Quota-Remaining: 0``, ``X-Toggl-Quota-Resets-In``) while ``quota_spent`` is above
zero: its hourly API quota. ``puts`` counts the updates actually made.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from typing import Any

import httpx
import respx

CLOCKIFY = "https://api.clockify.me/api"
TOGGL = "https://api.track.toggl.com"
_REPLACED = ("description", "projectId", "taskId", "tagIds", "type", "billable")


@dataclass
class FakeClockify:
    workspace: str
    api_key: str
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)  # id -> name
    puts: int = 0
    throttle: int = 0
    requests: list[httpx.Request] = field(default_factory=list)

    def install(self, router: respx.MockRouter) -> None:
        base = f"{CLOCKIFY}/v1/workspaces/{self.workspace}"
        router.route(url__regex=rf"^{re.escape(base)}/").mock(side_effect=self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.headers.get("X-Api-Key") != self.api_key:
            return httpx.Response(401, json={"message": "Full authentication is required"})
        if self.throttle > 0:
            self.throttle -= 1
            return httpx.Response(429, headers={"Retry-After": "7"}, json={"message": "slow"})
        tail = request.url.path.split(f"/workspaces/{self.workspace}/", 1)[1]
        if tail == "custom-fields":
            return self._fields(request)
        entry_id = tail.removeprefix("time-entries/")
        if entry_id not in self.entries:
            return httpx.Response(404, json={"message": "TimeEntry doesn't belong to Workspace"})
        if request.method == "GET":
            return httpx.Response(200, json=self.entries[entry_id])
        return self._put(entry_id, json.loads(request.content))

    def _fields(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            listed = [{"id": i, "name": n, "type": "TXT", "workspaceId": self.workspace,
                       "status": "VISIBLE"} for i, n in self.fields.items()]  # fmt: skip
            return httpx.Response(200, json=listed)
        asked = json.loads(request.content)
        made = f"cf{len(self.fields) + 1:022d}"
        self.fields[made] = asked["name"]
        return httpx.Response(201, json={"id": made, "name": asked["name"], "type": asked["type"]})

    def _put(self, entry_id: str, body: dict[str, Any]) -> httpx.Response:
        if not body.get("start"):
            return httpx.Response(400, json={"message": "start: must not be null"})
        values = body.get("customFields") or []
        if any(v.get("customFieldId") not in self.fields for v in values):
            return httpx.Response(400, json={"message": "Custom field doesn't exist"})
        entry = dict(self.entries[entry_id])
        for key in _REPLACED:  # the whole entry is replaced: what is not sent is cleared
            entry[key] = body.get(key, False if key == "billable" else None)
        entry["timeInterval"] = {**entry["timeInterval"], "start": body["start"],
                                 "end": body.get("end")}  # fmt: skip
        entry["customFieldValues"] = [
            {"customFieldId": v["customFieldId"], "timeEntryId": entry_id, "value": v["value"],
             "name": self.fields[v["customFieldId"]], "type": "TXT"} for v in values
        ]  # fmt: skip
        self.entries[entry_id] = entry
        self.puts += 1
        return httpx.Response(200, json=entry)

    def value(self, entry_id: str, name: str) -> str | None:
        for v in self.entries[entry_id].get("customFieldValues") or []:
            if self.fields.get(v["customFieldId"]) == name:
                return str(v["value"])
        return None


@dataclass
class FakeToggl:
    workspace: int
    token: str
    entries: dict[int, dict[str, Any]] = field(default_factory=dict)
    tags: dict[int, str] = field(default_factory=dict)
    puts: int = 0
    throttle: int = 0
    quota_spent: int = 0
    requests: list[httpx.Request] = field(default_factory=list)

    def install(self, router: respx.MockRouter) -> None:
        base = f"{TOGGL}/api/v9/workspaces/{self.workspace}"
        router.route(url__regex=rf"^{re.escape(base)}/").mock(side_effect=self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        expected = "Basic " + base64.b64encode(f"{self.token}:api_token".encode()).decode()
        if request.headers.get("Authorization") != expected:
            return httpx.Response(403, text="Incorrect username and/or password")
        if self.throttle > 0:
            self.throttle -= 1
            return httpx.Response(429, headers={"Retry-After": "7"}, text="Too Many Requests")
        if self.quota_spent > 0:
            self.quota_spent -= 1
            quota = {"X-Toggl-Quota-Remaining": "0", "X-Toggl-Quota-Resets-In": "1200"}
            return httpx.Response(402, headers=quota, text="Payment Required")
        tail = request.url.path.split(f"/workspaces/{self.workspace}/", 1)[1]
        if tail == "tags":
            return self._tags(request)
        entry_id = int(tail.removeprefix("time_entries/"))
        if entry_id not in self.entries or request.method != "PUT":
            return httpx.Response(404, text="Time entry not found")
        body = json.loads(request.content)
        if any(tag not in self.tags.values() for tag in body.get("tags") or []):
            return httpx.Response(400, text="tag does not exist")  # the real one would create it
        entry = {**self.entries[entry_id], **body}
        entry["tag_ids"] = [i for i, n in self.tags.items() if n in (entry.get("tags") or [])]
        self.entries[entry_id] = entry
        self.puts += 1
        return httpx.Response(200, json=entry)

    def _tags(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            listed = [{"id": i, "name": n, "workspace_id": self.workspace}
                      for i, n in self.tags.items()]  # fmt: skip
            return httpx.Response(200, json=listed)
        asked = json.loads(request.content)
        made = 9000 + len(self.tags)
        self.tags[made] = asked["name"]
        return httpx.Response(200, json={"id": made, "name": asked["name"],
                                         "workspace_id": self.workspace})  # fmt: skip
