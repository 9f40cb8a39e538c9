"""``unless`` with a ``code``: the exception goes to a code of its own.

A rule ``{when: W, unless: {phrases: [P], code: Y}, code: X}`` is read as two rules of the
same rank: ``W and not P -> X`` (the rule as written) and ``W and P -> Y`` (its exception, id
``<rule id>.unless``), so a word-sense exception is one rule, with no priority bookkeeping.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.domain.rules import Condition, Rule, Unless

SUFFIX = ".unless"


def with_exceptions(rules: Iterable[Rule]) -> list[Rule]:
    """The rules, each followed by its exception rule when its ``unless`` names a code."""
    found: list[Rule] = []
    for rule in rules:
        found.append(rule)
        if rule.unless is not None and rule.unless.code is not None:
            found.append(exception_rule(rule, rule.unless, rule.unless.code))
    return found


def exception_rule(rule: Rule, unless: Unless, code: str) -> Rule:
    test = unless.model_dump(by_alias=True, exclude={"code"}, exclude_none=True)
    when = Condition.model_validate({"all": [rule.when, Condition.model_validate(test)]})
    note = f"the exception in rule {rule.id} (unless ...), which goes to {code}"
    update = {
        "id": rule.id + SUFFIX,
        "when": when,
        "unless": None,
        "code": code,
        "flag": None,
        "note": note,
        "examples": (),
    }
    return rule.model_copy(update=update)
