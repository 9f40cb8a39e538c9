"""The ``timebill`` Typer app every command group registers on (``app.cli`` wires them)."""

from __future__ import annotations

import typer

from app.cli.guard import GuardedGroup

app = typer.Typer(
    cls=GuardedGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="The timebill command line: classify exports, check rules, evaluate, run the demo.",
)
