"""What routes depend on, built once per process (once per Lambda cold start)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from fastapi import Request

from app.config import Settings
from app.ports import Queue, Store


@dataclass
class Services:
    settings: Settings
    store: Store
    queue: Queue
    clock: Callable[[], datetime]


def services(request: Request) -> Services:
    found: Services = request.app.state.services_factory()
    return found
