"""What only the Supabase adapter can show, beyond the shared Store contract: how it
authenticates, that RLS (not only its own filters) keeps tenants apart on the PostgREST path,
and how every kind of failure surfaces."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime

import httpx
import jwt
import pytest
import respx
from postgrest import APIError

from app.adapters.supabase_store import (
    SWEEPER_ROLE,
    WORKER_ROLE,
    SupabaseStore,
    WriteConflictError,
    mint_token,
)
from app.domain.inbox import Status
from app.errors import UpstreamError, UpstreamKind
from tests.contract.builders import SECRET_A1, TENANT_A, TENANT_B, at, new_item, tenant
from tests.contract.store_contract import race, record
from tests.postgres.pg_server import PgDatabase
from tests.postgres.postgrest_bridge import PostgrestBridge
from tests.postgres.supabase_harness import BASE_URL, JWT_SECRET, bridge_for, routed, store_settings

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def bridge(pg_db: PgDatabase) -> Iterator[PostgrestBridge]:
    with bridge_for(pg_db) as bridge:
        yield bridge


@pytest.fixture
def router(pg_db: PgDatabase, bridge: PostgrestBridge) -> Iterator[respx.MockRouter]:
    pg_db.reset()
    with routed(bridge) as router:
        yield router


@pytest.fixture
def store(router: respx.MockRouter) -> Iterator[SupabaseStore]:
    with SupabaseStore.from_settings(store_settings()) as store:
        store.put_tenant(tenant(TENANT_A))
        store.put_tenant(tenant(TENANT_B))
        yield store


def sent_claims(request: httpx.Request) -> dict[str, object]:
    token = request.headers["Authorization"].removeprefix("Bearer ")
    return dict(jwt.decode(token, JWT_SECRET, algorithms=["HS256"]))


def asked_tenant(request: httpx.Request) -> str | None:
    if request.method == "POST":
        return json.loads(request.content).get("p_tenant_id")
    return request.url.params["tenant_id"].removeprefix("eq.")


def test_each_request_carries_a_short_lived_token_for_the_tenant_it_asks_about(
    store: SupabaseStore, router: respx.MockRouter
) -> None:
    item, _ = store.accept(new_item())
    store.claim(TENANT_A, item.id, now=at(1), lease_s=60)
    store.finish(TENANT_A, item.id, Status.POSTED, now=at(2))
    store.items(TENANT_B)
    store.trail(TENANT_A, item.id)
    store.due(now=at(3))
    store.record_write(TENANT_A, item.id, entry_version="v1", system="quickbooks",
                       record_id="qbo-1", now=at(3))  # fmt: skip
    store.write_for(TENANT_A, item.id, "v1")
    store.own_record(TENANT_B, "quickbooks", "qbo-1")
    assert router.calls.call_count == 11
    for request, _ in router.calls:
        claims = sent_claims(request)
        assert request.headers["apikey"] != request.headers["Authorization"].split()[-1]
        assert int(str(claims["exp"])) - int(str(claims["iat"])) == 300
        if request.url.path.endswith("/rpc/tb_due"):
            assert claims["role"] == SWEEPER_ROLE
            assert "tenant_id" not in claims
        else:
            assert claims["role"] == WORKER_ROLE
            assert claims["tenant_id"] == asked_tenant(request)


def test_tokens_are_renewed_before_they_expire(router: respx.MockRouter) -> None:
    settings = store_settings()
    now = [time.time() - 0.8 * settings.supabase_token_ttl_s - 1]  # still valid, due renewal
    with SupabaseStore.from_settings(settings) as store:
        store._clock = lambda: now[0]
        store.get_tenant(TENANT_A)
        now[0] = time.time()
        store.get_tenant(TENANT_A)
    first, second = (sent_claims(request) for request, _ in router.calls)
    assert int(str(second["iat"])) > int(str(first["iat"]))


@pytest.mark.parametrize(
    ("settings", "clock_offset_s"),
    [
        (store_settings(supabase_jwt_secret="not-the-project-secret-0123456789ab"), 0.0),
        (store_settings(), -3600.0),
    ],
    ids=["wrong-secret", "expired"],
)
def test_a_token_postgrest_refuses_is_an_auth_error(
    router: respx.MockRouter, settings: object, clock_offset_s: float
) -> None:
    with SupabaseStore.from_settings(settings) as store:  # type: ignore[arg-type]
        store._clock = lambda: time.time() + clock_offset_s
        for call in (lambda: store.get_tenant(TENANT_A), lambda: store.accept(new_item())):
            with pytest.raises(UpstreamError) as failure:
                call()
            assert (failure.value.kind, failure.value.retryable) == (UpstreamKind.AUTH, False)


def test_rls_keeps_a_tenants_token_out_of_other_tenants_rows(
    store: SupabaseStore, router: respx.MockRouter
) -> None:
    """Past the adapter's own filters: A's token asking PostgREST for B's rows directly."""
    b_item, _ = store.accept(new_item(tenant_id=TENANT_B))
    rest = store._client.schema("timebill")
    rest.auth(mint_token(store._secret, role=WORKER_ROLE, tenant=TENANT_A, now=time.time(),
                         ttl_s=60))  # fmt: skip
    for relation in ("tenants", "inbox_items", "audit"):
        assert rest.table(relation).select("*").eq("tenant_id", TENANT_B).execute().data == []
    finish = {"p_tenant_id": TENANT_B, "p_item_id": b_item.id, "p_status": "posted",
              "p_now": at(1).isoformat(), "p_decision": None, "p_error": None,
              "p_next_attempt_at": None}  # fmt: skip
    assert rest.rpc("tb_finish", finish).execute().data is False
    with pytest.raises(APIError) as refused:
        rest.rpc("tb_put_tenant", {"p_tenant_id": TENANT_B, "p_name": "mine now",
                                   "p_sources": {}, "p_paused": False}).execute()  # fmt: skip
    assert refused.value.code == "42501"
    assert store.get(TENANT_B, b_item.id) == b_item


