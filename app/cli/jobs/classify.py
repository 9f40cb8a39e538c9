"""The CLI's use cases. Each returns a process exit code and prints for a person."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from rich.markup import escape

from app.classify.batch import (
    BatchResult,
    classify_source,
    write_classified,
)
from app.classify.calibration import Calibration
from app.classify.evaluation import (
    LlmFigures,
    TruthFileError,
    llm_figures,
    truth_from_file,
)
from app.classify.learned_cache import cached_evidence
from app.classify.memory import Memory
from app.classify.rules_stage import RulesStage
from app.classify.summary import Accuracy, score, summarise
from app.cli.console import console, errors, print_accuracy, print_summary, progress_bar
from app.cli.jobs.claude_batch import (
    Batched,
    BatchMode,
    batched_cascade,
)
from app.config import Settings
from app.domain.rulebook import RuleBook
from app.factory import build_cascade
from app.rules.backtest import back_test, read_labelled
from app.rules.backtest_report import as_json, below_floor, print_backtest
from app.rules.examples import run_examples
from app.rules.loader import RulesError, load_rulebook
from app.rules.reach import unreached_notes
from app.sources.exports import ExportFormatError, ImportProblem, read_export

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
REPO = Path(__file__).resolve().parents[3]
DEMO_DATA = REPO / "examples" / "demo_firm" / "data"
DEMO_RULES = REPO / "sow_rules"


KEPT = "unreadable, kept in the output and flagged import_error:"


def report_problems(
    problems: Sequence[ImportProblem],
    limit: int = 20,
    *,
    verdict: str = KEPT,
    total: int | None = None,
) -> None:
    """The first ``limit`` problems, then how many more (of ``total``, when only the first
    few were kept)."""
    for problem in problems[:limit]:
        errors.print(f"[yellow]{verdict}[/] {escape(str(problem))}", soft_wrap=True)
    total = len(problems) if total is None else total
    if total > limit:
        errors.print(f"... and {total - limit} more row problem(s)")


def _memory(settings: Settings, book: RuleBook, history: Path | None, label_column: str) -> Memory:
    return evidence(settings, book, history, label_column)[0]


def evidence(
    settings: Settings,
    book: RuleBook,
    history: Path | None,
    label_column: str,
    stage: RulesStage | None = None,
) -> tuple[Memory, Calibration | None]:
    """Memory learned from the approved history, and each rule's precision measured on it
    (with ``stage``, the cascade's rules stage to be: see ``back_test``)."""
    if history is None:
        return Memory(settings.memory_min_similarity), None
    memory, found = cached_evidence(
        book,
        history,
        label_column,
        min_similarity=settings.memory_min_similarity,
        cache_dir=settings.cache_dir,
        stage=stage,
    )
    report_problems(found.problems, verdict="history row skipped, not learned:")
    console.print(
        f"Memory: learned {found.learned} approved entries from {history}; "
        "rule confidences measured on them"
    )
    return memory, found.calibration


def _classify(
    settings: Settings,
    export: Path,
    history: Path | None,
    label_column: str,
    book: RuleBook | None = None,
    *,
    batch: BatchMode | None = None,
) -> BatchResult:
    book = book or load_rulebook(settings.rules_dir)
    memory, calibration = evidence(settings, book, history, label_column)
    source = read_export(export)
    batched: Batched | None = None
    if batch is not None:
        batched = batched_cascade(
            settings, book, memory, source.entries, batch, calibration=calibration
        )
        cascade, concurrency = batched.cascade, 1  # answers are already here: no calls
    else:
        cascade = build_cascade(settings, book, memory, calibration)
        concurrency = settings.llm_concurrency if settings.llm_enabled else 1
    # The bar ticks once per decision: unreadable rows get none.
    with progress_bar(f"Classifying {export.name}", len(source.entries)) as tick:
        result = classify_source(cascade, source, concurrency=concurrency, progress=tick)
    if batched is not None:
        batched.finish()
    report_problems(result.problems)
    return result


def print_eval(accuracy: Accuracy, llm: LlmFigures | None, show_errors: int) -> None:
    print_accuracy(accuracy)
    if llm is not None:
        console.print(f"Claude: {json.dumps(asdict(llm), default=str)}")
    for decision, true in accuracy.errors[:show_errors]:
        console.print(
            f"[red]wrong[/] {decision.entry_key}: {decision.code} (true {true}) by "
            f"{decision.stage.value}: {decision.reason}"
        )


@dataclass(frozen=True)
class BackTestRequest:
    history: Path
    label_column: str
    as_json: bool = False
    min_precision: float | None = None


def run_rules_check(directory: Path, backtest: BackTestRequest | None = None) -> int:
    checked = _check_rules(directory, quiet=backtest is not None and backtest.as_json)
    if checked != EXIT_OK or backtest is None:
        return checked
    return run_backtest(directory, backtest)


def run_backtest(directory: Path, request: BackTestRequest) -> int:
    """Every rule against the approved history; 1 when a rule is under the precision floor."""
    try:
        book = load_rulebook(directory)
        labelled, problems = read_labelled(request.history, request.label_column, book)
    except (RulesError, ExportFormatError) as exc:
        errors.print(f"[red]error:[/] {escape(str(exc))}")
        return EXIT_BAD_INPUT
    report_problems(problems)
    test = back_test(book, labelled)
    if request.as_json:
        print(json.dumps(as_json(test, request.min_precision), indent=2))
    else:
        print_backtest(console, test, request.min_precision)
    low = below_floor(test, request.min_precision)
    if low and not request.as_json:
        names = ", ".join(f"{r.client or 'firm'}:{r.rule.id}" for r in low)
        errors.print(f"[red]{len(low)} rule(s) under {request.min_precision:.1%}[/]: {names}")
    return EXIT_FINDINGS if low else EXIT_OK


def _check_rules(directory: Path, *, quiet: bool) -> int:
    if not directory.is_dir():
        what = "is a file; give the folder of rules files" if directory.exists() else "not found"
        errors.print(f"[red]error:[/] {directory}: rules directory {what}", soft_wrap=True)
        return EXIT_BAD_INPUT
    try:
        book = load_rulebook(directory)  # read once: its problems are check_rules' problems
    except RulesError as exc:
        for problem in exc.problems:
            errors.print(escape(str(problem)))
        errors.print(f"[red]{len(exc.problems)} problem(s)[/] in {directory}")
        return EXIT_FINDINGS
    failures = run_examples(book)
    for failure in failures:
        errors.print(escape(str(failure)))
    if failures:
        errors.print(f"[red]{len(failures)} rule example(s) failed[/]")
        return EXIT_FINDINGS
    rules = [*book.firm.rules, *(r for c in book.clients.values() for r in c.rules)]
    if quiet:
        return EXIT_OK
    console.print(
        f"[green]OK[/] {directory}: firm + {len(book.clients)} client(s), {len(rules)} rules, "
        f"{sum(len(r.examples) for r in rules)} examples passed",
        soft_wrap=True,  # one line whatever the path's length or the terminal's width
    )
    for note in unreached_notes(book):
        console.print(f"[yellow]note:[/] {escape(note)}", soft_wrap=True)
    return EXIT_OK


def run_demo(out: Path, *, use_claude: bool = False) -> int:
    """The README's first command ends here: the demo firm's month, classified offline."""
    try:
        return _demo(out, use_claude=use_claude)
    except (RulesError, ExportFormatError, TruthFileError) as exc:
        errors.print(f"[red]error:[/] {escape(str(exc))}")
        return EXIT_BAD_INPUT


def _demo(out: Path, *, use_claude: bool) -> int:
    month, history, truth = (DEMO_DATA / n for n in ("month.csv", "history.csv", "month_truth.csv"))
    if not month.exists():
        errors.print(
            f"[red]error:[/] demo data not found at {DEMO_DATA}; "
            "run: python examples/demo_firm/generate.py"
        )
        return EXIT_BAD_INPUT
    settings = Settings(rules_dir=DEMO_RULES)
    if use_claude and not settings.llm_enabled:
        errors.print(
            "[red]error:[/] --claude needs ANTHROPIC_API_KEY (or TIMEBILL_LLM_PROVIDER=bedrock "
            "with AWS credentials); without it, run `timebill demo` for the offline figures"
        )
        return EXIT_BAD_INPUT
    if not use_claude:
        settings = settings.model_copy(update={"llm_provider": "none"})
    book = load_rulebook(DEMO_RULES)
    console.rule(f"timebill demo: {book.firm.firm.name}")
    result = _classify(settings, month, history, "Approved Code", book)
    known = truth_from_file(truth, result.source)
    accuracy = score(result.decided, known.codes, known.categories)
    summary = summarise(result.decided, result.unreadable)
    print_summary(summary, result.alerts)
    print_eval(accuracy, llm_figures(result.decided), show_errors=5)
    write_demo_outputs(out, result, accuracy)
    console.rule("Invoice drafts for the month (approved time only)")
    from app.cli.jobs.invoices import invoices_for_demo  # noqa: PLC0415

    invoices_for_demo(result, book, out / "invoices")
    console.rule("The audit: twelve months of history replayed against the SOWs")
    from app.audit.demo import audit_demo  # noqa: PLC0415

    console.print("Auditing the demo firm's 12 months of history (a few seconds)...")
    report = audit_demo(out)
    console.print(
        f"\nOutputs in [bold]{out}[/]: classified.csv, review_queue.csv, accuracy.json, "
        "invoices/ (previews, and the QuickBooks requests in invoices/outbox/), audit/"
    )
    console.print(f"Audit report (open it in a browser): [bold]{report}[/]")
    return EXIT_OK


def write_demo_outputs(out: Path, result: BatchResult, accuracy: Accuracy) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_classified(result, out / "classified.csv")
    write_classified(result, out / "review_queue.csv", only_flagged=True)
    figures = {
        "labelled": accuracy.labelled,
        "auto_approved": accuracy.auto_approved,
        "auto_errors": accuracy.auto_errors,
        "auto_error_rate": round(accuracy.auto_error_rate, 5),
        "review_share": round(accuracy.review_share, 4),
        "per_stage": {
            s.value: {"decided": a.decided, "correct": a.correct}
            for s, a in accuracy.per_stage.items()
        },
        "per_category": {
            c: {"entries": v[0], "auto_approved": v[1], "auto_errors": v[2]}
            for c, v in sorted(accuracy.per_category.items())
        },
    }
    (out / "accuracy.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
