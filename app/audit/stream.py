"""The audit of exports of any size, in two passes over the files, with bounded memory.

``audit`` (``__init__.py``) holds every row; ``audit_stream`` gives the same ``AuditResult``
and findings holding none:

1. every row is read, decided by the cascade (an approved code outranking it), counted into
   the per-period ledgers (the sums' flags: ``period_ledger``; caps and retainer allowances:
   ``cap_stream``) and shown to the invoice matcher (``invoice_stream``); the entry and its
   decisions are spooled to a temporary file in compressed blocks.
2. the spool is read back with each row's cells (the billing columns): each entry gets its
   flags, its part past a cap, what was billed, its findings; the totals are counted as they
   come (``tally``) and the findings spooled in sorted runs (``finding_runs``).

An entry in several files counts once (the first); with more than one file the entry keys seen
are remembered as 64-bit digests.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import NamedTuple

from app.audit.approved import approved_decision, corroborated
from app.audit.billing import ExportBilling, from_export, from_invoice_file
from app.audit.cap_stream import StreamCapLedger
from app.audit.finding_runs import SortedFindings
from app.audit.invoice_stream import LineMatcher
from app.audit.invoices import InvoiceFile, Matching
from app.audit.leakage import client_label, entry_audit, findings
from app.audit.model import AuditResult, SourceFile
from app.audit.tally import Problems, RunFacts, Tally, result
from app.classify.cascade import Cascade
from app.classify.period_ledger import Mark, PeriodLedger
from app.classify.stream import Spool, decide
from app.classify.sums import with_flags
from app.domain.decisions import Decision
from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext
from app.sources.exports import ExportStream, ImportedRow

Progress = Callable[[int], None]


class _Cells(NamedTuple):
    line: int
    raw: dict[str, str]


@dataclass
class StreamedAudit:
    """The result (its ``findings`` left empty) and the findings in order, from a spool:
    iterate ``findings`` once, then ``close``."""

    result: AuditResult
    findings: SortedFindings

    def close(self) -> None:
        self.findings.close()


@dataclass
class _Source:
    """One export's counts for ``SourceFile``."""

    stream: ExportStream
    kept: int = 0
    unreadable: int = 0
    duplicates: int = 0

    def file(self) -> SourceFile:
        s = self.stream
        return SourceFile(
            file=s.path.name, format=s.format, rows=s.size, entries=self.kept,
            unreadable_rows=self.unreadable, duplicates_skipped=self.duplicates,
        )  # fmt: skip


@dataclass
class _Pass:
    """What the first pass keeps for the second."""

    cascade: Cascade
    labels: Mapping[str, str]
    label_column: str | None
    invoices: InvoiceFile | None
    spool: Spool = field(default_factory=Spool)
    problems: list[Problems] = field(default_factory=lambda: [Problems() for _ in range(4)])
    sources: list[_Source] = field(default_factory=list)
    seen: set[int] | None = None  # digests of the entry keys, when there are several files
    kept: int = 0  # entries kept so far (their number for the invoice matcher)
    ledger: PeriodLedger = field(init=False)  # the sums' flags
    caps: StreamCapLedger = field(init=False)  # the part of each entry past a cap
    matcher: LineMatcher | None = field(init=False)

    def __post_init__(self) -> None:
        book = self.cascade.book
        self.ledger, self.caps = PeriodLedger(book), StreamCapLedger(book)
        self.matcher = LineMatcher(self.invoices.lines) if self.invoices else None


def audit_stream(
    cascade: Cascade,
    streams: Sequence[ExportStream],
    *,
    tally: Tally,
    claude_used: bool = False,
    invoices: InvoiceFile | None = None,
    labels: Mapping[str, str] | None = None,
    label_column: str | None = None,
    concurrency: int = 1,
    progress: Progress | None = None,
) -> StreamedAudit:
    """Audit ``streams``, counting into ``tally``; ``labels`` (entry key -> approved code)
    and the exports' ``label_column`` give approved codes, which outrank the replay."""
    state = _Pass(cascade, labels or {}, label_column, invoices)
    state.seen = set() if len(streams) > 1 else None
    try:
        for stream in streams:
            _first_pass(state, _Source(stream), concurrency, progress)
        matching = state.matcher.matching() if state.matcher is not None else None
        found = _second_pass(state, tally, matching)
    finally:
        state.spool.close()
    facts = RunFacts(
        cascade.book, claude_used, label_column, [s.file() for s in state.sources],
        state.caps.usage(), state.problems, state.problems[3].count,
        (invoices, matching) if invoices is not None and matching is not None else None,
    )  # fmt: skip
    return StreamedAudit(result(tally, facts, []), found)


