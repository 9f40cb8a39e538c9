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
    """Fails the first ``failures`` calls (retryable unless told otherwise), then writes: a
    new record, or the one it is given (an update in place), as QuickBooks would."""

    system = "quickbooks"
    failures: int = 0
    retryable: bool = True
    kind: UpstreamKind = UpstreamKind.SERVER
    retry_after_s: float | None = None
    written: list[tuple[str, str, str]] = field(default_factory=list)
    targets: list[str | None] = field(default_factory=list)  # the record each write updated
    deleted: list[str] = field(default_factory=list)
    calls: int = 0
    made: int = 0
    creates: dict[tuple[str, str], str] = field(default_factory=dict)

    def write(
        self, tenant: Tenant, item: InboxItem, decision: Decision, *,
        record_id: str | None = None, create_key: str = "",
    ) -> str:  # fmt: skip
        self.calls += 1
        if self.calls <= self.failures:
            raise UpstreamError(
                "quickbooks", self.kind, retryable=self.retryable, message="HTTP 503",
                retry_after_s=self.retry_after_s,
            )  # fmt: skip
        key = (item.entry.key if item.entry else item.id, create_key)
        if record_id is None and create_key and key in self.creates:
            return self.creates[key]  # QuickBooks answers a repeated requestid with the first
        self.written.append((tenant.id, item.id, decision.code or ""))
        self.targets.append(record_id)
        if record_id is not None:
            return record_id
        self.made += 1
        self.creates[key] = f"record-{self.made}"
        return self.creates[key]

    def delete(self, tenant: Tenant, item: InboxItem, record_id: str) -> str:
        self.deleted.append(record_id)
        return "deleted"


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
