"""Who is reviewing: a signed session cookie, or a Supabase Auth JWT, for exactly one tenant.

- Embedded default: a reviewer's token (``timebill reviewers add``) is exchanged on the
  sign-in page for a session cookie: a JWT (HS256, audience ``timebill-review``) signed with
  the session key, holding tenant, reviewer and a random nonce; ``HttpOnly``,
  ``SameSite=Strict``, scoped to ``/review/<tenant>``, ``TIMEBILL_REVIEW_SESSION_HOURS``
  (eight by default). The nonce names a session row in the store, checked on every request:
  signing out, or disabling the reviewer, ends the session at once, whatever the cookie says.
- Production: a Supabase Auth access token (HS256, the project's JWT secret, audience and
  role ``authenticated``), as ``Authorization: Bearer`` or exchanged on the sign-in page like a
  token. The tenant comes from ``app_metadata.tenant_id`` (or ``app_metadata.tenants``), which
  only the service role can set; never from ``user_metadata``, which users edit themselves.
  The tokens the Supabase store mints for its own calls carry role ``timebill_worker`` and no
  audience, so they are refused here.

Credentials for another tenant answer 404 (the tenant's pages do not exist for them); no
credentials answer a redirect to the sign-in page (GET) or 401. Every form carries a CSRF
token derived from the session (HMAC of tenant, reviewer and nonce); cookie-authenticated
POSTs without it, or from another origin, answer 403.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.config import Settings

SESSION_COOKIE = "tb_review"
SESSION_AUDIENCE = "timebill-review"
SESSION_TTL_S = 8 * 3600
SUPABASE_AUDIENCE = "authenticated"


class AuthError(Exception):
    """No usable credentials (401), or credentials for another tenant (404); also any page
    that cannot be shown, with its status (503: the tenant has no rules in the store)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Principal:
    tenant: str
    reviewer: str
    via: str  # "token" (a local reviewer token), "supabase"
    nonce: str
    bearer: bool = False  # came in an Authorization header: not ambient, no CSRF to check

    def csrf(self, key: bytes) -> str:
        seed = f"csrf\x1f{self.tenant}\x1f{self.reviewer}\x1f{self.nonce}".encode()
        return hmac.new(key, seed, hashlib.sha256).hexdigest()[:40]

    def csrf_ok(self, key: bytes, given: str) -> bool:
        return self.bearer or hmac.compare_digest(self.csrf(key), given)


def session_key(settings: Settings) -> bytes:
    """The key that signs session cookies.

    With Supabase, derived from the project's JWT secret (every Lambda instance agrees, and it
    rotates with that secret); embedded, a random key kept next to the SQLite file (0600).
    """
    if settings.supabase_jwt_secret is not None:
        secret = settings.supabase_jwt_secret.get_secret_value().encode()
        return hmac.new(secret, b"timebill review sessions v1", hashlib.sha256).digest()
    return _local_key(settings.sqlite_path.with_name("review_session.key"))


def _local_key(path: Path) -> bytes:
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text(encoding="ascii").strip())


def issue_session(
    key: bytes, principal: Principal, *, now: float | None = None, ttl_s: int = SESSION_TTL_S
) -> str:
    import jwt  # noqa: PLC0415 - cryptography is slow to import: review pages only

    issued = int(time.time() if now is None else now)
    claims = {
        "aud": SESSION_AUDIENCE, "tenant": principal.tenant, "sub": principal.reviewer,
        "via": principal.via, "nonce": principal.nonce, "iat": issued,
        "exp": issued + ttl_s,
    }  # fmt: skip
    return jwt.encode(claims, key, algorithm="HS256")


def read_session(key: bytes, cookie: str) -> Principal | None:
    import jwt  # noqa: PLC0415 - cryptography is slow to import: review pages only

    try:
        claims = jwt.decode(
            cookie, key, algorithms=["HS256"], audience=SESSION_AUDIENCE,
            options={"require": ["exp", "iat", "aud", "sub"]},
        )  # fmt: skip
    except jwt.InvalidTokenError:
        return None
    tenant, nonce = claims.get("tenant"), claims.get("nonce")
    if not isinstance(tenant, str) or not isinstance(nonce, str):
        return None
    return Principal(tenant, str(claims["sub"]), str(claims.get("via", "token")), nonce)


def supabase_principal(settings: Settings, token: str, *, bearer: bool) -> Principal | None:
    """A reviewer from a Supabase Auth access token, or ``None`` if it is not one."""
    import jwt  # noqa: PLC0415 - cryptography is slow to import: review pages only

    secret = settings.supabase_jwt_secret
    if secret is None:
        return None
    try:
        claims: dict[str, Any] = jwt.decode(
            token, secret.get_secret_value(), algorithms=["HS256"], audience=SUPABASE_AUDIENCE,
            options={"require": ["exp", "sub", "aud"]},
        )  # fmt: skip
    except jwt.InvalidTokenError:
        return None
    if claims.get("role") != "authenticated":
        return None
    tenant = _tenant_claim(claims.get("app_metadata"))
    if tenant is None:
        return None
    who = claims.get("email") or claims["sub"]
    nonce = str(claims.get("session_id") or claims.get("iat") or "")
    return Principal(tenant, str(who), "supabase", nonce, bearer=bearer)


def _tenant_claim(app_metadata: object) -> str | None:
    """``app_metadata.tenant_id``, or the one tenant of ``app_metadata.tenants``."""
    if not isinstance(app_metadata, dict):
        return None
    tenant = app_metadata.get("tenant_id")
    if isinstance(tenant, str) and tenant:
        return tenant
    tenants = app_metadata.get("tenants")
    if isinstance(tenants, list) and len(tenants) == 1 and isinstance(tenants[0], str):
        return tenants[0]
    return None


def authorise(found: list[Principal], tenant: str) -> Principal:
    """The principal for ``tenant`` among the credentials presented; 404 if they are all for
    other tenants, 401 if there are none."""
    for principal in found:
        if principal.tenant == tenant:
            return principal
    if found:
        raise AuthError(404, "not found")
    raise AuthError(401, "sign in to review this tenant's entries")
