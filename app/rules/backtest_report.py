"""``timebill rules check --history``: the back-test as a table for a PM, or as JSON."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape

from app.classify.calibration import PRIOR_WEIGHT, RuleTrust
from app.rules.backtest import BackTest, Contradiction, RuleRecord

SHOWN_CONTRADICTIONS = 5


def below_floor(test: BackTest, floor: float | None) -> list[RuleRecord]:
    """Rules whose precision on the history is under the PM's floor."""
    if floor is None:
        return []
    return [r for r in _fired(test) if r.precision is not None and r.precision < floor]


def _fired(test: BackTest) -> list[RuleRecord]:
    return sorted(
        (r for r in test.records.values() if r.matches),
        key=lambda r: (r.precision if r.precision is not None else 1.0, r.client, r.rule.id),
    )


def _calibrated(rec: RuleRecord) -> float:
    return RuleTrust(rec.rule.confidence, rec.clean, rec.clean_right).confidence


def as_json(test: BackTest, floor: float | None) -> dict[str, Any]:
    low = {(r.client, r.rule.id) for r in below_floor(test, floor)}
    return {
        "labelled": test.labelled,
        "skipped_unknown_client": test.skipped,
        "ambiguous": test.ambiguous,
        "prior_weight": PRIOR_WEIGHT,
        "min_precision": floor,
        "rules": [
            {
                "client": r.client or None,
                "rule": r.rule.id,
                "code": r.rule.code,
                "firm_rule": r.from_firm,
                "typed_confidence": r.rule.confidence,
                "matches": r.matches,
                "right": r.right,
                "decided_alone": r.clean,
                "precision": None if r.precision is None else round(r.precision, 4),
                "calibrated_confidence": round(_calibrated(r), 4),
                "below_floor": (r.client, r.rule.id) in low,
                "contradictions": [_contradiction(c) for c in r.contradictions],
            }
            for r in _fired(test)
        ],
        "never_fired": [
            {"client": r.client or None, "rule": r.rule.id} for r in test.never_fired()
        ],
        "unreached_codes": [
            {"client": client or None, "code": code, "entries": n}
            for client, code, n in test.unreached()
        ],
    }


def _contradiction(c: Contradiction) -> dict[str, Any]:
    return {
        "file": c.file,
        "row": c.row,
        "description": c.description,
        "approved": c.approved,
        "rule_says": c.said,
        "flagged_anyway": c.flagged,
    }


def print_backtest(console: Console, test: BackTest, floor: float | None) -> None:
    console.print(
        f"Back-test on {test.labelled} approved entries ({test.skipped} of unknown clients "
        f"skipped, {test.ambiguous} where rules of the top rank disagreed):"
    )
    console.print(
        "alone: matches the cascade would decide on this rule's word (not mixed, not another"
        " client's); wrong and precision count those; measured: the confidence used live"
        + (f"; < marks a rule under {floor:.1%}" if floor is not None else "")
    )
    for line in _rule_lines(test, floor):
        console.print(escape(line), soft_wrap=True, highlight=False)
    for rec in _fired(test):
        _print_contradictions(console, rec)
    never = test.never_fired()
    if never:
        names = ", ".join(f"{r.client or 'firm'}:{r.rule.id}" for r in never)
        console.print(
            f"[yellow]Rules that never fire[/] on the history: {escape(names)} (with this"
            " history, what they decide goes to review as untested_rule until approved entries"
            " test them)"
        )
    unreached = test.unreached()
    if unreached:
        codes = ", ".join(f"{c or 'firm'}:{code} ({n})" for c, code, n in unreached)
        console.print(f"[yellow]Approved codes no rule reaches[/]: {escape(codes)}")


_COLUMNS = ("client", "rule", "code", "typed", "matches", "alone", "wrong", "precision", "measured")


def _rule_lines(test: BackTest, floor: float | None) -> list[str]:
    """A plain aligned table: ids are never cut, whatever the terminal's width."""
    low = {(r.client, r.rule.id) for r in below_floor(test, floor)}
    rows = [list(_COLUMNS)]
    for rec in _fired(test):
        precision = "-" if rec.precision is None else f"{rec.precision:.1%}"
        flag = " <" if (rec.client, rec.rule.id) in low else ""
        rows.append(
            [
                rec.client or "firm",
                rec.rule.id,
                rec.rule.code,
                f"{rec.rule.confidence:.2f}",
                str(rec.matches),
                str(rec.clean),
                str(rec.clean - rec.clean_right),
                precision + flag,
                f"{_calibrated(rec):.3f}",
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]


def _print_contradictions(console: Console, rec: RuleRecord) -> None:
    shown = [c for c in rec.contradictions if not c.flagged][:SHOWN_CONTRADICTIONS]
    if not shown:
        return
    total = sum(not c.flagged for c in rec.contradictions)
    console.print(
        f"{escape(rec.rule.id)} ({rec.client or 'firm'}) contradicts {total} approved "
        f"entr{'y' if total == 1 else 'ies'}:"
    )
    for c in shown:
        console.print(
            f"  {escape(c.file)} row {c.row}: approved {c.approved}, rule says {c.said}: "
            f"{escape(c.description[:70])!r}",
            soft_wrap=True,
        )
