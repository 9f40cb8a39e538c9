"""The draft for a person: a Markdown file to read or attach, and a table in the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from app.invoices.model import Excluded, InvoiceDraft, fmt_hours, fmt_money

ROUNDING = (
    "Each line's amount is its quantity x rate rounded once to the cent (half up); "
    "the total is the sum of the lines."
)


def markdown(draft: InvoiceDraft) -> str:
    parts = [
        _heading(draft),
        _lines_table(draft),
        _rounding(draft),
        _write_downs(draft),
        _proposals(draft),
        _excluded(draft),
        _notes(draft),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _heading(draft: InvoiceDraft) -> str:
    due = draft.due_date.isoformat() if draft.due_date else "per the customer's terms in QuickBooks"
    return (
        f"# Invoice draft: {draft.client_name}, {draft.period.label}\n\n"
        f"Client `{draft.client_id}` · SOW {draft.sow_id} · invoice date "
        f"{draft.txn_date.isoformat()} · due {due} · {draft.currency}\n\n"
        "Status: draft. In QuickBooks it is created unsent (`EmailStatus: NotSet`); nothing "
        "reaches the client until a person sends it."
    )


def _lines_table(draft: InvoiceDraft) -> str:
    rows = ["| # | code | description | qty | rate | amount |", "|---|---|---|--:|--:|--:|"]
    for n, line in enumerate(draft.lines, 1):
        rows.append(
            f"| {n} | {line.code} | {_cell(line.description)} | {fmt_hours(line.qty)} "
            f"| {fmt_money(line.rate)} | {fmt_money(line.amount)} |"
        )
    rows.append(f"| | **total** | | | | **{fmt_money(draft.total)}** |")
    return "\n".join(rows) if draft.lines else "No lines: nothing approved to bill this month."


def _rounding(draft: InvoiceDraft) -> str:
    text = ROUNDING
    if draft.rounding_difference:
        text += (
            f" Rounding each entry first would give {fmt_money(draft.per_entry_total)} for the"
            f" time lines (difference {fmt_money(draft.rounding_difference)})."
        )
    return text


def _write_downs(draft: InvoiceDraft) -> str:
    if not draft.write_downs:
        return ""
    rows = [
        "## Proposed write-downs (past a cap, not invoiced)",
        "",
        "| code | cap | hours worked | billable hours | rate | value |",
        "|---|---|--:|--:|--:|--:|",
    ]
    for w in draft.write_downs:
        rows.append(
            f"| {w.code} | {w.reason} | {fmt_hours(w.hours_worked)} "
            f"| {fmt_hours(w.billable_hours)} | {fmt_money(w.rate)} | {fmt_money(w.value)} |"
        )
    rows.append(f"| **total** | | | | | **{fmt_money(draft.written_down)}** |")
    return "\n".join(rows)


def _proposals(draft: InvoiceDraft) -> str:
    if not draft.proposals:
        return ""
    rows = [
        "## Proposed lines (not invoiced)",
        "",
        "| code | why | description | qty | rate | amount |",
        "|---|---|---|--:|--:|--:|",
    ]
    for p in draft.proposals:
        line = p.line
        rows.append(
            f"| {line.code} | {p.reason} | {_cell(line.description)} | {fmt_hours(line.qty)} "
            f"| {fmt_money(line.rate)} | {fmt_money(line.amount)} |"
        )
    return "\n".join(rows)


def _excluded(draft: InvoiceDraft) -> str:
    waiting, unbillable = draft.awaiting_review, draft.non_billable
    text = [
        "## Not invoiced",
        "",
        f"- {waiting_sentence(waiting)}",
        f"- {unbillable.entries} non-billable entries ({fmt_hours(unbillable.hours)} h), "
        "not invoiced.",
    ]
    if waiting.by_code:
        text += ["", "| awaiting review: code | entries | hours | value |", "|---|--:|--:|--:|"]
        text += [
            f"| {code} | {n} | {fmt_hours(h)} | {fmt_money(v)} |"
            for code, n, h, v in waiting.by_code
        ]
    return "\n".join(text)


def waiting_sentence(waiting: Excluded) -> str:
    return (
        f"{waiting.entries} entries awaiting review ({fmt_hours(waiting.hours)} h), "
        f"value {fmt_money(waiting.value)}, not invoiced."
    )


def _notes(draft: InvoiceDraft) -> str:
    return "\n".join(["## Notes", "", *(f"- {n}" for n in draft.notes)]) if draft.notes else ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def print_draft(draft: InvoiceDraft, console: Console) -> None:
    table = Table(title=f"Invoice draft: {draft.client_name}, {draft.period.label}")
    for name in ("code", "description", "qty", "rate", "amount"):
        table.add_column(name, justify="left" if name in {"code", "description"} else "right")
    for line in draft.lines:
        table.add_row(
            line.code,
            line.description.split(": ", 1)[-1],
            fmt_hours(line.qty),
            fmt_money(line.rate),
            fmt_money(line.amount),
        )
    table.add_section()
    table.add_row("total", "", "", "", fmt_money(draft.total))
    console.print(table)
    if draft.write_downs:
        console.print(f"Proposed write-downs (not invoiced): {fmt_money(draft.written_down)}")
    for p in draft.proposals:
        console.print(f"Proposed, {p.reason}: {p.line.code} {fmt_money(p.line.amount)}")
    console.print(waiting_sentence(draft.awaiting_review))


def print_summary(drafts: list[InvoiceDraft], console: Console) -> None:
    """One row per client: what the month's drafts bill, hold back and leave to review."""
    months = ", ".join(sorted({d.period.label for d in drafts}))
    table = Table(title=f"Invoice drafts, {months} (unsent)", title_justify="left")
    headers = ("client", "lines", "total", "write-downs", "proposed", "awaiting review")
    for name in headers:
        table.add_column(name, justify="left" if name == "client" else "right")
    for d in drafts:
        waiting = d.awaiting_review
        table.add_row(
            d.client_id,
            str(len(d.lines)),
            fmt_money(d.total),
            fmt_money(d.written_down),
            fmt_money(d.proposed),
            f"{waiting.entries} ({fmt_money(waiting.value)})",
        )
    console.print(table)
