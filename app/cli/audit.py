"""``timebill audit``: replay a period and price what leaked."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from app.cli.guard import need_file, need_output_dir
from app.cli.options import (
    AssumeYes,
    DeadlineMs,
    History,
    LabelColumn,
    PollSeconds,
    Resume,
    RulesDir,
    UseBatch,
    UseClaude,
    batch_mode,
    settings_for,
)
from app.cli.root import app


@app.command("audit")
def audit_command(
    exports: Annotated[
        list[Path],
        typer.Argument(
            metavar="EXPORT...", help="Clockify, Toggl or Harvest CSV exports of the period."
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder for audit.json and the CSV files.")],
    rules: RulesDir = Path("sow_rules"),
    history: History = None,
    label_column: LabelColumn = "Approved Code",
    invoices: Annotated[
        Path | None,
        typer.Option("--invoices", help="QuickBooks TimeActivity or invoice-lines CSV."),
    ] = None,
    manual_minutes: Annotated[
        float | None, typer.Option(help="Minutes to reconcile one entry by hand (1.5).")
    ] = None,
    review_minutes: Annotated[
        float | None, typer.Option(help="Minutes to review one flagged entry (1.0).")
    ] = None,
    setup_hours: Annotated[
        float | None, typer.Option(help="Hours to export and run the audit (2.0).")
    ] = None,
    top: Annotated[int, typer.Option(help="How many top entries by money at stake.")] = 20,
    deadline_ms: DeadlineMs = None,
    claude: UseClaude = False,
    batch: UseBatch = False,
    yes: AssumeYes = False,
    resume: Resume = False,
    poll_seconds: PollSeconds = 30.0,
) -> None:
    """Replay every entry through the cascade and price the leakage against the SOWs."""
    from app.classify.claude_batch_state import state_path  # noqa: PLC0415
    from app.cli.jobs.audit import AuditRequest, assumptions, run_audit  # noqa: PLC0415

    for export in exports:
        need_file(export, "EXPORT")
    need_file(history, "--history")
    need_file(invoices, "--invoices")
    need_output_dir(out, "--out")
    state = state_path(out, folder=True)
    mode = batch_mode(state, batch=batch, yes=yes, resume=resume, poll_s=poll_seconds)

    request = AuditRequest(
        exports, out, history, label_column, invoices,
        assumptions(manual_minutes, review_minutes, setup_hours), top, claude, mode,
    )  # fmt: skip
    raise typer.Exit(run_audit(settings_for(rules, deadline_ms), request))
