"""``timebill trackers connect clockify --tenant T``: the write-back's custom fields found or
created in the tenant's Clockify workspace, their ids stored with the tenant."""

from __future__ import annotations

from app.cli.console import console, errors
from app.config import Settings
from app.domain.entries import Source
from app.errors import UpstreamError
from app.factory import build_store

EXIT_OK, EXIT_UPSTREAM, EXIT_BAD_INPUT = 0, 1, 2


def run_connect_clockify(settings: Settings, tenant_id: str) -> int:
    from app.adapters.clockify_writer import ClockifyWriter  # noqa: PLC0415

    store = build_store(settings)
    tenant = store.get_tenant(tenant_id)
    if tenant is None:
        errors.print(f"[red]error:[/] no tenant {tenant_id!r} in the store")
        return EXIT_BAD_INPUT
    try:
        connected = ClockifyWriter().connect(tenant)
    except ValueError as exc:
        errors.print(f"[red]error:[/] {exc}")
        return EXIT_BAD_INPUT
    except UpstreamError as exc:
        errors.print(f"[red]error:[/] Clockify: {exc} (check the tenant's Clockify API key)")
        return EXIT_UPSTREAM
    store.put_tenant(connected)
    access = connected.sources[Source.CLOCKIFY]
    shown = ", ".join(f"{role} {fid}" for role, fid in sorted(access.field_ids.items()))
    console.print(f"Clockify custom fields of tenant {tenant_id} stored: {shown}")
    return EXIT_OK
