"""Checks that look beyond one field: codes, lists and rule ids named elsewhere, and clashes
between files. Pure functions over validated models; each finding names a location
(``('rules', 0, 'code')``) that the loader turns into a file line."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from app.domain.rulebook import name_key
from app.domain.rules import (
    NEEDS_REVIEW,
    Basis,
    BillingCode,
    ClientRules,
    Condition,
    FirmRules,
    Rule,
)
from app.rules.crossref_terms import (
    check_client_terms,
    check_terms,
    conditions_of,
    date_list_findings,
    dates_here,
)
from app.rules.yaml_lines import Loc

Finding = tuple[Loc, str]
FileFinding = tuple[str, Loc, str]  # file name, location, message

_RATED = frozenset({Basis.HOURLY, Basis.RETAINER})


@dataclass(frozen=True)
class _Scope:
    """What a file's references may name."""

    codes: frozenset[str]
    lists: frozenset[str]
    codes_hint: str
    lists_hint: str


def check_firm(firm: FirmRules) -> list[Finding]:
    """Firm rules and codes may name firm codes and firm lists only."""
    scope = _Scope(
        _codes(firm),
        frozenset(firm.lists),
        "not a firm code (the firm file may use firm codes only)",
        "not a firm list (the firm file may use firm lists only)",
    )
    findings = _duplicate_ids(firm) + _references(firm, scope)
    findings += check_terms(firm, lambda code, loc: _code_ref(code, loc, scope))
    return findings + date_list_findings(conditions_of(firm), firm.lists, firm.lists)


def check_client(client: ClientRules, firm: FirmRules | None) -> list[Finding]:
    """One client file against itself and the firm file (``None`` when that did not load:
    then checks that need the firm's codes, lists or rule ids are skipped, not guessed)."""
    findings = _duplicate_ids(client) + _rate_coverage(client, firm) + _nameless(client)
    if firm is None:
        return findings
    scope = _Scope(
        _codes(client) | _codes(firm),
        frozenset(client.lists) | frozenset(firm.lists),
        "not a code of this client or of the firm",
        "not a list of this client or of the firm",
    )
    findings += _clashes_with_firm(client, firm) + _references(client, scope)
    refs = check_terms(client, lambda code, loc: _code_ref(code, loc, scope))
    refs += check_client_terms(client, lambda code, loc: _code_ref(code, loc, scope))
    lists = {**firm.lists, **client.lists}
    refs += date_list_findings(conditions_of(client), lists, client.lists)
    return findings + refs + _overrides(client, firm)


def check_across(
    clients: Sequence[tuple[str, ClientRules]], firm: FirmRules | None
) -> list[FileFinding]:
    """Clashes between client files (given in load order: the first claim wins)."""
    findings = _duplicate_client_ids(clients) + _name_clashes(clients)
    if firm is not None:
        findings += _internal_clashes(clients, firm)
    return findings


# --- inside one file -------------------------------------------------------------------------


def _codes(rules: ClientRules | FirmRules) -> frozenset[str]:
    return frozenset(code.code for code in rules.codes)


def _duplicate_ids(rules: ClientRules | FirmRules) -> list[Finding]:
    codes = _duplicates([code.code for code in rules.codes], "codes", "code", "code")
    return codes + _duplicates([rule.id for rule in rules.rules], "rules", "id", "rule id")


def _duplicates(values: Sequence[str], section: str, key: str, what: str) -> list[Finding]:
    first: dict[str, int] = {}
    findings: list[Finding] = []
    for index, value in enumerate(values):
        if value in first:
            message = f"duplicate {what} '{value}' (first defined at {section}[{first[value]}])"
            findings.append(((section, index, key), message))
        first.setdefault(value, index)
    return findings


def _references(rules: ClientRules | FirmRules, scope: _Scope) -> list[Finding]:
    findings: list[Finding] = []
    for index, code in enumerate(rules.codes):
        loc: Loc = ("codes", index)
        findings += _code_ref(code.successor, (*loc, "successor"), scope)
        findings += _list_refs(code.successor_unless, (*loc, "successor_unless"), scope)
    for index, rule in enumerate(rules.rules):
        findings += _rule_refs(rule, ("rules", index), scope)
    for index, name in enumerate(rules.review.always_review_codes):
        findings += _code_ref(name, ("review", "always_review_codes", index), scope)
    return findings


def _rule_refs(rule: Rule, loc: Loc, scope: _Scope) -> list[Finding]:
    findings = _code_ref(rule.code, (*loc, "code"), scope)
    findings += _list_refs(rule.when, (*loc, "when"), scope)
    findings += _list_refs(rule.unless, (*loc, "unless"), scope)
    for index, example in enumerate(rule.examples):
        if example.expect != NEEDS_REVIEW:  # an example may expect the entry to go to review
            findings += _code_ref(example.expect, (*loc, "examples", index, "expect"), scope)
    return findings


def _code_ref(code: str | None, loc: Loc, scope: _Scope) -> list[Finding]:
    if code is None or code in scope.codes:
        return []
    return [(loc, f"unknown code '{code}': {scope.codes_hint}")]


def _list_refs(condition: Condition | None, loc: Loc, scope: _Scope) -> list[Finding]:
    return [
        (where, f"unknown list '{name}': {scope.lists_hint}")
        for where, name in _named_lists(condition, loc)
        if name not in scope.lists
    ]


