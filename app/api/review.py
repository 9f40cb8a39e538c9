"""The review queue web page's routes: server-rendered HTML, plain forms, POST-redirect-GET.

All under ``/review/{tenant}``, each scoped to the signed-in reviewer's tenant (another
tenant's credentials answer 404): ``GET /`` the queue, ``GET /items/{id}`` one entry,
``POST /items/{id}/approve|change|non-billable|split|retry``, ``POST /bulk-approve``,
``GET /proposals``, ``POST /proposals/accept|dismiss``, ``GET|POST /signin``,
``POST /signout``. This module stays light: the handlers (``review_views``), the review
service and Jinja2 are imported on the first review request, never on the webhook path.
"""

from __future__ import annotations

from types import ModuleType
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from app.api.review_deps import Deps

router = APIRouter(tags=["review"], include_in_schema=False)
Tenant = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9_-]{1,39}$")]
ItemId = Annotated[str, Path(max_length=64)]


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
