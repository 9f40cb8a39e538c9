"""Run the examples attached to rules as tests: each must get the code it expects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.classify.cascade import Cascade
from app.classify.conditions import Subject
from app.classify.rules_stage import RulesStage
from app.classify.text import Text
from app.domain.entries import Source, TimeEntry
from app.domain.rulebook import RuleBook
from app.domain.rules import Rule, RuleExample

# Firm rules have no SOW start date; their examples run on this Wednesday unless they say `on`.
FIRM_EXAMPLE_DATE = date(2026, 1, 7)


@dataclass(frozen=True)
class ExampleFailure:
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


def run_examples(book: RuleBook) -> list[ExampleFailure]:
    cascade = Cascade(book, [RulesStage()], deadline_s=60.0)
    failures: list[ExampleFailure] = []
    internal = book.firm.firm.internal_clients[0] if book.firm.firm.internal_clients else ""
    for i, rule in enumerate(book.firm.rules):
        where = (book.files.get("", "_firm.yaml"), f"rules[{i}]")
        failures += _check(cascade, rule, internal, FIRM_EXAMPLE_DATE, where)
    for cid, client in sorted(book.clients.items()):
        start = client.sow.effective.start or FIRM_EXAMPLE_DATE
        for i, rule in enumerate(client.rules):
            where = (book.files.get(cid, cid), f"rules[{i}]")
            failures += _check(cascade, rule, client.client.name, start, where)
    return failures


def _check(
    cascade: Cascade, rule: Rule, client: str, on: date, where: tuple[str, str]
) -> list[ExampleFailure]:
    failures = []
    for j, example in enumerate(rule.examples):
        entry = _entry(example, client, on, f"{rule.id}-{j}")
        problem = _verdict(cascade, rule, example, entry)
        if problem:
            failures.append(ExampleFailure(where[0], f"{where[1]}.examples[{j}]", problem))
    return failures


def _verdict(cascade: Cascade, rule: Rule, example: RuleExample, entry: TimeEntry) -> str | None:
    if not example.matches:
        ctx, _ = cascade.context_for(entry)
        compiled = next(c for c in RulesStage().compiled(ctx) if c.rule.id == rule.id)
        if compiled.matches(Subject(entry, Text(entry.description))):
            return f"{example.text!r} should not match rule {rule.id}, but does"
        return None
    expected = example.expect or rule.code
    got = cascade.classify(entry)
    if got.code != expected:
        return f"{example.text!r} should be {expected}, got {got.code or 'no code'} ({got.reason})"
    return None


def _entry(example: RuleExample, client: str, on: date, ident: str) -> TimeEntry:
    return TimeEntry(
        source=Source.MANUAL,
        external_id=ident,
        client=client,
        project=example.project,
        task=example.task,
        tags=example.tags,
        description=example.text,
        work_date=example.on or on,
        hours=example.hours,
    )
