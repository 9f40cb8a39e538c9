"""Back-test the rules on the firm's approved history: what each rule would have said.

For every labelled entry the rules stage runs as it would live (the entry's client, the top
rank of matching rules); a rule that answers alone is credited with a match, right when its code
(or the successor its code remaps to on the entry's date) is the approved code. The result is
what ``timebill rules check --history`` prints and what calibrates each rule's confidence.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.classify.calibration import FIRM
from app.classify.conditions import Subject
from app.classify.mixed import SegmentReader
from app.classify.policy import code_on_date
from app.classify.rules_stage import CompiledRule, RuleList, RulesStage, best_matches
from app.classify.signals import Signals
from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext, RuleBook
from app.domain.rules import Rule
from app.sources.exports import ExportStream, ImportProblem, open_export


@dataclass(frozen=True)
class Labelled:
    """One approved history entry: where it came from, and the code a person approved."""

    entry: TimeEntry
    label: str
    file: str
    row: int


def history_fingerprint(history: Iterable[Labelled]) -> str:
    """One hash of an approved history, whatever its order: each entry's client, date,
    description and approved code. The same export imported twice teaches memory once."""
    lines = sorted(
        "\0".join((h.entry.client, h.entry.work_date.isoformat(), h.entry.description, h.label))
        for h in history
    )
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode() + b"\n")
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class Contradiction:
    file: str
    row: int
    description: str
    approved: str
    said: str
    flagged: bool  # the cascade sends this entry to review anyway (mixed, another client's)


@dataclass
class RuleRecord:
    """One rule as applied to one client's history (firm rules have one record per client)."""

    client: str
    rule: Rule
    from_firm: bool
    matches: int = 0
    right: int = 0
    clean: int = 0  # matches the cascade would not flag anyway (mixed, another client's)
    clean_right: int = 0
    contradictions: list[Contradiction] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        """On the matches the cascade would decide on the rule's word alone."""
        return self.clean_right / self.clean if self.clean else None


@dataclass
class BackTest:
    records: dict[tuple[str, str], RuleRecord]
    labelled: int = 0
    skipped: int = 0  # unknown client or no label
    ambiguous: int = 0  # rules of the top rank disagreed
    unmatched: Counter[tuple[str, str]] = field(default_factory=Counter)  # (client, code)
    reached: set[tuple[str, str]] = field(default_factory=set)
    # (client, winning rule, a lower rule of another code that matched too): the winner right
    settled: set[tuple[str, str, str]] = field(default_factory=set)

    def record(self, client: str | None, rule_id: str) -> RuleRecord | None:
        return self.records.get((client or FIRM, rule_id))

    def never_fired(self) -> list[RuleRecord]:
        """Rules with no match on their own client's history (firm rules: on any client's)."""
        fired = {rid for (_, rid), rec in self.records.items() if rec.matches}
        seen: set[str] = set()
        found = []
        for (_, rid), rec in sorted(self.records.items()):
            if rec.matches or rid in seen or (rec.from_firm and rid in fired):
                continue
            seen.add(rid)
            found.append(rec)
        return found

    def unreached(self) -> list[tuple[str, str, int]]:
        """(client, code, entries) approved in history that no rule ever answers with."""
        return sorted(
            (client, code, n)
            for (client, code), n in self.unmatched.items()
            if (client, code) not in self.reached
        )


class RuleCodes:
    """The rules' codes by a label's loose spelling: an approved code written in another case
    or with spaces ("ao-r1 ") is the code it names. A label naming no code of the rules stays
    as written: it is still evidence (a code the rules lack, or one retired, is work a rule
    that matches it gets wrong, and the back-test must count it)."""

    def __init__(self, book: RuleBook) -> None:
        codes = [c.code for c in book.firm.codes]
        codes += [c.code for rules in book.clients.values() for c in rules.codes]
        self.exact = set(codes)
        self.loose = {_loose(code): code for code in codes}

    def code(self, label: str) -> str:
        return label if label in self.exact else self.loose.get(_loose(label), label)


def _loose(label: str) -> str:
    return "".join(label.split()).casefold()


def read_labelled(
    path: Path, label_column: str, book: RuleBook | None = None
) -> tuple[list[Labelled], list[ImportProblem]]:
    """The approved entries of a labelled export (rows without a label are not evidence; with
    ``book``, a label is read as the code of its rules it names in another case or spacing)."""
    problems: list[ImportProblem] = []
    codes = RuleCodes(book) if book is not None else None
    found = list(labelled_rows(open_export(path, label_column=label_column), problems, codes=codes))
    return found, problems


