"""Reviewer sign-in tokens for the embedded set-up: issued once, kept only as a hash.

``timebill reviewers add`` (and ``timebill serve`` for the demo reviewer) creates a random
token, stores its SHA-256 with the reviewer, and prints it once inside a sign-in link. The
token is exchanged for a session cookie on the sign-in page once, within
``TIMEBILL_SIGNIN_LINK_MINUTES`` (15 by default) of being issued; it is sent in the link's
fragment (``#token=``), which browsers never send to the server, so it stays out of access logs.
A high-entropy token needs no slow hash: SHA-256 makes the stored value useless to a thief.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from app.domain.reviews import Reviewer
from app.ports import Store

TOKEN_PREFIX = "tbr_"  # noqa: S105 - a prefix, not a secret
DEMO_REVIEWER = "demo-reviewer"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.strip().encode()).hexdigest()


def add_reviewer(store: Store, tenant: str, name: str, *, now: datetime) -> str:
    """Create the reviewer (or give them a new token, ending the old); returns the token."""
    if store.get_tenant(tenant) is None:
        raise LookupError(f"no tenant {tenant!r}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    store.put_reviewer(
        Reviewer(tenant=tenant, name=name, token_hash=token_hash(token), created_at=now)
    )
    return token


def reviewer_for(store: Store, tenant: str, token: str) -> Reviewer | None:
    """The reviewer holding ``token``, without using it up (``redeem`` signs in)."""
    if not _well_formed(token):
        return None
    return store.reviewer_by_token(tenant, token_hash(token))


def redeem(
    store: Store, tenant: str, token: str, *, now: datetime, valid_minutes: int
) -> Reviewer | None:
    """Sign in with ``token``: the reviewer, once, if the link is at most ``valid_minutes``
    old and the reviewer is enabled; afterwards the same link signs nobody in."""
    if not _well_formed(token):
        return None
    issued_after = now - timedelta(minutes=valid_minutes)
    return store.redeem_token(tenant, token_hash(token), now=now, issued_after=issued_after)


def _well_formed(token: str) -> bool:
    return token.startswith(TOKEN_PREFIX) and len(token) <= 200


def signin_link(base_url: str, tenant: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/review/{tenant}/signin#token={token}"
