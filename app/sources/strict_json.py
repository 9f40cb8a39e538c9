"""Strict JSON for webhook bodies: what RFC 8259 allows, and only what a store can keep.

Python's ``json`` accepts ``NaN``, ``Infinity`` and ``-Infinity`` literals, turns ``1e400`` into
``inf``, keeps the last of duplicate keys silently, and decodes ``"\\ud800"`` into a string that
cannot be encoded as UTF-8, and ``"\\u0000"`` into a NUL that PostgreSQL text and jsonb refuse
(so the store fails on either later, which reads as an outage). Each of
these is refused here with the field named, anywhere in the body, before anything reads it.
"""

from __future__ import annotations

import json
import math
from typing import Any


class JsonProblem(ValueError):
    """Why a body is not strict JSON; the message names the field, never its value."""


class _NotANumber:
    """``NaN``, ``Infinity``, ``-Infinity`` or an overflowing number: kept to name its field."""

    def __init__(self, literal: str) -> None:
        self.literal = literal


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def loads(body: bytes) -> Any:
    """The decoded body; ``JsonProblem`` for invalid JSON or any of the module's refusals."""
    try:
        data = json.loads(
            body, parse_constant=_NotANumber, parse_float=_finite_float,
            object_pairs_hook=_unique_keys,
        )  # fmt: skip
    except json.JSONDecodeError as exc:
        raise JsonProblem(f"not valid JSON ({exc.msg} at char {exc.pos})") from None
    except _DuplicateKey as exc:
        raise JsonProblem(f"key {_name(exc.key)!r} appears twice in one object") from None
    except UnicodeDecodeError as exc:
        raise JsonProblem(f"not valid JSON (not UTF-8 text at byte {exc.start})") from None
    except RecursionError:
        raise JsonProblem("not valid JSON (nested too deeply)") from None
    except ValueError:  # Python's int limit (4300 digits): the only other ValueError here
        raise JsonProblem("not valid JSON (a number with too many digits)") from None
    _check_values(data)
    return data


def _finite_float(text: str) -> float | _NotANumber:
    value = float(text)
    return value if math.isfinite(value) else _NotANumber(text)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKey(key)
        found[key] = value
    return found


def _check_values(data: Any) -> None:
    """The first non-finite number or invalid string, by path. Iterative: any depth ``json``
    accepted must not overflow the stack here."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        where = repr(path[:120]) if path else "the body"
        if isinstance(value, _NotANumber):
            raise JsonProblem(f"{where} is {value.literal[:12]}, not a finite number")
        if isinstance(value, str) and not _valid_unicode(value):
            raise JsonProblem(f"{where} is not valid Unicode (a lone surrogate)")
        if isinstance(value, str) and "\x00" in value:
            raise JsonProblem(f"{where} holds a NUL character (\\u0000)")
        if isinstance(value, dict):
            for key, item in value.items():
                if not _valid_unicode(key) or "\x00" in key:
                    raise JsonProblem(f"a key of {where} is not valid Unicode text")
                stack.append((f"{path}.{key}" if path else key, item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", item) for i, item in enumerate(value))


def _valid_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _name(key: str) -> str:
    """A key fit to print: cut short, and any lone surrogate escaped."""
    return key[:64].encode("utf-8", "backslashreplace").decode("utf-8")
