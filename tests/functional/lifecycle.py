"""Entries through their whole life against a fake QuickBooks: the lifecycle test and
``bench/lifecycle_bench.py`` both run this.

Each entry is a Clockify entry delivered as a signed webhook through the app (``app.main``),
then worked by the production worker on a pool of threads with the production QuickBooks
writer and reader: python-quickbooks, through ``responses``, against
``tests/quickbooks/fake_server.py`` (``requestid`` and ``SyncToken`` honoured). A share of the
entries is edited (some twice), a share deleted, a share of the deliveries sent twice, and the
entries a rule flags are approved by a person, some of them with two submits at once. The edits
of one entry are delivered together, so two workers often hold versions of one entry at the
same time. At the end every live entry must have exactly one live TimeActivity holding its
latest text and hours, and a deleted entry none.
"""

from __future__ import annotations

import random
import re
import sqlite3
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from fastapi.testclient import TestClient

from app.adapters.quickbooks_budget import RequestBudget
from app.adapters.sqlite_store import SqliteStore
from app.api.deps import Services
from app.classify.memory import Memory
from app.config import Settings
from app.domain.entries import Source
from app.domain.inbox import Status
from app.errors import ReviewConflictError
from app.factory import build_cascade
from app.main import create_app
from app.review.learning import MemoryBank
from app.review.proposals import Proposals
from app.review.service import ReviewService
from app.rules.loader import load_rulebook
from app.service.local import DEMO_ACCOUNTS, DEMO_CLOCKIFY_USER, demo_entry, ensure_demo_tenant
from app.service.rules_provider import DirectoryRules
from app.service.worker import RetryPolicy, Worker
from app.sources.signing import sample_body, signed_headers
from tests.service.conftest import Clock, RecordingQueue
from tests.service.qbo_rig import fake_quickbooks

REPO = Path(__file__).resolve().parents[2]
BILLED = ("drive to Stockton depot", "drive back from Stockton depot",
          "weekly status call with Northwind", "DOT audit prep")  # fmt: skip
# Who logged each entry and on which day: one entry per person-day, none of the billed work
# capped, so the running totals (caps, hours per person-day) flag nothing by themselves and
# edits of posted entries reach QuickBooks as updates. Tracker user ids the demo's rules price.
PEOPLE = (DEMO_CLOCKIFY_USER, *(f"{name}@kestrelridge.example" for name in (
    "elena.marsh", "tom.okafor", "priya.raman", "marcus.bell", "hannah.lindqvist",
    "grace.kim", "samuel.osei", "nora.feld", "ben.carter", "aisha.rahman", "leo.duarte",
    "maya.chen", "owen.price")))  # fmt: skip
FIRST_DAY = date(2026, 1, 5)  # a Monday
FLAGGED = "researching new regs"  # a rule sends it to a person
HOURS = ("PT1H", "PT1H30M", "PT2H", "PT2H30M", "PT3H")
_TOKEN = re.compile(r"\(entry (\d+) v(\d+)\)")


