"""Terminal output: progress bars and the summary tables people read after a run."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from app.classify.batch import Progress as Tick
from app.classify.summary import Accuracy, Summary
from app.classify.sums import Alert
from app.domain.decisions import Stage

console = Console(stderr=False)
# Problem lines name file, row and field: never wrap them, people grep and copy them.
errors = Console(stderr=True, soft_wrap=True)


@contextmanager
def progress_bar(label: str, total: int) -> Iterator[Tick]:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=errors, transient=False) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def print_summary(summary: Summary, alerts: list[Alert]) -> None:
    table = Table(title="Entries and hours per code", title_justify="left")
    for name in ("code", "entries", "hours", "billable amount", "flagged"):
        table.add_column(name, justify="left" if name == "code" else "right")
    for line in summary.by_code:
        amount = "retainer fee" if line.retainer and not line.amount else f"{line.amount:,.2f}"
        table.add_row(line.code, str(line.entries), f"{line.hours:.2f}", amount, str(line.flagged))
    if summary.unreadable_rows:
        rows = str(summary.unreadable_rows)
        table.add_row("(unreadable row)", rows, "-", "-", rows)
    table.add_section()
    table.add_row(
        "total",
        str(summary.entries + summary.unreadable_rows),
        f"{summary.hours:.2f}",
        f"{summary.billable_amount:,.2f}",
        str(summary.flagged + summary.unreadable_rows),
    )
    console.print(table)
    if summary.retainer_hours:
        console.print(
            f"{summary.retainer_hours:,.2f} h are covered by retainer fees, not billed by the "
            "hour: not in the billable amount (hours past an allowance show as cap alerts)."
        )
    stages = Table(title="Who decided", title_justify="left")
    stages.add_column("stage")
    stages.add_column("entries", justify="right")
    stages.add_column("share", justify="right")
    for stage in (Stage.RULES, Stage.MEMORY, Stage.CLAUDE):
        n = summary.auto_by_stage.get(stage, 0)
        stages.add_row(f"auto-approved by {stage.value}", str(n), _pct(n, summary.entries))
    stages.add_row("sent to review", str(summary.flagged), _pct(summary.flagged, summary.entries))
    console.print(stages)
    if summary.reasons:
        top = ", ".join(f"{r} {n}" for r, n in summary.reasons.most_common(8))
        console.print(f"Review reasons: {top}")
    if summary.unreadable_rows:
        console.print(
            f"[yellow]{summary.unreadable_rows} row(s) could not be read (see above): each is in "
            "the output, flagged import_error, for a person to fix[/]"
        )
    for alert in alerts:
        console.print(f"[yellow]Cap alert:[/] {alert}")


def print_accuracy(acc: Accuracy) -> None:
    table = Table(title="Accuracy against the true codes", title_justify="left")
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_row("labelled entries", str(acc.labelled))
    table.add_row("auto-approved", f"{acc.auto_approved} ({acc.coverage:.1%})")
    table.add_row("auto-approved errors", f"{acc.auto_errors} ({acc.auto_error_rate:.2%})")
    table.add_row("sent to review", f"{acc.reviewed} ({acc.review_share:.1%})")
    table.add_row("review proposals already right", _pct(acc.review_proposal_correct, acc.reviewed))
    for stage, s in sorted(acc.per_stage.items()):
        table.add_row(
            f"{stage.value}: coverage / accuracy",
            f"{_pct(s.decided, acc.labelled)} / {s.accuracy:.2%}",
        )
    console.print(table)
