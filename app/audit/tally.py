"""The audit's result, counted one audited entry at a time.

``Tally`` takes each entry's audit and findings as they come (the whole-file audit and the
stream feed it the same way) and keeps only sums, counts and the top entries; ``Tally.result``
puts them, and what the run knows about its files, into the ``AuditResult``. The findings
themselves are the caller's: a list for the whole-file audit, a spool sorted on disk for the
stream (``finding_runs.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from app.audit.billing import BilledBasis
from app.audit.caps import ZERO
from app.audit.certainty import evidence_notes
from app.audit.invoices import InvoiceFile, InvoiceLine, Matching
from app.audit.leakage import EntryAudit, approval_differs, approval_gap
from app.audit.model import (
    ApprovedCodes,
    Assumptions,
    AuditResult,
    CapUsage,
    Finding,
    InvoiceSource,
    InvoiceSummary,
    SourceFile,
)
from app.audit.totals import Totals
from app.classify.policy import cents
from app.domain.rulebook import RuleBook

MAX_PROBLEMS_SHOWN = 100


@dataclass
class Problems:
    """Problems of one kind in the order found: the first ``MAX_PROBLEMS_SHOWN`` kept, all
    counted."""

    kept: list[str] = field(default_factory=list)
    count: int = 0

    def add(self, problem: object) -> None:
        self.count += 1
        if len(self.kept) < MAX_PROBLEMS_SHOWN:
            self.kept.append(str(problem))


@dataclass
class Tally:
    """What the audit counts per entry besides ``Totals``."""

    totals: Totals
    first: date | None = None
    last: date | None = None
    code_certain: int = 0
    labelled: int = 0
    differing: int = 0
    differing_in_money: int = 0
    invoiced: int = 0
    export_invoiced: bool = False

    @classmethod
    def new(cls, top: int, assumptions: Assumptions) -> Tally:
        return cls(Totals(top, assumptions))

    def add(self, a: EntryAudit, found: Sequence[Finding]) -> None:
        self.totals.add(a, found)
        day = a.entry.work_date
        self.first = day if self.first is None else min(self.first, day)
        self.last = day if self.last is None else max(self.last, day)
        self.code_certain += a.code_certain
        if a.replay is not None:
            self.labelled += 1
            if approval_differs(a):
                self.differing += 1
                self.differing_in_money += approval_gap(a) is not None
        self.invoiced += bool(a.billed.billed) and a.billed.from_invoices
        self.export_invoiced |= a.billed.basis is BilledBasis.EXPORT_INVOICED

    def add_unmatched(self, lines: Sequence[InvoiceLine]) -> None:
        for line in lines:
            self.totals.add_unmatched(line)


@dataclass(frozen=True)
class RunFacts:
    """What the run knows besides the entries: rules, files, invoices, approvals, problems."""

    book: RuleBook
    claude_used: bool
    label_column: str | None
    sources: list[SourceFile]
    caps: list[CapUsage]
    problems: list[Problems]  # in the order shown: rows, billing cells, invoices, approvals
    unknown_codes: int
    invoices: tuple[InvoiceFile, Matching] | None = None


def result(tally: Tally, facts: RunFacts, findings: list[Finding]) -> AuditResult:
    """The ``AuditResult``; ``findings`` sorted by (date, entry key, kind), or empty when the
    caller writes them from a spool."""
    t = tally.totals
    invoice_summary, approved = _invoice_summary(tally, facts), _approved(tally, facts)
    shown = [p for kind in facts.problems for p in kind.kept]
    return AuditResult(
        period_start=tally.first, period_end=tally.last, currency=_currency(facts.book),
        rules_versions=_versions(facts.book), claude_used=facts.claude_used,
        sources=facts.sources, invoices=invoice_summary, approved=approved,
        evidence=evidence_notes(
            invoice_summary.source, approved.entries, approved.differing,
            approved.column or "--history",
        ),
        overall=t.overall(), kinds=t.kinds(), by_client_month=t.by_client_month(),
        by_client=t.by_client(), by_month=t.by_month(), by_code=t.by_code(),
        stages=t.stages(), entries_code_certain=tally.code_certain,
        confidence=t.confidence(), caps=facts.caps, pending=t.pending(),
        top_entries=t.top_entries(), findings=findings, before_after=t.before_after(),
        problems=shown[:MAX_PROBLEMS_SHOWN],
        problem_count=sum(kind.count for kind in facts.problems),
    )  # fmt: skip


def _approved(tally: Tally, facts: RunFacts) -> ApprovedCodes:
    return ApprovedCodes(
        column=facts.label_column, entries=tally.labelled, differing=tally.differing,
        differing_in_money=tally.differing_in_money, unknown_codes=facts.unknown_codes,
    )  # fmt: skip


def _invoice_summary(tally: Tally, facts: RunFacts) -> InvoiceSummary:
    if facts.invoices is None:
        source = InvoiceSource.EXPORT_COLUMNS if tally.export_invoiced else InvoiceSource.NONE
        return InvoiceSummary(source=source, invoiced_entries=tally.invoiced)
    invoices, matching = facts.invoices
    unmatched = [line for line in matching.unmatched if line.invoiced]
    return InvoiceSummary(
        source=InvoiceSource.QUICKBOOKS_FILE, file=invoices.path.name, lines=len(invoices.lines),
        matched_lines=sum(len(lines) for lines in matching.by_entry.values()),
        unmatched_lines=len(matching.unmatched),
        unmatched_amount=cents(sum((line.amount for line in unmatched), ZERO)),
        invoiced_entries=tally.invoiced,
    )  # fmt: skip


def _currency(book: RuleBook) -> str:
    counts = Counter(c.sow.currency for c in book.clients.values())
    return counts.most_common(1)[0][0] if counts else "USD"


def _versions(book: RuleBook) -> dict[str, str]:
    return {"_firm": book.firm_version, **dict(sorted(book.versions.items()))}
