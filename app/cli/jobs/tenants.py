"""``timebill tenants add | source | list | show``: a tenant and each tracker's access to it,
in whichever store the settings name, with no Python to write.

A webhook secret is read from a hidden prompt or from an environment variable named by the
operator, never from the command line (it would stay in the shell's history), and is never
printed: what is shown is how many secrets a source has.
"""

from __future__ import annotations

import getpass
import os
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from pydantic import SecretStr, ValidationError
from rich.markup import escape

from app.cli.console import console
from app.cli.guard import UserInputError
from app.config import Settings
from app.domain.entries import Source
from app.domain.inbox import WRITES_BACK, SourceAccess, Tenant, Writes, declined
from app.factory import build_store
from app.ports import Store, TenantDirectory

EXIT_OK = 0
T = TypeVar("T")
# Every tracker but ``manual`` (entries typed on the review page) has an account to recognise.
SOURCES = tuple(s.value for s in Source if s is not Source.MANUAL)
_ID_RULE = "2-40 characters: lowercase letters, digits, _ and -, starting with a letter or digit"


@dataclass(frozen=True)
class SourceChange:
    """What ``timebill tenants source`` was asked to set for one tracker of one tenant."""

    tenant: str
    source: str
    accounts: Sequence[str]
    writes: Writes | None = None  # None keeps the current mode (quickbooks for a new source)
    api_key_env: str | None = None  # None keeps the current API key
    secret_env: str | None = None  # None asks with a hidden prompt
    rotate: bool = False
    keep_secret: bool = False  # change accounts, writes or the API key only


def run_add(settings: Settings, tenant_id: str, name: str, *, update: bool) -> int:
    """Create a tenant; with ``update``, rename one (its sources and pause state are kept)."""
    if not name.strip():
        raise UserInputError("--name: give the tenant's name, e.g. --name 'Acme LLP'")
    store = build_store(settings)
    current = store.get_tenant(tenant_id)
    if current is not None and not update:
        raise UserInputError(
            f"tenant {tenant_id} exists ({current.name}); add --update to rename it"
        )
    base = {} if current is None else current.model_dump()
    tenant = _valid(lambda: Tenant.model_validate({**base, "id": tenant_id, "name": name.strip()}))
    store.put_tenant(tenant)
    done = "updated" if current else "created"
    console.print(f"tenant {tenant.id} {done}: {escape(tenant.name)}", soft_wrap=True)
    return EXIT_OK


def run_source(settings: Settings, change: SourceChange, ask: Callable[[str], str]) -> int:
    """Set one tracker's accounts, write-back mode and webhook secret for a tenant; ``ask``
    is the hidden prompt the secret comes from when no environment variable is named."""
    source = _source(change.source)
    store = build_store(settings)
    tenant = _existing(store, change.tenant)
    current = tenant.sources.get(source)
    writes = change.writes or (current.writes if current else "quickbooks")
    if writes != "quickbooks" and source not in WRITES_BACK:
        raise UserInputError(f"--writes {writes}: {declined(source)}")
    _check(change, current, f"tenant {tenant.id} has no {source.value} secret to keep")
    if current is not None and change.keep_secret:
        secrets = current.secrets
    else:
        prompt = f"{source.value} webhook secret for {tenant.id}: "
        secrets = _secrets(current, change, _secret(change.secret_env, ask, prompt))
    access = _valid(lambda: _access(current, change, writes, secrets))
    sources = {**tenant.sources, source: access}
    updated = _valid(lambda: Tenant.model_validate({**tenant.model_dump(), "sources": sources}))
    store.put_tenant(updated)
    kept = " (deliveries signed with either are accepted)" if len(access.secrets) > 1 else ""
    line = f"tenant {tenant.id}: {source.value} set; {_describe(access)}{kept}"
    console.print(line, soft_wrap=True)
    return EXIT_OK


def run_list(settings: Settings) -> int:
    store = build_store(settings)
    if not isinstance(store, TenantDirectory):
        raise UserInputError(
            f"the {settings.store} store cannot list tenants (each of its roles sees one tenant); "
            "show one with: timebill tenants show ID"
        )
    ids = store.tenant_ids()
    if not ids:
        console.print("no tenants yet: timebill tenants add ID --name NAME")
    for tenant_id in ids:
        tenant = store.get_tenant(tenant_id)
        if tenant is not None:  # None only if removed since the ids were read
            _print_tenant(tenant)
    return EXIT_OK


def run_show(settings: Settings, tenant_id: str) -> int:
    _print_tenant(_existing(build_store(settings), tenant_id))
    return EXIT_OK


# -- reading what the operator gave -----------------------------------------------------------


def _source(name: str) -> Source:
    if name.lower() not in SOURCES:
        raise UserInputError(f"SOURCE {name!r}: not a tracker; use one of {', '.join(SOURCES)}")
    return Source(name.lower())


