"""``POST /webhooks/{source}/{tenant}`` (Clockify, Toggl, and QuickBooks for one company) and
``POST /webhooks/quickbooks`` (an Intuit app's one URL, routed by realm): verified intake,
acknowledged once committed. A QuickBooks delivery's own modules load with the first one.

The routes and their dependency are ``async``. Where ``receive`` runs depends on who drives
the app (``_intake``). Under Mangum (``aws.event`` in the scope) a Lambda environment takes one
event at a time: it runs on the event loop, with no hop to a worker thread and back (~0.7 ms of
a ~1.5 ms ack, ``bench/ack_inprocess.py``). Under an ASGI server (uvicorn: ``timebill serve``,
a container) deliveries arrive together, and what ``receive`` waits for, the committed insert
(an fsync) and the enqueue (an SQS round trip), would hold every other request on the loop: it
runs in the thread pool. Measured with ``bench/webhook_bench.py`` (one uvicorn process, SQS to
a local stand-in, 200 deliveries/s offered): on the loop 131 answers/s, p50 8.6 s behind
schedule; in the pool all 200/s, p50 11 ms.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from app.api.deps import Services, services
from app.service.intake import Receipt, receive
from app.sources.webhooks import IntakeError

router = APIRouter(tags=["webhooks"])

ServicesDep = Annotated[Services, Depends(services)]

RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Accepted (new or duplicate), or a Toggl PING answered"},
    400: {"description": "Signed, but not a body this source sends"},
    401: {"description": "Missing or wrong signature: nothing was written"},
    403: {"description": "Signed for another workspace or realm than this tenant's"},
    404: {"description": "Unknown source, or no such webhook for this tenant"},
    413: {"description": "Body larger than the cap"},
    503: {"description": "Could not record the delivery: the sender should retry"},
}


class TooLarge(IntakeError):
    status = 413


async def read_capped(request: Request, cap: int) -> bytes:
    """The raw body, refusing more than ``cap`` bytes before reading them all."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise TooLarge(f"body over {cap} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise TooLarge(f"body over {cap} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _intake(request: Request, call: Callable[[], Receipt]) -> Receipt:
    """``call`` on the loop under Mangum, in the thread pool under an ASGI server (see above)."""
    if "aws.event" in request.scope:
        return call()
    return await run_in_threadpool(call)


@router.post("/webhooks/{source}/{tenant}", responses=RESPONSES)
async def webhook(
    request: Request,
    svc: ServicesDep,
    source: Annotated[str, Path(max_length=32, description="clockify, toggl or quickbooks")],
    tenant: Annotated[str, Path(max_length=40, description="the tenant id in timebill")],
) -> JSONResponse:
    """Verify the delivery on its raw bytes, store it in the inbox, enqueue it, answer."""
    try:
        body = await read_capped(request, svc.settings.max_body_bytes)
        receipt = await _intake(request, partial(
            receive, svc.store, svc.queue, source_name=source, tenant_id=tenant,
            headers=request.headers, body=body, now=svc.clock(),
        ))  # fmt: skip
    except IntakeError as exc:
        return JSONResponse({"error": exc.message}, status_code=exc.status)
    return JSONResponse(receipt.body, status_code=receipt.status)


QBO_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Accepted (new or duplicate); events of realms no tenant connected are"
                         " kept until one does (`kept`) and their realms named in"
                         " `unknown_realms`"},
    400: {"description": "Signed, but not a body QuickBooks sends"},
    401: {"description": "Missing or wrong intuit-signature: nothing was written"},
    404: {"description": "No QuickBooks app webhook is configured (no verifier token)"},
    413: {"description": "Body larger than the cap"},
    503: {"description": "Could not record the delivery: Intuit retries"},
}  # fmt: skip


@router.post("/webhooks/quickbooks", responses=QBO_RESPONSES)
async def quickbooks_app_webhook(request: Request, svc: ServicesDep) -> JSONResponse:
    """The Intuit app's one webhook URL: verify with the app's verifier token, route each event
    by realm to the tenant that connected that company, commit, enqueue, answer."""
    # QuickBooks' parser and the unrouted-realm keeping load with the first QuickBooks delivery,
    # not on every cold start of the HTTP function (tests/service/test_cold_path.py).
    from app.service.qbo_intake import app_access, receive_quickbooks  # noqa: PLC0415

    settings = svc.settings
    try:
        access = app_access(settings.qbo_verifier_token, settings.qbo_verifier_token_previous)
        body = await read_capped(request, settings.max_body_bytes)
        receipt = await _intake(request, partial(
            receive_quickbooks, svc.store, svc.queue, access=access, headers=request.headers,
            body=body, now=svc.clock(),
        ))  # fmt: skip
    except IntakeError as exc:
        return JSONResponse({"error": exc.message}, status_code=exc.status)
    return JSONResponse(receipt.body, status_code=receipt.status)
