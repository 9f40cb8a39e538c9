"""CLI use cases for QuickBooks events of companies no tenant connected yet: take them up when
a company is connected (``timebill qbo connect``), and list them (``timebill qbo unrouted``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from app.cli.console import console, errors
from app.config import Settings
from app.factory import build_store

if TYPE_CHECKING:
    from app.ports import Store

EXIT_OK = 0


def take_up_kept(settings: Settings, tenant: str, realm: str) -> None:
    """Kept events of the realm become the tenant's inbox items, enqueued; says how many."""
    from app.adapters.local_queue import ThreadQueue  # noqa: PLC0415
    from app.factory import build_services  # noqa: PLC0415
    from app.service.qbo_unrouted import take_up  # noqa: PLC0415

    if not build_store(settings).unrouted(realm):
        console.print("No QuickBooks events were waiting for this company.")
        return
    services = build_services(settings)
    try:
        done = take_up(services.store, services.queue, tenant, realm)
    except Exception as exc:  # the link holds; the events stay kept
        errors.print(f"[red]error:[/] could not take up the kept events ({type(exc).__name__}): "
                     "run `timebill qbo connect` again to retry")  # fmt: skip
        return
    finally:
        if isinstance(services.queue, ThreadQueue):
            services.queue.drain()
            services.queue.stop()
    console.print(
        f"Took up {len(done.created)} QuickBooks event(s) received before the company was "
        f"connected ({done.duplicates} already in the inbox), enqueued for tenant {tenant}."
    )


def run_unrouted(settings: Settings) -> int:
    """Every company that sent events no tenant has connected: count, first and last seen."""
    store = build_store(settings)
    realms = store.unrouted_realms()
    if not realms:
        console.print("No QuickBooks events are waiting for a company to be connected.")
        return EXIT_OK
    table = Table(title="QuickBooks events kept for companies no tenant connected",
                  title_justify="left")  # fmt: skip
    for column in ("realm", "events", "first seen", "last seen", "connected to"):
        table.add_column(column)
    for realm in realms:
        table.add_row(realm.realm, str(realm.events), f"{realm.first_seen:%Y-%m-%d %H:%M}",
                      f"{realm.last_seen:%Y-%m-%d %H:%M}", _owner(store, realm.realm))  # fmt: skip
    console.print(table)
    console.print("`timebill qbo connect --tenant T` for a company takes its events up.")
    return EXIT_OK


def unrouted_summary(store: Store) -> str | None:
    """One line for `timebill status`, when any company sent events nobody connected."""
    realms = store.unrouted_realms()
    if not realms:
        return None
    events = sum(r.events for r in realms)
    return (
        f"{len(realms)} compan{'y' if len(realms) == 1 else 'ies'}, {events} event(s) kept: "
        "`timebill qbo unrouted`"
    )


def _owner(store: Store, realm: str) -> str:
    tenant = store.tenant_for_realm(realm)
    return "nobody" if tenant is None else f"{tenant} (run `qbo connect` again)"
