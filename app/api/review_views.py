"""The review pages' handlers (routes in ``app/api/review.py``, which imports this module on
the first review request, so the webhook's cold start never pays for it or for Jinja2).

Pages carry a strict Content-Security-Policy (a per-response nonce for the one inline script
and style) and are never cached. Every handler first resolves the reviewer for the tenant in
the path (``auth.authorise``): another tenant's credentials answer 404.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.api.auth import (
    SESSION_COOKIE,
    AuthError,
    Principal,
    authorise,
    issue_session,
    read_session,
    supabase_principal,
)
from app.api.review_deps import ReviewDeps
from app.domain.inbox import InboxItem, Status
from app.domain.reviews import ReviewSession
from app.domain.rulebook import RuleBook
from app.errors import ConfigError, ReviewConflictError
from app.review.access import redeem
from app.review.decide import ReviewError, codes_of, context_of, default_non_billable
from app.review.queue import FIRM_KEY, Filter, ranked
from app.review.service import NotFoundError, Outcome

TEMPLATES = Path(__file__).with_name("templates")
SHOWN = 100  # rows on the page; the count says how many are left
QUEUE_LIMIT = 1000
MAX_FORM_BYTES = 64 * 1024
QBO_APP = {
    "sandbox": "https://app.sandbox.qbo.intuit.com",
    "production": "https://app.qbo.intuit.com",
}


@cache
def _environment() -> Any:
    import jinja2  # noqa: PLC0415 - only the review pages pay for it

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )  # fmt: skip
    env.filters.update(hours=hours_text, money=money_text)
    return env


def hours_text(value: Decimal | float | None) -> str:
    """Hours as people write them on a timesheet: two decimals, no trailing noise."""
    return "" if value is None else f"{Decimal(value):,.2f}"


def money_text(value: Decimal | float | None) -> str:
    """Money with its sign and cents; a dash where there is none (no decision, no rate)."""
    return "—" if value is None else f"${Decimal(value):,.2f}"


# -- who is asking ---------------------------------------------------------------------------


def _principals(request: Request, deps: ReviewDeps) -> list[Principal]:
    found: list[Principal] = []
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token:
        bearer = supabase_principal(deps.settings, token.strip(), bearer=True)
        if bearer is None:
            raise AuthError(401, "the bearer token is not a valid reviewer token")
        found.append(bearer)
    cookie = request.cookies.get(SESSION_COOKIE)
    session = read_session(deps.key, cookie) if cookie else None
    if session is not None and _live(deps, session):
        found.append(session)
    return found


def _live(deps: ReviewDeps, session: Principal) -> bool:
    """The store still holds the cookie's session: not signed out, not expired, and the
    reviewer not disabled. Asked on every request, so revocation is immediate."""
    store, now = deps.service.store, deps.service.clock()
    return store.session_active(session.tenant, session.nonce, now=now)


def _reviewer(request: Request, deps: ReviewDeps, tenant: str) -> Principal:
    return authorise(_principals(request, deps), tenant)


async def _form(
    request: Request, deps: ReviewDeps, principal: Principal | None
) -> dict[str, list[str]]:
    """The url-encoded form, after the CSRF and same-origin checks (403 when they fail)."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise AuthError(403, "cross-origin form refused")
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise AuthError(413, "form too large")
    fields: dict[str, list[str]] = {}
    for name, value in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True):
        fields.setdefault(name, []).append(value)
    if principal is not None and not principal.csrf_ok(deps.key, _one(fields, "csrf")):
        raise AuthError(403, "the form has expired: reload the page and try again")
    return fields


def _one(fields: dict[str, list[str]], name: str) -> str:
    return (fields.get(name) or [""])[0].strip()


def _seen(fields: dict[str, list[str]], name: str = "seen") -> int | None:
    """The item's state the page showed (its forms carry it), if the form says."""
    text = _one(fields, name)
    return int(text) if text.isdigit() and len(text) < 19 else None


# -- rendering -------------------------------------------------------------------------------


def _page(
    request: Request, deps: ReviewDeps, name: str, tenant: str, principal: Principal | None,
    **context: Any,
) -> HTMLResponse:  # fmt: skip
    nonce = secrets.token_urlsafe(16)
    message = request.query_params.get("done") or request.query_params.get("error") or ""
    html = _environment().get_template(name).render(
        tenant=tenant, principal=principal, nonce=nonce, base=request.scope.get("root_path", ""),
        csrf=principal.csrf(deps.key) if principal else "", message=message[:300],
        is_error="error" in request.query_params, **context,
    )  # fmt: skip
    return HTMLResponse(html, headers=_headers(nonce))


