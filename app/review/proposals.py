"""Rule proposals: when people make the same correction again and again, propose a rule.

Three corrections (``repeats``) to the same code, for the same client and the same description
pattern (``learning.pattern_of``: numbers and ticket ids folded, words crudely stemmed), make a
proposal: a rule in the ``sow_rules`` format whose ``when`` is the phrases those entries share,
whose ``clause`` is the code's, whose priority beats every rule that matched them, and whose
``examples`` are the corrected entries (so ``timebill rules check`` keeps testing it). It is
checked with the whole rules set before it is kept, waiting for a person: in the store
(``RulesStore.propose_rule``) when the service has one (``rules_store``), else as
``<rules_dir>/_proposed/<tenant>/<rules file>`` (the loader does not read sub-folders); either
way a proposal is never in force by itself. A person accepts it on the proposals page: it is
then appended to the client's rules file, again only if the rules still pass the check.

Where that rules file lives: when the tenant has a current rules version in the store, the
proposal is checked against that version and accepting it publishes a new version through
``app.rules.publish`` (the path of ``timebill rules import`` and ``approve --tenant``), made
from the version it was checked against; the worker uses it from its next batch, with no
deploy. A tenant with no version in the store (the embedded, local set-up) keeps its files in
``rules_dir``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import yaml

from app.domain.entries import TimeEntry
from app.domain.reviews import ReviewRecord
from app.domain.rulebook import ClientContext, RuleBook
from app.domain.rules_versions import ProposedRule
from app.errors import WriteConflictError
from app.ports import RulesStore, Store
from app.review.decide import ReviewError
from app.review.proposed_rule import build_rule, json_safe
from app.review.rulefile import (
    insert_rule,
    problems_in_set,
    problems_with,
    rule_yaml,
    write_atomically,
)
from app.rules.loader import FIRM_FILE, RuleProblem
from app.rules.publish import Change, publish

log = logging.getLogger("timebill.review")
PROPOSED_DIR = "_proposed"
_MAX_EXAMPLES = 6


def _utc_now() -> datetime:
    return datetime.now(UTC)


class RulesProvider(Protocol):
    def rulebook(self, tenant: str) -> RuleBook: ...


@dataclass(frozen=True)
class _InForce:
    """The tenant's rules as a proposal is checked against them: a stored version's files
    (``number`` set) or the rules directory's (``number`` None)."""

    files: dict[str, str] | None
    number: int | None


@dataclass(frozen=True)
class RuleProposal:
    tenant: str
    rules_file: str  # the file it belongs in: "northwind.yaml", "_firm.yaml"
    rule: dict[str, Any]

    @property
    def rule_id(self) -> str:
        return str(self.rule["id"])

    @property
    def code(self) -> str:
        return str(self.rule["code"])

    @property
    def yaml(self) -> str:
        return rule_yaml(self.rule)


