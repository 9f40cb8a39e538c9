"""Fixtures every test gets."""

from __future__ import annotations

import os
from collections.abc import Iterator

# The same terminal for every run, wherever pytest is started: rich reads COLUMNS when the app's
# consoles are built (at import, below), and a wider or narrower terminal would change output.
os.environ["COLUMNS"] = "100"
os.environ.pop("LINES", None)

import pytest

from app import factory


@pytest.fixture(autouse=True)
def _fresh_process_caches() -> Iterator[None]:
    """Each test is a new process as far as the per-process QuickBooks clients go: a client
    built under one test's HTTP mocks must not answer in the next test."""
    factory._qbo.clear()
    yield
    factory._qbo.clear()
