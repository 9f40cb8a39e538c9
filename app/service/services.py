"""What the webhook service runs on, built once per process (once per Lambda cold start).

Kept apart from the HTTP layer so the sweep and poll Lambdas can hold the same services without
importing FastAPI. Types only from ``app.ports``: the HTTP cold start imports this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from app.config import Settings

if TYPE_CHECKING:
    from app.ports import Queue, Store
    from app.service.qbo_health import QboHealth


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    settings: Settings
    store: Store
    queue: Queue
    clock: Callable[[], datetime]
    qbo: QboHealth | None = None  # only with the QuickBooks writer and a mapping file
