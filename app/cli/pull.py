"""``timebill pull`` (tracker APIs) and ``timebill crm pull`` (HubSpot): data in from elsewhere."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from app.cli.options import (
    RulesDir,
)
from app.cli.root import app
from app.config import Settings

# --- timebill pull: tracker APIs -> a CSV in the tracker's export layout ---


@app.command("pull")
def pull_command(
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="clockify, toggl or harvest")],
    start: Annotated[
        datetime, typer.Option("--from", formats=["%Y-%m-%d"], help="First work date.")
    ],
    end: Annotated[datetime, typer.Option("--to", formats=["%Y-%m-%d"], help="Last work date.")],
    out: Annotated[Path, typer.Option("--out", help="CSV to write (the tracker's layout).")],
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted pull from its cursor file.")
    ] = False,
    cursor: Annotated[
        Path | None, typer.Option("--cursor", help="Cursor file (default: OUT.cursor.json).")
    ] = None,
    workspace: Annotated[
        str | None, typer.Option("--workspace", help="Clockify/Toggl workspace (default: yours).")
    ] = None,
) -> None:
    """Fetch a date range of time entries from a tracker's API into a CSV audit/classify read."""
    from app.cli.jobs.pull import PullRequest, run_pull  # noqa: PLC0415

    request = PullRequest(
        source, start.date(), end.date(), out, resume=resume, cursor=cursor, workspace=workspace
    )
    raise typer.Exit(run_pull(Settings(), request))


# --- timebill crm pull hubspot: clients' SOWs from the CRM to rules drafts ---

crm_app = typer.Typer(no_args_is_help=True, help="Read clients and their SOWs from a CRM.")
app.add_typer(crm_app, name="crm")


@crm_app.command("pull")
def crm_pull(
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="The CRM: hubspot.")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder for drafts (default: RULES/drafts).")
    ] = None,
    rules: RulesDir = Path("sow_rules"),
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue a pull that was interrupted.")
    ] = False,
    yes: Annotated[
        bool,
        typer.Option("--yes", help="Ask nothing: take certain matches only, draft new versions."),
    ] = False,
    any_name: Annotated[
        bool, typer.Option("--any-name", help="Take every pdf/docx/md/txt attachment as a SOW.")
    ] = False,
) -> None:
    """Match CRM companies to the clients of RULES, fetch the SOW files attached to their deals
    and draft rules from each (as `timebill rules draft`), recording where each draft came from.

    Exit 0 done, 1 a draft with problems or a file not drafted, 2 bad input, 3 HubSpot failed
    (--resume continues).
    """
    from app.cli.jobs.crm import PullRequest, run_crm_pull  # noqa: PLC0415

    if source.strip().lower() != "hubspot":
        raise typer.BadParameter(
            f"{source!r}: the CRM timebill reads is hubspot", param_hint="SOURCE"
        )
    request = PullRequest(out=out, rules_dir=rules, resume=resume, yes=yes, any_name=any_name)

    def confirm(question: str) -> bool:
        return bool(typer.confirm(question))

    raise typer.Exit(run_crm_pull(Settings(), request, confirm=confirm))
