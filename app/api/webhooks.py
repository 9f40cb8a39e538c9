"""``POST /webhooks/{source}/{tenant}`` (Clockify, Toggl, and QuickBooks for one company) and
``POST /webhooks/quickbooks`` (an Intuit app's one URL, routed by realm): verified intake,
acknowledged once committed.

The routes and their dependency are ``async`` and call ``receive`` on the event loop: no hop to
a worker thread and back for each delivery (~0.7 ms of a ~1.5 ms ack, ``bench/ack_inprocess.py``).
What blocks there is the store: with SQLite one indexed read and one committed insert, well
under a millisecond, which SQLite's single writer would serialise in any thread anyway. With
Supabase it is a network round trip, which would hold other requests on the same loop: that
store runs on Lambda, where an environment takes one event at a time, so none is waiting.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse

from app.api.deps import Services, services
from app.service.intake import receive
from app.service.qbo_intake import app_access, receive_quickbooks
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
        receipt = receive(
            svc.store, svc.queue, source_name=source, tenant_id=tenant,
            headers=request.headers, body=body, now=svc.clock(),
        )  # fmt: skip
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
    settings = svc.settings
    try:
        access = app_access(settings.qbo_verifier_token, settings.qbo_verifier_token_previous)
        body = await read_capped(request, settings.max_body_bytes)
        receipt = receive_quickbooks(
            svc.store, svc.queue, access=access, headers=request.headers, body=body,
            now=svc.clock(),
        )  # fmt: skip
    except IntakeError as exc:
        return JSONResponse({"error": exc.message}, status_code=exc.status)
    return JSONResponse(receipt.body, status_code=receipt.status)
