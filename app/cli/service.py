"""``timebill serve | send-sample | entries | replay | status | poll``: the local service."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from app.cli.options import (
    Tenant,
)
from app.cli.root import app
from app.config import Settings


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Run the webhook service locally: SQLite store, in-process worker, outbox writer."""
    from app.cli.console import console  # noqa: PLC0415
    from app.cli.jobs.review import demo_signin  # noqa: PLC0415
    from app.cli.jobs.service import run_serve  # noqa: PLC0415

    settings = Settings()
    link = demo_signin(settings, host, port)
    console.print(f"review queue: sign in as the demo reviewer with {link}", soft_wrap=True)
    raise typer.Exit(run_serve(settings, host, port))


@app.command("send-sample")
def send_sample(
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="clockify, toggl or quickbooks")],
    url: Annotated[str, typer.Option(help="Where `timebill serve` listens.")] = (
        "http://127.0.0.1:8000"
    ),
    description: Annotated[str | None, typer.Option(help="Text of the sample time entry.")] = None,
) -> None:
    """Fire a correctly signed sample webhook at the local service (demo tenant)."""
    from app.cli.jobs.service import run_send_sample  # noqa: PLC0415

    raise typer.Exit(run_send_sample(Settings(), source, url, description))


@app.command()
def entries(
    tenant: Tenant = "demo",
    status: Annotated[
        str | None, typer.Option(help="received, posted, needs_review, dead_letter, ...")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many, newest first.")] = 20,
    archived: Annotated[
        bool,
        typer.Option(
            "--archived",
            help="List the archive instead: finished entries moved out of the inbox after "
            "TIMEBILL_RETENTION_DAYS.",
        ),
    ] = False,
) -> None:
    """List the service's entries and their decisions, newest first."""
    from app.cli.jobs.service import run_entries  # noqa: PLC0415

    raise typer.Exit(run_entries(Settings(), tenant, status, limit, archived=archived))


@app.command()
def replay(
    item: Annotated[str, typer.Argument(metavar="ITEM", help="Item id (or a unique prefix).")],
    tenant: Tenant = "demo",
) -> None:
    """Give a dead-lettered, waiting or retrying entry one more try, now."""
    from app.cli.jobs.service import run_replay  # noqa: PLC0415

    raise typer.Exit(run_replay(Settings(), tenant, item))


@app.command()
def status(tenant: Tenant = "demo") -> None:
    """Entries per state, the writer, Claude, and each QuickBooks company's connection."""
    from app.cli.jobs.qbo import run_status  # noqa: PLC0415

    raise typer.Exit(run_status(Settings(), tenant))


# --- timebill poll: one scheduled-intake poll of Harvest / QuickBooks Time ---


@app.command("poll")
def poll_command(
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="harvest or qbtime")],
    tenant: Tenant = "demo",
    since: Annotated[
        datetime | None,
        typer.Option(
            "--since",
            formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S%z"],
            help="Changes since (first poll only; default: the lookback window).",
        ),
    ] = None,
) -> None:
    """Poll a tracker without webhooks once into the service's inbox, as the schedule does."""
    from app.cli.jobs.poll import run_poll_command  # noqa: PLC0415

    raise typer.Exit(run_poll_command(Settings(), source, tenant, since))
