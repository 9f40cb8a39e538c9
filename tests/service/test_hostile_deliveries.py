"""Correctly signed deliveries whose bodies are hostile or broken: fields removed, replaced by
values of the wrong type, out of range, lone surrogates, NULs, huge numbers, cut short. The
signature is valid, so only the body's checks stand between them and the store.

Every answer is a 2xx or a 4xx naming what is wrong (never a 5xx, never a traceback), and the
worker takes every accepted item to a state without raising. Seeded: a failure reproduces.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from typing import Any

import pytest

from app.domain.entries import Source
from app.domain.inbox import Status
from app.service.local import DEMO_ACCOUNTS
from app.sources.signing import sample_body, signed_headers
from tests.service.conftest import Rig

SOURCES = (Source.CLOCKIFY, Source.TOGGL, Source.QUICKBOOKS)
ODD: tuple[Any, ...] = (
    None, True, False, 0, -1, 1e308, 2**70, "", " ", "x" * 3000, "\u0000", "\ud800", "💥", [],
    {}, [1, 2], {"a": None}, "2026-13-45T99:99:99Z", "9999-12-31T23:59:59Z",
    "0001-01-01T00:00:00Z", "PT-5H", "NaN", "-0.5", "<script>", "' OR 1=1 --", "ñ" * 300,
)  # fmt: skip
DELIVERIES = 400


def _paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key and index of a parsed body, nested ones too."""
    keys = (
        value.keys()
        if isinstance(value, dict)
        else range(len(value))
        if isinstance(value, list)
        else ()
    )
    return [p for key in keys for p in ((*at, key), *_paths(value[key], (*at, key)))]


def _mutate(body: Any, rng: random.Random) -> Any:
    """One change at a place chosen among all of the body's: dropped, replaced, or a key
    added beside it (the body itself replaced when it has no place)."""
    paths = _paths(body)
    if not paths:
        return rng.choice(ODD)
    *parent_path, key = rng.choice(paths)
    parent = body
    for step in parent_path:
        parent = parent[step]
    roll = rng.random()
    if roll < 0.25:
        del parent[key]
    elif roll < 0.9 or not isinstance(parent, dict):
        parent[key] = rng.choice(ODD)
    else:
        parent[rng.choice(("extra", "id", "__proto__"))] = rng.choice(ODD)
    return body


def _hostile(source: Source, rng: random.Random) -> bytes:
    found = json.loads(sample_body(source, account=DEMO_ACCOUNTS[source]))
    for _ in range(1 if rng.random() < 0.7 else 2 + rng.randrange(2)):  # one: a fault alone
        found = _mutate(found, rng)
    body = json.dumps(found).encode()  # lone surrogates are sent escaped, as JSON allows
    return body[: rng.randrange(len(body) + 1)] if rng.random() < 0.05 else body


@pytest.mark.parametrize("seed", [1, 2])
def test_hostile_signed_bodies_get_a_named_4xx_or_are_taken_to_a_state(rig: Rig, seed: int) -> None:
    rng = random.Random(seed)
    answers: Counter[int] = Counter()
    for _ in range(DELIVERIES):  # the rig's client raises what the app raises
        source = rng.choice(SOURCES)
        body = _hostile(source, rng)
        secret = rig.tenant.sources[source].secrets[0].get_secret_value()
        headers = signed_headers(source, body, secret)
        response = rig.client.post(f"/webhooks/{source.value}/demo", content=body, headers=headers)
        answers[response.status_code] += 1
        assert response.status_code < 500, (response.text, body[:400])
        assert "Traceback" not in response.text
        if response.status_code >= 400:
            error = response.json()["error"]
            assert error, response.text
            assert len(error) < 400, error
        rig.run_queue()  # raises if the worker does
    assert answers[200], answers  # both paths were exercised
    assert answers[400], answers
    items = rig.store.items("demo")
    assert items
    assert all(item.status is not Status.RECEIVED for item in items)
