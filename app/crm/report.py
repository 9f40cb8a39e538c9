"""The figures of a CRM pull, counted as it runs and printed at its end."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rich.markup import escape

from app.cli.console import console

SHOWN_NAMES = 10


@dataclass
class Tally:
    companies: int = 0
    pages: int = 0
    certain: int = 0
    confirmed: int = 0  # by the person, now or on an earlier pull
    declined: int = 0
    unconfirmed: int = 0  # uncertain and not asked (--yes)
    not_clients: list[str] = field(default_factory=list)
    deals: int = 0
    sow_files: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    fetched: int = 0
    drafted: int = 0
    with_problems: int = 0
    failed: int = 0
    unchanged: int = 0
    new_versions: int = 0
    versions_declined: int = 0
    questions: list[str] = field(default_factory=list)  # what needed confirmation, answered
    waits: list[float] = field(default_factory=list)

    @property
    def matched(self) -> int:
        return self.certain + self.confirmed


def print_tally(tally: Tally, ledger_shown: str) -> None:
    skipped = ", ".join(f"{n} {why}" for why, n in sorted(tally.skipped.items())) or "none"
    lines = [
        f"HubSpot pull: {tally.companies} companies read ({tally.pages} page(s)); "
        f"{tally.matched} matched to clients ({tally.certain} certain, {tally.confirmed} "
        f"confirmed), {tally.declined} declined, {tally.unconfirmed} left unconfirmed, "
        f"{len(tally.not_clients)} not a client.",
        f"{tally.deals} deals; {tally.sow_files} SOW file(s) found (other attachments "
        f"skipped: {skipped}); {tally.fetched} fetched; {tally.drafted} draft(s) made "
        f"({tally.with_problems} with problems to fix), {tally.failed} failed; "
        f"{tally.unchanged} unchanged since the last pull; {tally.new_versions} new "
        f"version(s), {tally.versions_declined} not drafted again.",
    ]
    if tally.waits:
        lines.append(
            f"Waited {len(tally.waits)} time(s) for HubSpot's rate limit "
            f"({sum(tally.waits):.1f} s in all)."
        )
    if tally.unconfirmed:
        lines.append("--yes accepts only certain matches: run without --yes to confirm the others.")
    for line in lines:
        console.print(escape(line), soft_wrap=True)
    for question in tally.questions:
        console.print(f"  asked: {escape(question)}", soft_wrap=True)
    if tally.not_clients:
        names = ", ".join(tally.not_clients[:SHOWN_NAMES])
        more = len(tally.not_clients) - SHOWN_NAMES
        extra = f" and {more} more" if more > 0 else ""
        console.print(f"  not in sow_rules: {escape(names)}{extra}", soft_wrap=True)
    console.print(f"Sources of every draft: {escape(ledger_shown)}", soft_wrap=True)