def test_the_anon_key_alone_reads_nothing(store: SupabaseStore) -> None:
    rest = store._client.schema("timebill")  # Authorization: the anon key itself
    with pytest.raises(APIError) as refused:
        rest.table("tenants").select("*").execute()
    assert refused.value.code == "42501"


ERROR_CASES = {
    "gateway-503": (httpx.Response(503, text="<html>upstream down</html>"),
                    UpstreamKind.SERVER, True),
    "rate-limited": (httpx.Response(429, text="slow down"), UpstreamKind.RATE_LIMITED, True),
    "pool-timeout": (httpx.Response(504, json={"code": "PGRST003", "message": "pool"}),
                     UpstreamKind.CONNECTION, True),
    "statement-timeout": (httpx.Response(500, json={"code": "57014", "message": "canceling"}),
                          UpstreamKind.TIMEOUT, True),
    "deadlock": (httpx.Response(500, json={"code": "40P01", "message": "deadlock"}),
                 UpstreamKind.SERVER, True),
    "constraint": (httpx.Response(409, json={"code": "23505", "message": "dup",
                                             "details": f"Key ({SECRET_A1})"}),
                   UpstreamKind.BAD_REQUEST, False),
    "jwt-expired": (httpx.Response(401, json={"code": "PGRST303", "message": "JWT expired"}),
                    UpstreamKind.AUTH, False),
    # Supabase's API gateway answers before PostgREST with JSON that has no code (Kong's
    # {"message": ...}): judged by its HTTP status, as a body that is not JSON is.
    "gateway-502-json": (httpx.Response(502, json={"message": "An invalid response was "
                                                   "received from the upstream server"}),
                         UpstreamKind.SERVER, True),
    "gateway-503-json": (httpx.Response(503, json={"message": "name resolution failed"}),
                         UpstreamKind.SERVER, True),
    "gateway-504-json": (httpx.Response(504, json={"message": "upstream timed out"}),
                         UpstreamKind.TIMEOUT, True),
    "gateway-429-json": (httpx.Response(429, json={"message": "API rate limit exceeded"}),
                         UpstreamKind.RATE_LIMITED, True),
    "gateway-401-json": (httpx.Response(401, json={"message": "Invalid API key"}),
                         UpstreamKind.AUTH, False),
    # PostgREST answers every call with JSON ([] for no rows): an empty 2xx is not "none".
    "empty-200": (httpx.Response(200, text=""), UpstreamKind.INVALID_RESPONSE, False),
    "empty-204": (httpx.Response(204), UpstreamKind.INVALID_RESPONSE, False),
    "connect-error": (httpx.ConnectError("refused"), UpstreamKind.CONNECTION, True),
    "read-timeout": (httpx.ReadTimeout("slow"), UpstreamKind.TIMEOUT, True),
}  # fmt: skip


@pytest.mark.parametrize("case", ERROR_CASES)
def test_failures_become_upstream_errors_without_response_text(case: str) -> None:
    answer, kind, retryable = ERROR_CASES[case]
    with respx.mock(base_url=BASE_URL) as failing:
        if isinstance(answer, Exception):
            failing.route().mock(side_effect=answer)
        else:
            failing.route().mock(return_value=answer)
        with SupabaseStore.from_settings(store_settings()) as store:
            for call in (lambda: store.get_tenant(TENANT_A), lambda: store.accept(new_item()),
                         lambda: store.due(now=at(1))):  # fmt: skip
                with pytest.raises(UpstreamError) as failure:
                    call()
                error = failure.value
                assert (error.system, error.kind, error.retryable) == ("supabase", kind, retryable)
                assert error.__cause__ is None
                assert error.__suppress_context__
                assert SECRET_A1 not in str(error)


