"""The timebill command line: classify exports, check rules, evaluate, run the demo."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from app.cli_guard import GuardedGroup, need_file, need_output_dir, need_output_file
from app.config import Settings

if TYPE_CHECKING:
    from app.jobs_batch import BatchMode

app = typer.Typer(
    cls=GuardedGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help=__doc__,
)
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


def _batch_mode(
    state: Path, *, batch: bool, yes: bool, resume: bool, poll_s: float
) -> BatchMode | None:
    from app.jobs_batch import BatchMode  # noqa: PLC0415

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


def _settings(rules: Path, deadline_ms: int | None) -> Settings:
    overrides: dict[str, object] = {"rules_dir": rules}
    if deadline_ms is not None:
        overrides["deadline_ms"] = deadline_ms
    return Settings(**overrides)  # type: ignore[arg-type]


@app.command()
def classify(
    export: Annotated[
        Path, typer.Argument(metavar="EXPORT", help="Clockify, Toggl or Harvest CSV export.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Where to write the classified CSV.")],
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
    from app.jobs import run_classify  # noqa: PLC0415 - keep --help fast
    from app.llm_batch_state import state_path  # noqa: PLC0415

    need_file(export, "EXPORT")
    need_file(history, "--history")
    need_output_file(out, "--out")
    state = state_path(out, folder=False)
    mode = _batch_mode(state, batch=batch, yes=yes, resume=resume, poll_s=poll_seconds)

    settings = _settings(rules, deadline_ms)
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
) -> None:
    """Accuracy on a labelled set: auto-approved error rate, review share, per-stage figures."""
    from app.jobs import run_eval  # noqa: PLC0415

    need_file(export, "EXPORT")
    need_file(truth, "--truth")
    need_file(history, "--history")
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
    claude: Annotated[
        bool,
        typer.Option(
            "--claude", help="Also ask Claude about what rules and memory leave (needs a key)."
        ),
    ] = False,
) -> None:
    """Classify the bundled demo firm's month offline and report accuracy against its truth."""
    from app.jobs import run_demo  # noqa: PLC0415

    raise typer.Exit(run_demo(out, use_claude=claude))


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
    from app.jobs_audit import AuditRequest, assumptions, run_audit  # noqa: PLC0415
    from app.llm_batch_state import state_path  # noqa: PLC0415

    for export in exports:
        need_file(export, "EXPORT")
    need_file(history, "--history")
    need_file(invoices, "--invoices")
    need_output_dir(out, "--out")
    state = state_path(out, folder=True)
    mode = _batch_mode(state, batch=batch, yes=yes, resume=resume, poll_s=poll_seconds)

    request = AuditRequest(
        exports, out, history, label_column, invoices,
        assumptions(manual_minutes, review_minutes, setup_hours), top, claude, mode,
    )  # fmt: skip
    raise typer.Exit(run_audit(_settings(rules, deadline_ms), request))


@rules_app.command("check")
def rules_check(
    directory: Annotated[
        Path, typer.Argument(metavar="DIRECTORY", help="Directory of rules files.")
    ] = Path("sow_rules"),
    history: Annotated[
        Path | None, typer.Option("--history", help="Approved export to back-test every rule on.")
    ] = None,
    label_column: LabelColumn = "Approved Code",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the back-test as JSON (with --history).")
    ] = False,
    min_precision: Annotated[
        float | None,
        typer.Option(
            "--min-precision", min=0.0, max=1.0, help="Exit 1 if a rule is right less often."
        ),
    ] = None,
) -> None:
    """Validate every rules file and run each rule's examples; list every problem.

    With --history, back-test every rule on the approved entries: matches, precision, the
    entries it contradicts, rules that never fire, approved codes no rule reaches.
    """
    from app.jobs import BackTestRequest, run_rules_check  # noqa: PLC0415

    request = None
    if history is not None:
        request = BackTestRequest(history, label_column, as_json, min_precision)
    raise typer.Exit(run_rules_check(directory, request))


# --- timebill rules draft | approve | history: SOW -> draft -> approved rules (jobs_rules) ---


