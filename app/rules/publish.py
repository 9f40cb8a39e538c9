"""One path for every change to a tenant's rules in the store.

``timebill rules import``, ``timebill rules approve --tenant`` and a proposal accepted on the
review page all call ``publish``. It checks the whole set the way ``timebill rules check``
does (schema, cross references), runs every rule's examples, back-tests the set on an
approved history when one is given, and only then asks the store to add the version and make
it current in one transaction (``RulesStore.add_rules_version``). A set with a problem or a
failing example never reaches the store, so it can never become current.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from app.classify.calibration import stored
from app.domain.rulebook import RuleBook
from app.domain.rulebook_snapshot import dump_book
from app.domain.rules_versions import (
    NewRulesVersion,
    RulesVersion,
    VersionCalibration,
    set_sha256,
    version_id,
)
from app.ports import RulesStore
from app.rules.approve import approver_name
from app.rules.backtest import BackTest, Labelled, back_test, history_fingerprint
from app.rules.examples import run_examples
from app.rules.loader import RuleProblem, check_rules_files, load_rulebook_files


@dataclass
class PublishOutcome:
    """Published (``version`` set), refused with every problem and failing example, or left
    alone because the set is the one already in force (``unchanged`` set: no new version)."""

    problems: list[RuleProblem] = field(default_factory=list)
    failures: list[RuleProblem] = field(default_factory=list)
    version: RulesVersion | None = None
    unchanged: RulesVersion | None = None

    @property
    def refusal(self) -> str:
        """One line for a page or a log: what kept the set out."""
        found = self.problems or self.failures
        what = "problem(s)" if self.problems else "rule example(s) failed"
        shown = "; ".join(str(p) for p in found[:3])
        return f"{len(found)} {what}: {shown}" if found else ""


@dataclass(frozen=True)
class Change:
    """Who publishes what, made from which current version (None: the tenant had none)."""

    tenant: str
    files: Mapping[str, str]
    approved_by: str
    source: str
    based_on: int | None
    now: datetime


def publish(
    store: RulesStore, change: Change, *, history: Sequence[Labelled] | None = None
) -> PublishOutcome:
    """Validate, run the examples, back-test, then store and switch. Raises ``ApprovalError``
    for an unusable approver; the store's ``ItemNotFoundError`` (unknown tenant) and
    ``WriteConflictError`` (another version became current meanwhile) pass through."""
    approver = approver_name(change.approved_by)
    files = dict(change.files)
    in_force = _in_force(store, change.tenant)
    if in_force is not None and dict(in_force.files) == files:
        return PublishOutcome(unchanged=in_force)  # a second import of the same folder
    where = f"{change.tenant} (new rules)"
    problems = check_rules_files(files, where)
    if problems:
        return PublishOutcome(problems=problems)
    book = load_rulebook_files(files, where)
    texts = {f"{where}/{name}": text for name, text in files.items()}
    found = run_examples(book, texts)
    failures = [RuleProblem(f.file, f.line, f.field, f.message) for f in found]
    if failures:
        return PublishOutcome(failures=failures)
    test, measured = None, _carried(in_force)
    if history is not None:
        test = back_test(book, history)
        # The history also teaches the tenant's memory (app.review.history_seed): the worker
        # starts from the memory this fingerprint names.
        measured = stored(test).model_copy(update={"memory_seed": history_fingerprint(history)})
    new = NewRulesVersion(
        tenant=change.tenant, files=files, approved_by=approver, approved_at=change.now,
        source=change.source[:500], backtest=summary(book, test, measured),
        calibration=measured, book=dump_book(book, set_sha256(files)),
    )  # fmt: skip
    return PublishOutcome(version=store.add_rules_version(new, based_on=change.based_on))


def _carried(in_force: RulesVersion | None) -> VersionCalibration | None:
    """A set published with no history keeps what the version in force was measured with
    (``Calibration.from_stored`` drops the measures of rules that changed)."""
    if in_force is None or in_force.calibration is None:
        return None
    measured = in_force.calibration
    return measured.model_copy(update={"carried": measured.carried or in_force.number})


def _in_force(store: RulesStore, tenant: str) -> RulesVersion | None:
    pointer = store.current_rules(tenant)
    return store.rules_version(tenant, pointer.number) if pointer else None


def summary(
    book: RuleBook, test: BackTest | None, measured: VersionCalibration | None = None
) -> str:
    """What the version was checked against, kept with it (``rules history`` shows it)."""
    rules = [*book.firm.rules, *(r for c in book.clients.values() for r in c.rules)]
    examples = sum(len(rule.examples) for rule in rules)
    said = f"{len(rules)} rules, {examples} examples passed"
    if test is None:
        if measured is not None and measured.carried is not None:
            return (
                f"{said}; no approved history given: rule confidences as measured on the"
                f" {measured.entries} approved entries given with {version_id(measured.carried)}"
                " (rules changed since: typed)"
            )
        return f"{said}; no approved history given"
    matched = [r for r in test.records.values() if r.clean]
    clean = sum(r.clean for r in matched)
    right = sum(r.clean_right for r in matched)
    precision = f"{right / clean:.1%}" if clean else "n/a"
    return (
        f"{said}; back-test on {test.labelled} approved entries: {clean} rule matches, "
        f"precision {precision}, {len(test.never_fired())} rules never fired, "
        f"{len(test.unreached())} approved codes no rule reaches; the worker trusts each rule"
        " as measured here"
    )
