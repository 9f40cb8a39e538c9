"""The timebill command line: classify exports, check rules, evaluate, run the demo."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from app.config import Settings

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)
rules_app = typer.Typer(no_args_is_help=True, help="Check and manage SOW rules files.")
app.add_typer(rules_app, name="rules")

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


def _settings(rules: Path, deadline_ms: int | None) -> Settings:
    overrides: dict[str, object] = {"rules_dir": rules}
    if deadline_ms is not None:
        overrides["deadline_ms"] = deadline_ms
    return Settings(**overrides)  # type: ignore[arg-type]


@app.command()
def classify(
    export: Annotated[Path, typer.Argument(help="Clockify, Toggl or Harvest CSV export.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the classified CSV.")],
    rules: RulesDir = Path("sow_rules"),
    history: History = None,
    label_column: LabelColumn = "Approved Code",
    deadline_ms: DeadlineMs = None,
) -> None:
    """Classify every entry of EXPORT and write it with the decision columns appended."""
    from app.jobs import run_classify  # noqa: PLC0415 - keep --help fast

    raise typer.Exit(
        run_classify(
            _settings(rules, deadline_ms), export, out, history=history, label_column=label_column
        )
    )


@app.command("eval")
def evaluate(
    export: Annotated[Path, typer.Argument(help="Export whose true codes are known.")],
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
) -> None:
    """Accuracy on a labelled set: auto-approved error rate, review share, per-stage figures."""
    from app.jobs import run_eval  # noqa: PLC0415

    settings = _settings(rules, deadline_ms)
    raise typer.Exit(
        run_eval(
            settings,
            export,
            truth=truth,
            truth_column=truth_column,
            history=history,
            label_column=label_column,
            show_errors=show_errors,
        )
    )


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="Folder for the demo's outputs.")] = Path(
        "out/demo"
    ),
) -> None:
    """Classify the bundled demo firm's month offline and report accuracy against its truth."""
    from app.jobs import run_demo  # noqa: PLC0415

    raise typer.Exit(run_demo(out))


@app.command("audit")
def audit_command(
    exports: Annotated[
        list[Path], typer.Argument(help="Clockify, Toggl or Harvest CSV exports of the period.")
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
) -> None:
    """Replay every entry through the cascade and price the leakage against the SOWs."""
    from app.jobs_audit import AuditRequest, assumptions, run_audit  # noqa: PLC0415

    request = AuditRequest(
        exports, out, history, label_column, invoices,
        assumptions(manual_minutes, review_minutes, setup_hours), top,
    )  # fmt: skip
    raise typer.Exit(run_audit(_settings(rules, deadline_ms), request))


@rules_app.command("check")
def rules_check(
    directory: Annotated[Path, typer.Argument(help="Directory of rules files.")] = Path(
        "sow_rules"
    ),
) -> None:
    """Validate every rules file and run each rule's examples; list every problem."""
    from app.jobs import run_rules_check  # noqa: PLC0415

    raise typer.Exit(run_rules_check(directory))


Tenant = Annotated[str, typer.Option("--tenant", help="Tenant id in the store.")]


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Run the webhook service locally: SQLite store, in-process worker, outbox writer."""
    from app.jobs_service import run_serve  # noqa: PLC0415

    raise typer.Exit(run_serve(Settings(), host, port))


@app.command("send-sample")
def send_sample(
    source: Annotated[str, typer.Argument(help="clockify, toggl or quickbooks")],
    url: Annotated[str, typer.Option(help="Where `timebill serve` listens.")] = (
        "http://127.0.0.1:8000"
    ),
    description: Annotated[str | None, typer.Option(help="Text of the sample time entry.")] = None,
) -> None:
    """Fire a correctly signed sample webhook at the local service (demo tenant)."""
    from app.jobs_service import run_send_sample  # noqa: PLC0415

    raise typer.Exit(run_send_sample(Settings(), source, url, description))


@app.command()
def entries(
    tenant: Tenant = "demo",
    status: Annotated[
        str | None, typer.Option(help="received, posted, needs_review, dead_letter, ...")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many, newest first.")] = 20,
) -> None:
    """List the service's entries and their decisions, newest first."""
    from app.jobs_service import run_entries  # noqa: PLC0415

    raise typer.Exit(run_entries(Settings(), tenant, status, limit))


@app.command()
def replay(
    item: Annotated[str, typer.Argument(help="Item id (or a unique prefix).")],
    tenant: Tenant = "demo",
) -> None:
    """Give a dead-lettered, waiting or retrying entry one more try, now."""
    from app.jobs_service import run_replay  # noqa: PLC0415

    raise typer.Exit(run_replay(Settings(), tenant, item))


qbo_app = typer.Typer(no_args_is_help=True, help="Connect and inspect QuickBooks Online.")
app.add_typer(qbo_app, name="qbo")


@qbo_app.command("connect")
def qbo_connect(tenant: Tenant = "demo") -> None:
    """Authorise timebill for a QuickBooks company (first time, or after a reconnect alarm)."""
    from app.jobs_qbo import run_connect  # noqa: PLC0415

    raise typer.Exit(run_connect(Settings(), tenant, lambda text: str(typer.prompt(text))))


@app.command()
def status(tenant: Tenant = "demo") -> None:
    """Entries per state, the writer, Claude, and each QuickBooks company's connection."""
    from app.jobs_qbo import run_status  # noqa: PLC0415

    raise typer.Exit(run_status(Settings(), tenant))


def main() -> None:
    app()
