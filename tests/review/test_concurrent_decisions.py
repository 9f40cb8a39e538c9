"""A person's action applies only to the entry as they saw it (issue 11, case 4).

A double-clicked approve, two tabs, or two reviewers on one entry: exactly one decision is
kept and written; every other submit is answered "already decided by X at T" and writes
nothing. Shown with real concurrency: threads against the review service and the store, and
two approvals at once over HTTP to two app processes' worth of servers (uvicorn, each with its
own review service, on one SQLite file, as ``timebill serve`` with several workers).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import httpx
import pytest
import uvicorn

from app.adapters.sqlite_store import SqliteStore
from app.api.auth import session_key
from app.api.deps import Services
from app.api.review_deps import ReviewDeps
from app.domain.decisions import Decision
from app.domain.inbox import InboxItem, Status, Tenant
from app.errors import ReviewConflictError
from app.main import create_app
from app.review.learning import MemoryBank
from app.review.proposals import Proposals
from app.review.service import Outcome, ReviewService
from app.service.rules_provider import DirectoryRules
from tests.review.conftest import CSRF, ReviewRig
from tests.service.conftest import RecordingQueue

RESEARCH = "researching new regs"  # flagged by a rule, NWF-RESEARCH-NB proposed


class SlowWriter:
    """The rig's writer, taking its time: every submit overlaps every other."""

    def __init__(self, rig: ReviewRig, seconds: float = 0.2) -> None:
        self.inner, self.seconds = rig.writer, seconds
        self.system = rig.writer.system

    def write(self, tenant: Tenant, item: InboxItem, decision: Decision, **kw: Any) -> str:
        time.sleep(self.seconds)
        return self.inner.write(tenant, item, decision, **kw)

    def delete(self, tenant: Tenant, item: InboxItem, record_id: str) -> str:
        return self.inner.delete(tenant, item, record_id)


def race(n: int, action: Any) -> list[Outcome | ReviewConflictError]:
    start = threading.Barrier(n)
    results: list[Outcome | ReviewConflictError] = []
    lock = threading.Lock()

    def run(i: int) -> None:
        start.wait()
        try:
            got: Outcome | ReviewConflictError = action(i)
        except ReviewConflictError as exc:
            got = exc
        with lock:
            results.append(got)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_eight_simultaneous_approvals_write_once(rig: ReviewRig) -> None:
    item = rig.deliver(RESEARCH)
    assert item.status is Status.NEEDS_REVIEW
    rig.service.writer = SlowWriter(rig)
    results = race(8, lambda i: rig.service.approve("demo", item.id, f"reviewer{i}"))
    done = [r for r in results if isinstance(r, Outcome)]
    refused = [r for r in results if isinstance(r, ReviewConflictError)]
    assert (len(done), len(refused)) == (1, 7)
    assert done[0].status is Status.POSTED
    winner = done[0].review.reviewer
    assert all(f"already decided by {winner} at" in r.message for r in refused)
    assert len(rig.store.reviews("demo", item_id=item.id)) == 1
    assert len(rig.writer.written) == 1  # one TimeActivity, one requestid


def test_an_approve_racing_a_change_and_a_split_keeps_one_decision(rig: ReviewRig) -> None:
    item = rig.deliver("call w/ Dana re depot KPIs; drafted DQ memo")
    assert item.status is Status.NEEDS_REVIEW
    rig.service.writer = SlowWriter(rig)
    seen = rig.service.state("demo", item.id)  # three people opened the same page
    actions = [
        lambda: rig.service.change_code("demo", item.id, "dana", "NWF-OPS", seen=seen),
        lambda: rig.service.split("demo", item.id, "eve",
                                  [("NWF-OPS", Decimal(1)), ("NWF-COMP", Decimal(1))], seen=seen),
        lambda: rig.service.non_billable("demo", item.id, "finn", "INT-ADMIN", seen=seen),
    ]  # fmt: skip
    results = race(3, lambda i: actions[i]())
    assert len([r for r in results if isinstance(r, Outcome)]) == 1
    [review] = rig.store.reviews("demo", item_id=item.id)
    assert len(rig.writer.written) == len(review.after)  # only the winner's parts


