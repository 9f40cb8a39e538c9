"""Just enough PostgREST, in process, on a real PostgreSQL: the far end of respx routes.

It does what PostgREST does for the calls ``SupabaseStore`` makes, and refuses the rest loudly
(400 ``PGRST100``) so the adapter cannot start depending on a feature nobody emulates:

- auth: the ``apikey`` header must be present; the ``Authorization: Bearer`` JWT is verified
  (HS256, the project secret; ``exp`` enforced: 401 ``PGRST301``/``PGRST303``); no token means
  the ``anon`` role. Each request is one transaction on a connection logged in as
  ``authenticator``, which becomes the JWT's ``role`` and gets the claims, exactly as PostgREST:
  ``set_config('role', ..., true)``, ``set_config('request.jwt.claims', ..., true)``. GET, and
  POST to a STABLE or IMMUTABLE function, run ``READ ONLY``. Functions and columns are looked
  up in the catalog beforehand, as PostgREST's schema cache does.
- schemas: ``Accept-Profile`` (GET) / ``Content-Profile`` (POST) must name an exposed schema
  (else 406 ``PGRST106``).
- ``POST /rest/v1/rpc/<fn>``: the JSON object's keys are the named arguments, converted with
  ``json_to_record`` to the function's parameter types; unknown function or argument names
  give 404 ``PGRST202``. A set-returning function answers a JSON array of rows; a scalar one
  answers the bare value.
- ``GET /rest/v1/<table or view>``: ``select=`` (``*`` or plain columns), filters
  ``col=eq|neq|lt|lte|gt|gte.value`` and ``col=is.null|true|false``, ``order=col.asc|desc``
  (comma-separated), ``limit``, ``offset``. Answers a JSON array.
- errors: PostgreSQL's ``code``/``message``/``details``/``hint`` as JSON, with PostgREST's
  SQLSTATE-to-HTTP status table (23505 -> 409, 42501 -> 401 for anon else 403, P0001 -> 400...).
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import jwt
import psycopg
import respx
from psycopg import sql

from tests.postgres.postgrest_sql import (
    Function,
    PostgrestError,
    describe_function,
    error_body,
    parse_read,
    relation_columns,
    status_for,
)

ANON_ROLE = "anon"
Answer = tuple[str, dict[str, str]]  # JSON body, extra headers
Plan = tuple[bool, Callable[[psycopg.Connection], Answer]]  # read only?, the main query
JSON_TYPE = "application/json; charset=utf-8"


class PostgrestBridge:
    """PostgREST semantics for respx: ``install`` it on a router, ``close`` it when done."""

    def __init__(self, conninfo: str, *, jwt_secret: str, schemas: tuple[str, ...]) -> None:
        self._conninfo = conninfo  # a login as "authenticator"
        self._secret = jwt_secret
        self._schemas = schemas
        self._idle: queue.LifoQueue[psycopg.Connection] = queue.LifoQueue()
        self._all: list[psycopg.Connection] = []
        self._lock = threading.Lock()

    def install(self, router: respx.MockRouter) -> None:
        router.post(path__regex=r"^/rest/v1/rpc/(?P<name>\w+)$", name="rpc").mock(
            side_effect=self.rpc
        )
        router.get(path__regex=r"^/rest/v1/(?P<name>\w+)$", name="read").mock(side_effect=self.read)

    def close(self) -> None:
        with self._lock:
            conns, self._all = self._all, []
        for conn in conns:
            conn.close()

    # -- endpoints -----------------------------------------------------------------------

    def rpc(self, request: httpx.Request, name: str) -> httpx.Response:
        def plan(conn: psycopg.Connection, schema: str) -> Plan:
            fn = describe_function(conn, schema, name)
            args = json.loads(request.content or b"{}")
            if not isinstance(args, dict):
                raise PostgrestError(400, "PGRST102", "Expected a JSON object of arguments")
            # POST runs STABLE and IMMUTABLE functions READ ONLY, VOLATILE ones READ WRITE.
            return fn.volatility != "v", lambda conn: call_function(conn, fn, args)

        return self._handle(request, "Content-Profile", plan)

    def read(self, request: httpx.Request, name: str) -> httpx.Response:
        def plan(conn: psycopg.Connection, schema: str) -> Plan:
            columns = relation_columns(conn, schema, name)
            query, params = parse_read(schema, name, columns, request.url.params)
            return True, lambda conn: _array(_scalar(conn.execute(query, params)) or "[]")

        return self._handle(request, "Accept-Profile", plan)

    # -- the request cycle ---------------------------------------------------------------

    def _handle(
        self, request: httpx.Request, profile: str, plan: Callable[..., Plan]
    ) -> httpx.Response:
        """Authenticate, look the resource up (PostgREST's schema cache), then run the main
        query in one transaction as the token's role with its claims."""
        role = ANON_ROLE
        try:
            claims = self._authenticate(request)
            role = str(claims.get("role") or ANON_ROLE)
            schema = self._schema(request.headers.get(profile))
            with self._connection() as conn:
                with conn.transaction():
                    read_only, run = plan(conn, schema)
                with conn.transaction():
                    if read_only:
                        conn.execute("set transaction read only")
                    _impersonate(conn, role, claims, request)
                    body, headers = run(conn)
        except PostgrestError as exc:
            return _json(exc.status, json.dumps(exc.body()))
        except psycopg.Error as exc:
            status = status_for(exc.sqlstate or "", anonymous=role == ANON_ROLE)
            return _json(status, json.dumps(error_body(exc)))
        headers = {"Content-Type": JSON_TYPE, **headers}
        return httpx.Response(200, content=body.encode(), headers=headers)

    def _authenticate(self, request: httpx.Request) -> dict[str, Any]:
        if not request.headers.get("apikey"):
            raise PostgrestError(401, "", "No API key found in request")
        header = request.headers.get("Authorization", "")
        if not header:
            return {"role": ANON_ROLE}
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise PostgrestError(401, "PGRST301", "Expected Bearer authorization")
        try:
            claims: dict[str, Any] = jwt.decode(
                token, self._secret, algorithms=["HS256"], options={"verify_aud": False}
            )
        except jwt.ExpiredSignatureError:
            raise PostgrestError(401, "PGRST303", "JWT expired") from None
        except jwt.InvalidTokenError as exc:
            raise PostgrestError(401, "PGRST301", f"JWT invalid: {exc}") from None
        return claims

    def _schema(self, requested: str | None) -> str:
        schema = requested or self._schemas[0]
        if schema not in self._schemas:
            raise PostgrestError(
                406, "PGRST106", f"Invalid schema: {schema}",
                hint=f"Only the following schemas are exposed: {', '.join(self._schemas)}",
            )  # fmt: skip
        return schema

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = psycopg.connect(self._conninfo)
            with self._lock:
                self._all.append(conn)
        try:
            yield conn
        finally:
            self._idle.put(conn)


def call_function(conn: psycopg.Connection, fn: Function, args: dict[str, Any]) -> Answer:
    """Run ``fn`` with named arguments the way PostgREST does: arguments through
    ``json_to_record`` typed by the function's own signature."""
    if set(args) != set(fn.params):
        raise PostgrestError(
            404, "PGRST202",
            f"Could not find the function {fn.schema}.{fn.name}({', '.join(sorted(args))}) "
            "in the schema cache",
        )  # fmt: skip
    call = sql.SQL("{}.{}({})").format(
        sql.Identifier(fn.schema), sql.Identifier(fn.name),
        sql.SQL(", ").join(
            sql.SQL("{0} := (select {0} from pgrst_args)").format(sql.Identifier(p))
            for p in fn.params
        ),
    )  # fmt: skip
    if fn.returns_set:
        query = sql.SQL("select coalesce(json_agg(_t), '[]')::text from {} as _t").format(call)
    else:
        query = sql.SQL("select to_json({})::text").format(call)
    if fn.params:
        record = sql.SQL(", ").join(
            sql.SQL("{} {}").format(sql.Identifier(p), sql.SQL(t)) for p, t in fn.params.items()
        )
        head = sql.SQL("with pgrst_args as (select * from json_to_record(%s::json) as _({})) ")
        query = head.format(record) + query
    params = [json.dumps(args)] if fn.params else []
    text = _scalar(conn.execute(query, params)) or "null"
    return _array(text) if fn.returns_set else (text, {})


def _impersonate(
    conn: psycopg.Connection, role: str, claims: dict[str, Any], request: httpx.Request
) -> None:
    conn.execute(
        """select set_config('role', %s, true), set_config('request.jwt.claims', %s, true),
                  set_config('request.method', %s, true), set_config('request.path', %s, true)""",
        [role, json.dumps(claims), request.method, request.url.path],
    )


def _scalar(cursor: psycopg.Cursor[Any]) -> str | None:
    row = cursor.fetchone()
    return None if row is None else row[0]


def _array(text: str) -> Answer:
    count = len(json.loads(text))
    return text, {"Content-Range": f"0-{count - 1}/*" if count else "*/*"}


def _json(status: int, body: str) -> httpx.Response:
    return httpx.Response(status, content=body.encode(), headers={"Content-Type": JSON_TYPE})
