"""Headless Chromium (Debian's, installed by scripts/browser_deps) for the browser tests.

Without Chromium the tests skip on a workstation; in CI (``CI=true``) they fail instead, since
``.ci/run`` installs it first.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import NoReturn

import pytest

from tests.browser.cdp import Chromium, find_chromium


def missing(message: str) -> NoReturn:
    """A browser tool is not installed: fail in CI, skip on a workstation."""
    if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    found = find_chromium()
    if found is None:
        missing("Chromium is not installed: run scripts/browser_deps")
    return found


@pytest.fixture
def browser(chromium_path: str) -> Iterator[Chromium]:
    with Chromium(chromium_path) as opened:
        yield opened