@dataclass
class Entry:
    number: int
    versions: list[tuple[str, str]] = field(default_factory=list)  # (description, duration)
    deleted: bool = False

    @property
    def id(self) -> str:
        return f"{0x6702_0000_0000_0000_0000_0000 + self.number:024x}"

    @property
    def person(self) -> str:
        return PEOPLE[self.number % len(PEOPLE)]

    @property
    def day(self) -> date:
        """The entry's weekday: one per person, in order."""
        weeks, weekday = divmod(self.number // len(PEOPLE), 5)
        return FIRST_DAY + timedelta(days=7 * weeks + weekday)


@dataclass
class Figures:
    entries: int = 0
    live_entries: int = 0
    deleted_entries: int = 0
    edits: int = 0
    deliveries: int = 0
    duplicate_deliveries: int = 0
    accepted: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    approvals: int = 0
    double_submits: int = 0
    refused_submits: int = 0
    live_records: int = 0
    duplicates: int = 0
    stale_content: int = 0
    missing: int = 0
    records_of_deleted: int = 0
    qbo: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    day_totals: dict[str, Decimal] = field(default_factory=dict)  # the store's running totals
    day_expected: Decimal = Decimal(0)  # the hours of the live entries (all on one day)
    problems: list[str] = field(default_factory=list)


def plan(n: int, rng: random.Random) -> list[Entry]:
    entries = []
    for number in range(n):
        entry = Entry(number)
        base = FLAGGED if rng.random() < 0.10 else rng.choice(BILLED)
        entry.versions.append((base, rng.choice(HOURS)))
        if rng.random() < 0.30:  # edited, a third of them twice
            for _ in range(2 if rng.random() < 1 / 3 else 1):
                entry.versions.append((rng.choice((*BILLED, base)), rng.choice(HOURS)))
        entry.deleted = rng.random() < 0.10
        entries.append(entry)
    return entries


def simulate(n: int, workdir: Path, *, seed: int = 11, threads: int = 4) -> Figures:
    rng = random.Random(seed)
    entries = plan(n, rng)
    figures = Figures(entries=n)
    started = time.perf_counter()
    settings = Settings(sqlite_path=workdir / "t.sqlite3", llm_provider="none",
                        rules_dir=REPO / "sow_rules", max_body_bytes=65_536)  # fmt: skip
    store = SqliteStore(settings.sqlite_path)
    tenant = ensure_demo_tenant(store)
    clock, queue = Clock(), RecordingQueue()
    cascade = build_cascade(settings, load_rulebook(settings.rules_dir), Memory())
    # The fake answers at once: lift the per-company budget (QuickBooks' own pace, 480 calls a
    # minute) so the run times timebill, not the throttle; ``Figures.qbo`` counts the calls.
    unthrottled = RequestBudget(per_minute=1_000_000, burst=1_000, concurrent=threads + 1,
                                max_wait_s=30.0)  # fmt: skip
    with (
        fake_quickbooks(budget=unthrottled) as world,
        TestClient(create_app(lambda: Services(settings, store, queue, clock))) as client,
    ):
        policy = RetryPolicy(max_attempts=50)
        worker = Worker(store, world.writer, lambda _t: cascade, reader=world.reader,
                        clock=clock, policy=policy, lock_wait_s=0.5)  # fmt: skip
        rules = DirectoryRules(settings.rules_dir)
        proposals = Proposals(store, rules, workdir)
        service = ReviewService(store, world.writer, rules, bank=MemoryBank(store),
                                proposals=proposals, clock=clock)  # fmt: skip
        secret = tenant.sources[Source.CLOCKIFY].secrets[0].get_secret_value()

        def deliver(entry: Entry, version: int, event: str) -> None:
            text, duration = entry.versions[min(version, len(entry.versions) - 1)]
            fields = demo_entry(Source.CLOCKIFY, f"{text} (entry {entry.number} v{version})")
            fields["id"] = entry.id
            fields["userId"] = entry.person
            fields["user"] = {"id": entry.person, "name": entry.person, "status": "ACTIVE"}
            sample = cast("dict[str, Any]", fields["timeInterval"])
            day = entry.day.isoformat()
            interval = {k: v.replace("2026-10-14", day) if isinstance(v, str) else v
                        for k, v in sample.items()}  # fmt: skip
            fields["timeInterval"] = {**interval, "duration": duration}
            raw = sample_body(Source.CLOCKIFY, account=DEMO_ACCOUNTS[Source.CLOCKIFY], **fields)
            copies = 2 if rng.random() < 0.20 else 1
            figures.deliveries += copies
            figures.duplicate_deliveries += copies - 1
            for _ in range(copies):
                answer = client.post("/webhooks/clockify/demo", content=raw,
                                     headers=signed_headers(Source.CLOCKIFY, raw, secret,
                                                            event_type=event))  # fmt: skip
                if answer.status_code != 200:
                    figures.problems.append(f"delivery answered {answer.status_code}")

        def work() -> None:
            """Drain the queue on ``threads`` workers, then sweep what is due until none is."""
            for _ in range(200):
                jobs, queue.jobs[:] = list(queue.jobs), []
                jobs += [j for j in store.due(now=clock(), limit=10_000) if j not in jobs]
                if not jobs:
                    return
                with ThreadPoolExecutor(max_workers=threads) as pool:
                    list(pool.map(lambda job: worker.process(*job), jobs))
                clock.advance(61)  # busy entries and retries come due again
            figures.problems.append("work still pending after 200 sweeps")

        for entry in entries:  # 1. every entry created
            deliver(entry, 0, "NEW_TIME_ENTRY")
        work()
        for entry in entries:  # 2. the edits, both of an entry's at once
            for version in range(1, len(entry.versions)):
                figures.edits += 1
                deliver(entry, version, "TIME_ENTRY_UPDATED")
        work()
        approve(service, store, figures, round(n * 0.05), threads)  # 3. people decide
        for entry in entries:  # 4. the deletes
            if entry.deleted:
                deliver(entry, len(entry.versions) - 1, "TIME_ENTRY_DELETED")
        work()
        approve(service, store, figures, round(n * 0.05), threads)
        check(entries, store, world.fake.live(), figures)
        figures.qbo = {"creates": world.fake.creates, "updates": world.fake.updates,
                       "deletes": world.fake.deletes, "reads": world.fake.reads,
                       "requestid replays": world.fake.replays,
                       "stale SyncTokens": world.fake.stale}  # fmt: skip
    figures.accepted = sum(figures.statuses.values())
    figures.seconds = time.perf_counter() - started
    store.close()
    return figures


def approve(
    service: ReviewService, store: SqliteStore, figures: Figures, doubles: int, threads: int
) -> None:
    """Approve every flagged entry as proposed; for ``doubles`` entries in all (5% of the
    entries) the person double-clicks: two submits at once."""
    lock = threading.Lock()

    def submit(item_id: str, reviewer: str) -> None:
        try:
            outcome = service.approve("demo", item_id, reviewer)
        except ReviewConflictError:
            with lock:
                figures.refused_submits += 1
            return
        with lock:
            figures.approvals += 1
            if outcome.status is not Status.POSTED:
                figures.problems.append(f"approval of {item_id} ended {outcome.status}")

    jobs: list[tuple[str, str]] = []
    for item in store.review_queue("demo", limit=100_000):
        jobs.append((item.id, "dana"))
        if figures.double_submits < doubles:
            figures.double_submits += 1
            jobs.append((item.id, "dana"))
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(lambda job: submit(*job), jobs))