@pytest.mark.parametrize("answer", ["<html>ok</html>", "null", '{"done": true}', "1"])
def test_a_garbled_answer_to_finish_is_not_a_missing_item(answer: str) -> None:
    """The server may have applied the call: a worker told "no such item" would take it as
    gone; an answer it cannot read is an invalid response, like any other call's."""
    item_id = "00000000-0000-4000-8000-000000000001"
    with respx.mock(base_url=BASE_URL) as garbled:
        garbled.route().mock(return_value=httpx.Response(200, text=answer))
        with SupabaseStore.from_settings(store_settings()) as store:
            with pytest.raises(UpstreamError) as failure:
                store.finish(TENANT_A, item_id, Status.POSTED, now=at(1))
            assert failure.value.kind is UpstreamKind.INVALID_RESPONSE
            with pytest.raises(UpstreamError) as failure:
                store.switch_rules(TENANT_A, 2, by="Dana", now=at(1))
            assert failure.value.kind is UpstreamKind.INVALID_RESPONSE


def test_building_the_store_sends_nothing_and_sets_timeouts() -> None:
    with (
        respx.mock(base_url=BASE_URL) as nothing,
        SupabaseStore.from_settings(store_settings(supabase_timeout_s=2.5)) as store,
    ):
        http = store._client.options.httpx_client
        assert http is not None
        assert (http.timeout.read, http.timeout.connect) == (2.5, 2.5)
        assert store._client.options.postgrest_client_retry is False
        assert nothing.calls.call_count == 0


def test_naive_datetimes_are_refused(store: SupabaseStore) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.accept(new_item(received_at=datetime(2026, 3, 2, 9, 0)))
    assert store.items(TENANT_A) == []


def test_a_corrupt_tenant_row_does_not_leak_its_secrets(
    store: SupabaseStore, pg_db: PgDatabase
) -> None:
    three = json.dumps({"toggl": {"secrets": [f"{SECRET_A1}-{i}" for i in range(3)],
                                  "accounts": ["ws-1"]}})  # fmt: skip
    with pg_db.connect() as conn:
        conn.execute("update timebill.tenants set sources = %s where tenant_id = %s",
                     [three, TENANT_A])  # fmt: skip
    with pytest.raises(UpstreamError, match="invalid") as failure:
        store.get_tenant(TENANT_A)
    assert failure.value.kind is UpstreamKind.INVALID_RESPONSE
    assert SECRET_A1 not in str(failure.value)
    assert failure.value.__cause__ is None


def test_racing_records_of_one_write_over_http_keep_one_row(
    store: SupabaseStore, pg_db: PgDatabase
) -> None:
    item, _ = store.accept(new_item())
    results = race(10, lambda i: record(store, item, "v1", "qbo-101", now=at(2, seconds=i)))
    assert len(set(results)) == 1
    with pg_db.connect() as conn:
        rows = conn.execute("select tenant_id, item_id::text, record_id from timebill.writes")
        assert rows.fetchall() == [(TENANT_A, item.id, "qbo-101")]


def test_a_record_id_conflict_is_our_error_without_database_text(
    store: SupabaseStore, router: respx.MockRouter
) -> None:
    first, _ = store.accept(new_item("evt-1"))
    other, _ = store.accept(new_item("evt-2"))
    record(store, first, "v1", "qbo-101")
    with pytest.raises(WriteConflictError) as failure:
        record(store, other, "v1", "qbo-101")
    assert failure.value.__cause__ is None
    assert failure.value.__suppress_context__
    assert str(failure.value) == "quickbooks record 'qbo-101' is already recorded for another write"
    answer = router.calls.last.response
    assert (answer.status_code, answer.json()["code"]) == (409, "23505")


def test_record_ids_that_are_not_uuids_name_no_item(
    store: SupabaseStore, router: respx.MockRouter
) -> None:
    before = router.calls.call_count
    with pytest.raises(LookupError):
        store.record_write(TENANT_A, "not-a-uuid", entry_version="v1", system="quickbooks",
                           record_id="qbo-1", now=at(1))  # fmt: skip
    assert store.write_for(TENANT_A, "not-a-uuid", "v1") is None
    assert router.calls.call_count == before  # answered without asking the database
