"""What routes depend on: the process's ``Services`` (``app.service.services``), built once.

``services`` is an ``async`` dependency on purpose: FastAPI runs a plain ``def`` dependency in
its thread pool, which costs every request a hand-off to a worker thread and back just to read
a cached object. Nothing here blocks: after the first call the factory returns what it built.
The first call builds the services on the event loop, once per process (a Lambda cold start
does nothing else in the meantime; under ``timebill serve`` the first request waits for it).
"""

from __future__ import annotations

from fastapi import Request

from app.service.services import Services

__all__ = ["Services", "services", "services_of"]


def services_of(request: Request) -> Services:
    """For code already off the event loop (a sync dependency such as the review pages')."""
    found: Services = request.app.state.services_factory()
    return found


async def services(request: Request) -> Services:
    return services_of(request)
