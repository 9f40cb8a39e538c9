"""``timebill classify`` and ``timebill eval`` over an export of any size, in a stream.

The export is opened (checked whole, rows not held), its rows decided one at a time
(``app.classify.stream``), then the second pass writes or scores them with the sums' flags.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from app.classify.calibration import Calibration
from app.classify.memory import Memory
from app.classify.rules_stage import RulesStage
from app.classify.stream import Streamed, classify_stream
from app.cli.console import progress_bar
from app.cli.jobs.claude_batch import Batched, BatchMode, batched_cascade
from app.config import Settings
from app.domain.entries import TimeEntry
from app.domain.rulebook import RuleBook
from app.factory import build_cascade
from app.sources.exports import ExportStream, ImportedRow


class _Entries:
    """A stream's entries for a Claude batch: counted by one read, read again when iterated."""

    def __init__(self, stream: ExportStream) -> None:
        self.stream = stream
        self.size: int | None = None

    def __len__(self) -> int:
        if self.size is None:
            self.size = sum(1 for _ in self.stream.entries())
        return self.size

    def __iter__(self) -> Iterator[TimeEntry]:
        return self.stream.entries()


@dataclass(frozen=True)
class Evidence:
    """What the cascade learned before the stream: memory, and each rule's measured trust."""

    book: RuleBook
    memory: Memory
    calibration: Calibration | None
    rules: RulesStage | None = None  # the stage the history was back-tested with


def stream_export(
    settings: Settings,
    stream: ExportStream,
    evidence: Evidence,
    *,
    batch: BatchMode | None = None,
    seen: Callable[[ImportedRow], None] | None = None,
) -> Streamed:
    """The first pass over ``stream`` with the CLI's progress bar (one tick per row)."""
    book, memory, calibration = evidence.book, evidence.memory, evidence.calibration
    batched: Batched | None = None
    if batch is not None:
        batched = batched_cascade(
            settings, book, memory, _Entries(stream), batch, calibration=calibration
        )
        cascade, concurrency = batched.cascade, 1  # answers are already here: no calls
    else:
        cascade = build_cascade(settings, book, memory, calibration, rules=evidence.rules)
        concurrency = settings.llm_concurrency if settings.llm_enabled else 1
    settle_heap()
    with progress_bar(f"Classifying {stream.path.name}", stream.size) as tick:
        streamed = classify_stream(
            cascade, stream, concurrency=concurrency, progress=tick, seen=seen
        )
    if batched is not None:
        batched.finish()
    return streamed


# A batch command allocates millions of short-lived objects that reference counting frees
# (few form cycles): with the default first threshold (700) the cyclic collector runs every few
# entries and walks the young objects each time. Measured in bench/batch_memory.py.
GC_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def batch_gc() -> Iterator[None]:
    """Collect cycles less often while a batch command runs (restored after it, so a process
    that runs the command in-process, a test, is left as it was)."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def settle_heap() -> None:
    """Move what start-up built (rules, memory, the cascade) out of the cyclic collector's
    sight: it lives until the process ends, and every full collection would walk it again."""
    gc.collect()
    gc.freeze()