@rules_app.command("draft")
def rules_draft(
    sow: Annotated[
        Path, typer.Argument(metavar="SOW", help="The client's SOW: .pdf, .docx, .md or .txt.")
    ],
    client: Annotated[str, typer.Option("--client", help="The client's name for the rules.")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder for the draft (default: RULES/drafts).")
    ] = None,
    rules: RulesDir = Path("sow_rules"),
    client_id: Annotated[
        str | None, typer.Option("--id", help="Client id (default: made from the name).")
    ] = None,
    model: Annotated[
        str | None, typer.Option("--model", help="Claude model (default: TIMEBILL_MODEL).")
    ] = None,
    max_tokens: Annotated[
        int | None,
        typer.Option("--max-tokens", min=1024, max=128_000, help="Answer budget (32000)."),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option("--timeout", min=10, help="Seconds to wait for the whole answer (600)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing draft.")] = False,
    thinking: Annotated[
        bool, typer.Option("--thinking/--no-thinking", help="Let the model think first.")
    ] = True,
) -> None:
    """Draft CLIENT's rules file from a SOW with Claude, for a person to check and approve.

    Exit 0 drafted and valid, 1 drafted with problems listed, 2 bad input, 3 Claude failed
    (nothing written).
    """
    from app.jobs_rules import DraftRequest, run_rules_draft  # noqa: PLC0415

    request = DraftRequest(
        sow, client, client_id=client_id, out=out, rules_dir=rules, force=force, model=model,
        max_tokens=max_tokens, timeout_s=timeout, thinking=thinking,
    )  # fmt: skip
    raise typer.Exit(run_rules_draft(Settings(), request))


@rules_app.command("approve")
def rules_approve(
    draft: Annotated[
        Path, typer.Argument(metavar="DRAFT", help="The draft, e.g. sow_rules/drafts/acme.yaml.")
    ],
    by: Annotated[str, typer.Option("--by", help="Who approves: your name or email.")],
    rules: RulesDir = Path("sow_rules"),
    history: Annotated[
        Path | None, typer.Option("--history", help="Approved export: back-test the rules.")
    ] = None,
    label_column: LabelColumn = "Approved Code",
) -> None:
    """Check a draft again, run its examples, and put it in force as RULES/<client-id>.yaml.

    Every approved version is kept in RULES/.versions/ with who approved it and when.
    With --history, the approved rules are back-tested on it (as `rules check --history`).
    Exit 0 approved, 1 refused (problems listed), 2 bad input.
    """
    from app.jobs import BackTestRequest, run_backtest  # noqa: PLC0415
    from app.jobs_rules import run_rules_approve  # noqa: PLC0415

    code = run_rules_approve(draft, by, rules)
    if code == 0 and history is not None:
        run_backtest(rules, BackTestRequest(history, label_column, as_json=False))
    raise typer.Exit(code)


@rules_app.command("history")
def rules_history(
    client: Annotated[str, typer.Argument(metavar="CLIENT", help="Client id (or name).")],
    rules: RulesDir = Path("sow_rules"),
) -> None:
    """List the approved versions of a client's rules: who approved each one, and when."""
    from app.jobs_rules import run_rules_history  # noqa: PLC0415

    raise typer.Exit(run_rules_history(client, rules))


Tenant = Annotated[str, typer.Option("--tenant", help="Tenant id in the store.")]


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Run the webhook service locally: SQLite store, in-process worker, outbox writer."""
    from app.console import console  # noqa: PLC0415
    from app.jobs_review import demo_signin  # noqa: PLC0415
    from app.jobs_service import run_serve  # noqa: PLC0415

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
    item: Annotated[str, typer.Argument(metavar="ITEM", help="Item id (or a unique prefix).")],
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


@qbo_app.command("map")
def qbo_map(
    tenant: Tenant = "demo",
    apply: Annotated[
        bool, typer.Option("--apply", help="Ask about each suggestion and store those you confirm.")
    ] = False,
) -> None:
    """Suggest QuickBooks Customers, Employees and Items for what the mapping lacks; with
    --apply, store those you confirm in the tenant's mapping."""
    from app.jobs_qbo import run_map  # noqa: PLC0415

    def confirm(question: str) -> bool:
        return bool(typer.confirm(question))

    raise typer.Exit(run_map(Settings(), tenant, apply=apply, confirm=confirm))


# --- timebill qbo mapping: the stored QuickBooks mapping <-> its file format (app/jobs_qbo.py) ---

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
    from app.jobs_qbo import run_mapping_import  # noqa: PLC0415

    raise typer.Exit(run_mapping_import(Settings(), file, tenant))


@mapping_app.command("export")
def qbo_mapping_export(
    tenant: Tenant = "demo",
    out: Annotated[
        Path | None, typer.Option("--out", help="Write here (default: print the YAML).")
    ] = None,
) -> None:
    """Write the tenant's stored QuickBooks mapping in the mapping file format."""
    from app.jobs_qbo import run_mapping_export  # noqa: PLC0415

    raise typer.Exit(run_mapping_export(Settings(), tenant, out))


@app.command()
def status(tenant: Tenant = "demo") -> None:
    """Entries per state, the writer, Claude, and each QuickBooks company's connection."""
    from app.jobs_qbo import run_status  # noqa: PLC0415

    raise typer.Exit(run_status(Settings(), tenant))


# --- timebill pull: tracker APIs -> a CSV in the tracker's export layout (app/jobs_pull.py) ---


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
    from app.jobs_pull import PullRequest, run_pull  # noqa: PLC0415

    request = PullRequest(
        source, start.date(), end.date(), out, resume=resume, cursor=cursor, workspace=workspace
    )
    raise typer.Exit(run_pull(Settings(), request))


