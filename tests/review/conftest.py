"""The review loop wired as in production, with the embedded store and test doubles: a copy of
the demo rules (proposals may be accepted into it), a writer that can be told to fail, a clock,
a worker that shares the memory bank with the review service, and the web app."""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.adapters.sqlite_store import SqliteStore
from app.api.auth import session_key
from app.api.deps import Services
from app.api.review_deps import ReviewDeps
from app.config import Settings
from app.domain.entries import Source, TimeEntry
from app.domain.inbox import InboxItem, NewItem, Tenant
from app.factory import build_cascade
from app.main import create_app
from app.review.access import add_reviewer
from app.review.learning import MemoryBank
from app.review.proposals import Proposals
from app.review.service import ReviewService
from app.service.classifiers import Classifiers
from app.service.local import ensure_demo_tenant
from app.service.rules_provider import DirectoryRules
from app.service.worker import RetryPolicy, Worker
from tests.service.conftest import Clock, FlakyWriter, RecordingQueue

REPO = Path(__file__).resolve().parents[2]
DIEGO = "diego.alvarez@kestrelridge.example"  # a senior consultant on every rate card
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class ReviewRig:
    store: SqliteStore
    writer: FlakyWriter
    clock: Clock
    rules_dir: Path
    service: ReviewService
    worker: Worker
    client: TestClient
    tenant: Tenant
    settings: Settings
    services: Services
    deps: ReviewDeps

    def entry(self, description: str, **fields: Any) -> TimeEntry:
        data: dict[str, Any] = {
            "source": Source.CLOCKIFY, "external_id": uuid.uuid4().hex[:12],
            "client": "Northwind Freight", "project": "Northwind - Fleet Ops",
            "description": description, "work_date": date(2026, 10, 14),
            "hours": Decimal("2"), "user_email": DIEGO, "user_name": "Diego Alvarez",
        }  # fmt: skip
        data.update(fields)
        return TimeEntry.model_validate(data)

    def deliver(self, description: str, *, tenant: str = "demo", **fields: Any) -> InboxItem:
        """Accept an entry and let the worker decide it; returns the item as it ended."""
        entry = self.entry(description, **fields)
        new = NewItem(tenant=tenant, source=entry.source, dedupe_key=entry.external_id,
                      entry=entry, received_at=self.clock())  # fmt: skip
        item, _ = self.store.accept(new)
        self.worker.process(tenant, item.id)
        found = self.store.get(tenant, item.id)
        assert found is not None
        return found

    def signin(self, tenant: str = "demo", name: str = "dana") -> str:
        """Sign ``name`` in to ``tenant`` on the client; returns the session cookie."""
        token = add_reviewer(self.store, tenant, name, now=self.clock())
        answer = self.client.post(f"/review/{tenant}/signin", data={"token": token},
                                  follow_redirects=False)  # fmt: skip
        assert answer.status_code == 303, answer.text
        cookie = answer.cookies.get("tb_review")
        assert cookie
        return cookie

    def csrf(self, path: str = "/review/demo") -> str:
        page = self.client.get(path)
        assert page.status_code == 200, page.text
        found = CSRF.search(page.text)
        assert found is not None
        return found.group(1)


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[ReviewRig]:
    with review_rig(tmp_path) as built:
        yield built


@contextmanager
def review_rig(tmp_path: Path) -> Iterator[ReviewRig]:
    """The rig (``tests/browser/test_review_e2e.py`` serves its app over HTTP too)."""
    rules_dir = tmp_path / "sow_rules"
    shutil.copytree(REPO / "sow_rules", rules_dir)
    settings = Settings(sqlite_path=tmp_path / "t.sqlite3", llm_provider="none",
                        rules_dir=rules_dir)  # fmt: skip
    store = SqliteStore(settings.sqlite_path)
    writer, clock = FlakyWriter(), Clock()
    tenant = ensure_demo_tenant(store)
    rules = DirectoryRules(rules_dir, check_every_s=0)
    bank = MemoryBank(store, refresh_s=0)
    classifiers = Classifiers(rules, partial(build_cascade, settings), memory_for=bank.memory)
    worker = Worker(store, writer, classifiers.cascade_for, clock=clock,
                    policy=RetryPolicy(max_attempts=4, model_attempts=2))  # fmt: skip
    service = ReviewService(store, writer, rules, bank=bank,
                            proposals=Proposals(store, rules, rules_dir), clock=clock)  # fmt: skip
    deps = ReviewDeps(service, session_key(settings), settings)
    services = Services(settings, store, RecordingQueue(), clock)
    with TestClient(create_app(lambda: services, review_deps=lambda: deps)) as client:
        yield ReviewRig(store, writer, clock, rules_dir, service, worker, client, tenant,
                        settings, services, deps)  # fmt: skip
    store.close()
