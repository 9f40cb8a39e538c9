"""``timebill rules check | draft | approve | history | import | export | rollback``: SOW rules
files, and each tenant's approved versions of them in the store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from app.cli.options import (
    LabelColumn,
    RulesDir,
)
from app.cli.root import app
from app.config import Settings

if TYPE_CHECKING:
    from app.ports import RulesStore

StoreTenant = Annotated[
    str | None, typer.Option("--tenant", help="Tenant id: its rules versions in the store.")
]
Approver = Annotated[str, typer.Option("--by", help="Who approves: your name or email.")]

rules_app = typer.Typer(no_args_is_help=True, help="Check and manage SOW rules files.")
app.add_typer(rules_app, name="rules")


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
    from app.cli.jobs.classify import BackTestRequest, run_rules_check  # noqa: PLC0415

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
    from app.cli.jobs.rules import DraftRequest, run_rules_draft  # noqa: PLC0415

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
    by: Approver,
    rules: RulesDir = Path("sow_rules"),
    history: Annotated[
        Path | None,
        typer.Option(
            "--history",
            help="Approved export: back-test the rules (with --tenant, kept with the version:"
            " the service trusts each rule as far as it measured).",
        ),
    ] = None,
    label_column: LabelColumn = "Approved Code",
    tenant: StoreTenant = None,
) -> None:
    """Check a draft again, run its examples, and put it in force.

    With --tenant: the draft joins the tenant's current rules set in the store as a new
    version (the service uses it from its next batch, no deploy). Without: it is written as
    RULES/<client-id>.yaml, every approved version kept in RULES/.versions/ with who approved
    it and when. With --history, the approved rules are back-tested on it.
    Exit 0 approved, 1 refused (problems listed), 2 bad input.
    """
    if tenant is not None:
        from app.cli.jobs.rules_store import HistoryFile, run_approve  # noqa: PLC0415

        back = HistoryFile(history, label_column) if history else None
        raise typer.Exit(_with_store(lambda s: run_approve(s, draft, tenant, by, history=back)))
    from app.cli.jobs.classify import BackTestRequest, run_backtest  # noqa: PLC0415
    from app.cli.jobs.rules import run_rules_approve  # noqa: PLC0415

    code = run_rules_approve(draft, by, rules)
    if code == 0 and history is not None:
        run_backtest(rules, BackTestRequest(history, label_column, as_json=False))
    raise typer.Exit(code)


@rules_app.command("history")
def rules_history(
    client: Annotated[
        str | None, typer.Argument(metavar="CLIENT", help="Client id (or name).")
    ] = None,
    rules: RulesDir = Path("sow_rules"),
    tenant: StoreTenant = None,
) -> None:
    """List the approved versions of a client's rules: who approved each one, and when.

    With --tenant: every version of the tenant's rules set in the store, which one is in
    force, and (with CLIENT) the versions that changed that client's file. Without: the
    approvals kept in RULES/.versions/.
    """
    if tenant is not None:
        from app.cli.jobs.rules_store import run_store_history  # noqa: PLC0415

        raise typer.Exit(_with_store(lambda s: run_store_history(s, tenant, client)))
    if client is None:
        raise typer.BadParameter("give CLIENT, or --tenant for the store's versions")
    from app.cli.jobs.rules import run_rules_history  # noqa: PLC0415

    raise typer.Exit(run_rules_history(client, rules))


@rules_app.command("import")
def rules_import(
    directory: Annotated[
        Path, typer.Argument(metavar="DIRECTORY", help="Folder of rules files (_firm.yaml...).")
    ],
    tenant: Annotated[str, typer.Option("--tenant", help="Tenant id in the store.")],
    by: Approver,
    history: Annotated[
        Path | None,
        typer.Option(
            "--history",
            help="Approved export: back-test the rules; the service then trusts each rule as"
            " far as it measured (a rule it never tested goes to review).",
        ),
    ] = None,
    label_column: LabelColumn = "Approved Code",
) -> None:
    """Publish a folder of rules files as the tenant's next rules version in the store.

    The set is checked like `rules check` and every rule example is run first; nothing is
    stored unless all pass. The service uses the new version from its next batch.
    Exit 0 published, 1 refused (problems listed), 2 bad input (unknown tenant...).
    """
    from app.cli.jobs.rules_store import HistoryFile, run_import  # noqa: PLC0415

    back = HistoryFile(history, label_column) if history else None
    raise typer.Exit(_with_store(lambda s: run_import(s, directory, tenant, by, history=back)))


@rules_app.command("export")
def rules_export(
    directory: Annotated[Path, typer.Argument(metavar="DIRECTORY", help="A new, empty folder.")],
    tenant: Annotated[str, typer.Option("--tenant", help="Tenant id in the store.")],
    version: Annotated[
        str | None, typer.Option("--version", help="e.g. v3 (default: the one in force).")
    ] = None,
) -> None:
    """Write a version of the tenant's rules set back as files, to edit and import again."""
    from app.cli.jobs.rules_store import run_export  # noqa: PLC0415

    raise typer.Exit(_with_store(lambda s: run_export(s, tenant, version, directory)))


@rules_app.command("rollback")
def rules_rollback(
    tenant: Annotated[str, typer.Option("--tenant", help="Tenant id in the store.")],
    to: Annotated[str, typer.Option("--to", help="The version to put back in force, e.g. v2.")],
    by: Annotated[str, typer.Option("--by", help="Who rolls back: your name or email.")],
) -> None:
    """Put an earlier rules version back in force (the service uses it from its next batch)."""
    from app.cli.jobs.rules_store import run_rollback  # noqa: PLC0415

    raise typer.Exit(_with_store(lambda s: run_rollback(s, tenant, to, by)))


def _with_store(run: Callable[[RulesStore], int]) -> int:
    """``run`` on the configured store (TIMEBILL_STORE), closed after."""
    from app.cli.console import errors  # noqa: PLC0415
    from app.cli.jobs.rules_store import open_rules_store  # noqa: PLC0415
    from app.errors import ConfigError  # noqa: PLC0415

    try:
        store = open_rules_store(Settings())
    except ConfigError as exc:
        errors.print(f"[red]error:[/] {exc}")
        return 2
    try:
        return run(store)
    finally:
        close = getattr(store, "close", None)
        if callable(close):
            close()
