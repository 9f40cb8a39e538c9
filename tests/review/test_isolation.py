"""A reviewer of one tenant can neither see nor change another tenant's entries: every route
and every action answers 403 or 404, whether the other tenant's path is used with this
tenant's session (or Supabase token), or this tenant's path names the other tenant's item.
And nothing of the other tenant changes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.api.auth import session_key
from app.api.deps import Services
from app.api.review_deps import ReviewDeps
from app.domain.inbox import InboxItem, Status, Tenant
from app.main import create_app
from tests.review.conftest import ReviewRig
from tests.service.conftest import RecordingQueue

SECRET = "supabase-project-jwt-secret-0123456789abcdef"
OTHER = "globex"


def routes(item_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Every review route and action of tenant demo, with a plausible form."""
    base = "/review/demo"
    return [
        ("GET", base, {}),
        ("GET", f"{base}?reason=rule_flag", {}),
        ("GET", f"{base}/items/{item_id}", {}),
        ("GET", f"{base}/proposals", {}),
        ("POST", f"{base}/items/{item_id}/approve", {}),
        ("POST", f"{base}/items/{item_id}/change", {"code": "NWF-OPS"}),
        ("POST", f"{base}/items/{item_id}/non-billable", {}),
        ("POST", f"{base}/items/{item_id}/split",
         {"code_1": "NWF-OPS", "hours_1": "1", "code_2": "NWF-COMP", "hours_2": "1"}),
        ("POST", f"{base}/items/{item_id}/retry", {}),
        ("POST", f"{base}/bulk-approve", {"item": [item_id]}),
        ("POST", f"{base}/proposals/accept", {"rule": "northwind.learned.x"}),
        ("POST", f"{base}/proposals/dismiss", {"rule": "northwind.learned.x"}),
        ("POST", f"{base}/signout", {}),
    ]  # fmt: skip


def as_other(path: str) -> str:
    return path.replace("/review/demo", f"/review/{OTHER}", 1)


@pytest.fixture
def other(rig: ReviewRig) -> ReviewRig:
    rig.store.put_tenant(Tenant(id=OTHER, name="Globex Partners"))
    return rig


def untouched(rig: ReviewRig, item: InboxItem) -> None:
    found = rig.store.get("demo", item.id)
    assert found == item
    assert found.status is Status.NEEDS_REVIEW
    assert rig.store.reviews("demo") == []
    assert rig.writer.written == []


def call(client: TestClient, method: str, path: str, form: dict[str, Any], **extra: Any) -> int:
    if method == "GET":
        return client.get(path, follow_redirects=False, **extra).status_code
    return client.post(path, data=form, follow_redirects=False, **extra).status_code


def test_another_tenants_session_gets_404_on_every_route(other: ReviewRig) -> None:
    item = other.deliver("researching new regs")
    cookie = other.signin(OTHER, "eve")
    csrf = other.csrf(f"/review/{OTHER}")
    other.client.cookies.clear()
    headers = {"Cookie": f"tb_review={cookie}"}  # replayed on demo's paths on purpose
    for method, path, form in routes(item.id):
        status = call(other.client, method, path, {"csrf": csrf, **form}, headers=headers)
        assert status == 404, (method, path, status)
    untouched(other, item)


def test_own_tenant_paths_never_reach_another_tenants_item(other: ReviewRig) -> None:
    item = other.deliver("researching new regs")
    other.signin(OTHER, "eve")
    csrf = other.csrf(f"/review/{OTHER}")
    for method, path, form in routes(item.id):
        if path.endswith("/signout") or "/proposals" in path:
            continue  # not about demo's entries: covered by the test above
        status = call(other.client, method, as_other(path), {"csrf": csrf, **form})
        if path.endswith("bulk-approve") or (method == "GET" and "/items/" not in path):
            assert status in (200, 303), (method, path, status)  # answered for globex only
        else:
            assert status == 404, (method, path, status)
    page = other.client.get(f"/review/{OTHER}")
    assert item.id not in page.text
    assert "researching new regs" not in page.text
    untouched(other, item)