def stream_labelled(
    path: Path,
    label_column: str,
    problems: list[ImportProblem],
    *,
    only: Container[int] | None = None,
    codes: RuleCodes | None = None,
) -> Iterator[Labelled]:
    """``read_labelled`` one entry at a time: the file is checked first (raising
    ``ExportFormatError``), then its rows parsed as they are asked for (with ``only``, just
    the rows of those numbers); row problems are appended to ``problems``."""
    export = open_export(path, label_column=label_column)
    return labelled_rows(export, problems, only, codes=codes)


def labelled_rows(
    export: ExportStream,
    problems: list[ImportProblem],
    only: Container[int] | None = None,
    *,
    codes: RuleCodes | None = None,
) -> Iterator[Labelled]:
    for row in export.rows(only):
        problems.extend(row.problems)
        if row.entry is None or not row.label:
            continue
        label = row.label if codes is None else codes.code(row.label)
        yield Labelled(row.entry, label, export.path.name, row.line)


def back_test(
    book: RuleBook, history: Iterable[Labelled], stage: RulesStage | None = None
) -> BackTest:
    """Every rule scored on the labelled ``history``. ``stage``: the rules stage to compile and
    read with (the cascade's, so what it learns of each description serves the classify too)."""
    stage = stage or RulesStage()
    tester = _Tester(stage, SegmentReader(stage), Signals.build(book))
    result = BackTest(records={})
    contexts: dict[str | None, ClientContext] = {}
    for item in history:
        entry = item.entry
        client_id = book.resolve_client(entry.client, entry.project)
        if client_id is None and not _internal(book, entry):
            result.skipped += 1
            continue
        ctx = contexts.get(client_id)
        if ctx is None:
            ctx = contexts[client_id] = _context(book, client_id)
            _seed(result, ctx)
        result.labelled += 1
        _score(result, tester, ctx, item)
    return result


def _internal(book: RuleBook, entry: TimeEntry) -> bool:
    if entry.client:
        return book.is_internal(entry.client)
    return not entry.project or book.is_internal(entry.project)


def _context(book: RuleBook, client_id: str | None) -> ClientContext:
    return book.context(client_id)


def _seed(result: BackTest, ctx: ClientContext) -> None:
    client = ctx.client_id or FIRM
    own = {r.id for r in ctx.client.rules} if ctx.client else set()
    for rule in ctx.rules():
        key = (client, rule.id)
        if key not in result.records:
            result.records[key] = RuleRecord(client, rule, rule.id not in own)


@dataclass(frozen=True)
class _Tester:
    stage: RulesStage
    segments: SegmentReader
    signals: Signals

    def flagged(self, entry: TimeEntry, ctx: ClientContext) -> bool:
        """Entries the cascade sends to review whatever the rule says: a rule is not trusted
        (or distrusted) on them."""
        if self.signals.other_client(ctx.client_id, self.stage.read(entry.description)):
            return True
        return ctx.client is not None and bool(self.segments.codes(entry, ctx))


def _score(result: BackTest, tester: _Tester, ctx: ClientContext, item: Labelled) -> None:
    client = ctx.client_id or FIRM
    subject = Subject(item.entry, tester.stage.read(item.entry.description, ctx.lexicon))
    rules = tester.stage.compiled(ctx)
    top = best_matches(rules, subject)
    codes = {m.rule.code for m in top}
    if len(codes) != 1:
        result.ambiguous += len(codes) > 1
        if item.label in ctx.codes:
            result.unmatched[(client, item.label)] += 1
        return
    said = top[0].rule.code
    remapped = code_on_date(said, item.entry, ctx).code
    right = item.label in {said, remapped.code if remapped else said}
    if right:
        result.reached.add((client, item.label))
        _settle(result, client, rules, top, subject)
    elif item.label in ctx.codes:  # another client's code: a wrong project, not a rules gap
        result.unmatched[(client, item.label)] += 1
    clean = not tester.flagged(item.entry, ctx)
    for match in top:
        rec = result.records[(client, match.rule.id)]
        rec.matches += 1
        rec.right += right
        rec.clean += clean
        rec.clean_right += clean and right
        if not right:
            rec.contradictions.append(
                Contradiction(
                    item.file, item.row, item.entry.description, item.label, said, not clean
                )
            )


def _settle(
    result: BackTest, client: str, rules: RuleList, top: list[CompiledRule], subject: Subject
) -> None:
    """Record that the rules of ``top`` were right over the lower rules of other codes that
    matched this approved entry too, and over rules of other codes that only their dates left
    out (``Calibration.precedence_settled``; ``rule_doubts.outside_dates``)."""
    code, rank = top[0].rule.code, top[0].rank
    for rule in rules.shortlist(subject):
        if rule.rule.code == code:
            continue
        passed = rule.rank <= rank and rule.matches(subject)  # below, or tied and less specific
        dated = rule.undated is not None and rule.rank >= rank and rule.undated(subject)
        if passed or (dated and not rule.matches(subject)):
            result.settled.update((client, won.rule.id, rule.rule.id) for won in top)
