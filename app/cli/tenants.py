"""``timebill tenants add | source | list | show``: tenants and their trackers' access."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from app.cli.root import app
from app.config import Settings

tenants_app = typer.Typer(
    no_args_is_help=True, help="Tenants and each tracker's accounts, secrets and write-back."
)
app.add_typer(tenants_app, name="tenants")

TenantId = Annotated[str, typer.Argument(help="Tenant id (a-z, 0-9, _ -; 2-40 characters).")]


@tenants_app.command("add")
def tenants_add(
    tenant: TenantId,
    name: Annotated[str, typer.Option("--name", help="The firm's name, as people read it.")],
    update: Annotated[
        bool, typer.Option("--update", help="Rename an existing tenant (its trackers are kept).")
    ] = False,
) -> None:
    """Create a tenant in the store (an existing id is refused unless --update)."""
    from app.cli.jobs.tenants import run_add  # noqa: PLC0415

    raise typer.Exit(run_add(Settings(), tenant, name, update=update))


@tenants_app.command("source")
def tenants_source(
    tenant: TenantId,
    source: Annotated[str, typer.Argument(help="clockify, toggl, harvest, quickbooks or qbtime.")],
    account: Annotated[
        list[str],
        typer.Option(
            "--account",
            metavar="ACCT",
            help="Workspace (Clockify, Toggl) or realm (QuickBooks) id; repeat for several.",
        ),
    ],
    writes: Annotated[
        Literal["quickbooks", "tracker", "both"] | None,
        typer.Option(
            "--writes",
            help="Where decisions go: quickbooks (or the outbox), the tracker's entry, or both "
            "(Clockify and Toggl only). Default: as it is, quickbooks for a new tracker.",
        ),
    ] = None,
    api_key_env: Annotated[
        str | None,
        typer.Option(
            "--api-key-env",
            metavar="VAR",
            help="Environment variable holding the tracker's API key (read-back, write-back).",
        ),
    ] = None,
    secret_env: Annotated[
        str | None,
        typer.Option(
            "--secret-env",
            metavar="VAR",
            help="Environment variable holding the webhook secret (for scripts); without it "
            "the secret is asked for, hidden.",
        ),
    ] = None,
    rotate: Annotated[
        bool,
        typer.Option(
            "--rotate", help="Keep the current secret as the second one until senders switch."
        ),
    ] = False,
    keep_secret: Annotated[
        bool,
        typer.Option(
            "--keep-secret",
            help="Keep the secrets as they are: change accounts, --writes or the API key only.",
        ),
    ] = False,
) -> None:
    """Set one tracker's accounts, write-back and webhook secret for TENANT (never printed;
    never given on the command line, where it would stay in the shell's history)."""
    from app.cli.jobs import tenants as job  # noqa: PLC0415

    change = job.SourceChange(
        tenant, source, account, writes, api_key_env, secret_env, rotate, keep_secret
    )
    raise typer.Exit(job.run_source(Settings(), change, job.ask_hidden))


@tenants_app.command("list")
def tenants_list() -> None:
    """Every tenant: its trackers, accounts, write-back and how many secrets are set."""
    from app.cli.jobs.tenants import run_list  # noqa: PLC0415

    raise typer.Exit(run_list(Settings()))


@tenants_app.command("show")
def tenants_show(tenant: TenantId) -> None:
    """One tenant: its trackers, accounts, write-back and how many secrets are set."""
    from app.cli.jobs.tenants import run_show  # noqa: PLC0415

    raise typer.Exit(run_show(Settings(), tenant))