def test_another_tenants_token_does_not_sign_in_here(other: ReviewRig) -> None:
    from app.review.access import add_reviewer  # noqa: PLC0415

    token = add_reviewer(other.store, OTHER, "eve", now=other.clock())
    answer = other.client.post("/review/demo/signin", data={"token": token},
                               follow_redirects=False)  # fmt: skip
    assert answer.status_code == 403
    assert "tb_review" not in answer.headers.get("set-cookie", "")


# -- Supabase Auth JWTs (production) ---------------------------------------------------------


def supabase_token(**claims: Any) -> str:
    now = int(time.time())
    body = {"aud": "authenticated", "role": "authenticated", "sub": "user-1",
            "email": "pm@example.com", "iat": now, "exp": now + 600,
            "app_metadata": {"tenant_id": "demo"}}  # fmt: skip
    body.update(claims)
    return jwt.encode({k: v for k, v in body.items() if v is not None}, SECRET, algorithm="HS256")


@pytest.fixture
def prod(other: ReviewRig) -> Iterator[tuple[ReviewRig, TestClient]]:
    settings = other.settings.model_copy(update={"supabase_jwt_secret": SecretStr(SECRET)})
    deps = ReviewDeps(other.service, session_key(settings), settings)
    services = Services(settings, other.store, RecordingQueue(), other.clock)
    with TestClient(create_app(lambda: services, review_deps=lambda: deps)) as client:
        yield other, client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_supabase_reviewer_reads_and_acts_with_a_bearer_token(
    prod: tuple[ReviewRig, TestClient],
) -> None:
    rig, client = prod
    item = rig.deliver("researching new regs")
    page = client.get("/review/demo", headers=bearer(supabase_token()))
    assert page.status_code == 200
    assert "pm@example.com" in page.text
    done = client.post(f"/review/demo/items/{item.id}/approve",
                       headers=bearer(supabase_token()), follow_redirects=False)  # fmt: skip
    assert done.status_code == 303  # a bearer token is not ambient: no CSRF token needed
    [review] = rig.store.reviews("demo")
    assert review.reviewer == "pm@example.com"


@pytest.mark.parametrize(
    "claims",
    [
        {"app_metadata": {}, "user_metadata": {"tenant_id": "demo"}},  # users edit this one
        {"role": "timebill_worker", "aud": None, "tenant_id": "demo"},  # the store's own token
        {"exp": int(time.time()) - 10},
        {"aud": "something-else"},
    ],
)
def test_tokens_that_are_not_a_reviewers_are_refused(
    prod: tuple[ReviewRig, TestClient], claims: dict[str, Any]
) -> None:
    rig, client = prod
    assert client.get("/review/demo", headers=bearer(supabase_token(**claims))).status_code == 401
    forged = jwt.encode({"aud": "authenticated", "role": "authenticated", "sub": "x",
                         "exp": int(time.time()) + 60, "app_metadata": {"tenant_id": "demo"}},
                        "not-the-secret-0123456789abcdef-0123", algorithm="HS256")  # fmt: skip
    assert client.get("/review/demo", headers=bearer(forged)).status_code == 401
    assert rig.store.reviews("demo") == []


def test_a_supabase_reviewer_of_another_tenant_gets_404_everywhere(
    prod: tuple[ReviewRig, TestClient],
) -> None:
    rig, client = prod
    item = rig.deliver("researching new regs")
    token = supabase_token(app_metadata={"tenant_id": OTHER})
    for method, path, form in routes(item.id):
        status = call(client, method, path, form, headers=bearer(token))
        assert status == 404, (method, path, status)
    untouched(rig, item)


def test_a_supabase_token_can_be_exchanged_for_a_session(
    prod: tuple[ReviewRig, TestClient],
) -> None:
    _, client = prod
    answer = client.post("/review/demo/signin", data={"token": supabase_token()},
                         follow_redirects=False)  # fmt: skip
    assert answer.status_code == 303
    assert client.get("/review/demo").status_code == 200
    theirs = supabase_token(app_metadata={"tenant_id": OTHER})
    refused = client.post("/review/demo/signin", data={"token": theirs}, follow_redirects=False)
    assert refused.status_code == 403
