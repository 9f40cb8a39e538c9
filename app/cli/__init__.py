"""The ``timebill`` command line: one module per command group, registered on one Typer app.

``classify`` (classify, eval, demo), ``audit``, ``rules``, ``service`` (serve, send-sample,
entries, replay, status, poll), ``qbo``, ``pull`` (tracker APIs, CRM), ``invoices``, ``review``
(reviewers), ``tenants``, ``trackers``. Each command imports its use case from ``app.cli.jobs``
only when it runs, so ``--help`` stays fast.
"""

from __future__ import annotations

from app.cli import (  # noqa: F401
    audit,
    classify,
    invoices,
    pull,
    qbo,
    review,
    rules,
    service,
    tenants,
    trackers,
)
from app.cli.root import app

__all__ = ["app", "main"]


def main() -> None:
    app()
