"""The review queue web page's routes: server-rendered HTML, plain forms, POST-redirect-GET.

All under ``/review/{tenant}``, each scoped to the signed-in reviewer's tenant (another
tenant's credentials answer 404): ``GET /`` the queue, ``GET /items/{id}`` one entry,
``POST /items/{id}/approve|change|non-billable|split|retry``, ``POST /bulk-approve``,
``GET /proposals``, ``POST /proposals/accept|dismiss``, ``GET|POST /signin``,
``POST /signout``. This module stays light: the handlers (``review_views``), the review
service and Jinja2 are imported on the first review request, never on the webhook path.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response

from app.api.deps import Services, services
from app.config import Settings

if TYPE_CHECKING:
    from app.review.service import ReviewService

router = APIRouter(tags=["review"], include_in_schema=False)
Tenant = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9_-]{1,39}$")]
ItemId = Annotated[str, Path(max_length=64)]


@dataclass
class ReviewDeps:
    """What the pages need, built once per process (``create_app(review_deps=...)`` in tests)."""

    service: ReviewService
    key: bytes
    settings: Settings


_built: dict[int, ReviewDeps] = {}
_built_lock = threading.Lock()


def default_review(svc: Services) -> ReviewDeps:
    """The review service over the app's store, with the configured writer and rules."""
    with _built_lock:
        found = _built.get(id(svc))
        if found is None:
            found = _built[id(svc)] = _build(svc)
        return found


def _build(svc: Services) -> ReviewDeps:

    from app.api.auth import session_key  # noqa: PLC0415
    from app.factory import build_writer_and_reader  # noqa: PLC0415
    from app.review.learning import bank_for  # noqa: PLC0415
    from app.review.proposals import Proposals  # noqa: PLC0415
    from app.review.service import ReviewService  # noqa: PLC0415
    from app.service.rules_provider import DirectoryRules  # noqa: PLC0415

    settings = svc.settings
    writer = build_writer_and_reader(settings, svc.store)[0]
    rules = DirectoryRules(settings.rules_dir)
    proposals = Proposals(svc.store, rules, settings.rules_dir)
    service = ReviewService(svc.store, writer, rules, bank=bank_for(svc.store),
                            proposals=proposals, clock=svc.clock)  # fmt: skip
    return ReviewDeps(service, session_key(settings), settings)


def review_deps(request: Request) -> ReviewDeps:
    factory: Callable[[], ReviewDeps] | None = request.app.state.review_factory
    if factory is not None:
        return factory()
    return default_review(services(request))


Deps = Annotated[ReviewDeps, Depends(review_deps)]


def _views() -> ModuleType:
    from app.api import review_views  # noqa: PLC0415 - see the module docstring

    return review_views


@router.get("/review/{tenant}/signin", response_class=HTMLResponse)
def signin_page(request: Request, tenant: Tenant, deps: Deps) -> Response:
    page: Response = _views().signin_page(request, tenant, deps)
    return page


@router.post("/review/{tenant}/signin")
async def signin(request: Request, tenant: Tenant, deps: Deps) -> Response:
    answer: Response = await _views().signin(request, tenant, deps)
    return answer


@router.post("/review/{tenant}/signout")
async def signout(request: Request, tenant: Tenant, deps: Deps) -> Response:
    answer: Response = await _views().signout(request, tenant, deps)
    return answer


@router.get("/review/{tenant}", response_class=HTMLResponse)
def queue(request: Request, tenant: Tenant, deps: Deps) -> Response:
    page: Response = _views().queue(request, tenant, deps)
    return page


@router.get("/review/{tenant}/items/{item_id}", response_class=HTMLResponse)
def item(request: Request, tenant: Tenant, item_id: ItemId, deps: Deps) -> Response:
    page: Response = _views().item_page(request, tenant, item_id, deps)
    return page


@router.post("/review/{tenant}/items/{item_id}/{action}")
async def act(
    request: Request,
    tenant: Tenant,
    item_id: ItemId,
    action: Annotated[str, Path(pattern=r"^(approve|change|non-billable|split|retry)$")],
    deps: Deps,
) -> Response:
    handler = getattr(_views(), action.replace("-", "_"))
    answer: Response = await handler(request, tenant, item_id, deps)
    return answer


@router.post("/review/{tenant}/bulk-approve")
async def bulk_approve(request: Request, tenant: Tenant, deps: Deps) -> Response:
    answer: Response = await _views().bulk_approve(request, tenant, deps)
    return answer


@router.get("/review/{tenant}/proposals", response_class=HTMLResponse)
def proposals(request: Request, tenant: Tenant, deps: Deps) -> Response:
    page: Response = _views().proposals(request, tenant, deps)
    return page


@router.post("/review/{tenant}/proposals/{verb}")
async def decide_proposal(
    request: Request,
    tenant: Tenant,
    verb: Annotated[str, Path(pattern=r"^(accept|dismiss)$")],
    deps: Deps,
) -> Response:
    answer: Response = await _views().decide_proposal(request, tenant, verb, deps)
    return answer


def auth_error_page(request: Request, exc: Exception) -> Response:
    page: Response = _views().auth_error_page(request, exc)
    return page
