"""``timebill audit``: replay a period's exports through the cascade and price what leaked."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from app.audit.invoices import InvoiceFormatError, read_invoices
from app.audit.kinds import KINDS
from app.audit.model import Assumptions, AuditResult, InvoiceSource
from app.audit.outputs import write_outputs
from app.audit.report_html import ReportNames, names_from_book, write_report
from app.audit.stream import StreamedAudit, audit_stream
from app.audit.tally import Tally
from app.classify.batch import learn_history
from app.classify.memory import Memory
from app.cli.console import console, errors, progress_bar
from app.cli.jobs.claude_batch import (
    Batched,
    BatchMode,
    BatchStopped,
    batched_cascade,
    claude_problem,
    stopped,
)
from app.cli.jobs.streaming import batch_gc, settle_heap
from app.config import Settings
from app.domain.entries import TimeEntry
from app.domain.rulebook import RuleBook
from app.factory import build_cascade
from app.rules.loader import RulesError, load_rulebook
from app.sources.exports import ExportFormatError, ExportStream, open_export

EXIT_OK, EXIT_BAD_INPUT = 0, 2
TOP_SHOWN = 5


@dataclass(frozen=True)
class AuditRequest:
    """What ``timebill audit`` was asked for."""

    exports: Sequence[Path]
    out: Path
    history: Path | None = None
    label_column: str = "Approved Code"
    invoices: Path | None = None
    assumptions: Assumptions = field(default_factory=Assumptions)
    top: int = 20
    claude: bool = False  # Claude required, not only used when a key happens to be set
    batch: BatchMode | None = None  # Claude's entries through the Message Batches API


def run_audit(settings: Settings, request: AuditRequest) -> int:
    """Audit the exports, write the files, print the summary. 0 on success, 2 on bad input
    (1 when a batch's estimate was declined, 130 when interrupted while it ran). The exports
    are read in a stream: memory does not grow with their size."""
    problem = claude_problem(settings, claude=request.claude, batch=request.batch is not None)
    if problem is not None:
        errors.print(f"[red]error:[/] {escape(str(problem))}", soft_wrap=True)
        return EXIT_BAD_INPUT
    with batch_gc():
        return _run_audit(settings, request)


def _run_audit(settings: Settings, request: AuditRequest) -> int:
    try:
        streamed, names = _audit(settings.for_batch(), request)
    except (RulesError, ExportFormatError, InvoiceFormatError) as exc:
        errors.print(f"[red]error:[/] {escape(str(exc))}")
        return EXIT_BAD_INPUT
    except BatchStopped as exc:
        return stopped(exc)
    except OSError as exc:
        errors.print(f"[red]error:[/] {exc.filename or ''}: {exc.strerror or exc}")
        return EXIT_BAD_INPUT
    result = streamed.result
    try:
        paths = [
            *write_outputs(result, request.out, streamed.findings),
            write_report(result, request.out, names),
        ]
    finally:
        streamed.close()
    print_audit(result)
    console.print(f"Wrote {', '.join(p.name for p in paths)} in [bold]{request.out}[/]")
    return EXIT_OK


def _audit(settings: Settings, request: AuditRequest) -> tuple[StreamedAudit, ReportNames]:
    book = load_rulebook(settings.rules_dir)
    streams = [open_export(path) for path in request.exports]
    invoices = read_invoices(request.invoices, book) if request.invoices else None
    memory = _memory(settings, book, request)
    batched: Batched | None = None
    if request.batch is not None:
        batched = batched_cascade(settings, book, memory, _Entries(streams), request.batch)
        cascade, concurrency = batched.cascade, 1  # answers are already here: no calls
    else:
        cascade = build_cascade(settings, book, memory)
        concurrency = settings.llm_concurrency if settings.llm_enabled else 1
    labels = _history_labels(request)
    settle_heap()
    total, tally = sum(s.size for s in streams), Tally.new(request.top, request.assumptions)
    with progress_bar(f"Auditing {total:,} rows", total) as tick:
        streamed = audit_stream(
            cascade, streams, tally=tally, claude_used=settings.llm_enabled,
            invoices=invoices, labels=labels, label_column=request.label_column,
            concurrency=concurrency, progress=tick,
        )  # fmt: skip
    if batched is not None:
        batched.finish()
    return streamed, names_from_book(book)


class _Entries:
    """The exports' entries for a Claude batch, each entry once: counted, read when iterated."""

    def __init__(self, streams: Sequence[ExportStream]) -> None:
        self.streams = streams
        self.size: int | None = None

    def __len__(self) -> int:
        if self.size is None:
            self.size = sum(1 for _ in self)
        return self.size

    def __iter__(self) -> Iterator[TimeEntry]:
        seen: set[str] | None = set() if len(self.streams) > 1 else None
        for stream in self.streams:
            for entry in stream.entries():
                if seen is not None:
                    if entry.key in seen:
                        continue
                    seen.add(entry.key)
                yield entry


def _history_labels(request: AuditRequest) -> dict[str, str]:
    """The approved codes of ``--history`` by entry key (an audited export's own label column
    is read by the audit itself)."""
    if request.history is None or request.history.resolve() in {
        p.resolve() for p in request.exports
    }:
        return {}
    history = open_export(request.history, label_column=request.label_column)
    return {r.entry.key: r.label for r in history.rows() if r.entry is not None and r.label}


def _memory(settings: Settings, book: RuleBook, request: AuditRequest) -> Memory:
    memory = Memory(settings.memory_min_similarity)
    if request.history is not None:
        learned, problems = learn_history(book, memory, request.history, request.label_column)
        for problem in problems[:20]:
            errors.print(f"[yellow]skipped[/] {escape(str(problem))}")
        console.print(f"Memory: learned {learned} approved entries from {request.history}")
    return memory


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


_SOURCES = {
    InvoiceSource.QUICKBOOKS_FILE: "QuickBooks file {file}",
    InvoiceSource.EXPORT_COLUMNS: "the export's Invoiced column",
    InvoiceSource.NONE: "no invoice data: the Billable tick stands in",
}


def print_audit(result: AuditResult) -> None:
    """A short summary: headline, kinds, who decided, top entries, before/after."""
    o, inv = result.overall, result.invoices
    console.rule(f"Audit {result.period_start} to {result.period_end}")
    source = _SOURCES[inv.source].format(file=inv.file)
    console.print(
        f"{o.entries:,} entries, {o.hours:,.2f} h; as logged {_money(o.logged_amount)}, "
        f"as the SOW says {_money(o.sow_amount)}, as invoiced {_money(o.invoiced_amount)} "
        f"({source}); {result.currency}"
    )
    console.print(_kinds_table(result))
    console.print(
        f"Leakage: [bold]{_money(o.leakage_certain)}[/] certain, {_money(o.leakage_at_risk)} "
        f"at risk, {_money(o.leakage_needs_decision)} needing a decision. Overbilled: "
        f"[bold]{_money(o.overbilled_certain)}[/] certain, "
        f"{_money(o.overbilled_needs_decision)} needing a decision."
    )
    _print_decided(result)
    for note in result.evidence:
        console.print(f"[dim]Assumed:[/] {note}")
    console.print(_top_table(result))
    _print_effort(result)
    if result.problem_count:
        console.print(f"[yellow]{result.problem_count} row problem(s); see audit.json[/]")


def _print_effort(result: AuditResult) -> None:
    ba = result.before_after
    console.print(
        f"Before/after: {ba.manual_hours:,.1f} h reading every entry by hand vs "
        f"{ba.timebill_hours:,.1f} h reviewing {ba.flagged_entries:,} flagged entries "
        f"({abs(ba.share_saved):.0%} {'saved' if ba.share_saved >= 0 else 'more'}; "
        "assumptions in audit.json)"
    )


def _kinds_table(result: AuditResult) -> Table:
    table = Table(title="What leaked, and what was overbilled", title_justify="left")
    for name in ("kind", "findings", "hours", "certain", "at risk", "needs a decision"):
        table.add_column(name, justify="left" if name == "kind" else "right")
    for row in result.kinds:
        table.add_row(
            KINDS[row.kind].label, f"{row.findings:,}", f"{row.hours:,.2f}",
            _money(row.certain), _money(row.at_risk), _money(row.needs_decision),
        )  # fmt: skip
    return table


def _print_decided(result: AuditResult) -> None:
    shares = ", ".join(f"{s.stage} {s.share:.1%}" for s in result.stages if s.entries)
    p = result.pending
    console.print(
        f"Who decided: {shares}. Needs a decision: {p.entries:,} entries, {p.hours:,.2f} h "
        f"(proposed value {_money(p.proposed_sow_amount)}; {p.no_code_entries:,} with no code)"
    )


def _top_table(result: AuditResult) -> Table:
    table = Table(title="Top entries by money at stake", title_justify="left")
    for name in ("value", "kinds", "certainty", "client", "date", "description"):
        table.add_column(name, justify="right" if name == "value" else "left")
    for top in result.top_entries[:TOP_SHOWN]:  # an export's text as written: never markup
        table.add_row(
            _money(top.value), ", ".join(k.value for k in top.kinds), top.certainty.value,
            Text(top.client), str(top.work_date), Text(top.description[:48]),
        )  # fmt: skip
    return table


def assumptions(
    manual_minutes: float | None, review_minutes: float | None, setup_hours: float | None
) -> Assumptions:
    """The before/after assumptions, defaults where an option was not given."""
    given = {
        "manual_minutes_per_entry": manual_minutes,
        "review_minutes_per_flagged_entry": review_minutes,
        "setup_hours": setup_hours,
    }
    return Assumptions(**{k: v for k, v in given.items() if v is not None})
