"""CLI use cases of the review page: add a reviewer, and the demo reviewer ``serve`` prints."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from rich.markup import escape

from app.cli.console import console, errors
from app.config import Settings
from app.factory import build_store
from app.review.access import DEMO_REVIEWER, add_reviewer, signin_link
from app.service.local import ensure_demo_tenant

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def run_reviewers_add(settings: Settings, tenant: str, name: str, base_url: str) -> int:
    """Create a reviewer (or renew their token) and print their one-time sign-in link."""
    store = build_store(settings)
    try:
        token = add_reviewer(store, tenant, name, now=datetime.now(UTC))
    except LookupError as exc:
        errors.print(f"[red]error:[/] {exc.args[0]}: create the tenant first (timebill serve)")
        return EXIT_BAD_INPUT
    except ValueError:
        hint = re.sub(r"[^a-z0-9._@-]+", ".", name.lower()).strip(".") or "dana"
        errors.print(
            f"[red]error:[/] --name {escape(repr(name))}: a reviewer name is 2-40 lowercase "
            f"letters, digits and . _ @ - (for example {escape(hint)})",
            soft_wrap=True,
        )
        return EXIT_BAD_INPUT
    console.print(f"reviewer {name} of tenant {tenant}: sign in once with")
    console.print(f"  {signin_link(base_url, tenant, token)}", soft_wrap=True)
    minutes = settings.signin_link_minutes
    console.print(f"  (it works once, within {minutes} minutes; adding the same name again "
                  "gives a new link)")  # fmt: skip
    return EXIT_OK


def run_reviewers_disable(settings: Settings, tenant: str, name: str) -> int:
    """Disable a reviewer: their link and every open session stop working at once."""
    if not build_store(settings).disable_reviewer(tenant, name):
        errors.print(f"[red]error:[/] tenant {tenant} has no reviewer {name!r}")
        return EXIT_BAD_INPUT
    console.print(f"reviewer {name} of tenant {tenant} is disabled; their sessions have ended")
    return EXIT_OK


def demo_signin(settings: Settings, host: str, port: int) -> str:
    """A fresh sign-in link for the demo reviewer (created on first serve; each serve renews
    the token, since only its hash is kept)."""
    store = build_store(settings)
    tenant = ensure_demo_tenant(store)
    token = add_reviewer(store, tenant.id, DEMO_REVIEWER, now=datetime.now(UTC))
    return signin_link(f"http://{host}:{port}", tenant.id, token)