def _existing(store: Store, tenant_id: str) -> Tenant:
    tenant = store.get_tenant(tenant_id)
    if tenant is None:
        raise UserInputError(
            f"no tenant {tenant_id!r} in the store; create it: timebill tenants add "
            f"{tenant_id} --name NAME"
        )
    return tenant


def ask_hidden(prompt: str) -> str:
    """A hidden prompt on the terminal; ``EOFError`` when there is no terminal to ask on
    (``getpass`` would then read the secret from stdin with the echo on, and warn)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", getpass.GetPassWarning)
        try:
            return getpass.getpass(prompt)
        except getpass.GetPassWarning:
            raise EOFError from None


def _check(change: SourceChange, current: SourceAccess | None, nothing_kept: str) -> None:
    """The options that cannot go together, or need a secret already set, refused up front."""
    if change.keep_secret and (change.rotate or change.secret_env):
        raise UserInputError("--keep-secret: goes with neither --rotate nor --secret-env")
    for flag, asked in (("--rotate", change.rotate), ("--keep-secret", change.keep_secret)):
        if asked and current is None:
            raise UserInputError(f"{flag}: {nothing_kept}; leave out {flag}")
    if any(not account.strip() for account in change.accounts):
        raise UserInputError("--account: an account id is blank; give the workspace or realm id")


def _secret(env: str | None, ask: Callable[[str], str], prompt: str) -> SecretStr:
    """The webhook secret, from ``$env`` or the hidden prompt; blank is refused."""
    if env is not None:
        value = os.environ.get(env, "")
        where = f"--secret-env {env}: the environment variable is unset or empty"
    else:
        try:
            value = ask(prompt)
        except EOFError:
            raise UserInputError(
                "no webhook secret read (no terminal to ask on, or input ended): name an "
                "environment variable holding it with --secret-env VAR"
            ) from None
        where = "the webhook secret is empty: type it at the prompt (it is not shown)"
    if not value.strip():
        raise UserInputError(where)
    return SecretStr(value.strip())


def _api_key(env: str | None, current: SourceAccess | None) -> SecretStr | None:
    if env is None:
        return current.api_key if current else None
    value = os.environ.get(env, "").strip()
    if not value:
        raise UserInputError(f"--api-key-env {env}: the environment variable is unset or empty")
    return SecretStr(value)


def _secrets(
    current: SourceAccess | None, change: SourceChange, secret: SecretStr
) -> tuple[SecretStr, ...]:
    """The new secret alone, or with ``--rotate`` the new one and the current one."""
    if not change.rotate or current is None:
        return (secret,)
    older = current.secrets[0]
    if older.get_secret_value() == secret.get_secret_value():
        return (secret,)
    return (secret, older)  # the newest first; a third, older one is dropped


def _access(
    current: SourceAccess | None,
    change: SourceChange,
    writes: Writes,
    secrets: tuple[SecretStr, ...],
) -> SourceAccess:
    accounts = tuple(a.strip() for a in change.accounts)
    same_accounts = current is not None and set(current.accounts) == set(accounts)
    return SourceAccess(
        secrets=secrets,
        accounts=accounts,
        api_key=_api_key(change.api_key_env, current),
        writes=writes,
        # Clockify custom field ids belong to a workspace: kept only while it is the same one.
        field_ids=dict(current.field_ids) if current and same_accounts else {},
    )


_FIELDS = {"id": "ID", "name": "--name", "accounts": "--account", "writes": "--writes"}


def _valid(build: Callable[[], T]) -> T:
    """The model's own checks, as one line naming the argument or option at fault."""
    try:
        return build()
    except ValidationError as exc:
        first = exc.errors()[0]
        field = next((str(p) for p in reversed(first["loc"]) if str(p) in _FIELDS), None)
        if field == "id":
            raise UserInputError(
                f"ID {first.get('input')!r}: a tenant id is {_ID_RULE} (e.g. acme-llp)"
            ) from None
        what = _FIELDS.get(field or "", ".".join(str(p) for p in first["loc"]) or "tenant")
        raise UserInputError(f"{what}: {first['msg']}") from None


# -- printing ---------------------------------------------------------------------------------


def _describe(access: SourceAccess) -> str:
    secrets = len(access.secrets)
    parts = [
        f"accounts {', '.join(access.accounts)}",
        f"writes {access.writes}",
        f"{secrets} secret{'s' if secrets != 1 else ''} set",
        f"API key {'set' if access.api_key else 'not set'}",
    ]
    if access.field_ids:
        parts.append(f"Clockify fields {', '.join(sorted(access.field_ids))}")
    return escape("; ".join(parts))


def _print_tenant(tenant: Tenant) -> None:
    state = "paused" if tenant.paused else "active"
    console.print(f"{tenant.id}  {escape(tenant.name)}  ({state})", soft_wrap=True)
    if not tenant.sources:
        console.print("  no trackers yet: timebill tenants source ID SOURCE --account ACCT")
    for source, access in sorted(tenant.sources.items()):
        console.print(f"  {source.value}: {_describe(access)}", soft_wrap=True)
