"""``--claude --batch`` for ``timebill classify`` and ``timebill audit``: the Claude stage through
the Message Batches API, with an estimate and a confirmation first, a progress bar while the
batch runs, and the results merged through the same cascade as the online path.

``batched_cascade`` runs the local stages once to find the entries left undecided, sends (or
resumes) their batch, waits, and returns a cascade whose Claude stage answers from the results;
the caller then classifies with it exactly as it would online. ``finish`` reports what merged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from app.classify.batch import classify_entries
from app.classify.calibration import Calibration
from app.classify.cascade import Cascade
from app.classify.claude_batch import BatchedClaude
from app.classify.claude_batch_plan import Estimate, estimate, plan
from app.classify.claude_batch_run import BatchRun, Declined
from app.classify.claude_batch_state import BatchState, StateError
from app.classify.memory import Memory
from app.cli.console import console, errors, progress_bar
from app.config import Settings
from app.domain.batches import RESULT_KINDS, BatchResult, BatchStatus
from app.domain.entries import TimeEntry
from app.domain.rulebook import RuleBook
from app.errors import ConfigError, UpstreamError
from app.factory import build_batched_claude, build_cascade
from app.ports import BatchClient

EXIT_DECLINED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 1, 2, 130
AskUser = Callable[[str], bool]


@dataclass(frozen=True)
class BatchMode:
    """How ``--batch`` was asked for: where its state lives, and how to confirm."""

    state: Path
    confirm: AskUser
    resume: bool = False
    poll_s: float = 30.0


class BatchStopped(Exception):
    """The run ends here, before any output is written: ``code`` is the exit code."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


class Entries(Protocol):
    """The entries to batch: counted, and read (a stream may read its file again)."""

    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[TimeEntry]: ...


def claude_problem(settings: Settings, *, claude: bool, batch: bool) -> str | None:
    """One line saying why ``--claude``/``--batch`` cannot run here, or None."""
    if batch and settings.llm_provider != "anthropic":
        return "--batch uses Anthropic's Message Batches API: set TIMEBILL_LLM_PROVIDER=anthropic"
    if (claude or batch) and not settings.llm_enabled:
        flag = "--batch" if batch else "--claude"
        return f"{flag} needs ANTHROPIC_API_KEY (or run without {flag}, local stages only)"
    return None


@dataclass
class Batched:
    """A cascade answering from a finished batch, and what to report once it has run."""

    cascade: Cascade
    claude: BatchedClaude
    requests: int

    def finish(self) -> None:
        merged = self.claude.merged
        review = sum(n for reason, n in merged.items() if reason != "answer")
        detail = ", ".join(f"{r} {n:,}" for r, n in merged.most_common() if r != "answer")
        console.print(
            f"Claude batch merged: {merged['answer']:,} answers read, {review:,} to review"
            + (f" ({detail})" if detail else ""),
            soft_wrap=True,
        )


def batched_cascade(
    settings: Settings,
    book: RuleBook,
    memory: Memory,
    entries: Entries,
    mode: BatchMode,
    *,
    client: BatchClient | None = None,
    calibration: Calibration | None = None,
) -> Batched:
    """Raises ``BatchStopped`` when there is nothing to merge (declined, interrupted, failed)."""
    client = client or _client(settings)
    claude = build_batched_claude(settings, memory)
    cascade = build_cascade(settings, book, memory, calibration, claude=claude)
    with progress_bar("Rules and memory", len(entries)) as tick:
        classify_entries(cascade, entries, progress=tick)
    pending = claude.pending
    if not pending:
        console.print("Claude batch: rules and memory decided every entry; nothing to send")
        claude.answer_with({})
        return Batched(cascade, claude, 0)
    claude.answer_with(_answers(settings, client, claude, len(entries), mode))
    return Batched(cascade, claude, len(pending))


def _client(settings: Settings) -> BatchClient:
    from app.adapters.anthropic_batches import build_batches  # noqa: PLC0415 - the SDK is slow

    try:
        return build_batches(settings)
    except ConfigError as exc:
        raise BatchStopped(EXIT_BAD_INPUT, str(exc)) from None


