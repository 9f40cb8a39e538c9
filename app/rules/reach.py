"""Codes no rule can give: a code defined in a rules file that no rule (or a rule's ``unless``)
names, that no code moves to (``successor``), that no deliverable sends change requests to and
that is not the client's ``out_of_scope`` code. Only memory, Claude or a reviewer can choose
such a code, so entries of it are coded as something else until a person corrects them: often
a rule forgotten for a code added late (a change order, a resubmission). ``rules check``
lists them as notes, not problems: a write-off code only reviewers choose is a fair design."""

from __future__ import annotations

from app.domain.rulebook import RuleBook
from app.domain.rules import BillingCode, Rule


def unreached_codes(book: RuleBook) -> list[tuple[str, str]]:
    """``(client id or "firm", code)`` for each code nothing gives, in file order."""
    rules: list[Rule] = [*book.firm.rules, *(r for c in book.clients.values() for r in c.rules)]
    codes: list[tuple[str, BillingCode]] = [("firm", code) for code in book.firm.codes]
    codes += [(cid, code) for cid, client in book.clients.items() for code in client.codes]
    given = {rule.code for rule in rules}
    given |= {rule.unless.code for rule in rules if rule.unless is not None and rule.unless.code}
    given |= {code.successor for _, code in codes if code.successor is not None}
    for client in book.clients.values():
        given |= {deliverable.change_code for deliverable in client.deliverables.values()}
        if client.out_of_scope is not None:
            given.add(client.out_of_scope)
    return [(where, code.code) for where, code in codes if code.code not in given]


def unreached_notes(book: RuleBook) -> list[str]:
    """What ``rules check`` and ``rules import`` say of each code ``unreached_codes`` finds."""
    return [
        f"{code} ({where}): no rule gives it and no code moves to it; only memory, Claude or a"
        " reviewer can choose it (a rule forgotten?)"
        for where, code in unreached_codes(book)
    ]
