"""CLI use cases for the webhook service: serve, send a sample, list entries, replay."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import httpx
from rich.table import Table
from rich.text import Text

from app.cli.console import console, errors
from app.cli.guard import UserInputError
from app.config import Settings
from app.domain.entries import Source
from app.domain.inbox import InboxItem, Status
from app.factory import build_store, build_worker
from app.ports import Store
from app.service.local import (
    DEMO_ACCOUNTS,
    DEMO_TENANT,
    ReplayError,
    ensure_demo_tenant,
    reopen,
    sample_entry,
)

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
DEMO_MAPPING = Path(__file__).resolve().parents[3] / "examples" / "demo_firm" / "qbo_mapping.yaml"


def run_serve(settings: Settings, host: str, port: int) -> int:
    import uvicorn  # noqa: PLC0415

    from app.main import app  # noqa: PLC0415

    store = build_store(settings)
    tenant = ensure_demo_tenant(store)
    # The worker thread builds its worker at the first delivery (that delivery's answer does not
    # wait for the classifier): build one now too, so a bad rules folder stops the start here
    # instead of leaving every delivery unprocessed.
    build_worker(settings, store)
    if settings.qbo_mapping_path is None and DEMO_MAPPING.exists():
        # The demo tenant's outbox then holds the exact QuickBooks requests, not bare decisions.
        os.environ["TIMEBILL_QBO_MAPPING_PATH"] = str(DEMO_MAPPING)
        console.print(f"QuickBooks mapping: the demo firm's ({DEMO_MAPPING})")
    console.print(f"timebill serving on http://{host}:{port} (store: {settings.sqlite_path})")
    for source in tenant.sources:
        console.print(f"  webhook: http://{host}:{port}/webhooks/{source.value}/{tenant.id}")
    console.print("  try:    timebill send-sample clockify   then   timebill entries")
    uvicorn.run(app, host=host, port=port, log_level="info")
    return EXIT_OK


def run_send_sample(settings: Settings, source: str, url: str, description: str | None) -> int:
    from app.sources.signing import sample_body, signed_headers  # noqa: PLC0415

    try:
        kind = Source(source)
    except ValueError:
        errors.print(f"[red]error:[/] unknown source {source!r}: clockify, toggl or quickbooks")
        return EXIT_BAD_INPUT
    tenant = ensure_demo_tenant(build_store(settings))
    access = tenant.sources.get(kind)
    if access is None:
        errors.print(f"[red]error:[/] {kind.value} sends no webhooks (clockify, toggl, quickbooks)")
        return EXIT_BAD_INPUT
    body = sample_body(kind, account=DEMO_ACCOUNTS[kind], **sample_entry(kind, description))
    secret, path = access.secrets[0].get_secret_value(), f"/webhooks/{kind.value}/{tenant.id}"
    app_token = settings.qbo_verifier_token
    if kind is Source.QUICKBOOKS and app_token is not None:  # the Intuit app's one URL
        secret, path = app_token.get_secret_value(), "/webhooks/quickbooks"
    headers = signed_headers(kind, body, secret)
    target = f"{url.rstrip('/')}{path}"
    try:
        response = httpx.post(target, content=body, headers=headers, timeout=10)
    except httpx.HTTPError as exc:
        errors.print(
            f"[red]error:[/] could not reach {target}: {exc}. Is `timebill serve` running?"
        )
        return EXIT_FAILED
    console.print(f"POST {target} -> {response.status_code} {response.text}")
    return EXIT_OK if response.is_success else EXIT_FAILED


def run_entries(
    settings: Settings, tenant: str, status: str | None, limit: int, *, archived: bool = False
) -> int:
    try:
        wanted = Status(status) if status else None
    except ValueError:
        errors.print(
            f"[red]error:[/] unknown status {status!r}: {', '.join(s.value for s in Status)}"
        )
        return EXIT_BAD_INPUT
    store = build_store(settings)
    need_tenant(store, tenant)
    if archived:  # the archive holds posted and skipped items only: filter here
        found = store.archived(tenant, limit=limit)
        items = [i for i in found if wanted is None or i.status is wanted]
    else:
        items = store.items(tenant, status=wanted, limit=limit)
    title = f"{len(items)} {'archived ' if archived else ''}item(s)"
    if console.width >= WIDE:
        console.print(_table(items, title))
    else:  # a table of seven columns is unreadable in 80: one short block per item instead
        console.print(title)
        for item in items:
            console.print(_block(item), soft_wrap=True, highlight=False, markup=False)
    return EXIT_OK


WIDE = 120


def need_tenant(store: Store, tenant: str) -> None:
    """A tenant the store lacks is a mistyped --tenant, said as such (an empty list would read
    as 'nothing to look at'); the demo tenant is made by the service at its first use."""
    if tenant != DEMO_TENANT and store.get_tenant(tenant) is None:
        raise UserInputError(
            f"no tenant {tenant!r} in the store: `timebill tenants list` lists the tenants"
        )


def _block(item: InboxItem) -> str:
    d = item.decision
    code = (d.code or "-") if d else ""
    review = ",".join(r.value for r in d.review_reasons) if d else ""
    why = (item.last_error or (d.reason if d else ""))[:200]
    head = f"{item.id[:8]}  {item.status.value:<12} {item.received_at:%m-%d %H:%M}  {code}"
    lines = [head.rstrip(), f"  entry:  {_what(item)}"]
    if review:
        lines.append(f"  review: {review}")
    if why:
        lines.append(f"  why:    {why}")
    return "\n".join(lines)


def _table(items: list[InboxItem], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for name in ("id", "status", "received", "code"):
        table.add_column(name, no_wrap=True)
    for name in ("entry", "review", "reason / last error"):
        table.add_column(name, overflow="fold")
    for item in items:
        d = item.decision
        cells = (
            item.id[:8], item.status.value, f"{item.received_at:%m-%d %H:%M}",
            (d.code or "-") if d else "", _what(item),
            ",".join(r.value for r in d.review_reasons) if d else "",
            (item.last_error or (d.reason if d else ""))[:80],
        )  # fmt: skip
        table.add_row(*map(Text, cells))  # as written: a description is never markup
    return table


def _what(item: InboxItem) -> str:
    if item.entry is not None:
        return item.entry.description[:40]
    return f"{item.ref.entity} {item.ref.id}" if item.ref else ""


def run_replay(settings: Settings, tenant: str, item_id: str) -> int:
    store = build_store(settings)
    need_tenant(store, tenant)
    exact = store.get(tenant, item_id) if len(item_id) == 36 else None
    recent = [] if exact else store.items(tenant, limit=1_000)  # a prefix: search recent items
    matches = [exact] if exact else [i for i in recent if i.id.startswith(item_id)]
    if len(matches) != 1:
        errors.print(f"[red]error:[/] {len(matches)} items of tenant {tenant} match {item_id!r}")
        return EXIT_BAD_INPUT
    try:
        reopen(store, tenant, matches[0].id, now=datetime.now(UTC))
    except ReplayError as exc:
        errors.print(f"[red]error:[/] {exc}")
        return EXIT_BAD_INPUT
    ended = build_worker(settings, store).process(tenant, matches[0].id)
    console.print(
        f"replayed {matches[0].id}: now {ended.value if ended else 'taken by another worker'}"
    )
    return EXIT_OK
