"""A tenant's approved rules sets as the store keeps them: every version, one current.

A version is the whole set (the firm file and every client file, name -> text), never a
diff, so any version can be exported, compared or put back in force by itself. Versions are
numbered per tenant from 1 and never change once written; which one is in force is a
separate pointer (``RulesStore.current_rules``) that a publish or a rollback moves.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def set_sha256(files: dict[str, str]) -> str:
    """One hash of the whole set: names and texts, in name order."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name].encode() + b"\0")
    return digest.hexdigest()


def version_id(number: int) -> str:
    """How a version is named everywhere (CLI, decisions, the table): ``v3``."""
    return f"v{number}"


MAX_VERSION = 2**31 - 1  # the stores' column is a PostgreSQL integer


def parse_version(text: str) -> int | None:
    """``3`` or ``v3`` -> 3; anything else (``v0``, ``v²``, past ``MAX_VERSION``) -> None."""
    digits = text.strip().removeprefix("v").removeprefix("V")
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 10:
        return None
    number = int(digits)
    return number if 0 < number <= MAX_VERSION else None


class RuleMeasure(BaseModel):
    """One rule's record on the approved history it was published with: how many entries it
    decided alone and how many of those a person had approved under its code. ``sha``: the
    rule as it was measured (``rule_sha``), so a measure never outlives an edit of its rule."""

    model_config = ConfigDict(frozen=True)

    client: str  # "" for the firm's internal time
    rule: str
    typed: float
    matches: int = Field(ge=0)
    right: int = Field(ge=0)
    sha: str


class VersionCalibration(BaseModel):
    """What the rules' back-test on an approved history measured, kept with the version it was
    published as, so the worker trusts each rule as far as the history showed (the CLI measures
    the same with ``--history``). ``settled``: (client, rule that won, lower rule of another
    code that matched too) on an approved entry of the winner's code. ``carried``: measured
    with an earlier version's history (a proposal accepted on the review page comes with none);
    the measures of rules changed since no longer apply (``sha``). ``memory_seed``: the
    fingerprint of that history (``history_fingerprint``), which also taught the tenant's
    memory when it was published (``app.review.history_seed``): the worker starts from it."""

    model_config = ConfigDict(frozen=True)

    entries: int = Field(ge=0)  # approved history entries back-tested
    rules: tuple[RuleMeasure, ...] = ()
    settled: tuple[tuple[str, str, str], ...] = ()
    carried: int | None = None  # the version whose history measured it, when not this one
    memory_seed: str | None = None


def rule_sha(rule: BaseModel) -> str:
    """A rule's definition, hashed: equal for an unchanged rule in any later version."""
    return hashlib.sha256(rule.model_dump_json(by_alias=True).encode()).hexdigest()[:16]


class NewRulesVersion(BaseModel):
    """What a publish writes; the store gives it the next number."""

    model_config = ConfigDict(frozen=True)

    tenant: str
    files: dict[str, str]
    approved_by: str = Field(min_length=1, max_length=200)
    approved_at: datetime
    source: str = Field(max_length=500)  # what it came from: a draft, a proposal, an import
    backtest: str = Field(default="", max_length=4000)  # the summary shown at publish time
    calibration: VersionCalibration | None = None  # measured at publish time, with a history
    # The set's validated rule book as JSON (app.domain.rulebook_snapshot): a cold worker's
    # shortcut past the YAML; None for versions written before it (the files are parsed).
    book: dict[str, Any] | None = Field(default=None, repr=False)

    @property
    def sha256(self) -> str:
        return set_sha256(self.files)


class RulesVersion(NewRulesVersion):
    number: int = Field(ge=1)

    @property
    def id(self) -> str:
        return version_id(self.number)


class RulesPointer(BaseModel):
    """Which version is in force for a tenant, since when and who switched to it."""

    model_config = ConfigDict(frozen=True)

    tenant: str
    number: int = Field(ge=1)
    switched_by: str
    switched_at: datetime


class ProposedRule(BaseModel):
    """A rule the review page proposes from repeated corrections, waiting for a person to
    accept (publish a version with it) or dismiss it. ``rule`` is the rule as YAML would hold
    it (``app.review.proposals.build_rule``); ``rules_file`` the file it belongs in."""

    model_config = ConfigDict(frozen=True)

    tenant: str
    rule_id: str = Field(min_length=1, max_length=200)
    rules_file: str = Field(min_length=1, max_length=200)
    rule: dict[str, Any]
    proposed_at: datetime