def _answers(
    settings: Settings, client: BatchClient, claude: BatchedClaude, entries: int, mode: BatchMode
) -> dict[str, BatchResult]:
    batch = plan(claude.pending, max_tokens=settings.llm_max_tokens, model=client.model)
    found = estimate(batch, entries=entries, model=client.model)
    run = BatchRun(client, mode.state, poll_s=mode.poll_s)
    print_estimate(found, len(batch.chunks))
    try:
        state = run.start(batch, found, lambda e: _confirm(e, mode), resume=mode.resume)
    except Declined:
        raise BatchStopped(EXIT_DECLINED, "Not sent: nothing was sent to Claude.") from None
    except StateError as exc:
        raise BatchStopped(EXIT_BAD_INPUT, str(exc)) from None
    except UpstreamError as exc:
        raise BatchStopped(EXIT_BAD_INPUT, f"the batch could not be sent: {exc}") from None
    return _collect(run, state)


def _confirm(found: Estimate, mode: BatchMode) -> bool:
    return mode.confirm(f"Send {found.requests:,} requests to Anthropic's Message Batches API?")


def _collect(run: BatchRun, state: BatchState) -> dict[str, BatchResult]:
    resume = (
        f"batch {', '.join(state.batch_ids)} is kept in {run.path}: run the same command again "
        "(or add --resume) to pick it up without sending again"
    )
    try:
        statuses = _wait(run, state)
        results = run.results(state)
    except KeyboardInterrupt:
        raise BatchStopped(EXIT_INTERRUPTED, f"Interrupted; {resume}") from None
    except UpstreamError as exc:
        raise BatchStopped(EXIT_BAD_INPUT, f"Claude batch: {exc}; {resume}") from None
    summary = _summary(results, len(state.entry_keys))
    run.record(state, summary)
    ended = ", ".join(f"{kind} {n:,}" for kind, n in summary.items() if n)
    console.print(f"Claude batch {', '.join(s.batch_id for s in statuses)} ended: {ended}")
    return results


def _wait(run: BatchRun, state: BatchState) -> list[BatchStatus]:
    total = len(state.entry_keys)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=errors, transient=False) as bar:
        task = bar.add_task("Claude batch", total=total, counts="")

        def show(statuses: list[BatchStatus]) -> None:
            done = total - sum(s.processing for s in statuses)
            bar.update(task, completed=done, counts=status_line(statuses))

        return run.wait(state, show)


def status_line(statuses: Sequence[BatchStatus]) -> str:
    """``succeeded 3 errored 1 ... processing 40`` over all the run's batches."""
    kinds = (*RESULT_KINDS, "processing")
    counts = {kind: sum(getattr(s, kind) for s in statuses) for kind in kinds}
    return " ".join(f"{kind} {n:,}" for kind, n in counts.items())


def _summary(results: dict[str, BatchResult], sent: int) -> dict[str, int]:
    kinds = Counter(result.kind for result in results.values())
    return {**{kind: kinds[kind] for kind in RESULT_KINDS}, "missing": sent - len(results)}


def print_estimate(found: Estimate, batches: int) -> None:
    per = found.per_1000
    console.print(
        f"Claude batch: {found.requests:,} of {found.entries:,} entries left undecided by rules "
        f"and memory -> {found.requests:,} requests in {batches} batch(es); estimated "
        f"~{found.input_tokens:,} input + ~{found.output_tokens:,} output tokens "
        "(prompt characters / 4; 65 output tokens per answer)",
        soft_wrap=True,
    )
    if found.batch_usd is None:
        console.print(f"No list price known for {found.model}: cost not estimated")
        return
    console.print(
        f"Estimated cost ({found.model}, no cache hits): ${found.batch_usd} at the batch price "
        f"(50% off) vs ${found.online_usd} online; per 1,000 entries ${per(found.batch_usd)} "
        f"vs ${per(found.online_usd)}",
        soft_wrap=True,
    )


def stopped(exc: BatchStopped) -> int:
    style = "yellow" if exc.code in (EXIT_DECLINED, EXIT_INTERRUPTED) else "red"
    label = "stopped" if style == "yellow" else "error"
    errors.print(f"[{style}]{label}:[/] {exc}", soft_wrap=True)
    return exc.code
