"""The leakage audit: replay a period's entries through the cascade and price what leaked.

``load_exports`` reads the tracker exports (an entry in several files counts once);
``audit`` classifies every entry with the same cascade as ``timebill classify`` (rules, memory,
Claude when configured), applies the sums across the whole period (caps span the files), reads
what was logged and billed, and returns an ``AuditResult`` (``model.py``): per-entry findings
(``leakage.py``), caps (``caps.py``), totals (``totals.py``). ``outputs.py`` writes it out.

``audit`` holds every row of the period; ``timebill audit`` runs ``stream.audit_stream``, which
gives the same result and findings from two passes over the files with bounded memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.audit.approved import Approved, apply_approved, corroborated
from app.audit.billing import Billed, ExportBilling, Logged, from_export, from_invoice_file
from app.audit.caps import ZERO, CapLedger, OverCap
from app.audit.invoices import InvoiceFile, match_lines
from app.audit.leakage import EntryAudit, client_label, entry_audit, findings
from app.audit.model import Assumptions, AuditResult, Finding, SourceFile
from app.audit.tally import Problems, RunFacts, Tally, result
from app.classify.batch import Progress, classify_entries
from app.classify.cascade import Cascade
from app.classify.sums import apply_sums
from app.domain.decisions import Decision
from app.domain.entries import TimeEntry
from app.domain.rulebook import RuleBook
from app.sources.exports import ImportedRow, ImportResult, read_export


@dataclass(frozen=True)
class Loaded:
    """The exports of the period; ``rows`` keeps the first row of each entry key."""

    sources: list[ImportResult]
    rows: list[tuple[ImportResult, ImportedRow]]
    duplicates: list[int]  # per source: rows whose entry an earlier row already had

    @property
    def entries(self) -> list[TimeEntry]:
        return [row.entry for _, row in self.rows if row.entry is not None]


def labels_of(loaded: Loaded, column: str | None) -> dict[str, str]:
    """Entry key -> the approved code in the export's ``column``, where the row has one."""
    if column is None:
        return {}
    found = ((row.entry, row.raw.get(column, "").strip()) for _, row in loaded.rows)
    return {entry.key: code for entry, code in found if entry is not None and code}


def load_exports(paths: Sequence[Path]) -> Loaded:
    """Read every export; raises ``ExportFormatError`` (or ``OSError``) for a bad file."""
    sources = [read_export(path) for path in paths]
    seen: set[str] = set()
    rows: list[tuple[ImportResult, ImportedRow]] = []
    duplicates = [0] * len(sources)
    for n, source in enumerate(sources):
        for row in source.rows:
            if row.entry is None:
                continue
            if row.entry.key in seen:
                duplicates[n] += 1
                continue
            seen.add(row.entry.key)
            rows.append((source, row))
    return Loaded(sources, rows, duplicates)


@dataclass(frozen=True)
class AuditOptions:
    assumptions: Assumptions = field(default_factory=Assumptions)
    top: int = 20
    concurrency: int = 1
    claude_used: bool = False
    label_column: str | None = None  # the approved code, in the exports' own rows


def audit(
    cascade: Cascade,
    loaded: Loaded,
    *,
    invoices: InvoiceFile | None = None,
    options: AuditOptions | None = None,
    progress: Progress | None = None,
    labels: Mapping[str, str] | None = None,
) -> AuditResult:
    """Audit ``loaded``; ``labels`` (entry key -> approved code, e.g. from ``--history``) and
    the exports' ``options.label_column`` give approved codes, which outrank the replay."""
    options = options or AuditOptions()
    entries = loaded.entries
    classified = classify_entries(
        cascade, entries, concurrency=options.concurrency, progress=progress
    )
    approved_codes = {**(labels or {}), **labels_of(loaded, options.label_column)}
    approved = apply_approved(cascade.book, entries, classified, approved_codes)
    decisions, _ = apply_sums(cascade.book, entries, approved.decisions)
    agreed = _corroborated(cascade, entries, decisions, approved.replays)
    run = _Run(cascade.book, loaded, decisions, invoices, (approved, agreed))
    return run.result(options)


