"""The PostgREST emulation itself: the answers the adapter's tests rely on match PostgREST's
documented behaviour (status codes, error codes, response shapes, access modes)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from pydantic import SecretStr

from app.adapters.supabase_store import SWEEPER_ROLE, WORKER_ROLE, mint_token
from tests.postgres.pg_server import PgDatabase
from tests.postgres.supabase_harness import ANON_KEY, BASE_URL, JWT_SECRET, bridge_for, routed
from tests.postgres.tenancy import ITEM, A, seed

pytestmark = pytest.mark.postgres
SECRET = SecretStr(JWT_SECRET)


MODE_PROBES = """
    create function timebill.mode_stable() returns text language sql stable
        as $$ select current_setting('transaction_read_only') $$;
    create function timebill.mode_volatile() returns text language sql volatile
        as $$ select current_setting('transaction_read_only') $$;
    create view timebill.mode_view with (security_invoker = true)
        as select current_setting('transaction_read_only') as mode;
    grant execute on function timebill.mode_stable(), timebill.mode_volatile() to timebill_worker;
    grant select on timebill.mode_view to timebill_worker;
"""


@pytest.fixture(scope="module")
def http(pg_db: PgDatabase) -> Iterator[httpx.Client]:
    seed(pg_db)
    with pg_db.connect() as conn:
        conn.execute(MODE_PROBES)
    with bridge_for(pg_db) as bridge, routed(bridge), httpx.Client(base_url=BASE_URL) as client:
        yield client


def headers(role: str = WORKER_ROLE, tenant: str | None = A, **extra: str) -> dict[str, str]:
    # Parametrised cases mint theirs at collection time: valid for the whole session.
    token = mint_token(SECRET, role=role, tenant=tenant, now=time.time(), ttl_s=3600)
    return {"apikey": ANON_KEY, "Authorization": f"Bearer {token}",
            "Accept-Profile": "timebill", "Content-Profile": "timebill", **extra}  # fmt: skip


def test_reads_answer_a_json_array_with_a_content_range(http: httpx.Client) -> None:
    got = http.get("/rest/v1/tenants?select=tenant_id,paused&order=tenant_id.desc",
                   headers=headers())  # fmt: skip
    assert (got.status_code, got.json()) == (200, [{"tenant_id": A, "paused": False}])
    assert got.headers["Content-Range"] == "0-0/*"
    assert got.headers["Content-Type"].startswith("application/json")


def test_set_functions_answer_arrays_and_scalar_functions_values(http: httpx.Client) -> None:
    due = http.post("/rest/v1/rpc/tb_due", json={"p_now": "2100-01-01T00:00:00Z",
                    "p_limit": 5}, headers=headers(SWEEPER_ROLE, None))  # fmt: skip
    assert due.status_code == 200
    assert {row["item_id"] for row in due.json()} == set(ITEM.values())
    finish = {"p_tenant_id": A, "p_item_id": ITEM[A], "p_status": "posted",
              "p_now": "2026-01-01T00:00:00Z", "p_decision": None, "p_error": None,
              "p_next_attempt_at": None}  # fmt: skip
    got = http.post("/rest/v1/rpc/tb_finish", json=finish, headers=headers())
    assert (got.status_code, got.json()) == (200, True)


@pytest.mark.parametrize(
    ("method", "path", "body", "request_headers", "status", "code"),
    [
        ("POST", "/rest/v1/rpc/tb_nothing", {}, headers(), 404, "PGRST202"),
        ("POST", "/rest/v1/rpc/tb_due", {"p_now": "now"}, headers(), 404, "PGRST202"),
        ("GET", "/rest/v1/nothing", None, headers(), 404, "PGRST205"),
        ("GET", "/rest/v1/tenants?nope=eq.1", None, headers(), 400, "42703"),
        ("GET", "/rest/v1/tenants?name=like.x*", None, headers(), 400, "PGRST100"),
        ("GET", "/rest/v1/tenants", None, headers(**{"Accept-Profile": "public"}), 406,
         "PGRST106"),
        ("GET", "/rest/v1/tenants", None, {"apikey": ANON_KEY}, 401, "42501"),
        ("GET", "/rest/v1/tenants", None, {"apikey": ANON_KEY, "Authorization": "Bearer x.y.z"},
         401, "PGRST301"),
        ("POST", "/rest/v1/rpc/tb_due", {"p_now": "2100-01-01", "p_limit": 1}, headers(), 403,
         "42501"),
        ("POST", "/rest/v1/rpc/tb_put_tenant", {"p_tenant_id": "tenant-b", "p_name": "x",
         "p_sources": {}, "p_paused": False}, headers(), 403, "42501"),
    ],
    ids=["no-function", "wrong-args", "no-table", "no-column", "unsupported-filter",
         "unexposed-schema", "anon", "bad-jwt", "wrong-role", "rls"],
)  # fmt: skip
def test_errors_have_postgrest_status_and_body(
    http: httpx.Client, method: str, path: str, body: object, request_headers: dict[str, str],
    status: int, code: str,
) -> None:  # fmt: skip
    got = http.request(method, path, json=body, headers=request_headers)
    assert (got.status_code, got.json()["code"]) == (status, code)
    assert set(got.json()) == {"code", "message", "details", "hint"}


def test_an_expired_token_is_refused(http: httpx.Client) -> None:
    token = mint_token(SECRET, role=WORKER_ROLE, tenant=A, now=time.time() - 120, ttl_s=60)
    got = http.get("/rest/v1/tenants", headers={"apikey": ANON_KEY,
                   "Authorization": f"Bearer {token}"})  # fmt: skip
    assert (got.status_code, got.json()["code"]) == (401, "PGRST303")


def test_reads_and_stable_functions_run_read_only(http: httpx.Client) -> None:
    """PostgREST runs GET, and POST to STABLE/IMMUTABLE functions, in READ ONLY transactions."""
    stable = http.post("/rest/v1/rpc/mode_stable", json={}, headers=headers())
    volatile = http.post("/rest/v1/rpc/mode_volatile", json={}, headers=headers())
    view = http.get("/rest/v1/mode_view", headers=headers())
    assert (stable.json(), volatile.json(), view.json()) == ("on", "off", [{"mode": "on"}])
