"""``timebill classify`` and ``timebill eval``: an export of any size, read in a stream.

The rows are decided one at a time (``app.classify.stream``); the second pass writes them
(classify) or scores them against the truth (eval) with the sums' flags. Memory holds the
cascade, the per-period ledgers, the first row problems and, for ``eval``, the truth file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.markup import escape

from app.classify.batch import write_streamed
from app.classify.evaluation import LineTruth, LlmTally, TruthFileError, line_truth
from app.classify.reliability import calibration_lines
from app.classify.rules_stage import RulesStage
from app.classify.stream import Final, Streamed
from app.classify.summary import Scorer, Tally
from app.cli.console import console, errors, print_summary
from app.cli.jobs.classify import EXIT_BAD_INPUT, EXIT_OK, evidence, print_eval, report_problems
from app.cli.jobs.claude_batch import BatchMode, BatchStopped, claude_problem, stopped
from app.cli.jobs.streaming import Evidence, batch_gc, stream_export
from app.config import Settings
from app.domain.decisions import Decision
from app.rules.loader import RulesError, load_rulebook
from app.sources.exports import ExportFormatError, open_export


def run_classify(
    settings: Settings,
    export: Path,
    out: Path,
    *,
    history: Path | None,
    label_column: str,
    claude: bool = False,
    batch: BatchMode | None = None,
) -> int:
    """``claude``: Claude is required (not only used when a key happens to be set);
    ``batch``: its entries go through the Message Batches API. The export is read in a stream:
    memory does not grow with its size."""
    with batch_gc():
        return _run_classify(settings, export, out, history, label_column, (claude, batch))


def _run_classify(
    settings: Settings,
    export: Path,
    out: Path,
    history: Path | None,
    label_column: str,
    mode: tuple[bool, BatchMode | None],
) -> int:
    claude, batch = mode
    problem = claude_problem(settings, claude=claude, batch=batch is not None)
    if problem is not None:
        errors.print(f"[red]error:[/] {escape(str(problem))}", soft_wrap=True)
        return EXIT_BAD_INPUT
    try:
        evidence = _stream_evidence(settings, history, label_column)
        streamed = stream_export(settings, open_export(export), evidence, batch=batch)
    except (RulesError, ExportFormatError) as exc:
        errors.print(f"[red]error:[/] {escape(str(exc))}")
        return EXIT_BAD_INPUT
    except BatchStopped as exc:
        return stopped(exc)
    try:
        report_problems(streamed.problems, total=streamed.problem_count)
        tally = Tally()
        write_streamed(streamed, out, seen=tally.add)
    finally:
        streamed.close()
    print_summary(tally.summary(streamed.unreadable), streamed.alerts)
    console.print(f"Wrote {out}")
    return EXIT_OK


def _stream_evidence(settings: Settings, history: Path | None, label_column: str) -> Evidence:
    book = load_rulebook(settings.rules_dir)
    stage = RulesStage()  # back-tests the history, then decides the export
    memory, calibration = evidence(settings, book, history, label_column, stage)
    return Evidence(book, memory, calibration, stage)


def run_eval(
    settings: Settings,
    export: Path,
    *,
    truth: Path | None,
    truth_column: str | None,
    history: Path | None,
    label_column: str,
    show_errors: int,
    calibration: bool = False,
) -> int:
    with batch_gc():
        return _run_eval(
            settings, export, (truth, truth_column), history, label_column, show_errors,
            calibration=calibration,
        )  # fmt: skip


def _run_eval(
    settings: Settings,
    export: Path,
    truths: tuple[Path | None, str | None],
    history: Path | None,
    label_column: str,
    show_errors: int,
    *,
    calibration: bool,
) -> int:
    truth, truth_column = truths
    if (truth is None) == (truth_column is None):
        errors.print("[red]error:[/] give exactly one of --truth FILE or --truth-column NAME")
        return EXIT_BAD_INPUT
    try:
        evidence = _stream_evidence(settings, history, label_column)
        stream = open_export(export, label_column=truth_column)
        known = line_truth(truth, export.name) if truth is not None else None
        streamed = stream_export(settings, stream, evidence, seen=known.seen if known else None)
    except (RulesError, ExportFormatError, TruthFileError) as exc:
        errors.print(f"[red]error:[/] {escape(str(exc))}")
        return EXIT_BAD_INPUT
    try:
        if known is not None:
            known.check(export.name)  # every line it names was a readable row
        report_problems(streamed.problems, total=streamed.problem_count)
        scored = _score_stream(streamed, known, show_errors, calibration=calibration)
    except TruthFileError as exc:
        errors.print(f"[red]error:[/] {escape(str(exc))}")
        return EXIT_BAD_INPUT
    finally:
        streamed.close()
    print_summary(scored.tally.summary(streamed.unreadable), streamed.alerts)
    print_eval(scored.scorer.accuracy(), scored.llm.figures(), show_errors)
    truth_codes = {d.entry_key: true for d, true in scored.kept}
    for line in calibration_lines([d for d, _ in scored.kept], truth_codes) if calibration else []:
        console.print(line, highlight=False, markup=False)
    return EXIT_OK


@dataclass
class _Scored:
    tally: Tally = field(default_factory=Tally)
    scorer: Scorer = field(default_factory=Scorer)
    llm: LlmTally = field(default_factory=LlmTally)
    kept: list[tuple[Decision, str]] = field(default_factory=list)  # for --calibration only


def _score_stream(
    streamed: Streamed, known: LineTruth | None, show_errors: int, *, calibration: bool
) -> _Scored:
    """The second pass of ``eval``: every final decision tallied and scored against its truth
    (the truth file's line, or the export's own truth column)."""
    scored = _Scored(scorer=Scorer(keep_errors=show_errors))
    column = streamed.stream.label_column
    for final in streamed.final(cells=column is not None):
        if final.decision is None:
            continue
        scored.tally.add(final.decision)
        scored.llm.add(final.decision)
        true = _true_of(final, known, column)
        if true is not None:
            scored.scorer.add(final.decision, *true)
            if calibration:
                scored.kept.append((final.decision, true[0]))
    return scored


def _true_of(final: Final, known: LineTruth | None, column: str | None) -> tuple[str, str] | None:
    if known is not None:
        return known.of(final.line)
    label = final.raw.get(column, "").strip() if column is not None else ""
    return (label, "all") if label else None
