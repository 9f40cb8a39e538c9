"""``timebill pull``: fetch a date range from a tracker's API into a CSV the importer reads back.

Output layout: the tracker's own detailed-export layout (the one ``read_export`` already parses),
plus an ``ID`` column with the tracker's entry id, so the pulled file goes wherever an export
goes (``classify``, ``audit``) and keeps the vendor's ids. Dates are ISO, times 24 h, numbers with
a decimal point. ``Billable Rate``, ``Currency`` and (Harvest) ``Invoiced?`` carry the API's
money facts for the audit; the importers ignore them. The file has no user-id column, so read
back, ``user_ref`` is the e-mail or name (as for any export) and ``version`` the export's hash.
QuickBooks Time is not offered: no importer reads a QuickBooks Time CSV (its export headers are
unconfirmed, integrations.md §5.4); its API feeds the scheduled poll (``connectors.poll``).

Rows are appended page by page, each page flushed to disk before the cursor file
(``--cursor``, default ``FILE.cursor.json``) records it, so ``--resume`` continues after the
last page written; rows already in the file (a crash between the two writes) are not repeated.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from app.cli.console import console, errors
from app.config import Settings
from app.connectors.base import Billing, Connector, Page, PageProgress
from app.connectors.build import build_connector
from app.connectors.cursor import CursorError, CursorFile, PullState
from app.domain.entries import Source, TimeEntry
from app.errors import ConfigError, UpstreamError, UpstreamKind

__all__ = ["PULLABLE", "PullRequest", "build_connector", "run_pull"]

EXIT_OK, EXIT_UPSTREAM, EXIT_BAD_INPUT = 0, 1, 2
PULLABLE = ("clockify", "toggl", "harvest")
_VARIABLES = {
    "harvest": ("TIMEBILL_HARVEST_TOKEN", "TIMEBILL_HARVEST_ACCOUNT_ID"),
    "clockify": ("TIMEBILL_CLOCKIFY_API_KEY",),
    "toggl": ("TIMEBILL_TOGGL_API_TOKEN",),
    "qbtime": ("TIMEBILL_QBTIME_TOKEN",),
}
Row = dict[str, str]


@dataclass(frozen=True)
class PullRequest:
    source: str
    start: date
    end: date
    out: Path
    resume: bool = False
    cursor: Path | None = None
    workspace: str | None = None

    @property
    def cursor_path(self) -> Path:
        return self.cursor or self.out.with_name(f"{self.out.name}.cursor.json")


def run_pull(settings: Settings, request: PullRequest) -> int:
    """0 when the range is written, 1 when the tracker failed (resume later), 2 on bad input."""
    if request.source not in PULLABLE:
        errors.print(
            f"[red]error:[/] cannot pull {request.source!r} to CSV: use clockify, toggl or "
            "harvest (no importer reads a QuickBooks Time CSV; it is polled into the service)"
        )
        return EXIT_BAD_INPUT
    if request.start > request.end:
        errors.print("[red]error:[/] --from is after --to")
        return EXIT_BAD_INPUT
    try:
        state = _initial_state(request)
        connector = build_connector(settings, request.source, workspace=request.workspace)
    except (ConfigError, CursorError) as exc:
        errors.print(f"[red]error:[/] {exc}")
        return EXIT_BAD_INPUT
    if state.complete:
        console.print(f"{request.out} is already complete ({state.pages} pages); nothing to do")
        return EXIT_OK
    try:
        written = _pull(connector, request, state)
    except UpstreamError as exc:
        _report_failure(request, exc)
        return EXIT_UPSTREAM
    finally:
        connector.close()
    console.print(f"Wrote {written} entries to {request.out}")
    return EXIT_OK


def _initial_state(request: PullRequest) -> PullState:
    source = Source(request.source)
    if request.resume:
        saved = CursorFile(request.cursor_path).load()
        if saved is None or not saved.covers(source, request.start, request.end):
            raise CursorError(
                f"{request.cursor_path}: no saved pull of {request.source} "
                f"{request.start}..{request.end} to resume; run without --resume"
            )
        if not request.out.exists():
            raise CursorError(f"{request.out}: the partial output is gone; run without --resume")
        return saved
    return PullState(source=source, start=request.start, end=request.end)


def _pull(connector: Connector, request: PullRequest, state: PullState) -> int:
    layout = LAYOUTS[request.source]
    cursor_file = CursorFile(request.cursor_path)
    seen = _ids_in(request.out) if request.resume else set()
    written, skipped = 0, 0
    label = f"Pulling {request.source} {request.start}..{request.end}"
    with (
        _output(request.out, layout, append=request.resume) as (handle, writer),
        _bar(label) as bar,
    ):
        pages = connector.fetch(
            request.start, request.end, cursor=state.next_cursor if request.resume else None,
            progress=bar,
        )  # fmt: skip
        for page in pages:
            rows = [layout.row(e, page.billing.get(e.external_id, Billing())) for e in page.entries]
            fresh = [row for row in rows if row["ID"] not in seen]
            writer.writerows(fresh)
            _sync(handle)
            seen.update(row["ID"] for row in fresh)
            written, skipped = written + len(fresh), skipped + len(page.skipped)
            state = _advanced(state, page)
            cursor_file.save(state)
    cursor_file.save(state.model_copy(update={"complete": True}))
    if skipped:
        console.print(f"Left out {skipped} entries (running timers or unreadable entries)")
    return written


def _advanced(state: PullState, page: Page) -> PullState:
    return state.model_copy(update={"next_cursor": page.next_cursor, "pages": state.pages + 1})


def _report_failure(request: PullRequest, exc: UpstreamError) -> None:
    errors.print(f"[red]error:[/] {exc}")
    if exc.kind is UpstreamKind.AUTH:
        names = " and ".join(_VARIABLES[request.source])
        errors.print(f"Check {names}.")
    if CursorFile(request.cursor_path).load() is not None:
        errors.print("The pages already written are kept: run the same command with --resume.")


@contextmanager
def _output(
    path: Path, layout: Layout, *, append: bool
) -> Iterator[tuple[IO[str], csv.DictWriter[str]]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a" if append else "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(layout.header))
        if not append:
            writer.writeheader()
        yield handle, writer


def _sync(handle: IO[str]) -> None:
    handle.flush()
    os.fsync(handle.fileno())


def _ids_in(path: Path) -> set[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row.get("ID") or "" for row in csv.DictReader(handle)}


@contextmanager
def _bar(label: str) -> Iterator[PageProgress]:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=errors, transient=False) as bar:
        task = bar.add_task(f"{label} (pages)", total=None)

        def advance(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


# Layouts: the vendor's own detailed-export columns, plus ID and the money facts.


@dataclass(frozen=True)
class Layout:
    header: tuple[str, ...]
    row: Callable[[TimeEntry, Billing], Row]


def _yes_no(flag: bool | None) -> str:
    return "" if flag is None else ("Yes" if flag else "No")


def _number(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _clock(hours: Decimal) -> str:
    seconds = int((hours * 3600).to_integral_value())
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _at(moment: datetime | None) -> tuple[str, str]:
    return ("", "") if moment is None else (moment.date().isoformat(), moment.strftime("%H:%M:%S"))


def _money(billing: Billing) -> Row:
    return {"Billable Rate": _number(billing.rate), "Currency": billing.currency}


def _harvest_row(entry: TimeEntry, billing: Billing) -> Row:
    first, _, last = entry.user_name.partition(" ")
    return {
        "Date": entry.work_date.isoformat(), "Client": entry.client, "Project": entry.project,
        "Task": entry.task, "Notes": entry.description, "Hours": _number(entry.hours),
        "Billable?": _yes_no(entry.billable_flag), "Invoiced?": _yes_no(billing.invoiced),
        "First Name": first, "Last Name": last, "Email": entry.user_email,
        **_money(billing), "ID": entry.external_id,
    }  # fmt: skip


def _clockify_row(entry: TimeEntry, billing: Billing) -> Row:
    (start_day, start_time), (end_day, end_time) = _at(entry.start), _at(entry.end)
    return {
        "Project": entry.project, "Client": entry.client, "Description": entry.description,
        "Task": entry.task, "User": entry.user_name, "Email": entry.user_email,
        "Tags": ", ".join(entry.tags), "Type": "Regular", "Billable": _yes_no(entry.billable_flag),
        "Start Date": start_day, "Start Time": start_time, "End Date": end_day,
        "End Time": end_time, "Duration (h)": _clock(entry.hours),
        "Duration (decimal)": _number(entry.hours), **_money(billing), "ID": entry.external_id,
    }  # fmt: skip


def _toggl_row(entry: TimeEntry, billing: Billing) -> Row:
    (start_day, start_time), (end_day, end_time) = _at(entry.start), _at(entry.end)
    return {
        "User": entry.user_name, "Email": entry.user_email, "Client": entry.client,
        "Project": entry.project, "Task": entry.task, "Description": entry.description,
        "Billable": _yes_no(entry.billable_flag), "Start date": start_day,
        "Start time": start_time, "End date": end_day, "End time": end_time,
        "Duration": _clock(entry.hours), "Tags": ", ".join(entry.tags), **_money(billing),
        "ID": entry.external_id,
    }  # fmt: skip


def _layout(row: Callable[[TimeEntry, Billing], Row]) -> Layout:
    sample = TimeEntry(source=Source.MANUAL, external_id="-", work_date=date(2000, 1, 1), hours=0)
    return Layout(tuple(row(sample, Billing())), row)


LAYOUTS = {
    "harvest": _layout(_harvest_row),
    "clockify": _layout(_clockify_row),
    "toggl": _layout(_toggl_row),
}