def _headers(nonce: str) -> dict[str, str]:
    policy = (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
        "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )
    return {"Content-Security-Policy": policy, "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}  # fmt: skip


def _filter(values: Any) -> Filter:
    def value(name: str) -> str:
        return str(values.get(name) or "")[:60]

    return Filter(reason=value("reason"), code=value("code"), client=value("client"))


def _query(flt: Filter) -> str:
    kept = {
        k: v for k, v in (("reason", flt.reason), ("code", flt.code), ("client", flt.client)) if v
    }
    return "?" + urlencode(kept) if kept else ""


def _back(request: Request, tenant: str, flt: Filter, **message: str) -> RedirectResponse:
    params = {
        k: v for k, v in (("reason", flt.reason), ("code", flt.code), ("client", flt.client)) if v
    }
    params.update(message)
    suffix = "?" + urlencode(params) if params else ""
    return RedirectResponse(f"{request.scope.get('root_path', '')}/review/{tenant}{suffix}", 303)


def _said(outcome: Outcome) -> str:
    codes = " + ".join(f"{d.code} {d.hours.normalize():f} h" for d in outcome.review.after)
    if outcome.status is Status.POSTED:
        text = f"{outcome.review.action.value.replace('_', ' ')}: {codes}, written."
    else:
        text = f"Saved ({codes}) but the write failed: {outcome.error}. Retry from the entry."
    if outcome.proposal is not None:
        text += f" New rule proposed: {outcome.proposal.rule_id}."
    return text


# -- sign in ---------------------------------------------------------------------------------


def signin_page(request: Request, tenant: str, deps: ReviewDeps) -> HTMLResponse:
    return _page(request, deps, "signin.html.j2", tenant, None)


async def signin(request: Request, tenant: str, deps: ReviewDeps) -> Response:
    fields = await _form(request, deps, None)
    token = _one(fields, "token")
    principal = _signing_in(deps, tenant, token) if token else None
    if principal is None:
        raise AuthError(403, "this link does not sign anyone in to this tenant (links work "
                             "once, for a few minutes: ask for a new one)")  # fmt: skip
    ttl_s = _start_session(deps, principal)
    root = request.scope.get("root_path", "")
    response = RedirectResponse(f"{root}/review/{tenant}", 303)
    response.set_cookie(
        SESSION_COOKIE, issue_session(deps.key, principal, ttl_s=ttl_s), max_age=ttl_s,
        path=f"{root}/review/{tenant}", httponly=True, samesite="strict",
        secure=request.url.scheme == "https",
    )  # fmt: skip
    return response


def _signing_in(deps: ReviewDeps, tenant: str, token: str) -> Principal | None:
    """Who ``token`` signs in, with a fresh session id: a reviewer's sign-in token (used up
    here), or a Supabase Auth access token for this tenant."""
    session_id = secrets.token_urlsafe(24)
    minutes = deps.settings.signin_link_minutes
    now = deps.service.clock()
    reviewer = redeem(deps.service.store, tenant, token, now=now, valid_minutes=minutes)
    if reviewer is not None:
        return Principal(tenant, reviewer.name, "token", session_id)
    found = supabase_principal(deps.settings, token, bearer=False)
    if found is None or found.tenant != tenant:
        return None
    return Principal(tenant, found.reviewer, "supabase", session_id)


def _start_session(deps: ReviewDeps, principal: Principal) -> int:
    """Keep the session in the store; returns its length in seconds."""
    ttl_s = int(deps.settings.review_session_hours * 3600)
    now = deps.service.clock()
    deps.service.store.start_session(ReviewSession(
        tenant=principal.tenant, id=principal.nonce, reviewer=principal.reviewer[:200],
        via=principal.via, created_at=now, expires_at=now + timedelta(seconds=ttl_s),
    ))  # fmt: skip
    return ttl_s


async def signout(request: Request, tenant: str, deps: ReviewDeps) -> Response:
    principal = _reviewer(request, deps, tenant)
    await _form(request, deps, principal)
    if not principal.bearer:  # a cookie session: end it in the store, not only in the browser
        deps.service.store.end_session(tenant, principal.nonce, now=deps.service.clock())
    root = request.scope.get("root_path", "")
    response = RedirectResponse(f"{root}/review/{tenant}/signin", 303)
    response.delete_cookie(SESSION_COOKIE, path=f"{root}/review/{tenant}")
    return response


# -- the queue -------------------------------------------------------------------------------


def _rulebook(deps: ReviewDeps, tenant: str) -> RuleBook:
    """The tenant's rules; a tenant with none in the store gets a page saying so (503)."""
    try:
        return deps.service.rules.rulebook(tenant)
    except ConfigError as exc:
        raise AuthError(503, str(exc)) from None


def queue(request: Request, tenant: str, deps: ReviewDeps) -> HTMLResponse:
    principal = _reviewer(request, deps, tenant)
    service = deps.service
    rows = ranked(service.store.review_queue(tenant, limit=QUEUE_LIMIT), _rulebook(deps, tenant))
    flt = _filter(request.query_params)
    matching = [r for r in rows if flt.matches(r)]
    return _page(
        request, deps, "queue.html.j2", tenant, principal, left=len(rows), filter=flt,
        matching=matching, shown=matching[:SHOWN], approvable=[r for r in matching if r.code][:500],
        reasons=sorted({x for r in rows for x in r.reasons}),
        codes=sorted({r.code for r in rows if r.code}),
        clients=sorted({(r.client_id or FIRM_KEY, r.client_name) for r in rows}),
        query=_query(flt),
    )  # fmt: skip


def item_page(request: Request, tenant: str, item_id: str, deps: ReviewDeps) -> HTMLResponse:
    principal = _reviewer(request, deps, tenant)
    service = deps.service
    seen = service.state(tenant, item_id)  # read before the item: a later change then shows
    item = service.store.get(tenant, item_id)
    if item is None or item.entry is None:
        raise AuthError(404, "no such entry")
    book = _rulebook(deps, tenant)
    [row] = ranked([item], book)
    ctx = context_of(book, item.entry, item.decision)
    try:
        default_nb = default_non_billable(ctx)
    except ReviewError:
        default_nb = ""
    return _page(
        request, deps, "item.html.j2", tenant, principal, item=item, entry=item.entry, row=row,
        decision=item.decision, codes=codes_of(ctx), default_nb=default_nb,
        history=service.store.reviews(tenant, item_id=item.id),
        pending=service.pending_review(item), writes=_writes(deps, item),
        left=len(service.store.review_queue(tenant, limit=QUEUE_LIMIT)),
        query=_query(_filter(request.query_params)), seen=seen,
    )  # fmt: skip


def _writes(deps: ReviewDeps, item: InboxItem) -> list[dict[str, str]]:
    """The records the entry has (one per part, whichever delivery or review wrote them),
    with a link to QuickBooks when that is where they are."""
    if item.entry is None:
        return []
    service = deps.service
    system = service.entries.system
    ledger = service.store.entry_ledger(item.tenant, system, item.entry.key)
    if ledger is None:
        return []
    app = QBO_APP[deps.settings.qbo_environment]
    return [
        {"system": system, "record_id": record, "what": f"part {i + 1}",
         "url": f"{app}/app/timeactivity?txnId={record}" if system == "quickbooks" else ""}
        for i, record in enumerate(ledger.records)
    ]  # fmt: skip


# -- actions ---------------------------------------------------------------------------------


async def _act(
    request: Request,
    tenant: str,
    deps: ReviewDeps,
    run: Callable[[Principal, dict[str, list[str]]], Outcome],
) -> Response:
    principal = _reviewer(request, deps, tenant)
    fields = await _form(request, deps, principal)
    flt = _filter(request.query_params)
    try:
        outcome = run(principal, fields)
    except NotFoundError:
        raise AuthError(404, "no such entry") from None
    except ReviewConflictError as exc:  # someone decided it first: nothing was written
        return _back(request, tenant, flt, error=exc.message)
    except ReviewError as exc:
        item_id = request.path_params.get("item_id", "")
        root = request.scope.get("root_path", "")
        target = f"{root}/review/{tenant}/items/{item_id}?" + urlencode({"error": str(exc)})
        return RedirectResponse(target, 303)
    if outcome.status is Status.POSTED:
        return _back(request, tenant, flt, done=_said(outcome))
    return _back(request, tenant, flt, error=_said(outcome))


async def approve(request: Request, tenant: str, item_id: str, deps: ReviewDeps) -> Response:
    return await _act(request, tenant, deps, lambda who, f: deps.service.approve(
        tenant, item_id, who.reviewer, _one(f, "why"), seen=_seen(f)))  # fmt: skip


async def change(request: Request, tenant: str, item_id: str, deps: ReviewDeps) -> Response:
    return await _act(request, tenant, deps, lambda who, f: deps.service.change_code(
        tenant, item_id, who.reviewer, _one(f, "code"), _one(f, "why"),
        seen=_seen(f)))  # fmt: skip


async def non_billable(request: Request, tenant: str, item_id: str, deps: ReviewDeps) -> Response:
    return await _act(request, tenant, deps, lambda who, f: deps.service.non_billable(
        tenant, item_id, who.reviewer, _one(f, "code") or None, _one(f, "why"),
        seen=_seen(f)))  # fmt: skip


async def split(request: Request, tenant: str, item_id: str, deps: ReviewDeps) -> Response:
    def run(who: Principal, fields: dict[str, list[str]]) -> Outcome:
        parts = _parts(fields)
        return deps.service.split(
            tenant, item_id, who.reviewer, parts, _one(fields, "why"), seen=_seen(fields)
        )

    return await _act(request, tenant, deps, run)


def _parts(fields: dict[str, list[str]]) -> list[tuple[str, Decimal]]:
    parts = []
    for i in range(1, 9):
        code, hours = _one(fields, f"code_{i}"), _one(fields, f"hours_{i}")
        if not code and not hours:
            continue
        try:
            amount = Decimal(hours.replace(",", "."))
        except InvalidOperation:
            raise ReviewError(f"part {i}: {hours!r} is not a number of hours") from None
        if not code or not amount.is_finite():
            raise ReviewError(f"part {i} needs a code and hours")
        parts.append((code, amount))
    return parts


async def retry(request: Request, tenant: str, item_id: str, deps: ReviewDeps) -> Response:
    return await _act(request, tenant, deps, lambda who, f: deps.service.retry(
        tenant, item_id, who.reviewer, seen=_seen(f)))  # fmt: skip


async def bulk_approve(request: Request, tenant: str, deps: ReviewDeps) -> Response:
    """Approve, as proposed, the items of the filter the person saw (each still flagged and
    still matching the filter; anything else is skipped and said)."""
    principal = _reviewer(request, deps, tenant)
    fields = await _form(request, deps, principal)
    flt = _filter({k: _one(fields, k) for k in ("reason", "code", "client")})
    service = deps.service
    rows = ranked(service.store.review_queue(tenant, limit=QUEUE_LIMIT), _rulebook(deps, tenant))
    allowed = {r.item.id for r in rows if flt.matches(r) and r.code}
    wanted = fields.get("item", [])
    ids = [i for i in wanted if i in allowed]
    why = (
        _one(fields, "why")
        or f"bulk approval of {flt.reason or 'any reason'} / {flt.code or 'any code'}"
    )
    seen = {i: state for i in ids if (state := _seen(fields, f"seen_{i}")) is not None}
    result = service.bulk_approve(tenant, ids, principal.reviewer, why, seen=seen)
    said = f"Approved {result.approved} entr{'y' if result.approved == 1 else 'ies'} as proposed."
    if result.failed:
        said += f" {result.failed} saved but not written (retry from each entry)."
    skipped = len(wanted) - len(ids) + len(result.skipped)
    if skipped:
        said += f" {skipped} skipped (no longer flagged or no longer matching)."
    key = "error" if result.failed else "done"
    return _back(request, tenant, flt, **{key: said})


# -- rule proposals --------------------------------------------------------------------------


def proposals(request: Request, tenant: str, deps: ReviewDeps) -> HTMLResponse:
    principal = _reviewer(request, deps, tenant)
    found = deps.service.proposals
    return _page(request, deps, "proposals.html.j2", tenant, principal,
                 proposals=found.pending(tenant), repeats=found.repeats)  # fmt: skip


async def decide_proposal(request: Request, tenant: str, verb: str, deps: ReviewDeps) -> Response:
    principal = _reviewer(request, deps, tenant)
    fields = await _form(request, deps, principal)
    if verb not in ("accept", "dismiss"):
        raise AuthError(404, "no such action")
    rule = _one(fields, "rule")
    target = f"{request.scope.get('root_path', '')}/review/{tenant}/proposals?"
    found = deps.service.proposals
    try:
        by = principal.reviewer
        done = (
            found.accept(tenant, rule, by=by) if verb == "accept" else found.dismiss(tenant, rule)
        )
    except ReviewError as exc:
        return RedirectResponse(target + urlencode({"error": str(exc)}), 303)
    said = f"{done.rule_id} {'added to ' + done.rules_file if verb == 'accept' else 'dismissed'}."
    return RedirectResponse(target + urlencode({"done": said}), 303)


# -- errors ----------------------------------------------------------------------------------


def auth_error_page(request: Request, exc: Exception) -> Response:
    """401 on a page: the sign-in page; otherwise a small page with the status."""
    assert isinstance(exc, AuthError)
    tenant = str(request.path_params.get("tenant", ""))
    browser = "authorization" not in request.headers  # an API client wants the 401 itself
    if exc.status == 401 and request.method == "GET" and tenant and browser:
        root = request.scope.get("root_path", "")
        return RedirectResponse(f"{root}/review/{tenant}/signin", 303)
    nonce = secrets.token_urlsafe(16)
    html = _environment().get_template("error.html.j2").render(
        tenant=tenant, principal=None, nonce=nonce, base=request.scope.get("root_path", ""),
        csrf="", message="", is_error=True, status=exc.status, detail=exc.message,
    )  # fmt: skip
    return HTMLResponse(html, status_code=exc.status, headers=_headers(nonce))
