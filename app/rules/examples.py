"""Run the examples attached to rules as tests: each must get the code it expects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.classify.cascade import Cascade
from app.classify.conditions import Subject
from app.classify.rules_stage import RulesStage
from app.classify.text import Text
from app.domain.decisions import Decision
from app.domain.entries import Source, TimeEntry
from app.domain.rulebook import RuleBook
from app.domain.rules import NEEDS_REVIEW, Rule, RuleExample
from app.rules.yaml_lines import YamlSyntaxError, parse_yaml

# Firm rules have no SOW start date; their examples run on this Wednesday unless they say `on`.
FIRM_EXAMPLE_DATE = date(2026, 1, 7)


@dataclass(frozen=True)
class ExampleFailure:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}"


@dataclass(frozen=True)
class _Scope:
    """Where a file's examples run: which client they are logged to, and on which day."""

    file: str
    client: str
    on: date


def run_examples(book: RuleBook, texts: Mapping[str, str] | None = None) -> list[ExampleFailure]:
    """Every rule example of ``book`` that does not get what it expects. ``texts``: the
    files' texts by the name the book shows, for a set held in memory (else read from disk
    to name each failing example's line)."""
    cascade = Cascade(book, [RulesStage()], deadline_s=60.0)
    internal = book.firm.firm.internal_clients[0] if book.firm.firm.internal_clients else ""
    scopes = [
        (_Scope(book.files.get("", "_firm.yaml"), internal, FIRM_EXAMPLE_DATE), book.firm.rules)
    ]
    for cid, client in sorted(book.clients.items()):
        start = client.sow.effective.start or FIRM_EXAMPLE_DATE
        scopes.append((_Scope(book.files.get(cid, cid), client.client.name, start), client.rules))
    failures: list[ExampleFailure] = []
    for scope, rules in scopes:
        for i, rule in enumerate(rules):
            failures += _check(cascade, rule, i, scope, texts or {})
    return failures


def _check(
    cascade: Cascade, rule: Rule, index: int, scope: _Scope, texts: Mapping[str, str]
) -> list[ExampleFailure]:
    failures = []
    for j, example in enumerate(rule.examples):
        entry = _entry(example, scope, f"{rule.id}-{j}")
        problem = _verdict(cascade, rule, example, entry)
        if problem:
            line = _line_of(scope.file, index, j, texts.get(scope.file))
            field = f"rules[{index}].examples[{j}]"
            failures.append(ExampleFailure(scope.file, line, field, problem))
    return failures


def _verdict(cascade: Cascade, rule: Rule, example: RuleExample, entry: TimeEntry) -> str | None:
    if not example.matches:
        ctx, _ = cascade.context_for(entry)
        compiled = next(c for c in RulesStage().compiled(ctx) if c.rule.id == rule.id)
        if compiled.matches(Subject(entry, Text(entry.description, ctx.lexicon))):
            return f"{example.text!r} should not match rule {rule.id}, but does"
        return None
    expected = example.expect or rule.code
    got = cascade.classify(entry)
    if got.code != (None if expected == NEEDS_REVIEW else expected):
        return f"{example.text!r} should be {expected}, got {got.code or 'no code'} ({got.reason})"
    return _review_verdict(example, got)


def _review_verdict(example: RuleExample, got: Decision) -> str | None:
    """An example's ``flags`` must all be raised; ``needs_review`` must be what it says."""
    missing = [flag for flag in example.flags if flag not in got.review_reasons]
    if missing:
        raised = ", ".join(got.review_reasons) or "none"
        return f"{example.text!r} should be flagged {', '.join(missing)}; flags raised: {raised}"
    if example.needs_review is not None and got.needs_review != example.needs_review:
        said = "go to review" if example.needs_review else "be auto-approved"
        return f"{example.text!r} should {said}, but does not ({got.reason})"
    return None


def _entry(example: RuleExample, scope: _Scope, ident: str) -> TimeEntry:
    return TimeEntry(
        source=Source.MANUAL,
        external_id=ident,
        client=scope.client,
        project=example.project,
        task=example.task,
        tags=example.tags,
        description=example.text,
        work_date=example.on or scope.on,
        start=datetime.combine(example.on or scope.on, example.at) if example.at else None,
        hours=example.hours,
    )


def _line_of(file: str, rule: int, example: int, text: str | None) -> int | None:
    """The example's line in its rules file (read again: the rule book keeps no YAML)."""
    try:
        doc = parse_yaml(text if text is not None else Path(file).read_text(encoding="utf-8"))
    except (OSError, YamlSyntaxError):
        return None
    return doc.locate(("rules", rule, "examples", example))[0]
