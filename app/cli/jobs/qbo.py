"""CLI use cases for QuickBooks Online: the first authorisation, and the service's status."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlparse

from rich.table import Table

from app.cli.console import console, errors
from app.cli.jobs.qbo_unrouted import take_up_kept, unrouted_summary
from app.config import Settings
from app.domain.inbox import Status
from app.domain.mapping import QboMapping, dump_mappings, load_mappings, mapping_problem
from app.errors import UpstreamError, first_line
from app.factory import build_store, build_token_store
from app.service.local import DEMO_TENANT, ensure_demo_tenant

if TYPE_CHECKING:
    from app.adapters.quickbooks_client import QboConnector
    from app.adapters.quickbooks_tokens import TokenGrant
    from app.ports import Store
    from app.service.mapping_suggest import Suggestion
    from app.service.qbo_mappings import StoredMappings

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
    if not _link(settings, tenant, realm):
        return EXIT_FAILED
    store = build_token_store(settings)
    try:
        TokenManager(store, connector).connect(tenant, realm, grant)
    finally:
        store.close()
    console.print(f"Connected tenant {tenant} to QuickBooks company {realm}.")
    where = "Supabase" if settings.store == "supabase" else str(settings.qbo_token_path)
    console.print(f"The tokens are kept in {where}.")
    take_up_kept(settings, tenant, realm)
    return EXIT_OK


def _link(settings: Settings, tenant: str, realm: str) -> bool:
    """Keep realm -> tenant, how the app's one QuickBooks webhook URL routes this company's
    events; refused when another tenant connected the company (its events would go astray)."""
    store = build_store(settings)
    if tenant == DEMO_TENANT:
        ensure_demo_tenant(store)
    try:
        store.link_realm(tenant, realm, now=datetime.now(UTC))
    except (LookupError, ValueError) as exc:
        errors.print(f"[red]error:[/] {exc}")
        return False
    return True


def _connector(settings: Settings) -> QboConnector:
    from app.factory import build_qbo_connector  # noqa: PLC0415

    return build_qbo_connector(settings)


def _sign_in(connector: QboConnector, ask: Callable[[str], str]) -> tuple[str, TokenGrant]:
    state = secrets.token_urlsafe(16)
    console.print("Open this address, sign in to QuickBooks and choose the company:")
    console.print(connector.authorization_url(state), soft_wrap=True)
    code, realm = read_redirect(ask("Paste the address your browser was sent to"), state)
    return realm, connector.exchange(code, realm)


def run_status(settings: Settings, tenant: str) -> int:
    from app.cli.jobs.service import need_tenant  # noqa: PLC0415

    store = build_store(settings)
    need_tenant(store, tenant)
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
    for realm, state in _connections(settings, tenant, store):
        table.add_row(f"quickbooks {realm}", state)
    unrouted = unrouted_summary(store)
    if unrouted:
        table.add_row("quickbooks unconnected", unrouted)
    console.print(table)
    return EXIT_OK


def _connections(settings: Settings, tenant: str, store: Store) -> list[tuple[str, str]]:
    """Each mapped QuickBooks company and whether it needs to be reconnected."""
    mapping = _mappings(settings, store)(tenant)
    if mapping is None:
        return []
    if settings.store == "sqlite" and not settings.qbo_token_path.exists():
        return []
    tokens_store = build_token_store(settings)
    try:
        tokens = tokens_store.get(tenant, mapping.realm)
    finally:
        tokens_store.close()
    state = "not connected: run `timebill qbo connect`" if tokens is None else tokens.status.value
    return [(mapping.realm, state)]


def _mappings(settings: Settings, store: Store) -> StoredMappings:
    from app.service.qbo_mappings import StoredMappings  # noqa: PLC0415

    return StoredMappings(store, settings.qbo_mapping_path)


def run_map(settings: Settings, tenant: str, *, apply: bool, confirm: Callable[[str], bool]) -> int:
    """Suggest QuickBooks records for what the mapping lacks; store only what a person confirms."""
    if not (settings.qbo_client_id and settings.qbo_client_secret):
        errors.print(
            "[red]error:[/] set TIMEBILL_QBO_CLIENT_ID and TIMEBILL_QBO_CLIENT_SECRET first"
        )
        return EXIT_BAD_INPUT
    store = build_store(settings)
    mapping = _mappings(settings, store)(tenant)
    if mapping is None:
        errors.print(f"[red]error:[/] no QuickBooks mapping for tenant {tenant!r}: import one with "
                     "its realm first (`timebill qbo mapping import FILE`)")  # fmt: skip
        return EXIT_BAD_INPUT
    from app.factory import build_qbo_api  # noqa: PLC0415
    from app.rules.loader import load_rulebook  # noqa: PLC0415
    from app.service.mapping_suggest import candidates, suggest  # noqa: PLC0415

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
    if not chosen:
        console.print("Nothing confirmed: the stored mapping is unchanged")
        return EXIT_OK
    if not _has_tenant(store, tenant):
        return EXIT_BAD_INPUT
    store.put_mapping(tenant, with_confirmed(mapping, chosen))
    for s in chosen:
        console.print(f"  {s.kind}: {s.key} -> {s.record.id} ({s.record.name})")
    console.print(f"Stored {len(chosen)} confirmed mapping(s) for tenant {tenant}")
    return EXIT_OK


def with_confirmed(mapping: QboMapping, chosen: list[Suggestion]) -> QboMapping:
    """The mapping with the confirmed ids added to their sections."""
    sections = {kind: dict(getattr(mapping, kind)) for kind in ("customers", "employees", "items")}
    for s in chosen:
        sections[s.kind][s.key] = s.record.id
    return mapping.model_copy(update=sections)


def _has_tenant(store: Store, tenant: str) -> bool:
    """The tenant exists in the store (the demo tenant is created on first use)."""
    from app.service.local import DEMO_TENANT, ensure_demo_tenant  # noqa: PLC0415

    if tenant == DEMO_TENANT:
        ensure_demo_tenant(store)
    if store.get_tenant(tenant) is not None:
        return True
    errors.print(f"[red]error:[/] tenant {tenant!r} is not in the store: add it first")
    return False


def run_mapping_import(settings: Settings, path: Path, tenant: str | None) -> int:
    """Store the mappings of a mapping file (every tenant in it, or only ``tenant``)."""
    import yaml  # noqa: PLC0415
    from pydantic import ValidationError  # noqa: PLC0415

    try:
        found = load_mappings(path)
    except OSError as exc:
        errors.print(f"[red]error:[/] {path}: {exc.strerror or exc}")
        return EXIT_BAD_INPUT
    except UnicodeDecodeError:
        errors.print(f"[red]error:[/] {path}: not UTF-8 text; a mapping file is YAML")
        return EXIT_BAD_INPUT
    except ValidationError as exc:
        problem = mapping_problem(exc)
        errors.print(f"[red]error:[/] {path}: not a QuickBooks mapping file ({problem})")
        return EXIT_BAD_INPUT
    except yaml.YAMLError as exc:
        errors.print(f"[red]error:[/] {path}: not a QuickBooks mapping file ({first_line(exc)})")
        return EXIT_BAD_INPUT
    if tenant is not None:
        if tenant not in found:
            errors.print(f"[red]error:[/] {path} has no tenant {tenant!r}")
            return EXIT_BAD_INPUT
        found = {tenant: found[tenant]}
    store = build_store(settings)
    if not all(_has_tenant(store, t) for t in found):
        return EXIT_BAD_INPUT  # checked first, so nothing is half-imported
    for name, mapping in sorted(found.items()):
        store.put_mapping(name, mapping)
        console.print(
            f"Stored the mapping of tenant {name}: realm {mapping.realm}, "
            f"{len(mapping.customers)} customer(s), {len(mapping.employees)} employee(s), "
            f"{len(mapping.items)} item(s)"
        )
    return EXIT_OK


def run_mapping_export(settings: Settings, tenant: str, out: Path | None) -> int:
    """Write the tenant's stored mapping in the mapping file format (to ``out`` or stdout)."""
    store = build_store(settings)
    mapping = store.get_mapping(tenant)
    if mapping is None:
        errors.print(f"[red]error:[/] the store holds no QuickBooks mapping for tenant {tenant!r}")
        return EXIT_BAD_INPUT
    text = dump_mappings({tenant: mapping})
    if out is None:
        print(text, end="")  # plain, so it can be redirected into a file as is
        return EXIT_OK
    from app.review.rulefile import write_atomically  # noqa: PLC0415

    write_atomically(out, text)
    console.print(f"Wrote the mapping of tenant {tenant} to {out}")
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