# --- timebill poll: one scheduled-intake poll of Harvest / QuickBooks Time (app/jobs_poll.py) ---


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
    from app.jobs_poll import run_poll_command  # noqa: PLC0415

    raise typer.Exit(run_poll_command(Settings(), source, tenant, since))


# --- timebill invoices: draft a client's invoice for a month (app/jobs_invoices.py) ---

invoices_app = typer.Typer(no_args_is_help=True, help="Draft invoices from approved time.")
app.add_typer(invoices_app, name="invoices")


@invoices_app.command("draft")
def invoices_draft(
    client: Annotated[str, typer.Option("--client", help="Client id or name in the rules.")],
    period: Annotated[str, typer.Option("--period", help="Month to invoice, YYYY-MM.")],
    push: Annotated[
        bool, typer.Option("--push", help="Create the (unsent) invoice in QuickBooks.")
    ] = False,
    export: Annotated[
        Path | None, typer.Option("--export", help="The month's export (default: the demo's).")
    ] = None,
    rules: RulesDir = Path("sow_rules"),
    history: History = None,
    label_column: LabelColumn = "Approved Code",
    out: Annotated[Path, typer.Option("--out", help="Folder for the Markdown preview.")] = Path(
        "out"
    ),
    outbox: Annotated[
        Path | None, typer.Option("--outbox", help="Folder for the QuickBooks request.")
    ] = None,
    tenant: Tenant = "demo",
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="QuickBooks ids (tenant, customers, items).")
    ] = None,
    billed_to_date: Annotated[
        str | None, typer.Option("--billed-to-date", help="Amount billed under the SOW so far.")
    ] = None,
    billed: Annotated[
        Path | None, typer.Option("--billed", help="CSV code,hours,amount billed so far.")
    ] = None,
    bill_retainer_overage: Annotated[
        bool,
        typer.Option("--bill-retainer-overage", help="The client approved the retainer overage."),
    ] = False,
) -> None:
    """Draft CLIENT's invoice for PERIOD: a Markdown preview and the QuickBooks request.

    Exit 0 done, 1 the push failed, 2 bad input.
    """
    from decimal import Decimal, InvalidOperation  # noqa: PLC0415

    from app.jobs import DEMO_DATA  # noqa: PLC0415
    from app.jobs_invoices import DEMO_MAPPING, DraftRequest, run_invoices_draft  # noqa: PLC0415

    try:
        amount = None if billed_to_date is None else Decimal(billed_to_date.replace(",", ""))
    except InvalidOperation:
        raise typer.BadParameter("not an amount", param_hint="--billed-to-date") from None
    settings = Settings(rules_dir=rules)
    demo = export is None  # the demo month, with its history and its QuickBooks mapping
    request = DraftRequest(
        client=client, period=period, export=export or DEMO_DATA / "month.csv", out=out,
        outbox=outbox or settings.outbox_dir / "invoices", label_column=label_column,
        history=history or (DEMO_DATA / "history.csv" if demo else None), push=push,
        tenant=tenant, mapping=mapping or (DEMO_MAPPING if demo else None),
        billed_to_date=amount, billed=billed, bill_retainer_overage=bill_retainer_overage,
    )  # fmt: skip
    raise typer.Exit(run_invoices_draft(settings, request))


# --- timebill reviewers: who may use the review page (app/jobs_review.py) ---

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
    from app.jobs_review import run_reviewers_add  # noqa: PLC0415

    raise typer.Exit(run_reviewers_add(Settings(), tenant, name, url))


# --- timebill crm pull hubspot: clients' SOWs from the CRM to rules drafts (app/jobs_crm.py) ---

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
    from app.jobs_crm import PullRequest, run_crm_pull  # noqa: PLC0415

    if source.strip().lower() != "hubspot":
        raise typer.BadParameter(
            f"{source!r}: the CRM timebill reads is hubspot", param_hint="SOURCE"
        )
    request = PullRequest(out=out, rules_dir=rules, resume=resume, yes=yes, any_name=any_name)

    def confirm(question: str) -> bool:
        return bool(typer.confirm(question))

    raise typer.Exit(run_crm_pull(Settings(), request, confirm=confirm))


@reviewers_app.command("disable")
def reviewers_disable(
    name: Annotated[str, typer.Option("--name", help="The reviewer to disable.")],
    tenant: Tenant = "demo",
) -> None:
    """Disable a reviewer of TENANT: their sign-in link and open sessions end at once."""
    from app.jobs_review import run_reviewers_disable  # noqa: PLC0415

    raise typer.Exit(run_reviewers_disable(Settings(), tenant, name))


def main() -> None:
    app()
