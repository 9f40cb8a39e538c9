"""Shared doubles for the connector tests: fixtures on disk, a sleep that records, a clock."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.connectors.base import Api, RetryPolicy, http_client

DATA = Path(__file__).resolve().parents[1] / "data" / "connectors"
NOW = datetime(2026, 10, 14, 9, 0, tzinfo=UTC)


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def reply(name: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(200, json=load(name), headers=headers)


@dataclass
class Sleeps:
    waits: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def make_api(
    system: str, base_url: str, headers: dict[str, str], sleeps: Sleeps, **kwargs: Any
) -> Api:
    """An ``Api`` whose waits are recorded, never slept, on a fixed clock."""
    policy = kwargs.pop("policy", RetryPolicy())
    http = http_client(base_url, headers, **kwargs)
    return Api(system, http, sleep=sleeps, clock=lambda: NOW, policy=policy)


def query(request: httpx.Request) -> dict[str, str]:
    return dict(request.url.params)


def body(request: httpx.Request) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(request.content)
    return data
