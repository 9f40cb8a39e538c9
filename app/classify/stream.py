"""Classify an export of any size in a stream, with memory that does not grow with the file.

The first pass (``classify_stream``) parses rows one at a time, decides each with the cascade,
counts it into the per-period ledgers (``period_ledger``) and spools the decision to a
temporary file in compressed blocks. The second pass (``Streamed.final``) reads the spool back
in the same order, adds the flags the sums give each entry now that every period is complete,
and hands each row with its final decision to whoever writes or scores it. What stays in memory:
the cascade, the ledgers (numbers per period, person and code), one block of the spool, and the
first few row problems.

The result is row for row what ``batch.classify_source`` + ``write_classified`` give, which hold
the whole file (tests/functional/test_stream.py compares them on the bundled firms).
"""

from __future__ import annotations

import pickle
import tempfile
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import IO, Any

from app.classify.cascade import Cascade
from app.classify.period_ledger import Mark, PeriodLedger
from app.classify.sums import Alert, with_flags
from app.domain.decisions import Decision
from app.sources.exports import ExportStream, ImportedRow, ImportProblem

KEEP_PROBLEMS = 100  # row problems kept to show; all are counted
SPOOL_BLOCK = 1024  # decisions per compressed block of the spool
AHEAD = 4  # entries in flight per worker when Claude is in the cascade

Progress = Callable[[int], None]
Decided = tuple[ImportedRow, Decision | None]


class Spool:
    """Items written to an anonymous temporary file in compressed blocks, read back in order.

    A decision pickles to ~800 bytes; a block of them compresses about tenfold (field names and
    reasons repeat)."""

    def __init__(self, block: int = SPOOL_BLOCK) -> None:
        # Closed by ``close``; the file has no name, so the system removes it even on a crash.
        self.file: IO[bytes] = tempfile.TemporaryFile(prefix="timebill-")  # noqa: SIM115
        self.block: list[Any] = []
        self.block_size = block
        self.items = 0

    def add(self, item: Any) -> None:
        self.block.append(item)
        self.items += 1
        if len(self.block) >= self.block_size:
            self._flush()

    def _flush(self) -> None:
        if self.block:
            data = zlib.compress(pickle.dumps(self.block, protocol=pickle.HIGHEST_PROTOCOL), 1)
            self.file.write(len(data).to_bytes(4, "big") + data)
            self.block = []

    def __iter__(self) -> Iterator[Any]:
        self._flush()
        self.file.seek(0)
        while size := int.from_bytes(self.file.read(4), "big"):
            yield from pickle.loads(zlib.decompress(self.file.read(size)))  # noqa: S301 - our own file

    def close(self) -> None:
        self.file.close()


@dataclass(frozen=True)
class Final:
    """One row of the export after both passes: its cells, and its decision with the sums'
    flags (None for a row that could not be read, ``why`` then saying what was wrong)."""

    line: int
    raw: dict[str, str]
    decision: Decision | None
    why: str = ""


@dataclass
class Streamed:
    """An export after the first pass: decisions spooled, ledgers complete."""

    stream: ExportStream
    spool: Spool
    ledger: PeriodLedger
    problems: list[ImportProblem] = field(default_factory=list)  # the first KEEP_PROBLEMS
    problem_count: int = 0  # a row may have several
    unreadable: int = 0  # rows that could not be read (each kept in the output, flagged)
    alerts: list[Alert] = field(default_factory=list)

    def final(self, *, cells: bool = True) -> Iterator[Final]:
        """Every row in file order with its final decision; ``cells=False`` skips re-reading
        the export for its cells (when only the decisions are wanted)."""
        self.ledger.close()
        raws: Iterable[tuple[int, dict[str, str]]] = (
            self.stream.raw_rows() if cells else ((0, {}) for _ in range(self.spool.items))
        )
        for (_, raw), item in zip(raws, self.spool, strict=True):
            line, decision, mark, why = item
            if decision is not None and mark is not None:
                extra = self.ledger.flags(decision, mark)
                decision = with_flags(decision, extra) if extra else decision
            yield Final(line, raw, decision, why)

    def close(self) -> None:
        self.spool.close()


def classify_stream(
    cascade: Cascade,
    stream: ExportStream,
    *,
    concurrency: int = 1,
    progress: Progress | None = None,
    seen: Callable[[ImportedRow], None] | None = None,
) -> Streamed:
    """The first pass: decide every row of ``stream`` (``progress`` ticks once per row read,
    ``seen`` is shown every row) and keep what the second pass needs."""
    streamed = Streamed(stream, Spool(), PeriodLedger(cascade.book))
    try:
        _first_pass(streamed, decide(cascade, stream.rows(), concurrency), progress, seen)
    except BaseException:
        streamed.close()  # an interrupted run leaves no temporary file open
        raise
    streamed.alerts = streamed.ledger.alerts()
    return streamed


def _first_pass(
    streamed: Streamed,
    decided: Iterable[Decided],
    progress: Progress | None,
    seen: Callable[[ImportedRow], None] | None,
) -> None:
    for row, decision in decided:
        if decision is None or row.entry is None:
            streamed.unreadable += 1
            _keep_problems(streamed, row.problems)
            why = "; ".join(map(str, row.problems)) or "row could not be read"
            streamed.spool.add((row.line, None, None, why))
        else:
            mark: Mark = streamed.ledger.count(row.entry, decision)
            streamed.spool.add((row.line, decision, mark, ""))
        if seen is not None:
            seen(row)
        if progress is not None:
            progress(1)


def _keep_problems(streamed: Streamed, problems: Iterable[ImportProblem]) -> None:
    for problem in problems:
        streamed.problem_count += 1
        if len(streamed.problems) < KEEP_PROBLEMS:
            streamed.problems.append(problem)


def decide(cascade: Cascade, rows: Iterable[ImportedRow], concurrency: int) -> Iterator[Decided]:
    """Each row with the cascade's decision, in order; with ``concurrency`` > 1 a bounded
    number of entries is in flight (Claude's calls overlap; memory does not grow)."""

    def one(row: ImportedRow) -> Decided:
        return row, cascade.classify(row.entry) if row.entry is not None else None

    if concurrency <= 1:
        yield from map(one, rows)
        return
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="classify") as pool:
        window: deque[Future[Decided]] = deque()
        for row in rows:
            window.append(pool.submit(one, row))
            if len(window) >= concurrency * AHEAD:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
