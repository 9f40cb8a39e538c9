"""The sweep's retention step: off at 0 days, bounded chunks, and a failing store is logged,
not raised (re-enqueueing must still happen)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from app.adapters.sqlite_store import SqliteStore
from app.config import Settings
from app.domain.inbox import Status
from app.service import retention
from tests.contract.builders import TENANT_A, at, new_item, tenant


def _posted(store: SqliteStore, n: int) -> None:
    store.put_tenant(tenant())
    for i in range(n):
        item, _ = store.accept(new_item(f"evt-{i}"))
        store.claim(TENANT_A, item.id, now=at(1), lease_s=60)
        store.finish(TENANT_A, item.id, Status.POSTED, now=at(2))


def test_retention_moves_one_bounded_chunk_and_zero_days_turns_it_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(retention, "CHUNK", 2)
    later = at(0) + timedelta(days=500)
    with SqliteStore(tmp_path / "t.db") as store:
        _posted(store, 3)
        assert retention.archive_chunk(store, Settings(retention_days=0), later) == 0
        assert retention.archive_chunk(store, Settings(retention_days=600), later) == 0
        assert retention.archive_chunk(store, Settings(), later) == 2
        assert retention.archive_chunk(store, Settings(), later) == 1
        assert len(store.archived(TENANT_A)) == 3


def test_a_failing_store_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = SqliteStore(tmp_path / "t.db")
    store.close()
    assert retention.archive_chunk(store, Settings(), at(0)) == 0
    assert "could not archive finished items" in caplog.text
