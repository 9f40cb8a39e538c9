"""``timebill reviewers add | disable``: who may use the review page."""

from __future__ import annotations

from typing import Annotated

import typer

from app.cli.options import (
    Tenant,
)
from app.cli.root import app
from app.config import Settings

# --- timebill reviewers: who may use the review page ---

reviewers_app = typer.Typer(no_args_is_help=True, help="Reviewers of the review queue page.")
app.add_typer(reviewers_app, name="reviewers")


@reviewers_app.command("add")
def reviewers_add(
    name: Annotated[str, typer.Option("--name", help="Reviewer name (a-z, 0-9, . _ @ -).")],
    tenant: Tenant = "demo",
    url: Annotated[str, typer.Option(help="Where `timebill serve` listens.")] = (
        "http://127.0.0.1:8000"
    ),
) -> None:
    """Create a reviewer for TENANT and print a one-time sign-in link (a new one replaces it)."""
    from app.cli.jobs.review import run_reviewers_add  # noqa: PLC0415

    raise typer.Exit(run_reviewers_add(Settings(), tenant, name, url))


@reviewers_app.command("disable")
def reviewers_disable(
    name: Annotated[str, typer.Option("--name", help="The reviewer to disable.")],
    tenant: Tenant = "demo",
) -> None:
    """Disable a reviewer of TENANT: their sign-in link and open sessions end at once."""
    from app.cli.jobs.review import run_reviewers_disable  # noqa: PLC0415

    raise typer.Exit(run_reviewers_disable(Settings(), tenant, name))
