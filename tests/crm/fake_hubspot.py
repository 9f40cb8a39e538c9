"""A local fake of HubSpot's API for the real ``hubspot-api-client`` (which runs on urllib3, so
neither respx nor responses sees it): ``http.server`` in a thread on 127.0.0.1 serving the
recorded payloads of ``tests/data/hubspot/`` (see the README there for their sources).

Routes, as HubSpot's API has them:

- ``GET /crm/v3/objects/companies`` -> ``companies_page1.json``; with ``after=...`` the page
  whose first company has that id (``companies_page2.json``);
- ``GET /crm/v4/objects/{from}/{id}/associations/{to}`` -> ``associations/{from}-{id}-{to}.json``,
  or an empty result list when the file is absent (HubSpot's answer for "none");
- ``GET /crm/v3/objects/deals/{id}``, ``/crm/v3/objects/notes/{id}`` -> ``deals/``, ``notes/``;
- ``GET /files/v3/files/{id}`` and ``.../signed-url`` -> ``files/{id}.json``,
  ``files/{id}-signed-url.json`` (whose ``{server}`` is this server's address);
- ``GET /signed/{id}`` -> the file's bytes (``blobs``), with no token: a signed URL needs none.

Every request is recorded (path, query, Authorization header). ``script`` queues answers for a
path prefix that are served before the recorded payload (a 429, an outage; None: the
payload); ``overrides``
replaces a payload (a newer file version).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

DATA = Path(__file__).resolve().parents[1] / "data" / "hubspot"
TOKEN = "pat-na1-00000000-test-token-do-not-leak"


@dataclass(frozen=True)
class Seen:
    path: str
    query: dict[str, list[str]]
    authorization: str | None


@dataclass
class FakeHubSpot:
    base: str = ""
    seen: list[Seen] = field(default_factory=list)
    blobs: dict[str, bytes] = field(default_factory=dict)
    script: dict[str, list[tuple[int, dict[str, str], bytes] | None]] = field(default_factory=dict)
    overrides: dict[str, Any] = field(default_factory=dict)

    def calls(self, prefix: str) -> list[Seen]:
        return [seen for seen in self.seen if seen.path.startswith(prefix)]

    def answer(
        self, path: str, query: dict[str, list[str]], auth: str | None
    ) -> tuple[int, dict[str, str], bytes]:
        self.seen.append(Seen(path, query, auth))
        for prefix, queued in self.script.items():
            if path.startswith(prefix) and queued:
                scripted = queued.pop(0)
                if scripted is not None:
                    return scripted
                break
        if path.startswith("/signed/"):
            blob = self.blobs.get(path.rsplit("/", 1)[1])
            return (200, {"Content-Type": "application/octet-stream"}, blob) if blob else _missing()
        if auth != f"Bearer {TOKEN}":
            return 401, {"Content-Type": "application/json"}, (DATA / "error_401.json").read_bytes()
        name = _payload_name(path, query)
        if name is None:
            return _missing()
        if name in self.overrides:
            return _json(self.overrides[name])
        file = DATA / name
        if not file.exists():
            return _json({"results": []}) if name.startswith("associations/") else _missing()
        return _json(json.loads(file.read_text(encoding="utf-8").replace("{server}", self.base)))


def _payload_name(path: str, query: dict[str, list[str]]) -> str | None:
    parts = path.strip("/").split("/")
    if parts == ["crm", "v3", "objects", "companies"]:
        after = query.get("after", [""])[0]
        return (
            "companies_page2.json"
            if after == "18146520103"
            else (None if after else "companies_page1.json")
        )
    if len(parts) == 7 and parts[:3] == ["crm", "v4", "objects"] and parts[5] == "associations":
        return f"associations/{parts[3]}-{parts[4]}-{parts[6]}.json"
    if len(parts) == 5 and parts[:3] == ["crm", "v3", "objects"] and parts[3] in ("deals", "notes"):
        return f"{parts[3]}/{parts[4]}.json"
    if parts[:3] == ["files", "v3", "files"] and len(parts) in (4, 5):
        suffix = "-signed-url" if len(parts) == 5 and parts[4] == "signed-url" else ""
        return f"files/{parts[3]}{suffix}.json"
    return None


def _json(data: Any) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "application/json;charset=utf-8"}, json.dumps(data).encode()


def _missing() -> tuple[int, dict[str, str], bytes]:
    body = {
        "status": "error",
        "message": "resource not found",
        "category": "OBJECT_NOT_FOUND",
        "correlationId": "5b1e2f3a-0000-4000-8000-00000000404f",
    }
    return 404, {"Content-Type": "application/json"}, json.dumps(body).encode()


def rate_limited(retry_after: str = "1") -> tuple[int, dict[str, str], bytes]:
    headers = {
        "Content-Type": "application/json",
        "Retry-After": retry_after,
        "X-HubSpot-RateLimit-Interval-Milliseconds": "10000",
        "X-HubSpot-RateLimit-Max": "100",
        "X-HubSpot-RateLimit-Remaining": "0",
    }
    return 429, headers, (DATA / "error_429.json").read_bytes()


@contextmanager
def serve(fake: FakeHubSpot) -> Iterator[FakeHubSpot]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            status, headers, body = fake.answer(
                url.path, parse_qs(url.query), self.headers.get("Authorization")
            )
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
