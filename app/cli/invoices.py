"""``timebill invoices draft``: a client's invoice for a month."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from app.cli.options import (
    History,
    LabelColumn,
    RulesDir,
    Tenant,
)
from app.cli.root import app
from app.config import Settings

# --- timebill invoices: draft a client's invoice for a month ---

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
    redraft: Annotated[
        bool,
        typer.Option(
            "--redraft",
            help="With --push: the month's invoice was voided in QuickBooks; create a new one.",
        ),
    ] = False,
) -> None:
    """Draft CLIENT's invoice for PERIOD: a Markdown preview and the QuickBooks request.

    Exit 0 done, 1 the push failed, 2 bad input.
    """
    from decimal import Decimal, InvalidOperation  # noqa: PLC0415

    from app.cli.jobs.classify import DEMO_DATA  # noqa: PLC0415
    from app.cli.jobs.invoices import DEMO_MAPPING, DraftRequest, run_invoices_draft  # noqa: PLC0415

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
        redraft=redraft,
    )  # fmt: skip
    raise typer.Exit(run_invoices_draft(settings, request))