def test_a_second_submit_is_answered_already_decided_and_writes_nothing(rig: ReviewRig) -> None:
    item = rig.deliver(RESEARCH)
    seen = rig.service.state("demo", item.id)
    rig.service.approve("demo", item.id, "dana", seen=seen)
    with pytest.raises(ReviewConflictError) as caught:
        rig.service.approve("demo", item.id, "dana", seen=seen)  # the double click
    assert caught.value.message.startswith("already decided by dana at 2026-10-14 09:00:00 UTC")
    with pytest.raises(ReviewConflictError, match="already decided by dana"):
        rig.service.change_code("demo", item.id, "eve", "NWF-OPS")  # a late second reviewer
    assert len(rig.store.reviews("demo", item_id=item.id)) == 1
    assert len(rig.writer.written) == 1


def test_an_entry_changed_since_the_page_was_opened_is_not_applied(rig: ReviewRig) -> None:
    item = rig.deliver(RESEARCH)
    seen = rig.service.state("demo", item.id)
    rig.store.finish("demo", item.id, Status.NEEDS_REVIEW, now=rig.clock(), error="re-checked")
    with pytest.raises(ReviewConflictError, match="changed since you opened it"):
        rig.service.approve("demo", item.id, "dana", seen=seen)
    assert rig.store.reviews("demo", item_id=item.id) == []
    assert rig.writer.written == []


# -- over HTTP: two servers on one store, two approvals at once ---------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def served(rig: ReviewRig) -> Iterator[str]:
    """One more app process's worth: its own store connection and review service."""
    store = SqliteStore(rig.settings.sqlite_path)
    rules = DirectoryRules(rig.rules_dir, check_every_s=0)
    proposals = Proposals(store, rules, rig.rules_dir)
    bank = MemoryBank(store, refresh_s=0)
    service = ReviewService(store, SlowWriter(rig), rules, bank=bank, proposals=proposals,
                            clock=rig.clock)  # fmt: skip
    deps = ReviewDeps(service, session_key(rig.settings), rig.settings)
    services = Services(rig.settings, store, RecordingQueue(), rig.clock)
    port = free_port()
    app = create_app(lambda: services, review_deps=lambda: deps)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                            lifespan="off")  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    base = f"http://127.0.0.1:{port}"
    # FastAPI builds a new app's route table at its first request, and the review router is
    # shared by both apps here: two first requests from two server threads at once race in that
    # build (a 500 under load, seen in CI). A real server matches routes on its one event loop, so
    # that race is this rig's, not the product's: a request that matches no route builds the table.
    assert httpx.get(f"{base}/not-a-route").status_code == 404
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


def test_two_concurrent_http_approvals_write_once(rig: ReviewRig) -> None:
    item = rig.deliver(RESEARCH)
    cookie = rig.signin()
    page = rig.client.get(f"/review/demo/items/{item.id}")
    csrf = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
    seen = page.text.split('name="seen" value="', 1)[1].split('"', 1)[0]
    with served(rig) as one, served(rig) as two:
        start = threading.Barrier(2)
        answers: list[httpx.Response] = []

        def approve(base: str) -> None:
            with httpx.Client(base_url=base, cookies={"tb_review": cookie}) as http:
                start.wait()
                answers.append(http.post(f"/review/demo/items/{item.id}/approve",
                                         data={"csrf": csrf, "seen": seen}))  # fmt: skip

        threads = [threading.Thread(target=approve, args=(b,)) for b in (one, two)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert sorted(a.status_code for a in answers) == [303, 303]
    said = sorted(httpx.URL(a.headers["location"]).params.get("error", "") for a in answers)
    assert said[0] == ""  # one was written ...
    assert said[1].startswith("already decided by dana at")  # ... the other refused
    assert len(rig.store.reviews("demo", item_id=item.id)) == 1
    assert len(rig.writer.written) == 1
    after = rig.store.get("demo", item.id)
    assert after is not None
    assert after.status is Status.POSTED
