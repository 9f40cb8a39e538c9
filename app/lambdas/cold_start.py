"""What a Lambda environment builds at its first event and keeps: the services (settings with
their SSM secrets read once, the store, the queue). No FastAPI here: the sweep and the poll
use it too."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from app.config import get_settings

if TYPE_CHECKING:
    from app.service.services import Services


@lru_cache(maxsize=1)
def services() -> Services:
    from app.factory import build_services  # noqa: PLC0415 - at the first event, not at import

    return build_services(get_settings())
