"""The SQL side of the PostgREST bridge: catalog look-ups, the read-query grammar, errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import psycopg
from psycopg import sql

_COMPARE = {"eq": "=", "neq": "<>", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}
_IS = {"null": sql.SQL("null"), "true": sql.SQL("true"), "false": sql.SQL("false")}
_SCALAR_TYPES = frozenset({"b", "d", "e", "r", "m"})  # base, domain, enum, range, multirange
# PostgREST's SQLSTATE -> HTTP status table (docs "Errors"): exact codes first, then classes.
_EXACT_STATUS = {"23503": 409, "23505": 409, "25006": 405, "53400": 500, "P0001": 400,
                 "42883": 404, "42P01": 404, "42P17": 500}  # fmt: skip
_CLASS_STATUS = {"08": 503, "09": 500, "0L": 403, "0P": 403, "25": 500, "28": 403, "2D": 500,
                 "38": 500, "39": 500, "3B": 500, "40": 500, "53": 503, "54": 500, "55": 500,
                 "57": 500, "58": 500, "F0": 500, "HV": 500, "P0": 500, "XX": 500}  # fmt: skip


class PostgrestError(Exception):
    """An error PostgREST itself raises (``PGRST...`` codes), before or around the query."""

    def __init__(
        self, status: int, code: str, message: str, *, details: str | None = None,
        hint: str | None = None,
    ) -> None:  # fmt: skip
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.details, self.hint = details, hint

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "details": self.details, "hint": self.hint,
                "message": self.message}  # fmt: skip


def status_for(sqlstate: str, *, anonymous: bool) -> int:
    if sqlstate == "42501":  # insufficient privilege
        return 401 if anonymous else 403
    return _EXACT_STATUS.get(sqlstate) or _CLASS_STATUS.get(sqlstate[:2], 400)


def error_body(exc: psycopg.Error) -> dict[str, Any]:
    diag = exc.diag
    return {"code": exc.sqlstate, "details": diag.message_detail, "hint": diag.message_hint,
            "message": diag.message_primary or str(exc)}  # fmt: skip


@dataclass(frozen=True)
class Function:
    schema: str
    name: str
    params: dict[str, str]  # input parameter name -> SQL type, in order
    returns_set: bool
    volatility: str  # v(olatile), s(table), i(mmutable)


_FUNCTIONS = """
    select p.proretset, p.provolatile, t.typtype, coalesce(p.proargnames, '{}'),
           coalesce(p.proargmodes::text[], '{}'),
           array(select format_type(a.oid, null) from unnest(p.proargtypes) with ordinality
                 as a(oid, n) order by a.n)
    from pg_proc as p
    join pg_namespace as n on n.oid = p.pronamespace
    join pg_type as t on t.oid = p.prorettype
    where n.nspname = %s and p.proname = %s and p.prokind = 'f'
"""


def describe_function(conn: psycopg.Connection, schema: str, name: str) -> Function:
    rows = conn.execute(_FUNCTIONS, [schema, name]).fetchall()
    if len(rows) != 1:  # unknown, or overloaded (the adapter never overloads)
        raise PostgrestError(
            404, "PGRST202", f"Could not find the function {schema}.{name} in the schema cache"
        )
    returns_set, volatility, typtype, names, modes, in_types = rows[0]
    if not returns_set and typtype not in _SCALAR_TYPES:
        raise PostgrestError(400, "PGRST100", "bridge: only setof or scalar functions")
    inputs = [n for n, m in zip(names, modes or ["i"] * len(names), strict=True)
              if m in ("i", "b", "v")]  # fmt: skip
    params = dict(zip(inputs, in_types, strict=True))
    return Function(schema, name, params, returns_set, volatility)


def relation_columns(conn: psycopg.Connection, schema: str, name: str) -> list[str]:
    rows = conn.execute(
        """select a.attname from pg_attribute as a
           join pg_class as c on c.oid = a.attrelid
           join pg_namespace as n on n.oid = c.relnamespace
           where n.nspname = %s and c.relname = %s and c.relkind in ('r', 'p', 'v', 'm')
             and a.attnum > 0 and not a.attisdropped order by a.attnum""",
        [schema, name],
    ).fetchall()
    if not rows:
        raise PostgrestError(
            404, "PGRST205", f"Could not find the table '{schema}.{name}' in the schema cache"
        )
    return [r[0] for r in rows]


def parse_read(
    schema: str, name: str, columns: list[str], params: httpx.QueryParams
) -> tuple[sql.Composed, list[str]]:
    """``GET /<name>?...`` as one query answering a JSON array of the selected rows."""
    select: sql.Composable = sql.SQL("*")
    where: list[sql.Composable] = []
    order: list[sql.Composable] = []
    values: list[str] = []
    paging = sql.SQL("")
    column = _Columns(name, columns)
    for key, value in params.multi_items():
        if key == "select":
            select = column.select(value)
        elif key == "order":
            order.extend(column.order(value))
        elif key in ("limit", "offset"):
            paging += sql.SQL(f" {key} ") + sql.Literal(_count(key, value))
        else:
            where.append(column.condition(key, value, values))
    query = sql.SQL("select {} from {}.{}").format(
        select, sql.Identifier(schema), sql.Identifier(name)
    )
    if where:
        query += sql.SQL(" where ") + sql.SQL(" and ").join(where)
    if order:
        query += sql.SQL(" order by ") + sql.SQL(", ").join(order)
    outer = sql.SQL("select coalesce(json_agg(_t), '[]')::text from ({}) as _t")
    return outer.format(query + paging), values


@dataclass(frozen=True)
class _Columns:
    relation: str
    names: list[str]

    def known(self, column: str) -> sql.Identifier:
        if column not in self.names:
            raise PostgrestError(400, "42703", f"column {self.relation}.{column} does not exist")
        return sql.Identifier(column)

    def select(self, value: str) -> sql.Composable:
        items = [v.strip() for v in value.split(",")]
        if items == ["*"]:
            return sql.SQL("*")
        if any(not v.isidentifier() for v in items):
            raise PostgrestError(400, "PGRST100", f"bridge: unsupported select {value!r}")
        return sql.SQL(", ").join(self.known(v) for v in items)

    def order(self, value: str) -> list[sql.Composable]:
        terms = []
        for term in value.split(","):
            column, _, direction = term.partition(".")
            if direction not in ("asc", "desc"):
                raise PostgrestError(400, "PGRST100", f"bridge: unsupported order {term!r}")
            terms.append(sql.SQL("{} {}").format(self.known(column), sql.SQL(direction)))
        return terms

    def condition(self, column: str, value: str, values: list[str]) -> sql.Composable:
        op, _, operand = value.partition(".")
        if op in _COMPARE:
            values.append(operand)
            return sql.SQL("{} {} %s").format(self.known(column), sql.SQL(_COMPARE[op]))
        if op == "is" and operand in _IS:
            return sql.SQL("{} is {}").format(self.known(column), _IS[operand])
        raise PostgrestError(400, "PGRST100", f"bridge: unsupported filter {column}={value}")


def _count(key: str, value: str) -> int:
    if not value.isdigit():
        raise PostgrestError(400, "PGRST100", f"{key} must be a non-negative integer")
    return int(value)
