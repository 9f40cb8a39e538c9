"""Classify a tracker export: the same cascade as the webhook path, over a whole file."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from app.classify.calibration import Calibration
from app.classify.cascade import Cascade
from app.classify.memory import Memory
from app.classify.memory_calibration import Newest, Seen, learn_measured_seen
from app.classify.rules_stage import RulesStage
from app.classify.stream import Streamed
from app.classify.sums import Alert, apply_sums
from app.domain.decisions import Decision, ReviewReason
from app.domain.entries import TimeEntry
from app.domain.rulebook import RuleBook
from app.rules.backtest import (
    BackTest,
    Labelled,
    RuleCodes,
    back_test,
    labelled_rows,
    stream_labelled,
)
from app.sources.exports import ImportProblem, ImportResult, open_export, read_export

OUTPUT_COLUMNS = (
    "code",
    "billable",
    "billable_fraction",
    "rate",
    "amount",
    "confidence",
    "needs_review",
    "review_reasons",
    "stage",
    "reason",
    "sow_clause",
)

Progress = Callable[[int], None]


@dataclass
class BatchResult:
    """An export's rows, each with its decision (None for rows that could not be read)."""

    source: ImportResult
    decisions: list[Decision | None]
    alerts: list[Alert] = field(default_factory=list)

    @property
    def decided(self) -> list[Decision]:
        return [d for d in self.decisions if d is not None]

    @property
    def problems(self) -> list[ImportProblem]:
        return self.source.problems

    @property
    def unreadable(self) -> int:
        """Rows that could not be read (a row may have several problems)."""
        return sum(d is None for d in self.decisions)


def learn_history(
    book: RuleBook, memory: Memory, path: Path, label_column: str
) -> tuple[int, list[ImportProblem]]:
    """Feed a labelled export's approved codes into memory; return how many were learned.
    The history is read in a stream: only memory grows with it."""
    problems: list[ImportProblem] = []
    learned = 0
    for item in stream_labelled(path, label_column, problems, codes=RuleCodes(book)):
        entry = item.entry
        memory.learn(
            book.resolve_client(entry.client, entry.project), entry.description, item.label
        )
        learned += 1
    return learned, problems


@dataclass(frozen=True)
class Evidence:
    """What a labelled history gives the cascade: memory, and each rule's measured trust."""

    learned: int
    problems: list[ImportProblem]
    calibration: Calibration
    backtest: BackTest | None  # None when loaded from the cache (app.classify.learned_cache)


def learn_evidence(
    book: RuleBook,
    memory: Memory,
    path: Path,
    label_column: str,
    stage: RulesStage | None = None,
) -> Evidence:
    """Read a labelled export in a stream: back-test every rule on it while keeping what memory
    learns of each entry (compact, no parsed rows), then feed memory, measuring its recall on
    the newest part (``learn_measured_seen``: only the sampled rows are parsed again)."""
    problems: list[ImportProblem] = []
    seen: list[Seen] = []
    export = open_export(path, label_column=label_column)  # checked once
    newest = Newest(export.size)
    codes = RuleCodes(book)

    def keeping() -> Iterator[Labelled]:
        for item in labelled_rows(export, problems, codes=codes):
            entry = item.entry
            client = book.resolve_client(entry.client, entry.project)
            seen.append(Seen(item.row, client, entry.description, item.label, entry.work_date))
            newest.add(item)
            yield item

    def rows_of(picked: set[int]) -> Iterator[Labelled]:
        return newest.rows(picked, lambda missing: labelled_rows(export, [], missing, codes=codes))

    test = back_test(book, keeping(), stage)
    learn_measured_seen(book, memory, seen, rows_of)
    return Evidence(len(seen), problems, Calibration.from_backtest(test), test)


def classify_entries(
    cascade: Cascade,
    entries: Iterable[TimeEntry],
    *,
    concurrency: int = 1,
    progress: Progress | None = None,
) -> list[Decision]:
    """Decisions in input order. Concurrency only helps when Claude is in the cascade."""
    if concurrency <= 1:
        return list(_tick(map(cascade.classify, entries), progress))
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="classify") as pool:
        return list(_tick(pool.map(cascade.classify, entries), progress))


def _tick(decisions: Iterable[Decision], progress: Progress | None) -> Iterable[Decision]:
    for decision in decisions:
        if progress is not None:
            progress(1)
        yield decision


def classify_export(
    cascade: Cascade,
    path: Path,
    *,
    concurrency: int = 1,
    progress: Progress | None = None,
) -> BatchResult:
    return classify_source(cascade, read_export(path), concurrency=concurrency, progress=progress)


def classify_source(
    cascade: Cascade,
    source: ImportResult,
    *,
    concurrency: int = 1,
    progress: Progress | None = None,
) -> BatchResult:
    """``classify_export`` for an export already read (its rows counted for a progress bar)."""
    entries = source.entries
    decisions, alerts = apply_sums(
        cascade.book,
        entries,
        classify_entries(cascade, entries, concurrency=concurrency, progress=progress),
    )
    by_line = iter(decisions)
    per_row = [next(by_line) if row.entry is not None else None for row in source.rows]
    return BatchResult(source, per_row, alerts)


def write_classified(result: BatchResult, out: Path, *, only_flagged: bool = False) -> None:
    """Every input column in its original order, then exactly OUTPUT_COLUMNS.

    ``only_flagged`` keeps the rows a person must look at (review or unreadable): the PM's queue.
    """
    rows = (
        (row.raw, decision, _why(row.problems))
        for row, decision in zip(result.source.rows, result.decisions, strict=True)
    )
    _write(result.source.header, rows, out, only_flagged=only_flagged)


def write_streamed(
    streamed: Streamed, out: Path, *, seen: Callable[[Decision], None] | None = None
) -> None:
    """``write_classified`` for a stream: rows written as the second pass makes their final
    decisions, each shown to ``seen`` (a tally, a scorer) on the way."""

    def rows() -> Iterator[tuple[dict[str, str], Decision | None, str]]:
        for final in streamed.final():
            if seen is not None and final.decision is not None:
                seen(final.decision)
            yield final.raw, final.decision, final.why

    _write(streamed.stream.header, rows(), out)


def _write(
    header: Sequence[str],
    rows: Iterable[tuple[dict[str, str], Decision | None, str]],
    out: Path,
    *,
    only_flagged: bool = False,
) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*header, *OUTPUT_COLUMNS])
        for raw, decision, why in rows:
            if only_flagged and decision is not None and not decision.needs_review:
                continue
            original = [raw.get(name, "") for name in header]
            writer.writerow([*original, *_columns(decision, why)])


def _why(problems: Sequence[ImportProblem]) -> str:
    return "; ".join(str(p) for p in problems) or "row could not be read"


def _columns(decision: Decision | None, why: str) -> list[str]:
    if decision is None:
        return [
            "",
            "false",
            "0",
            "",
            "0.00",
            "0.00",
            "true",
            ReviewReason.IMPORT_ERROR,
            "review",
            why,
            "",
        ]
    return [
        decision.code or "",
        "true" if decision.billable else "false",
        f"{decision.billable_fraction:g}",
        "" if decision.rate is None else f"{decision.rate:.2f}",
        f"{decision.amount:.2f}",
        f"{decision.confidence:.2f}",
        "true" if decision.needs_review else "false",
        "|".join(r.value for r in decision.review_reasons),
        decision.stage.value,
        decision.reason,
        decision.sow_clause,
    ]