def _named_lists(condition: Condition | None, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every ``list:`` name in a condition tree, with its location (aliases, as written)."""
    if condition is None:
        return
    for index, name in enumerate(condition.list_ or ()):
        yield (*loc, "list", index), name
    yield from dates_here(condition, loc)
    for key, parts in (("all", condition.all_of), ("any", condition.any_of)):
        for index, part in enumerate(parts or ()):
            yield from _named_lists(part, (*loc, key, index))
    yield from _named_lists(condition.not_, (*loc, "not"))


def _overrides(client: ClientRules, firm: FirmRules) -> list[Finding]:
    firm_rules = {rule.id for rule in firm.rules}
    return [
        (
            ("overrides", index),
            f"unknown firm rule '{rule_id}': overrides must name a rule id of the firm file",
        )
        for index, rule_id in enumerate(client.overrides)
        if rule_id not in firm_rules
    ]


def _clashes_with_firm(client: ClientRules, firm: FirmRules) -> list[Finding]:
    firm_codes = _codes(firm)
    firm_rules = {rule.id for rule in firm.rules} - set(client.overrides)
    findings: list[Finding] = [
        (
            ("codes", index, "code"),
            f"code '{code.code}' is already a firm code: give the client's code its own id",
        )
        for index, code in enumerate(client.codes)
        if code.code in firm_codes
    ]
    findings += [
        (
            ("rules", index, "id"),
            f"rule id '{rule.id}' is also a firm rule: list it under "
            "overrides to replace the firm rule, or rename it",
        )
        for index, rule in enumerate(client.rules)
        if rule.id in firm_rules
    ]
    return findings


def _rate_coverage(client: ClientRules, firm: FirmRules | None) -> list[Finding]:
    """A billable hourly or retainer code without its own rate is priced by a rate card."""
    sow_start = client.sow.effective.start
    findings: list[Finding] = []
    for index, code in enumerate(client.codes):
        gap = _rate_gap(client, code.effective.start or sow_start) if _needs_rate(code) else None
        if gap:
            what = f"billable {code.resolved_basis.value} code '{code.code}' has no rate"
            findings.append((("codes", index, "rate"), f"{what}, and {gap}"))
    for code in firm.codes if firm else ():
        gap = _rate_gap(client, sow_start) if _needs_rate(code) else None
        if gap:
            what = f"firm code '{code.code}' is billable {code.resolved_basis.value} with no rate"
            findings.append((("rates",), f"{what}, and {gap}"))
    return findings


def _needs_rate(code: BillingCode) -> bool:
    return code.billable and code.rate is None and code.resolved_basis in _RATED


def _rate_gap(client: ClientRules, start: date | None) -> str | None:
    cards = [card for card in client.rates if card.default is not None or card.roles]
    if not cards:
        return "the client has no rate card (rates: with a default or role rates)"
    first = min(card.start for card in cards)
    if start is not None and start < first:
        return f"no rate card is in force before {first} (the code takes time from {start})"
    return None


# --- tracker names ---------------------------------------------------------------------------


def _tracker_names(client: ClientRules) -> list[tuple[Loc, str]]:
    """Every name a tracker may use for this client, where it is written."""
    ident = client.client
    names: list[tuple[Loc, str]] = [(("client", "id"), ident.id), (("client", "name"), ident.name)]
    names += [(("client", "aliases", i), alias) for i, alias in enumerate(ident.aliases)]
    names += [(("client", "projects", i), project) for i, project in enumerate(ident.projects)]
    return names


def _nameless(client: ClientRules) -> list[Finding]:
    return [
        (loc, f"tracker name {name!r} has no letters or digits, so it cannot identify a client")
        for loc, name in _tracker_names(client)
        if not name_key(name)
    ]


def _duplicate_client_ids(clients: Sequence[tuple[str, ClientRules]]) -> list[FileFinding]:
    owner: dict[str, str] = {}
    findings: list[FileFinding] = []
    for file, rules in clients:
        client_id = rules.client.id
        if client_id in owner:
            message = f"client id '{client_id}' is already used by {owner[client_id]}"
            findings.append((file, ("client", "id"), message))
        owner.setdefault(client_id, file)
    return findings


def _name_clashes(clients: Sequence[tuple[str, ClientRules]]) -> list[FileFinding]:
    """A tracker name (compared loosely, like ``RuleBook.resolve_client``) names one client."""
    claimed: dict[str, tuple[str, str]] = {}  # name key -> (client id, file)
    findings: list[FileFinding] = []
    for file, rules in clients:
        mine = rules.client.id
        for loc, name in _tracker_names(rules):
            key = name_key(name)
            other_id, other_file = claimed.setdefault(key, (mine, file)) if key else (mine, file)
            if other_id != mine:
                message = (
                    f"tracker name '{name}' is also claimed by client '{other_id}' "
                    f"({other_file}), so its entries could go to either"
                )
                findings.append((file, loc, message))
    return findings


def _internal_clashes(
    clients: Sequence[tuple[str, ClientRules]], firm: FirmRules
) -> list[FileFinding]:
    internal = {name_key(name): name for name in firm.firm.internal_clients}
    return [
        (
            file,
            loc,
            f"tracker name '{name}' is also the firm's internal client "
            f"'{internal[name_key(name)]}' (firm.internal_clients in the firm file)",
        )
        for file, rules in clients
        for loc, name in _tracker_names(rules)
        if name_key(name) in internal
    ]