def check(entries: list[Entry], store: SqliteStore, live: dict[str, dict[str, Any]],
          figures: Figures) -> None:  # fmt: skip
    by_entry: dict[int, list[dict[str, Any]]] = {}
    for record in live.values():
        found = _TOKEN.search(record.get("Description", ""))
        if found is None:
            figures.problems.append(f"record {record['Id']} names no entry")
            continue
        by_entry.setdefault(int(found[1]), []).append(record)
    figures.live_records = len(live)
    for entry in entries:
        records = by_entry.get(entry.number, [])
        if entry.deleted:
            figures.deleted_entries += 1
            figures.records_of_deleted += len(records)
            continue
        figures.live_entries += 1
        if not records:
            figures.missing += 1
            continue
        figures.duplicates += len(records) - 1
        version = len(entry.versions) - 1
        text, duration = entry.versions[version]
        record = records[0]
        minutes = _minutes(duration)
        said = record["Description"].splitlines()[0]
        if said != f"{text} (entry {entry.number} v{version})" or (
            record.get("Hours", 0) * 60 + record.get("Minutes", 0) != minutes
        ):
            figures.stale_content += 1
    for status, n in Counter(i.status.value for i in store.items("demo", limit=1_000_000)).items():
        figures.statuses[status] = n
    # The person-days' running totals (app.service.live_sums): each the hours of its live
    # entry's latest version, counted once whatever happened to it; a deleted entry's day 0.
    figures.day_expected = sum(
        (Decimal(_minutes(e.versions[-1][1])) / 60 for e in entries if not e.deleted), Decimal(0)
    )
    with closing(sqlite3.connect(store.path)) as conn:
        rows = conn.execute("SELECT key, total FROM tally_totals WHERE key LIKE 'day|%'")
        figures.day_totals = {key: Decimal(total) for key, total in rows}


def _minutes(duration: str) -> int:
    hours = re.search(r"(\d+)H", duration)
    mins = re.search(r"(\d+)M", duration)
    return int(hours[1] if hours else 0) * 60 + int(mins[1] if mins else 0)


def invariants(figures: Figures) -> list[str]:
    """What must hold at the end; empty when everything does."""
    broken = list(figures.problems)
    if figures.live_records != figures.live_entries:
        broken.append(f"{figures.live_records} live records for {figures.live_entries} entries")
    for name in ("duplicates", "stale_content", "missing", "records_of_deleted"):
        if getattr(figures, name):
            broken.append(f"{name}: {getattr(figures, name)}")
    for status in ("received", "processing", "retrying", "dead_letter", "waiting"):
        if figures.statuses.get(status):
            broken.append(f"{figures.statuses[status]} items left {status}")
    if figures.statuses.get("needs_review"):
        broken.append(f"{figures.statuses['needs_review']} items still waiting for a person")
    summed = sum(figures.day_totals.values(), Decimal(0))
    if summed != figures.day_expected or len(figures.day_totals) != figures.entries:
        broken.append(f"the person-days' running totals add up to {summed} h over"
                      f" {len(figures.day_totals)} days, not the live entries'"
                      f" {figures.day_expected} h over {figures.entries}")  # fmt: skip
    if any(total < 0 or total > 3 for total in figures.day_totals.values()):
        broken.append("a person-day's running total is not one entry's hours (0 to 3 h)")
    if figures.refused_submits != figures.double_submits:
        broken.append(f"{figures.refused_submits} second submits refused of "
                      f"{figures.double_submits}")  # fmt: skip
    return broken
