"""``timebill classify``, ``eval`` and ``demo``: a tracker export through the cascade."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from app.cli.guard import need_file, need_output_file
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


@app.command()
def classify(
    export: Annotated[
        Path, typer.Argument(metavar="EXPORT", help="Clockify, Toggl or Harvest CSV export.")
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Where to write the classified CSV [default: out/EXPORT-NAME.classified.csv].",
        ),
    ] = None,
    rules: RulesDir = Path("sow_rules"),
    history: History = None,
    label_column: LabelColumn = "Approved Code",
    deadline_ms: DeadlineMs = None,
    claude: UseClaude = False,
    batch: UseBatch = False,
    yes: AssumeYes = False,
    resume: Resume = False,
    poll_seconds: PollSeconds = 30.0,
) -> None:
    """Classify every entry of EXPORT and write it with the decision columns appended."""
    from app.classify.claude_batch_state import state_path  # noqa: PLC0415
    from app.cli.jobs.classify_stream import run_classify  # noqa: PLC0415 - keep --help fast

    need_file(export, "EXPORT")
    need_file(history, "--history")
    if out is None:
        out = Path("out") / f"{export.stem}.classified.csv"
    need_output_file(out, "--out", {"EXPORT": export, "--history": history})
    state = state_path(out, folder=False)
    mode = batch_mode(state, batch=batch, yes=yes, resume=resume, poll_s=poll_seconds)

    settings = settings_for(rules, deadline_ms)
    code = run_classify(
        settings, export, out, history=history, label_column=label_column, claude=claude,
        batch=mode,
    )  # fmt: skip
    raise typer.Exit(code)


@app.command("eval")
def evaluate(
    export: Annotated[
        Path, typer.Argument(metavar="EXPORT", help="Export whose true codes are known.")
    ],
    rules: RulesDir = Path("sow_rules"),
    truth: Annotated[
        Path | None, typer.Option("--truth", help="CSV of line,true_code[,category].")
    ] = None,
    truth_column: Annotated[
        str | None, typer.Option("--truth-column", help="Column of EXPORT with the true code.")
    ] = None,
    history: History = None,
    label_column: LabelColumn = "Approved Code",
    deadline_ms: DeadlineMs = None,
    show_errors: Annotated[int, typer.Option("--show-errors", help="List N wrong decisions.")] = 10,
    calibration: Annotated[
        bool,
        typer.Option(
            "--calibration", help="Also print confidence buckets vs observed accuracy per stage."
        ),
    ] = False,
) -> None:
    """Accuracy on a labelled set: auto-approved error rate, review share, per-stage figures."""
    from app.cli.jobs.classify_stream import run_eval  # noqa: PLC0415

    need_file(export, "EXPORT")
    need_file(truth, "--truth")
    need_file(history, "--history")
    settings = settings_for(rules, deadline_ms)
    raise typer.Exit(
        run_eval(
            settings,
            export,
            truth=truth,
            truth_column=truth_column,
            history=history,
            label_column=label_column,
            show_errors=show_errors,
            calibration=calibration,
        )
    )


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="Folder for the demo's outputs.")] = Path(
        "out/demo"
    ),
    claude: Annotated[
        bool,
        typer.Option(
            "--claude", help="Also ask Claude about what rules and memory leave (needs a key)."
        ),
    ] = False,
) -> None:
    """Classify the bundled demo firm's month offline and report accuracy against its truth."""
    from app.cli.jobs.classify import run_demo  # noqa: PLC0415

    raise typer.Exit(run_demo(out, use_claude=claude))
