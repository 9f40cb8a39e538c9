"""Every finding of an audit of any size, listed in order without holding them all.

Findings come entry by entry in file order; they are listed by (date, entry key, kind). Each
``RUN`` of them is sorted in memory and spooled to a temporary file (compressed blocks); the
runs are merged while the findings are written. Equal keys keep the order they came in, as
``sorted`` does. What stays in memory: one run while it fills, then one small block per run.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from datetime import date

from app.audit.model import Finding
from app.classify.stream import Spool

RUN = 20_000  # findings sorted in memory at a time
BLOCK = 256  # findings per compressed block of a run (one block per run is read at a time)

Key = tuple[date, str, str, int]


class SortedFindings:
    """``add`` findings, then iterate them in order (once); ``close`` removes the runs."""

    def __init__(self, run: int | None = None) -> None:
        self.run = run or RUN
        self.buffer: list[tuple[Key, Finding]] = []
        self.runs: list[Spool] = []
        self.count = 0

    def add(self, found: Iterable[Finding]) -> None:
        for f in found:
            self.buffer.append(((f.work_date, f.entry_key, f.kind.value, self.count), f))
            self.count += 1
            if len(self.buffer) >= self.run:
                self._spill()

    def _spill(self) -> None:
        self.buffer.sort(key=lambda item: item[0])
        spool = Spool(BLOCK)
        for item in self.buffer:
            spool.add(item)
        self.runs.append(spool)
        self.buffer = []

    def __iter__(self) -> Iterator[Finding]:
        if not self.runs:
            return (f for _, f in sorted(self.buffer, key=lambda item: item[0]))
        if self.buffer:
            self._spill()
        merged: Iterator[tuple[Key, Finding]] = heapq.merge(*self.runs, key=lambda item: item[0])
        return (f for _, f in merged)

    def close(self) -> None:
        for spool in self.runs:
            spool.close()
        self.runs, self.buffer = [], []
