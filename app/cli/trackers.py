"""``timebill trackers connect clockify``: set up writing decisions back to a tracker."""

from __future__ import annotations

import typer

from app.cli.options import Tenant
from app.cli.root import app
from app.config import Settings

trackers_app = typer.Typer(no_args_is_help=True, help="Write decisions back to the trackers.")
connect_app = typer.Typer(no_args_is_help=True, help="Connect a tracker's write-back.")
trackers_app.add_typer(connect_app, name="connect")
app.add_typer(trackers_app, name="trackers")


@connect_app.command("clockify")
def connect_clockify(tenant: Tenant = "demo") -> None:
    """Find or create timebill's custom fields in the tenant's Clockify workspace (with its API
    key) and store their ids with the tenant. Exit 0 done, 1 Clockify failed, 2 bad input."""
    from app.cli.jobs.trackers import run_connect_clockify  # noqa: PLC0415

    raise typer.Exit(run_connect_clockify(Settings(), tenant))
