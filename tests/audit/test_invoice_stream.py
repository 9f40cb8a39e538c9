"""``LineMatcher`` (the stream's invoice matching) gives what ``match_lines`` gives.

Lines made from the demo month's entries: by id (the external id, the entry key, an unknown
id), by day with the person and description agreeing or not, the hours equal or not, several
lines on one entry and several entries per client and day, so the order of the lines, the
entries already used and the same-hours preference all decide.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from app.audit.invoice_stream import LineMatcher
from app.audit.invoices import InvoiceLine, match_lines
from app.domain.entries import TimeEntry
from app.sources.exports import open_export

MONTH = Path(__file__).resolve().parents[2] / "examples" / "demo_firm" / "data" / "month.csv"


def _line(n: int, entry: TimeEntry, pick: random.Random) -> InvoiceLine:
    ident = pick.choice(["", "", "", entry.external_id, entry.key, "no-such-entry"])
    return InvoiceLine(
        row=n, day=entry.work_date, client=entry.client, customer=entry.client,
        employee=pick.choice(["", entry.user_name, "Someone Else"]),
        description=pick.choice(["", entry.description, "other work"]), item="", doc="",
        hours=pick.choice([entry.hours, entry.hours + 1]), rate=None, amount=Decimal(100),
        invoiced=pick.random() < 0.8, entry_id=ident,
    )  # fmt: skip


def test_stream_matching_is_match_lines() -> None:
    pick = random.Random(7)
    entries = list(open_export(MONTH).entries())
    lines = [_line(n, pick.choice(entries), pick) for n in range(1500)]
    lines += [replace(line, row=line.row + 10_000) for line in lines[:300]]  # same lines again
    clients = [entry.client for entry in entries]

    whole = match_lines(lines, entries, clients)
    matcher = LineMatcher(lines)
    for number, (entry, client) in enumerate(zip(entries, clients, strict=True)):
        matcher.add(number, entry, client)
    streamed = matcher.matching()

    assert len(whole.by_entry) > 500
    assert len(whole.unmatched) > 300
    assert dict(streamed.by_entry) == dict(whole.by_entry)
    assert streamed.unmatched == whole.unmatched
