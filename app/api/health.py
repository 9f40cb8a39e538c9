"""``GET /healthz``: the process answers, its store can be read, and (with the QuickBooks writer)
no mapped QuickBooks company needs reconnecting.

The QuickBooks check reads the token store (SQLite or Supabase; neither imports the QuickBooks
SDK, so the webhook's cold start stays light), at most once per ``ttl_s``: a probe every few
seconds costs one look-up per mapped realm a minute, not one per probe. A company that needs
reconnecting leaves the answer 200 (the webhooks are still accepted and queued) with
``"status": "degraded"`` and ``"quickbooks": "reconnect_needed"``; which tenant and realm is
logged, not shown on this unauthenticated endpoint.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from app.api.deps import Services, services
from app.service.qbo_health import CONNECTED

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(svc: Annotated[Services, Depends(services)]) -> JSONResponse:
    try:
        svc.store.get_tenant("healthz-probe")
    except Exception:
        return JSONResponse({"status": "degraded", "store": "unavailable"}, status_code=503)
    body = {"status": "ok", "store": svc.settings.store}
    if svc.qbo is not None:
        body["quickbooks"] = svc.qbo.state()
        if body["quickbooks"] != CONNECTED:
            body["status"] = "degraded"
    return JSONResponse(body)
