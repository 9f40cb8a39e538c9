"""The leakage audit: replay a period's entries through the cascade and price what leaked.

``load_exports`` reads the tracker exports (an entry in several files counts once);
``audit`` classifies every entry with the same cascade as ``timebill classify`` (rules, memory,
Claude when configured), applies the sums across the whole period (caps span the files), reads
what was logged and billed, and returns an ``AuditResult`` (``model.py``): per-entry findings
(``leakage.py``), caps (``caps.py``), totals (``totals.py``). ``outputs.py`` writes it out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from app.audit import totals
from app.audit.approved import Approved, apply_approved, corroborated
from app.audit.billing import (
    Billed,
    BilledBasis,
    ExportBilling,
    Logged,
    from_export,
    from_invoice_file,
)
from app.audit.caps import ZERO, CapLedger, OverCap
from app.audit.certainty import evidence_notes
from app.audit.invoices import InvoiceFile, InvoiceLine, Matching, match_lines
from app.audit.leakage import (
    EntryAudit,
    approval_differs,
    approval_gap,
    client_label,
    entry_audit,
    findings,
)
from app.audit.model import (
    ApprovedCodes,
    Assumptions,
    AuditResult,
    Finding,
    InvoiceSource,
    InvoiceSummary,
    SourceFile,
)
from app.classify.batch import Progress, classify_entries
from app.classify.cascade import Cascade
from app.classify.policy import cents
from app.classify.sums import apply_sums
from app.domain.decisions import Decision
from app.domain.entries import TimeEntry
from app.domain.rulebook import RuleBook
from app.sources.exports import ImportedRow, ImportResult, read_export

MAX_PROBLEMS_SHOWN = 100


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
        self.found: list[Finding] = [f for a in self.audits for f in findings(a)]

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

    @property
    def unmatched(self) -> list[InvoiceLine]:
        return self.matching.unmatched if self.matching else []

    def result(self, options: AuditOptions) -> AuditResult:
        a, f, u = self.audits, self.found, self.unmatched
        decisions = [x.replay or x.decision for x in a]  # who decided: the replay
        days = [x.entry.work_date for x in a]
        problems = self._problems()
        invoice_summary, approved = self._invoice_summary(), self._approved(options)
        return AuditResult(
            period_start=min(days, default=None), period_end=max(days, default=None),
            currency=self._currency(), rules_versions=self._versions(),
            claude_used=options.claude_used, sources=self._sources(),
            invoices=invoice_summary, approved=approved,
            evidence=evidence_notes(
                invoice_summary.source, approved.entries, approved.differing,
                approved.column or "--history",
            ),
            overall=totals.overall(a, f, u),
            kinds=totals.kinds(f), by_client_month=totals.by_client_month(a, f, u),
            by_client=totals.by_client(a, f, u), by_month=totals.by_month(a, f, u),
            by_code=totals.by_code(a, f), stages=totals.stages(decisions),
            entries_code_certain=sum(x.code_certain for x in a),
            confidence=totals.confidence(decisions), caps=self.caps,
            pending=totals.pending(a, f), top_entries=totals.top_entries(f, options.top),
            findings=sorted(f, key=lambda x: (x.work_date, x.entry_key, x.kind.value)),
            before_after=totals.before_after(a, f, options.assumptions),
            problems=problems[:MAX_PROBLEMS_SHOWN], problem_count=len(problems),
        )  # fmt: skip

    def _approved(self, options: AuditOptions) -> ApprovedCodes:
        labelled = [x for x in self.audits if x.replay is not None]
        differing = [x for x in labelled if approval_differs(x)]
        return ApprovedCodes(
            column=options.label_column, entries=len(labelled), differing=len(differing),
            differing_in_money=sum(approval_gap(x) is not None for x in differing),
            unknown_codes=len(self.approved.problems),
        )  # fmt: skip

    def _problems(self) -> list[str]:
        found = [p for s in self.loaded.sources for p in s.problems]
        found += [p for b in self.billing.values() for p in b.problems]
        found += self.invoices.problems if self.invoices else []
        return [str(p) for p in found] + self.approved.problems

    def _currency(self) -> str:
        counts = Counter(c.sow.currency for c in self.book.clients.values())
        return counts.most_common(1)[0][0] if counts else "USD"

    def _versions(self) -> dict[str, str]:
        return {"_firm": self.book.firm_version, **dict(sorted(self.book.versions.items()))}

    def _sources(self) -> list[SourceFile]:
        kept = Counter(id(source) for source, _ in self.loaded.rows)
        pairs = zip(self.loaded.sources, self.loaded.duplicates, strict=True)
        return [_source_file(s, kept[id(s)], duplicates) for s, duplicates in pairs]

    def _invoice_summary(self) -> InvoiceSummary:
        billed = [x.billed for x in self.audits]
        invoiced = sum(bool(b.billed) and b.from_invoices for b in billed)
        if self.invoices is None or self.matching is None:
            has_columns = any(b.basis is BilledBasis.EXPORT_INVOICED for b in billed)
            source = InvoiceSource.EXPORT_COLUMNS if has_columns else InvoiceSource.NONE
            return InvoiceSummary(source=source, invoiced_entries=invoiced)
        return _file_summary(self.invoices, self.matching, invoiced)


def _file_summary(invoices: InvoiceFile, matching: Matching, invoiced: int) -> InvoiceSummary:
    unmatched = [line for line in matching.unmatched if line.invoiced]
    return InvoiceSummary(
        source=InvoiceSource.QUICKBOOKS_FILE, file=invoices.path.name, lines=len(invoices.lines),
        matched_lines=sum(len(lines) for lines in matching.by_entry.values()),
        unmatched_lines=len(matching.unmatched),
        unmatched_amount=cents(sum((line.amount for line in unmatched), ZERO)),
        invoiced_entries=invoiced,
    )  # fmt: skip


def _source_file(source: ImportResult, kept: int, duplicates: int) -> SourceFile:
    return SourceFile(
        file=source.path.name, format=source.format, rows=len(source.rows), entries=kept,
        unreadable_rows=sum(r.entry is None for r in source.rows), duplicates_skipped=duplicates,
    )  # fmt: skip
