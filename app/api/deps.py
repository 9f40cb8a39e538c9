"""What routes depend on, built once per process (once per Lambda cold start)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from fastapi import Request

from app.config import Settings

if TYPE_CHECKING:  # app.ports pulls in every domain model: not on the HTTP cold start
    from app.ports import Queue, Store
    from app.service.qbo_health import QboHealth


@dataclass
class Services:
    settings: Settings
    store: Store
    queue: Queue
    clock: Callable[[], datetime]
    qbo: QboHealth | None = None  # only with the QuickBooks writer and a mapping file


def services(request: Request) -> Services:
    found: Services = request.app.state.services_factory()
    return found
