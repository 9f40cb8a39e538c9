"""Fixtures every test gets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app import factory


@pytest.fixture(autouse=True)
def _fresh_process_caches() -> Iterator[None]:
    """Each test is a new process as far as the per-process QuickBooks clients go: a client
    built under one test's HTTP mocks must not answer in the next test."""
    factory._qbo.clear()
    yield
    factory._qbo.clear()
