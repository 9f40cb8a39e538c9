"""Measure the cascade on a labelled set: the figures that decide whether to trust it."""

from __future__ import annotations

import csv
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from app.domain.decisions import Decision, LlmUsage
from app.sources.exports import ImportedRow, ImportResult

# USD per million tokens (Claude API list prices, Nov 2026; prompts <= 100k tokens).
PRICES: dict[str, tuple[Decimal, Decimal, Decimal, Decimal]] = {
    # model: (input, output, cache read, 5-minute cache write)
    "claude-haiku-5-5": (Decimal("0.10"), Decimal("0.50"), Decimal("0.01"), Decimal("0.125")),
    "claude-haiku-4-5": (Decimal("1.00"), Decimal("5.00"), Decimal("0.10"), Decimal("1.25")),
    "claude-sonnet-5-5": (Decimal("2.00"), Decimal("10.00"), Decimal("0.20"), Decimal("2.50")),
}
# The Message Batches API bills every token at half these prices.
BATCH_DISCOUNT = Decimal("0.5")


class TruthFileError(ValueError):
    pass


@dataclass(frozen=True)
class Truth:
    codes: dict[str, str]
    categories: dict[str, str]


def truth_from_file(path: Path, export: ImportResult) -> Truth:
    """A truth file keyed by the export's physical row (``line,true_code[,category]``)."""
    keys = {row.line: row.entry.key for row in export.rows if row.entry is not None}
    codes: dict[str, str] = {}
    categories: dict[str, str] = {}
    for line, (code, category, number) in _truth_lines(path, export.path.name).items():
        if line not in keys:
            raise _not_a_row(path, number, str(line), export.path.name)
        codes[keys[line]] = code
        categories[keys[line]] = category
    return Truth(codes, categories)


@dataclass
class LineTruth:
    """A truth file by the export's physical row, for an export read in a stream: every line
    it names must turn out to be a readable row (``check`` after the rows went by)."""

    path: Path
    by_line: dict[int, tuple[str, str, int]]  # line -> true code, category, truth-file row
    readable: set[int] = field(default_factory=set)  # lines named here that were readable

    def seen(self, row: ImportedRow) -> None:
        if row.entry is not None and row.line in self.by_line:
            self.readable.add(row.line)

    def check(self, export: str) -> None:
        for line, (_, _, number) in self.by_line.items():
            if line not in self.readable:
                raise _not_a_row(self.path, number, str(line), export)

    def of(self, line: int) -> tuple[str, str] | None:
        found = self.by_line.get(line)
        return None if found is None else found[:2]


def line_truth(path: Path, export: str) -> LineTruth:
    """Read a truth file (``line,true_code[,category]``) keyed by line."""
    return LineTruth(path, _truth_lines(path, export))


def _truth_lines(path: Path, export: str) -> dict[int, tuple[str, str, int]]:
    """line -> (true code, category, truth-file row); every row names one line of ``export``
    once, with a code."""
    by_line: dict[int, tuple[str, str, int]] = {}
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            _check_columns(path, reader.fieldnames)
            for number, row in enumerate(reader, start=2):
                given = (row["line"] or "").strip()
                if not given.isdigit():
                    raise _not_a_row(path, number, given, export)
                code = (row["true_code"] or "").strip()
                if not code:
                    raise TruthFileError(
                        f"{path}: row {number}, column 'true_code': value is missing"
                    )
                line = int(given)
                if line in by_line:
                    first = by_line[line][2]
                    where = f"{path}: row {number}, column 'line'"
                    raise TruthFileError(f"{where}: {line} already appears at row {first}")
                by_line[line] = (code, (row.get("category") or "all").strip(), number)
    except UnicodeDecodeError:
        raise TruthFileError(f"{path}: not UTF-8 text; a truth file is CSV") from None
    except csv.Error as exc:
        raise TruthFileError(f"{path}: not valid CSV ({exc})") from None
    return by_line


def _check_columns(path: Path, names: Sequence[str] | None) -> None:
    missing = {"line", "true_code"} - set(names or [])
    if missing:
        raise TruthFileError(f"{path}: missing column(s) {', '.join(sorted(missing))}")


def _not_a_row(path: Path, number: int, line: str, export: str) -> TruthFileError:
    return TruthFileError(
        f"{path}: row {number}, column 'line': {line!r} is not a readable row of {export}"
    )


def truth_from_labels(export: ImportResult) -> Truth:
    codes = {r.entry.key: r.label for r in export.rows if r.entry is not None and r.label}
    return Truth(codes, {})


@dataclass(frozen=True)
class LlmFigures:
    calls: int
    input_tokens: float
    output_tokens: float
    cache_read_tokens: float
    cost_per_1000: Decimal | None
    latency_p50_ms: float
    latency_p95_ms: float


class LlmTally:
    """Claude's usage over a run, one decision at a time (a stream keeps this, not decisions)."""

    def __init__(self) -> None:
        self.decisions = 0
        self.used: list[LlmUsage] = []  # one small record per Claude call

    def add(self, d: Decision) -> None:
        self.decisions += 1
        if d.usage is not None:
            self.used.append(d.usage)

    def figures(self) -> LlmFigures | None:
        used = self.used
        if not used:
            return None
        n = len(used)
        price = PRICES.get(used[0].model)
        cost = None
        if price is not None:
            total = sum(
                (
                    u.input_tokens * price[0]
                    + u.output_tokens * price[1]
                    + u.cache_read_tokens * price[2]
                    + u.cache_write_tokens * price[3]
                    for u in used
                ),
                Decimal(0),
            )
            cost = (total / Decimal(1_000_000) * 1000 / self.decisions).quantize(Decimal("0.0001"))
        latencies = sorted(u.latency_ms for u in used)
        return LlmFigures(
            calls=n,
            input_tokens=statistics.fmean(u.input_tokens for u in used),
            output_tokens=statistics.fmean(u.output_tokens for u in used),
            cache_read_tokens=statistics.fmean(u.cache_read_tokens for u in used),
            cost_per_1000=cost,
            latency_p50_ms=latencies[n // 2],
            latency_p95_ms=latencies[min(n - 1, int(n * 0.95))],
        )


def llm_figures(decisions: Iterable[Decision]) -> LlmFigures | None:
    tally = LlmTally()
    for d in decisions:
        tally.add(d)
    return tally.figures()
