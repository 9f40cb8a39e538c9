"""The audit's files: ``audit.json`` (the whole ``AuditResult``) and three CSVs for a spreadsheet.

- ``leakage_by_client_month.csv``: one row per client and month: ``client, month`` then
  ``FIGURE_COLUMNS`` (the ``Figures`` fields, then one column per leakage kind holding the value
  of all its findings, whatever their certainty; the certainty split is in ``leakage_*`` and
  ``overbilled_*``).
- ``findings.csv``: one row per finding, ``FINDING_COLUMNS``.
- ``totals_by_code.csv``: one row per client and code: ``client, code, name, clause,
  billable`` then ``FIGURE_COLUMNS``.

Money is written with two decimals, hours with two decimals, booleans as ``true``/``false``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from app.audit.kinds import LeakageKind
from app.audit.model import AuditResult, Figures, Finding

JSON_FILE = "audit.json"
CLIENT_MONTH_FILE = "leakage_by_client_month.csv"
FINDINGS_FILE = "findings.csv"
CODES_FILE = "totals_by_code.csv"

_FIGURE_FIELDS = tuple(name for name in Figures.model_fields if name != "by_kind")
FIGURE_COLUMNS = (*_FIGURE_FIELDS, *(kind.value for kind in LeakageKind))
CLIENT_MONTH_COLUMNS = ("client", "month", *FIGURE_COLUMNS)
CODE_COLUMNS = ("client", "code", "name", "clause", "billable", *FIGURE_COLUMNS)
FINDING_COLUMNS = (
    "entry_key",
    "client",
    "month",
    "work_date",
    "person",
    "code",
    "kind",
    "direction",
    "certainty",
    "hours",
    "entry_hours",
    "value",
    "reason",
    "sow_clause",
    "stage",
    "confidence",
    "description",
)


def cell(value: object) -> str:
    """One CSV cell: Decimals with two decimals, booleans lowercase, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def figure_cells(figures: Figures) -> list[str]:
    kinds = [figures.by_kind.get(kind, Decimal(0)) for kind in LeakageKind]
    return [cell(getattr(figures, name)) for name in _FIGURE_FIELDS] + [cell(v) for v in kinds]


def finding_cells(finding: Finding) -> list[str]:
    return [cell(getattr(finding, name)) for name in FINDING_COLUMNS]


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_outputs(
    result: AuditResult, out: Path, findings: Iterable[Finding] | None = None
) -> list[Path]:
    """Write the four files into ``out`` (created if needed); return their paths.

    ``findings``: the findings in order, when ``result.findings`` is left empty for a stream
    (they are written as they come, to ``findings.csv`` and into ``audit.json``'s list)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / name for name in (JSON_FILE, CLIENT_MONTH_FILE, FINDINGS_FILE, CODES_FILE)]
    _write_findings(result, paths[0], paths[2], findings)
    _write(
        paths[1],
        CLIENT_MONTH_COLUMNS,
        ([row.client, row.month, *figure_cells(row)] for row in result.by_client_month),
    )
    _write(
        paths[3],
        CODE_COLUMNS,
        (
            [row.client, row.code, row.name, row.clause, cell(row.billable), *figure_cells(row)]
            for row in result.by_code
        ),
    )
    return paths


_EMPTY_LIST = '\n  "findings": [],\n'  # the top-level list in ``model_dump_json(indent=2)``


def _write_findings(
    result: AuditResult, json_path: Path, csv_path: Path, findings: Iterable[Finding] | None
) -> None:
    """``audit.json`` and ``findings.csv``; a stream's findings go into both as they come,
    ``audit.json`` written as ``model_dump_json(indent=2)`` would write it whole."""
    if findings is None:
        json_path.write_text(result.model_dump_json(indent=2) + "\n", encoding="utf-8")
        _write(csv_path, FINDING_COLUMNS, (finding_cells(f) for f in result.findings))
        return
    assert not result.findings, "the findings come either in the result or as a stream"
    head, empty, tail = result.model_dump_json(indent=2).partition(_EMPTY_LIST)
    assert empty, "audit.json has its findings list at the top level"
    with (
        json_path.open("w", encoding="utf-8") as text,
        csv_path.open("w", newline="", encoding="utf-8") as table,
    ):
        writer = csv.writer(table)
        writer.writerow(FINDING_COLUMNS)
        text.write(head + '\n  "findings": [')
        sep = "\n"
        for f in findings:
            writer.writerow(finding_cells(f))
            text.write(sep + "    " + f.model_dump_json(indent=2).replace("\n", "\n    "))
            sep = ",\n"
        text.write(("\n  ]" if sep != "\n" else "]") + ",\n" + tail + "\n")
