"""The webhook service wired as in production, with the embedded store and test doubles for
the outside: a recording queue, a writer that can be told to fail, a clock we move."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.adapters.sqlite_store import SqliteStore
from app.api.deps import Services
from app.classify.memory import Memory
from app.config import Settings
from app.domain.decisions import Decision
from app.domain.inbox import InboxItem, Tenant
from app.errors import UpstreamError, UpstreamKind
from app.factory import build_cascade
from app.main import create_app
from app.rules.loader import load_rulebook
from app.service.local import ensure_demo_tenant
from app.service.worker import RetryPolicy, Worker

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Clock:
    now: datetime = datetime(2026, 10, 14, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class RecordingQueue:
    jobs: list[tuple[str, str]] = field(default_factory=list)

    def enqueue(self, tenant: str, item_id: str) -> None:
        self.jobs.append((tenant, item_id))


@dataclass
class FlakyWriter:
    """Fails the first ``failures`` calls (retryable unless told otherwise), then writes."""

    system = "quickbooks"
    failures: int = 0
    retryable: bool = True
    kind: UpstreamKind = UpstreamKind.SERVER
    retry_after_s: float | None = None
    written: list[tuple[str, str, str]] = field(default_factory=list)
    calls: int = 0

    def write(self, tenant: Tenant, item: InboxItem, decision: Decision) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise UpstreamError(
                "quickbooks", self.kind, retryable=self.retryable, message="HTTP 503",
                retry_after_s=self.retry_after_s,
            )  # fmt: skip
        self.written.append((tenant.id, item.id, decision.code or ""))
        return f"record-{len(self.written)}"


@dataclass
class Rig:
    store: SqliteStore
    queue: RecordingQueue
    writer: FlakyWriter
    clock: Clock
    tenant: Tenant
    client: TestClient
    worker: Worker

    def run_queue(self) -> None:
        """What the worker Lambda does with the queued messages."""
        while self.queue.jobs:
            self.worker.process(*self.queue.jobs.pop(0))


def make_worker(
    store: SqliteStore, writer: FlakyWriter, clock: Clock, settings: Settings
) -> Worker:
    book = load_rulebook(REPO / "sow_rules")
    cascade = build_cascade(settings, book, Memory())
    policy = RetryPolicy(max_attempts=4, model_attempts=2, base_delay_s=30)
    return Worker(store, writer, lambda _tenant: cascade, policy=policy, clock=clock)


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    settings = Settings(
        sqlite_path=tmp_path / "t.sqlite3", llm_provider="none", max_body_bytes=4096
    )
    store = SqliteStore(settings.sqlite_path)
    queue, writer, clock = RecordingQueue(), FlakyWriter(), Clock()
    tenant = ensure_demo_tenant(store)
    services = Services(settings, store, queue, clock)
    with TestClient(create_app(lambda: services)) as client:
        yield Rig(
            store, queue, writer, clock, tenant, client, make_worker(store, writer, clock, settings)
        )
    store.close()
