"""The FastAPI app ``timebill serve`` runs: webhooks, health and the review pages.

The Lambda handlers live in ``app.lambdas`` (one module each, importing only what its function
runs); this module is on none of their paths.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from app.api.application import create_app
from app.config import get_settings

if TYPE_CHECKING:
    from app.service.services import Services

__all__ = ["app", "create_app", "default_services"]


@lru_cache(maxsize=1)
def default_services() -> Services:
    from app.factory import build_services  # noqa: PLC0415 - at the first request

    return build_services(get_settings())


app = create_app(lambda: default_services())  # noqa: PLW0108 - looked up per call: swappable
