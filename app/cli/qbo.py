"""``timebill qbo connect | unrouted | map | mapping``: QuickBooks Online."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from app.cli.options import (
    Tenant,
)
from app.cli.root import app
from app.config import Settings

qbo_app = typer.Typer(no_args_is_help=True, help="Connect and inspect QuickBooks Online.")
app.add_typer(qbo_app, name="qbo")


@qbo_app.command("connect")
def qbo_connect(tenant: Tenant = "demo") -> None:
    """Authorise timebill for a QuickBooks company (first time, or after a reconnect alarm)."""
    from app.cli.jobs.qbo import run_connect  # noqa: PLC0415

    raise typer.Exit(run_connect(Settings(), tenant, lambda text: str(typer.prompt(text))))


@qbo_app.command("unrouted")
def qbo_unrouted() -> None:
    """List QuickBooks companies that sent events but no tenant connected (kept until one does)."""
    from app.cli.jobs.qbo_unrouted import run_unrouted  # noqa: PLC0415

    raise typer.Exit(run_unrouted(Settings()))


@qbo_app.command("map")
def qbo_map(
    tenant: Tenant = "demo",
    apply: Annotated[
        bool, typer.Option("--apply", help="Ask about each suggestion and store those you confirm.")
    ] = False,
) -> None:
    """Suggest QuickBooks Customers, Employees and Items for what the mapping lacks; with
    --apply, store those you confirm in the tenant's mapping."""
    from app.cli.jobs.qbo import run_map  # noqa: PLC0415

    def confirm(question: str) -> bool:
        return bool(typer.confirm(question))

    raise typer.Exit(run_map(Settings(), tenant, apply=apply, confirm=confirm))


# --- timebill qbo mapping: the stored QuickBooks mapping <-> its file format ---

mapping_app = typer.Typer(
    no_args_is_help=True,
    help="Import or export the QuickBooks mapping held in the store (client, person, code ids).",
)
qbo_app.add_typer(mapping_app, name="mapping")


@mapping_app.command("import")
def qbo_mapping_import(
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="A mapping file: {tenants: {<tenant>: {realm, ...}}}."),
    ],
    tenant: Annotated[
        str | None, typer.Option("--tenant", help="Only this tenant (default: every one in FILE).")
    ] = None,
) -> None:
    """Store the QuickBooks mapping of each tenant in FILE (replacing what the store held)."""
    from app.cli.jobs.qbo import run_mapping_import  # noqa: PLC0415

    raise typer.Exit(run_mapping_import(Settings(), file, tenant))


@mapping_app.command("export")
def qbo_mapping_export(
    tenant: Tenant = "demo",
    out: Annotated[
        Path | None, typer.Option("--out", help="Write here (default: print the YAML).")
    ] = None,
) -> None:
    """Write the tenant's stored QuickBooks mapping in the mapping file format."""
    from app.cli.jobs.qbo import run_mapping_export  # noqa: PLC0415

    raise typer.Exit(run_mapping_export(Settings(), tenant, out))