class Proposals:
    def __init__(
        self, store: Store, rules: RulesProvider, rules_dir: Path, *, repeats: int = 3,
        rules_store: RulesStore | None = None, clock: Callable[[], datetime] = _utc_now,
    ) -> None:  # fmt: skip
        self.store = store
        self.rules = rules
        self.rules_dir = rules_dir
        self.repeats = repeats
        self.rules_store = rules_store
        self.clock = clock
        self._lock = threading.Lock()

    def consider(self, tenant: str, review: ReviewRecord) -> RuleProposal | None:
        """A new proposal if this review makes ``repeats`` identical corrections, else None."""
        if not review.is_correction or not review.pattern.strip():
            return None
        same = [
            r for r in self.store.reviews(tenant, pattern=review.pattern, limit=200)
            if r.client_id == review.client_id and r.is_correction
            and r.final_code == review.final_code
        ]  # fmt: skip
        if len(same) < self.repeats:
            return None
        book = self.rules.rulebook(tenant)
        ctx = book.context(review.client_id)
        with self._lock:
            return self._propose(tenant, book, ctx, same)

    def pending(self, tenant: str) -> list[RuleProposal]:
        if self.rules_store is not None:
            return [RuleProposal(tenant, p.rules_file, dict(p.rule))
                    for p in self.rules_store.proposed_rules(tenant)]  # fmt: skip
        folder = self._folder(tenant)
        if not folder.is_dir():
            return []
        found = []
        for path in sorted(folder.glob("*.yaml")):
            for rule in _read_rules(path):
                found.append(RuleProposal(tenant, path.name, rule))
        return found

    def accept(self, tenant: str, rule_id: str, *, by: str = "review page") -> RuleProposal:
        """Add the proposal to its rules file, only if the rules then check clean: a new
        version in the store (approved by ``by``), else the file in ``rules_dir``."""
        with self._lock:
            proposal = self._find(tenant, rule_id)
            in_force = self._in_force(tenant)
            text = insert_rule(self._text(in_force, proposal.rules_file), proposal.yaml)
            if in_force.files is not None:
                self._publish(tenant, proposal, in_force, text, by)
            else:
                problems = problems_with(self.rules_dir, proposal.rules_file, text)
                if problems:
                    raise ReviewError(_not_checking(problems))
                write_atomically(self.rules_dir / proposal.rules_file, text)
            self._remove(tenant, proposal)
            return proposal

    def _publish(
        self, tenant: str, proposal: RuleProposal, in_force: _InForce, text: str, by: str
    ) -> None:
        assert self.rules_store is not None
        assert in_force.files is not None
        files = {**in_force.files, proposal.rules_file: text}
        source = f"proposal {proposal.rule_id} accepted on the review page"
        change = Change(tenant, files, by, source, in_force.number, self.clock())
        try:
            outcome = publish(self.rules_store, change)
        except WriteConflictError as exc:
            raise ReviewError(str(exc)) from None
        if outcome.unchanged is not None:
            raise ReviewError(f"the rules in force ({outcome.unchanged.id}) already hold this rule")
        if outcome.version is None:
            raise ReviewError("the rules would not check: " + outcome.refusal)
        forget = getattr(self.rules, "forget", None)
        if callable(forget):
            forget(tenant)  # this process's pages and worker use it at once

    def _in_force(self, tenant: str) -> _InForce:
        pointer = self.rules_store.current_rules(tenant) if self.rules_store else None
        if pointer is None or self.rules_store is None:
            return _InForce(None, None)
        version = self.rules_store.rules_version(tenant, pointer.number)
        if version is None:
            raise ReviewError(f"rules v{pointer.number} of {tenant} cannot be read")
        return _InForce(dict(version.files), version.number)

    def _text(self, in_force: _InForce, file_name: str) -> str:
        if in_force.files is None:
            return (self.rules_dir / file_name).read_text(encoding="utf-8")
        if file_name not in in_force.files:
            raise ReviewError(f"{file_name} is not in the rules in force")
        return in_force.files[file_name]

    def dismiss(self, tenant: str, rule_id: str) -> RuleProposal:
        with self._lock:
            proposal = self._find(tenant, rule_id)
            self._remove(tenant, proposal)
            return proposal

    # -- building ----------------------------------------------------------------------------

    def _propose(
        self, tenant: str, book: RuleBook, ctx: ClientContext, same: list[ReviewRecord]
    ) -> RuleProposal | None:
        code = same[-1].final_code
        assert code is not None
        entries = self._entries(tenant, same)
        if code not in ctx.codes or not entries:
            return None
        file_name = Path(book.files.get(ctx.client_id or "", FIRM_FILE)).name
        rule = build_rule(ctx, code, entries)
        known = {r.id for r in ctx.rules()} | {p.rule_id for p in self.pending(tenant)}
        if rule["id"] in known:
            return None
        proposal = RuleProposal(tenant, file_name, rule)
        in_force = self._in_force(tenant)
        changed = insert_rule(self._text(in_force, file_name), proposal.yaml)
        if in_force.files is None:
            problems = problems_with(self.rules_dir, file_name, changed)
        else:
            problems = problems_in_set({**in_force.files, file_name: changed}, tenant)
        if problems:
            log.warning("no rule proposed for %s: %s", rule["id"], "; ".join(map(str, problems)))
            return None
        self._append(tenant, proposal, len(same))
        return proposal

    def _entries(self, tenant: str, same: list[ReviewRecord]) -> list[TimeEntry]:
        found: dict[str, TimeEntry] = {}
        for review in same[-_MAX_EXAMPLES * 2 :]:
            item = self.store.get(tenant, review.item_id)
            if item is not None and item.entry is not None:
                found.setdefault(item.entry.description, item.entry)
        return list(found.values())[:_MAX_EXAMPLES]

    # -- files -------------------------------------------------------------------------------

    def _folder(self, tenant: str) -> Path:
        return self.rules_dir / PROPOSED_DIR / tenant

    def _find(self, tenant: str, rule_id: str) -> RuleProposal:
        for proposal in self.pending(tenant):
            if proposal.rule_id == rule_id:
                return proposal
        raise ReviewError(f"no proposed rule {rule_id!r}")

    def _append(self, tenant: str, proposal: RuleProposal, corrections: int) -> None:
        if self.rules_store is not None:
            self.rules_store.propose_rule(ProposedRule(
                tenant=tenant, rule_id=proposal.rule_id, rules_file=proposal.rules_file,
                rule=json_safe(proposal.rule), proposed_at=self.clock(),
            ))  # fmt: skip
            return
        path = self._folder(tenant) / proposal.rules_file
        rules = [*_read_rules(path), proposal.rule] if path.exists() else [proposal.rule]
        write_atomically(path, _proposal_file(rules, tenant, proposal.rules_file, corrections))

    def _remove(self, tenant: str, proposal: RuleProposal) -> None:
        if self.rules_store is not None:
            self.rules_store.close_proposed_rule(tenant, proposal.rule_id, now=self.clock())
            return
        path = self._folder(tenant) / proposal.rules_file
        rules = [r for r in _read_rules(path) if r.get("id") != proposal.rule_id]
        if rules:
            write_atomically(path, _proposal_file(rules, tenant, proposal.rules_file, None))
        else:
            path.unlink(missing_ok=True)


def _not_checking(problems: list[RuleProblem]) -> str:
    return "the rules would not check: " + "; ".join(map(str, problems[:3]))


def _read_rules(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        log.warning("cannot read the proposals in %s", path)
        return []
    rules = data.get("rules", []) if isinstance(data, dict) else []
    return [r for r in rules if isinstance(r, dict) and "id" in r]


def _proposal_file(
    rules: list[dict[str, Any]], tenant: str, file_name: str, corrections: int | None
) -> str:
    said = f" (the last after {corrections} identical corrections)" if corrections else ""
    head = (
        f"# Rules timebill proposes for {file_name}, learned from tenant {tenant}'s "
        f"reviews{said}.\n"
        f"# Accept them on /review/{tenant}/proposals, or paste them under `rules:` in "
        f"{file_name}.\nrules:\n"
    )
    return head + "".join(rule_yaml(rule) for rule in rules)
