"""``GET /healthz``: the process answers and its store can be read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from app.api.deps import Services, services

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(svc: Annotated[Services, Depends(services)]) -> JSONResponse:
    try:
        svc.store.get_tenant("healthz-probe")
    except Exception:
        return JSONResponse({"status": "degraded", "store": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok", "store": svc.settings.store})