def _corroborated(
    cascade: Cascade,
    entries: Sequence[TimeEntry],
    decisions: Sequence[Decision],
    replays: Sequence[Decision | None],
) -> set[int]:
    """Entries with no approved code, unticked, billable under the SOW, that every local stage
    agrees on: the only ones whose "marked non-billable" can be certain without an approval."""
    asked = (
        i
        for i, (e, d) in enumerate(zip(entries, decisions, strict=True))
        if replays[i] is None and d.billable and e.billable_flag is False
    )
    return {i for i in asked if corroborated(cascade, entries[i])}


class _Run:
    """One audit: the three views of every entry, then the findings and the totals."""

    def __init__(
        self,
        book: RuleBook,
        loaded: Loaded,
        decisions: list[Decision],
        invoices: InvoiceFile | None,
        evidence: tuple[Approved, set[int]],
    ) -> None:
        self.book, self.loaded, self.invoices = book, loaded, invoices
        self.approved, self.agreed = evidence
        self.billing = {id(s): ExportBilling(s) for s in loaded.sources}
        entries = loaded.entries
        clients = [client_label(d) for d in decisions]
        self.matching = match_lines(invoices.lines, entries, clients) if invoices else None
        ledger = CapLedger(book)
        over, past = ledger.run(entries, decisions)
        self.caps = ledger.usage()
        self.audits = self._audits(decisions, clients, (over, past))
        self.found = [findings(a) for a in self.audits]

    def _audits(
        self,
        decisions: list[Decision],
        clients: list[str],
        caps: tuple[dict[int, OverCap], dict[int, Decimal]],
    ) -> list[EntryAudit]:
        doubt = self.matching.unmatched_months() if self.matching else set()
        contexts = {cid: self.book.context(cid) for cid in {d.client_id for d in decisions}}
        audits = []
        for i, ((source, row), d) in enumerate(zip(self.loaded.rows, decisions, strict=True)):
            assert row.entry is not None
            month = row.entry.work_date.strftime("%Y-%m")
            one = entry_audit(
                row.entry, d, contexts[d.client_id], views=self._views(i, source, row),
                over=(caps[0].get(i), caps[1].get(i, ZERO)),
                invoice_doubt=(clients[i], month) in doubt,
                evidence=(self.approved.replays[i], i in self.agreed),
            )  # fmt: skip
            audits.append(one)
        return audits

    def _views(self, i: int, source: ImportResult, row: ImportedRow) -> tuple[Logged, Billed]:
        assert row.entry is not None
        billing = self.billing[id(source)]
        logged = billing.logged(row, row.entry)
        if self.matching is not None:
            return logged, from_invoice_file(self.matching.by_entry.get(i, []))
        return logged, from_export(row.entry, logged, billing.invoiced(row))

    def result(self, options: AuditOptions) -> AuditResult:
        tally = Tally.new(options.top, options.assumptions)
        for a, found in zip(self.audits, self.found, strict=True):
            tally.add(a, found)
        tally.add_unmatched(self.matching.unmatched if self.matching else [])
        every = [f for found in self.found for f in found]
        facts = RunFacts(
            self.book, options.claude_used, options.label_column, self._sources(), self.caps,
            self._problems(), len(self.approved.problems),
            (self.invoices, self.matching) if self.invoices and self.matching else None,
        )  # fmt: skip
        return result(tally, facts, sorted(every, key=finding_order))

    def _problems(self) -> list[Problems]:
        kinds = [Problems() for _ in range(4)]
        for problem in (p for s in self.loaded.sources for p in s.problems):
            kinds[0].add(problem)
        for problem in (p for b in self.billing.values() for p in b.problems):
            kinds[1].add(problem)
        for problem in self.invoices.problems if self.invoices else []:
            kinds[2].add(problem)
        for text in self.approved.problems:
            kinds[3].add(text)
        return kinds

    def _sources(self) -> list[SourceFile]:
        kept = Counter(id(source) for source, _ in self.loaded.rows)
        pairs = zip(self.loaded.sources, self.loaded.duplicates, strict=True)
        return [_source_file(s, kept[id(s)], duplicates) for s, duplicates in pairs]


def finding_order(f: Finding) -> tuple[date, str, str]:
    """How findings are listed: by date, entry key and kind."""
    return f.work_date, f.entry_key, f.kind.value


def _source_file(source: ImportResult, kept: int, duplicates: int) -> SourceFile:
    return SourceFile(
        file=source.path.name, format=source.format, rows=len(source.rows), entries=kept,
        unreadable_rows=sum(r.entry is None for r in source.rows), duplicates_skipped=duplicates,
    )  # fmt: skip
