"""The demo firm's October written back to a local fake Clockify and a fake Toggl; prints counts.

    python bench/tracker_writeback.py [--entries N]

The 1,358 entries of ``examples/demo_firm/data/month.csv`` are put in a fake Clockify workspace
and a fake Toggl workspace (``tests/trackers/fakes.py``: Clockify's full-entry PUT with `start`
required and workspace custom fields; Toggl v9 tags and billable, tags refused unless created),
delivered to the production worker (rules and memory stages, no Claude) as the trackers'
webhooks would deliver them, and written back by the production writers
(``ClockifyWriter``, ``TogglWriter``) through httpx into the fakes (respx). Three passes:

1. the month: every entry classified and written (code, review state, reason, billable);
2. the echoes: each entry delivered again as the tracker now holds it (our billable flag, our
   tags, our custom fields): must be classified 0 times and written 0 times;
3. the month again (a replay of every original delivery): nothing new written.

Then every entry in both fakes is checked for its code and review state.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx2  # noqa: E402

httpx2.alias_httpx()  # as the test suite runs: one httpx for every library

import respx  # noqa: E402
from pydantic import SecretStr  # noqa: E402

from app.adapters.clockify_writer import ClockifyWriter  # noqa: E402
from app.adapters.outbox_writer import OutboxWriter  # noqa: E402
from app.adapters.sqlite_store import SqliteStore  # noqa: E402
from app.adapters.toggl_writer import TogglWriter  # noqa: E402
from app.classify.memory import Memory  # noqa: E402
from app.config import Settings  # noqa: E402
from app.domain.entries import Source, TimeEntry  # noqa: E402
from app.domain.inbox import NewItem, SourceAccess, Tenant  # noqa: E402
from app.factory import build_cascade  # noqa: E402
from app.rules.loader import load_rulebook  # noqa: E402
from app.service.worker import Worker  # noqa: E402
from app.sources.exports import read_export  # noqa: E402
from app.sources.webhooks import content_hash  # noqa: E402
from tests.trackers.fakes import FakeClockify, FakeToggl  # noqa: E402

MONTH = REPO / "examples/demo_firm/data/month.csv"
WORKSPACE, TOGGL_WS, KEY, TOKEN = "bench-clockify-ws", 4242, "bench-key", "bench-token"


@dataclass
class Pass:
    name: str
    statuses: Counter[str]
    notes: Counter[str]
    classified: int
    clockify_puts: int
    toggl_puts: int
    seconds: float


class Counting:
    """The cascade, counting the entries it classifies (an echo must cost none)."""

    def __init__(self, cascade: Any) -> None:
        self.cascade, self.calls = cascade, 0
        self.book = cascade.book

    def classify(self, entry: TimeEntry) -> Any:
        self.calls += 1
        return self.cascade.classify(entry)


def tenant() -> Tenant:
    def access(account: str, key: str) -> SourceAccess:
        return SourceAccess(secrets=(SecretStr("s" * 24),), accounts=(account,),
                            api_key=SecretStr(key), writes="tracker")  # fmt: skip

    return Tenant(id="demo", name="Kestrel Ridge Advisory (bench)", sources={
        Source.CLOCKIFY: access(WORKSPACE, KEY), Source.TOGGL: access(str(TOGGL_WS), TOKEN)})  # fmt: skip


def as_tracker(entry: TimeEntry, source: Source) -> TimeEntry:
    """The export's entry as that tracker holds it (its own id; Toggl's numeric)."""
    digest = hashlib.sha256(entry.external_id.encode()).hexdigest()
    ident = digest[:24] if source is Source.CLOCKIFY else str(int(digest[:12], 16))
    moved = entry.model_copy(update={"source": source, "external_id": ident, "tenant": "demo"})
    return moved.model_copy(update={"version": content_hash(moved)})


def seed(entry: TimeEntry, clockify: FakeClockify, toggl: FakeToggl) -> None:
    start = (entry.start or datetime(2026, 10, 1, tzinfo=UTC)).isoformat()
    if entry.source is Source.CLOCKIFY:
        clockify.entries[entry.external_id] = {
            "id": entry.external_id, "description": entry.description, "billable":
            bool(entry.billable_flag), "projectId": "p", "taskId": None, "tagIds": [],
            "type": "REGULAR", "workspaceId": WORKSPACE, "customFieldValues": [],
            "timeInterval": {"start": start, "end": (entry.end or entry.start or start)
                             and str(entry.end or start)},
        }  # fmt: skip
    else:  # the person's own tags exist in the workspace already
        for tag in entry.tags:
            if tag not in toggl.tags.values():
                toggl.tags[100 + len(toggl.tags)] = tag
        toggl.entries[int(entry.external_id)] = {
            "id": int(entry.external_id), "workspace_id": TOGGL_WS, "tags": list(entry.tags),
            "billable": bool(entry.billable_flag), "description": entry.description}  # fmt: skip


def as_held(entry: TimeEntry, clockify: FakeClockify, toggl: FakeToggl) -> TimeEntry:
    """The entry as the tracker holds it after our write: what its webhook now says."""
    if entry.source is Source.CLOCKIFY:
        held = clockify.entries[entry.external_id]
        changed = {"billable_flag": held["billable"]}
    else:
        held = toggl.entries[int(entry.external_id)]
        changed = {"billable_flag": held["billable"], "tags": tuple(held["tags"])}
    moved = entry.model_copy(update=changed)
    return moved.model_copy(update={"version": content_hash(moved)})


def deliver(store: SqliteStore, worker: Worker, entries: list[TimeEntry], tag: str) -> Counter[str]:
    notes: Counter[str] = Counter()
    for n, entry in enumerate(entries):
        item, _ = store.accept(NewItem(
            tenant="demo", source=entry.source, dedupe_key=f"{tag}:{n}:{entry.version}",
            event_type="time_entry.updated", entry=entry, received_at=datetime.now(UTC)))  # fmt: skip
        status = worker.process("demo", item.id)
        found = store.get("demo", item.id)
        note = (found.last_error or "") if found else ""
        notes[
            f"{status.value if status else 'none'}: {note.split(' (')[0].split(' since')[0]}"
        ] += 1
    return notes


def run_pass(name: str, entries: list[TimeEntry], rig: tuple[Any, ...]) -> Pass:
    store, worker, counting, clockify, toggl = rig
    before = (counting.calls, clockify.puts, toggl.puts)
    started = time.perf_counter()
    notes = deliver(store, worker, entries, name)
    statuses: Counter[str] = Counter()
    for k, v in notes.items():
        statuses[k.split(":")[0]] += v
    return Pass(name, statuses, notes, counting.calls - before[0], clockify.puts - before[1],
                toggl.puts - before[2], time.perf_counter() - started)  # fmt: skip


def carried(clockify: FakeClockify, toggl: FakeToggl) -> tuple[int, int, int, int]:
    """Entries carrying a code (or ``review`` when no code applies) and a review state."""
    c_code = sum(1 for i in clockify.entries if clockify.value(i, "timebill_code") is not None
                 and clockify.value(i, "timebill_review") in ("ok", "review"))  # fmt: skip
    c_review = sum(1 for i in clockify.entries if clockify.value(i, "timebill_review") == "review")
    t_code = sum(1 for e in toggl.entries.values()
                 if any(t.startswith("code:") or t == "review" for t in e["tags"]))  # fmt: skip
    t_review = sum(1 for e in toggl.entries.values() if "review" in e["tags"])
    return c_code, c_review, t_code, t_review


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=0, help="first N entries (0: all)")
    args = parser.parse_args()
    month = read_export(MONTH).entries
    month = month[: args.entries] if args.entries else month
    entries = [as_tracker(e, s) for s in (Source.CLOCKIFY, Source.TOGGL) for e in month]
    clockify, toggl = FakeClockify(WORKSPACE, KEY), FakeToggl(TOGGL_WS, TOKEN)
    for entry in entries:
        seed(entry, clockify, toggl)
    settings = Settings(llm_provider="none")
    counting = Counting(build_cascade(settings, load_rulebook(REPO / "sow_rules"), Memory()))
    with tempfile.TemporaryDirectory(prefix="timebill-trackers-") as folder, respx.mock() as router:
        clockify.install(router)
        toggl.install(router)
        store = SqliteStore(Path(folder) / "t.sqlite3")
        store.put_tenant(tenant())
        trackers = {Source.CLOCKIFY: ClockifyWriter(), Source.TOGGL: TogglWriter()}
        worker = Worker(store, OutboxWriter(Path(folder) / "outbox"), lambda _t: counting,  # type: ignore[arg-type,return-value]
                        trackers=trackers)  # fmt: skip
        rig = (store, worker, counting, clockify, toggl)
        first = run_pass("month", entries, rig)
        echoes = run_pass("echoes", [as_held(e, clockify, toggl) for e in entries], rig)
        again = run_pass("month again", entries, rig)
        store.close()
    report(len(month), [first, echoes, again], carried(clockify, toggl), clockify, toggl)
    ok = echoes.classified == echoes.clockify_puts == echoes.toggl_puts == 0
    ok = ok and again.clockify_puts == again.toggl_puts == 0
    return 0 if ok else 1


def report(n: int, passes: list[Pass], marks: tuple[int, int, int, int], clockify: FakeClockify,
           toggl: FakeToggl) -> None:  # fmt: skip
    print(f"entries                 {n} in Clockify, {n} in Toggl")
    for p in passes:
        states = ", ".join(f"{k} {v}" for k, v in sorted(p.statuses.items()))
        print(f"{p.name:<23} classified {p.classified}; Clockify PUTs {p.clockify_puts}, "
              f"Toggl PUTs {p.toggl_puts}; {states}; {p.seconds:.1f} s")  # fmt: skip
        for note, count in p.notes.most_common(4):
            print(f"{'':<25}{count:>5}  {note}")
    c_code, c_review, t_code, t_review = marks
    print(f"Clockify entries marked {c_code}/{len(clockify.entries)} (review {c_review}); "
          f"custom fields {sorted(clockify.fields.values())}")  # fmt: skip
    ours = sum(1 for name in toggl.tags.values() if name.startswith("code:") or name == "review")
    print(f"Toggl entries marked    {t_code}/{len(toggl.entries)} (review {t_review}); "
          f"tags of ours created {ours}")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
