"""The FastAPI application: the webhook and health routes, and (for ``timebill serve``) the
review pages.

The app does not use a lifespan: Mangum would run it on every invocation, so what it needs is
built once per process on first use (``services``) instead. The review pages are imported only
when they are served: the HTTP Lambda's API routes nothing but the webhooks and ``/healthz``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from app.api import health, webhooks
from app.api.timing import ServerTiming

if TYPE_CHECKING:
    from app.api.review_deps import ReviewDeps
    from app.service.services import Services


def create_app(
    services: Callable[[], Services],
    review_deps: Callable[[], ReviewDeps] | None = None,
    *,
    review: bool = True,
) -> FastAPI:
    """``services``: the process's services, looked up per request. ``review_deps`` replaces the
    review page's services (tests inject a writer, a clock); by default they are built from
    ``services`` on the first review request. ``review=False``: the webhooks and health only."""
    app = FastAPI(
        title="timebill",
        summary="Time-tracker webhooks in, SOW-checked billing decisions out.",
        version="0.1.0",
    )
    app.state.services_factory = services
    app.state.review_factory = review_deps
    app.add_middleware(ServerTiming)
    app.include_router(webhooks.router)
    app.include_router(health.router)
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    if review:
        from app.api import review as pages  # noqa: PLC0415 - only where the pages are served
        from app.api.auth import AuthError  # noqa: PLC0415

        app.include_router(pages.router)
        app.add_exception_handler(AuthError, pages.auth_error_page)
    return app


# Every refusal has the webhooks' shape, {"error": "..."}: a wrong method or path (405, 404) and
# a path FastAPI cannot read (422) too, naming where without echoing what was sent.


async def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
    del request
    return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code,
                        headers=exc.headers)  # fmt: skip


async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    del request
    said = "; ".join(
        f"{' '.join(str(part) for part in problem.get('loc', ()))}: {problem.get('msg', '')}"
        for problem in exc.errors()
    )
    return JSONResponse({"error": said or "the request cannot be read"}, status_code=422)
