"""Twenty simultaneous deliveries of one event, against uvicorn on 127.0.0.1 backed by
PostgreSQL (through the real SupabaseStore): one inbox row, one decision, one write."""

from __future__ import annotations

import http.client
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import uvicorn

from app.adapters.local_queue import ThreadQueue
from app.adapters.supabase_store import SupabaseStore
from app.api.deps import Services
from app.domain.entries import Source
from app.domain.inbox import Status
from app.main import create_app
from app.service.local import DEMO_ACCOUNTS, demo_entry, ensure_demo_tenant
from app.sources.signing import sample_body, signed_headers
from tests.postgres.pg_server import PgDatabase
from tests.postgres.supabase_harness import bridge_for, routed, store_settings
from tests.service.conftest import Clock, FlakyWriter, make_worker

pytestmark = pytest.mark.postgres


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(
    pg_db: PgDatabase, tmp_path: Path
) -> Iterator[tuple[int, SupabaseStore, FlakyWriter, ThreadQueue]]:
    pg_db.reset()
    with bridge_for(pg_db) as bridge, routed(bridge):
        settings = store_settings(llm_provider="none", sqlite_path=tmp_path / "unused.sqlite3")
        store = SupabaseStore.from_settings(settings)
        ensure_demo_tenant(store)
        writer, clock = FlakyWriter(), Clock()
        worker = make_worker(store, writer, clock, settings)  # type: ignore[arg-type]
        queue = ThreadQueue(worker.process)
        queue.start()
        services = Services(settings, store, queue, clock)
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(
                create_app(lambda: services), host="127.0.0.1", port=port, log_level="warning"
            )
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.02)
        try:
            yield port, store, writer, queue
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            queue.stop()
            store.close()


def _post(port: int, body: bytes, headers: dict[str, str]) -> int:
    # The stdlib client, so respx (which routes the store's HTTP to Postgres) never sees it.
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("POST", "/webhooks/clockify/demo", body=body, headers=headers)
        return conn.getresponse().status
    finally:
        conn.close()


def test_twenty_concurrent_deliveries_of_one_event_give_one_write(
    served: tuple[int, SupabaseStore, FlakyWriter, ThreadQueue],
) -> None:
    port, store, writer, queue = served
    tenant = store.get_tenant("demo")
    assert tenant is not None
    body = sample_body(
        Source.CLOCKIFY, account=DEMO_ACCOUNTS[Source.CLOCKIFY], **demo_entry(Source.CLOCKIFY, None)
    )
    headers = signed_headers(
        Source.CLOCKIFY, body, tenant.sources[Source.CLOCKIFY].secrets[0].get_secret_value()
    )
    start = threading.Barrier(20)

    def deliver(_: int) -> int:
        start.wait()
        return _post(port, body, headers)

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(deliver, range(20)))
    queue.drain()
    assert statuses == [200] * 20
    [item] = store.items("demo")
    assert item.status is Status.POSTED
    assert len(writer.written) == 1
    assert [e.status for e in store.trail("demo", item.id)] == [Status.POSTED]
