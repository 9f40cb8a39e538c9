"""Options several commands share, and the settings a command runs with."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from app.config import Settings

if TYPE_CHECKING:
    from app.cli.jobs.claude_batch import BatchMode

RulesDir = Annotated[Path, typer.Option("--rules", help="Directory of SOW rules files.")]
History = Annotated[
    Path | None, typer.Option("--history", help="Labelled export that feeds the memory stage.")
]
LabelColumn = Annotated[
    str, typer.Option("--label-column", help="Column of --history holding the approved code.")
]
DeadlineMs = Annotated[
    int | None, typer.Option("--deadline-ms", help="Per-entry decision budget (default 500).")
]
UseClaude = Annotated[
    bool,
    typer.Option(
        "--claude", help="Require Claude for what rules and memory leave (ANTHROPIC_API_KEY)."
    ),
]
UseBatch = Annotated[
    bool,
    typer.Option(
        "--batch",
        help="Send Claude's entries as one Message Batch: half the price, done within 24 h; "
        "an estimate and a confirmation first. Implies --claude.",
    ),
]
AssumeYes = Annotated[bool, typer.Option("--yes", help="Send the batch without asking.")]
Resume = Annotated[
    bool,
    typer.Option(
        "--resume",
        help="Pick up the batch kept beside --out (re-running the same command does too).",
    ),
]
PollSeconds = Annotated[
    float, typer.Option("--poll-seconds", min=0.0, help="How often to poll the batch.")
]


def batch_mode(
    state: Path, *, batch: bool, yes: bool, resume: bool, poll_s: float
) -> BatchMode | None:
    from app.cli.jobs.claude_batch import BatchMode  # noqa: PLC0415

    if not batch:
        if yes or resume:
            raise typer.BadParameter("--yes and --resume go with --batch")
        return None

    def confirm(question: str) -> bool:
        try:
            return bool(typer.confirm(question, default=False))
        except typer.Abort:  # no terminal to answer from (stdin closed): not confirmed
            return False

    return BatchMode(state, (lambda _q: True) if yes else confirm, resume, poll_s)


def settings_for(rules: Path, deadline_ms: int | None) -> Settings:
    overrides: dict[str, object] = {"rules_dir": rules}
    if deadline_ms is not None:
        overrides["deadline_ms"] = deadline_ms
    return Settings(**overrides)


Tenant = Annotated[str, typer.Option("--tenant", help="Tenant id in the store.")]
