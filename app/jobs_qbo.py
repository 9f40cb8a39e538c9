"""CLI use cases for QuickBooks Online: the first authorisation, and the service's status."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlparse

from rich.table import Table

from app.config import Settings
from app.console import console, errors
from app.domain.inbox import Status
from app.errors import UpstreamError
from app.factory import build_store, build_token_store

if TYPE_CHECKING:
    from app.adapters.quickbooks_client import QboConnector
    from app.adapters.quickbooks_tokens import TokenGrant
    from app.service.mapping_suggest import Suggestion

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class ConnectError(ValueError):
    pass


def read_redirect(url: str, state: str) -> tuple[str, str]:
    """The code and realm from the address QuickBooks sent the browser back to."""
    query = parse_qs(urlparse(url.strip()).query)
    if "error" in query:
        raise ConnectError(f"QuickBooks refused: {query['error'][0]}")
    missing = [k for k in ("code", "realmId", "state") if not query.get(k)]
    if missing:
        raise ConnectError(f"that address has no {', '.join(missing)}: paste the whole address")
    if not secrets.compare_digest(query["state"][0], state):
        raise ConnectError(
            "the state does not match this sign-in: start `timebill qbo connect` again"
        )
    return query["code"][0], query["realmId"][0]


def run_connect(settings: Settings, tenant: str, ask: Callable[[str], str]) -> int:
    if not (settings.qbo_client_id and settings.qbo_client_secret):
        errors.print("[red]error:[/] set TIMEBILL_QBO_CLIENT_ID and TIMEBILL_QBO_CLIENT_SECRET "
                     "(your app's keys on developer.intuit.com) first")  # fmt: skip
        return EXIT_BAD_INPUT
    from app.adapters.quickbooks_tokens import TokenManager  # noqa: PLC0415

    connector = _connector(settings)
    try:
        realm, grant = _sign_in(connector, ask)
    except (ConnectError, UpstreamError) as exc:
        errors.print(f"[red]error:[/] {exc}")
        return EXIT_FAILED
    store = build_token_store(settings)
    try:
        TokenManager(store, connector).connect(tenant, realm, grant)
    finally:
        store.close()
    console.print(f"Connected tenant {tenant} to QuickBooks company {realm}.")
    where = "Supabase" if settings.store == "supabase" else str(settings.qbo_token_path)
    console.print(f"The tokens are kept in {where}.")
    return EXIT_OK


def _connector(settings: Settings) -> QboConnector:
    from app.adapters.quickbooks_client import QboConnector  # noqa: PLC0415

    assert settings.qbo_client_id
    assert settings.qbo_client_secret
    return QboConnector(
        client_id=settings.qbo_client_id, client_secret=settings.qbo_client_secret,
        redirect_uri=settings.qbo_redirect_uri, environment=settings.qbo_environment,
    )  # fmt: skip


def _sign_in(connector: QboConnector, ask: Callable[[str], str]) -> tuple[str, TokenGrant]:
    state = secrets.token_urlsafe(16)
    console.print("Open this address, sign in to QuickBooks and choose the company:")
    console.print(connector.authorization_url(state), soft_wrap=True)
    code, realm = read_redirect(ask("Paste the address your browser was sent to"), state)
    return realm, connector.exchange(code, realm)


def run_status(settings: Settings, tenant: str) -> int:
    store = build_store(settings)
    table = Table(title=f"timebill status: tenant {tenant}", title_justify="left")
    table.add_column("what")
    table.add_column("state")
    found = store.get_tenant(tenant)
    table.add_row(
        "tenant", "unknown" if found is None else ("paused" if found.paused else "active")
    )
    for status in Status:
        count = len(store.items(tenant, status=status, limit=1_000))
        if count:
            table.add_row(f"entries {status.value}", f"{count}{'+' if count == 1_000 else ''}")
    table.add_row("writer", settings.writer)
    table.add_row("claude", "on" if settings.llm_enabled else "off")
    for realm, state in _connections(settings, tenant):
        table.add_row(f"quickbooks {realm}", state)
    console.print(table)
    return EXIT_OK


def _connections(settings: Settings, tenant: str) -> list[tuple[str, str]]:
    """Each mapped QuickBooks company and whether it needs to be reconnected."""
    if settings.qbo_mapping_path is None:
        return []
    if settings.store == "sqlite" and not settings.qbo_token_path.exists():
        return []
    from app.adapters.quickbooks_writer import load_mappings  # noqa: PLC0415

    mapping = load_mappings(settings.qbo_mapping_path).get(tenant)
    if mapping is None:
        return []
    store = build_token_store(settings)
    try:
        tokens = store.get(tenant, mapping.realm)
    finally:
        store.close()
    state = "not connected: run `timebill qbo connect`" if tokens is None else tokens.status.value
    return [(mapping.realm, state)]


def run_map(settings: Settings, tenant: str, *, apply: bool, confirm: Callable[[str], bool]) -> int:
    """Suggest QuickBooks records for what the mapping lacks; write only what a person confirms."""
    path = settings.qbo_mapping_path
    if path is None or not (settings.qbo_client_id and settings.qbo_client_secret):
        errors.print("[red]error:[/] set TIMEBILL_QBO_MAPPING_PATH, TIMEBILL_QBO_CLIENT_ID and "
                     "TIMEBILL_QBO_CLIENT_SECRET first")  # fmt: skip
        return EXIT_BAD_INPUT
    from app.adapters.quickbooks_writer import load_mappings  # noqa: PLC0415
    from app.factory import build_qbo_api  # noqa: PLC0415
    from app.rules.loader import load_rulebook  # noqa: PLC0415
    from app.service.mapping_suggest import candidates, suggest  # noqa: PLC0415

    mapping = load_mappings(path).get(tenant)
    if mapping is None:
        errors.print(f"[red]error:[/] {path} has no tenant {tenant!r}: add it with its realm first")
        return EXIT_BAD_INPUT
    api = build_qbo_api(settings)
    try:
        lists = {
            kind: candidates(api.list_records(tenant, mapping.realm, entity))
            for kind, entity in (
                ("customers", "Customer"),
                ("employees", "Employee"),
                ("items", "Item"),
            )
        }
    except UpstreamError as exc:
        errors.print(f"[red]error:[/] {exc}")
        return EXIT_FAILED
    mapped = {
        "customers": mapping.customers,
        "employees": mapping.employees,
        "items": mapping.items,
    }
    found = suggest(load_rulebook(settings.rules_dir), mapped, lists)
    console.print(_suggestions_table(found))
    if not apply or not found:
        return EXIT_OK
    chosen = [
        s
        for s in found
        if confirm(f"map {s.kind[:-1]} {s.key} to '{s.record.name}' ({s.record.id})?")
    ]
    _write_mapping(path, tenant, chosen)
    console.print(f"Wrote {len(chosen)} confirmed mapping(s) to {path}")
    return EXIT_OK


def _suggestions_table(found: list[Suggestion]) -> Table:
    table = Table(
        title=f"{len(found)} suggestion(s) for what the mapping lacks", title_justify="left"
    )
    for name in ("section", "ours", "QuickBooks record", "match"):
        table.add_column(name)
    for s in found:
        match = "exact" if s.exact else f"similar ({s.score:.0%})"
        table.add_row(s.kind, s.key, f"{s.record.name} ({s.record.id})", match)
    return table


def _write_mapping(path: Path, tenant: str, chosen: list[Suggestion]) -> None:
    """Add the confirmed ids to the tenant's sections (the file is rewritten as plain YAML)."""
    import yaml  # noqa: PLC0415

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    sections = data["tenants"][tenant]
    for s in chosen:
        sections.setdefault(s.kind, {})[s.key] = s.record.id
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(yaml.safe_dump(data, sort_keys=True, allow_unicode=True), encoding="utf-8")
    tmp.replace(path)