def _first_pass(state: _Pass, source: _Source, concurrency: int, progress: Progress | None) -> None:
    state.sources.append(source)
    duplicate: deque[bool] = deque()
    for row, decision in decide(
        state.cascade, _unique(state, source.stream.rows(), duplicate), concurrency
    ):
        if duplicate.popleft():
            source.duplicates += 1
            state.spool.add(None)
        elif row.entry is None or decision is None:
            source.unreadable += 1
            for problem in row.problems:
                state.problems[0].add(problem)
            state.spool.add(None)
        else:
            source.kept += 1
            state.spool.add(_count(state, row, row.entry, decision))
        if progress is not None:
            progress(1)


def _unique(
    state: _Pass, rows: Iterator[ImportedRow], duplicate: deque[bool]
) -> Iterator[ImportedRow]:
    """The rows; one whose entry an earlier row (of any file) had comes without it (so it is not
    classified again), and ``duplicate`` says which, in the same order."""
    for row in rows:
        again = False
        if state.seen is not None and row.entry is not None:
            digest = int.from_bytes(
                hashlib.blake2b(row.entry.key.encode(), digest_size=8).digest(), "big"
            )
            again = digest in state.seen
            state.seen.add(digest)
        duplicate.append(again)
        yield replace(row, entry=None) if again else row


Item = tuple[TimeEntry, Decision, Decision | None, Mark, bool]  # entry, decision, replay


def _count(state: _Pass, row: ImportedRow, entry: TimeEntry, replay: Decision) -> Item:
    """The first pass for one entry: its approved code, ledgers, invoice candidates."""
    column = state.label_column
    code = (row.raw.get(column, "").strip() if column else "") or state.labels.get(entry.key)
    approved = approved_decision(state.cascade.book, entry, replay, code) if code else None
    if code and approved is None:
        state.problems[3].add(f"{entry.key}: approved code {code!r} is in no rules file")
    d = approved or replay
    mark = state.ledger.count(entry, d)
    state.caps.count(entry, d)
    agreed = (
        approved is None
        and d.billable
        and entry.billable_flag is False
        and corroborated(state.cascade, entry)
    )
    if state.matcher is not None:
        state.matcher.add(state.kept, entry, client_label(d))
    state.kept += 1
    return entry, d, replay if approved else None, mark, agreed


def _second_pass(state: _Pass, tally: Tally, matching: Matching | None) -> SortedFindings:
    """Every kept entry again with its cells: flags, caps, billing, findings, totals."""
    state.ledger.close()
    state.caps.close()
    second = _Second(state, tally, matching)
    items = iter(state.spool)
    try:
        for source in state.sources:
            billing = ExportBilling(source.stream)
            rows = zip(source.stream.raw_rows(), islice(items, source.stream.size), strict=True)
            for (line, raw), item in rows:
                if item is not None:
                    second.entry(billing, _Cells(line, raw), item)
                if billing.problems:  # counted as they come: a file of bad cells holds none
                    for problem in billing.problems:
                        state.problems[1].add(problem)
                    billing.problems.clear()
    except BaseException:
        second.found.close()
        raise
    for problem in state.invoices.problems if state.invoices else []:
        state.problems[2].add(problem)
    tally.add_unmatched(matching.unmatched if matching else [])
    return second.found


class _Second:
    """The second pass over one entry at a time, numbered as the first pass numbered them."""

    def __init__(self, state: _Pass, tally: Tally, matching: Matching | None) -> None:
        self.state, self.tally, self.matching = state, tally, matching
        self.doubt = matching.unmatched_months() if matching else set()
        self.contexts: dict[str | None, ClientContext] = {}
        self.found = SortedFindings()
        self.number = 0

    def entry(self, billing: ExportBilling, cells: _Cells, item: Item) -> None:
        entry, d, replay, mark, agreed = item
        extra = self.state.ledger.flags(d, mark)
        d = with_flags(d, extra) if extra else d
        logged = billing.logged(cells, entry)
        billed = (
            from_invoice_file(self.matching.by_entry.get(self.number, []))
            if self.matching is not None
            else from_export(entry, logged, billing.invoiced(cells))
        )
        if d.client_id not in self.contexts:
            self.contexts[d.client_id] = self.state.cascade.book.context(d.client_id)
        a = entry_audit(
            entry, d, self.contexts[d.client_id], views=(logged, billed),
            over=self.state.caps.over(entry, d),
            invoice_doubt=(client_label(d), entry.work_date.strftime("%Y-%m")) in self.doubt,
            evidence=(replay, agreed),
        )  # fmt: skip
        found = findings(a)
        self.tally.add(a, found)
        self.found.add(found)
        self.number += 1
