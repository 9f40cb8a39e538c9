"""Confidence that means what it says: each rule's precision measured on approved history.

A typed ``confidence`` is a guess by whoever wrote the rule. With the firm's labelled history,
each rule's confidence becomes its precision on the entries it would have decided, shrunk
towards the typed value by a Beta prior worth ``PRIOR_WEIGHT`` entries: a rule that was right
on 3 of 3 barely moves, one right on 540 of 547 says so, one wrong on 30 entries falls below
the review threshold and lets memory or a person decide. A rule that decided none of the
approved entries keeps its typed value, and the rules stage sends what it proposes to review
(``untested_rule``): a typed confidence nobody has measured is a guess. No history at all: the
typed value stands and nothing is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.domain.rulebook import RuleBook
    from app.domain.rules_versions import VersionCalibration
    from app.rules.backtest import BackTest

FIRM = ""  # the client key of internal time

PRIOR_WEIGHT = 10.0
"""How many entries the typed confidence is worth. Chosen on the demo firm's held-out months
(bench/calibration.py): lower lets a rule with a handful of lucky matches jump the threshold,
higher keeps a rule wrong on a tenth of its matches above it."""


MEASURED_THRESHOLD = 0.95
"""A confidence measured on history auto-approves only from here (or the client's threshold if
higher): chosen on the demo firm's held-out months (bench/calibration.py) as the lowest bucket
whose observed accuracy met the 0.5% auto-approved error target with room to spare. Typed
confidences keep the client's threshold: they were written against it."""


def threshold_for(measured: bool, policy: float) -> float:
    return max(policy, MEASURED_THRESHOLD) if measured else policy


@dataclass(frozen=True)
class RuleTrust:
    typed: float
    matches: int
    right: int

    @property
    def confidence(self) -> float:
        return (self.right + PRIOR_WEIGHT * self.typed) / (self.matches + PRIOR_WEIGHT)

    def note(self) -> str:
        if not self.matches:
            return f"typed confidence {self.typed:.2f}, no approved entry to test it on"
        return (
            f"right on {self.right} of {self.matches} approved entries"
            f" (typed {self.typed:.2f} -> {self.confidence:.3f})"
        )


@dataclass(frozen=True)
class Calibration:
    """(client id or "" for internal time, rule id) -> the rule's measured trust; and the
    precedences history settled: (client, the rule that won, a lower rule of another code that
    matched too) for every approved entry on which the winner's code was the approved one."""

    rules: dict[tuple[str, str], RuleTrust] = field(default_factory=dict)
    settled: frozenset[tuple[str, str, str]] = frozenset()
    memory_seed: str = ""  # the history that taught the tenant's memory at publish, if any

    @classmethod
    def from_backtest(cls, test: BackTest) -> Calibration:
        return cls(
            {
                key: RuleTrust(rec.rule.confidence, rec.clean, rec.clean_right)
                for key, rec in test.records.items()
            },
            frozenset(test.settled),
        )

    @classmethod
    def from_stored(cls, stored: VersionCalibration, book: RuleBook) -> Calibration:
        """What a rules version was published with, for the rules of ``book`` as they are: a
        rule edited since (another ``sha``) is not measured, nor an order one of them settled."""
        from app.domain.rules_versions import rule_sha  # noqa: PLC0415 - with stored versions only

        current = {
            (client or FIRM, rule.id): rule_sha(rule)
            for client in (None, *book.clients)
            for rule in book.context(client).rules()
        }
        kept = {
            (m.client, m.rule): RuleTrust(m.typed, m.matches, m.right)
            for m in stored.rules
            if current.get((m.client, m.rule)) == m.sha
        }
        settled = frozenset(
            (c, won, passed) for c, won, passed in stored.settled
            if (c, won) in kept and (c, passed) in kept
        )  # fmt: skip
        return cls(kept, settled, stored.memory_seed or "")

    def precedence_settled(self, client_id: str | None, winner: str, passed: str) -> bool:
        """Did an approved entry show ``winner`` right where ``passed`` matched too?"""
        return (client_id or FIRM, winner, passed) in self.settled

    def trust(self, client_id: str | None, rule_id: str, typed: float) -> RuleTrust | None:
        found = self.rules.get((client_id or FIRM, rule_id))
        if found is None or found.typed != typed:
            return None  # no history for it, or the rule changed since: its typed value stands
        return found


NO_CALIBRATION = Calibration()


def stored(test: BackTest) -> VersionCalibration:
    """A back-test as a rules version keeps it (``Calibration.from_stored`` reads it back)."""
    from app.domain.rules_versions import RuleMeasure, VersionCalibration, rule_sha  # noqa: PLC0415

    measures = tuple(
        RuleMeasure(client=client, rule=rule_id, typed=rec.rule.confidence, matches=rec.clean,
                    right=rec.clean_right, sha=rule_sha(rec.rule))
        for (client, rule_id), rec in sorted(test.records.items())
    )  # fmt: skip
    return VersionCalibration(entries=test.labelled, rules=measures,
                              settled=tuple(sorted(test.settled)))  # fmt: skip
