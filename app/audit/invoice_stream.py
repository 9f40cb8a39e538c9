"""``match_lines`` for a stream: what each entry offers the invoice lines, not the entries.

``match_lines`` holds every entry; ``LineMatcher`` is shown the entries one at a time and keeps
only what the lines can match on: the first entry with each id a line names, and, for the
(client, day) pairs that lines without an id fall on, each entry's number with two bit masks
over those lines (the line fits its person and description; the line has its hours). The
matching itself then runs over the lines exactly as ``match_lines`` does, with the same result.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from app.audit.invoices import InvoiceLine, Matching, fits
from app.domain.entries import TimeEntry

Candidate = tuple[int, int, int]  # entry number, lines it fits, lines with its hours


class LineMatcher:
    """``add`` every entry (numbered in file order), then ``matching``."""

    def __init__(self, lines: list[InvoiceLine]) -> None:
        self.lines = lines
        self.ids = {line.entry_id for line in lines if line.entry_id}
        self.by_id: dict[str, int] = {}
        self.groups: dict[tuple[str, date], list[InvoiceLine]] = defaultdict(list)
        for line in lines:
            if not line.entry_id:
                self.groups[(line.client, line.day)].append(line)
        self.candidates: dict[tuple[str, date], list[Candidate]] = defaultdict(list)

    def add(self, number: int, entry: TimeEntry, client: str) -> None:
        for ident in (entry.external_id, entry.key):
            if ident in self.ids:
                self.by_id.setdefault(ident, number)
        group = self.groups.get((client, entry.work_date))
        if group:
            fit = sum(1 << n for n, line in enumerate(group) if fits(line, entry))
            same = sum(1 << n for n, line in enumerate(group) if line.hours == entry.hours)
            self.candidates[(client, entry.work_date)].append((number, fit, same))

    def matching(self) -> Matching:
        matching, used = Matching(), set[int]()
        places = {id(line): n for group in self.groups.values() for n, line in enumerate(group)}
        for line in self.lines:
            found = self.by_id.get(line.entry_id) if line.entry_id else None
            if found is None and not line.entry_id:
                found = self._best(line, 1 << places[id(line)], used)
            if found is None:
                matching.unmatched.append(line)
                continue
            used.add(found)
            matching.by_entry[found].append(line)
        return matching

    def _best(self, line: InvoiceLine, bit: int, used: set[int]) -> int | None:
        """The first unused entry the line fits, one with the line's hours first."""
        candidates = [
            c for c in self.candidates[(line.client, line.day)] if c[0] not in used and c[1] & bit
        ]
        best = min(candidates, key=lambda c: not c[2] & bit, default=None)
        return best[0] if best is not None else None
