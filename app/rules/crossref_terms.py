"""Cross-checks for the keys that name codes, lists or amendments beyond rules and codes:
``unless.code``, ``out_of_scope``, client ``caps`` and ``requests``, ``exempt_codes``, rate
cards' ``requires`` and ``codes``, ``counts_toward``, date lists and example ``flags``."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date

from app.domain.decisions import ReviewReason
from app.domain.rules import Basis, ClientRules, Condition, FirmRules
from app.rules.yaml_lines import Loc

Finding = tuple[Loc, str]
CodeCheck = Callable[[str | None, Loc], list[Finding]]

_FLAGS = frozenset(reason.value for reason in ReviewReason)


def check_terms(rules: ClientRules | FirmRules, code_ref: CodeCheck) -> list[Finding]:
    """Findings for either file kind; ``code_ref`` checks one code name in the file's scope."""
    findings: list[Finding] = []
    for i, rule in enumerate(rules.rules):
        if rule.unless is not None:
            findings += code_ref(rule.unless.code, ("rules", i, "unless", "code"))
        for j, example in enumerate(rule.examples):
            findings += [
                (("rules", i, "examples", j, "flags", k), _unknown_flag(flag))
                for k, flag in enumerate(example.flags)
                if flag not in _FLAGS
            ]
    for key in ("max_entry_hours", "max_day_hours"):
        exempt = getattr(rules.review, key).exempt_codes
        for k, name in enumerate(exempt):
            findings += code_ref(name, ("review", key, "exempt_codes", k))
    return findings


def check_client_terms(client: ClientRules, code_ref: CodeCheck) -> list[Finding]:
    findings = code_ref(client.out_of_scope, ("out_of_scope",))
    for i, cap in enumerate(client.caps):
        for k, name in enumerate(cap.codes):
            findings += code_ref(name, ("caps", i, "codes", k))
    if client.requests is not None:
        for k, name in enumerate(client.requests.codes):
            findings += code_ref(name, ("requests", "codes", k))
    for ident, spec in client.deliverables.items():
        findings += code_ref(spec.change_code, ("deliverables", ident, "change_code"))
        for k, name in enumerate(spec.codes):
            findings += code_ref(name, ("deliverables", ident, "codes", k))
    return findings + _rate_terms(client) + _tracking(client) + _beats_client(client)


def _beats_client(client: ClientRules) -> list[Finding]:
    """``beats_client`` lets a firm keyword rule outrank client topics; in a client file it
    would do nothing, so it is a mistake to be told about."""
    return [
        (("rules", i, "beats_client"), "only a firm rule (in _firm.yaml) can say beats_client")
        for i, rule in enumerate(client.rules)
        if rule.beats_client
    ]


def _rate_terms(client: ClientRules) -> list[Finding]:
    amendments = {a.id for a in client.sow.amendments}
    own = {c.code for c in client.codes}
    findings: list[Finding] = []
    for i, card in enumerate(client.rates):
        if card.requires is not None and card.requires not in amendments:
            known = ", ".join(sorted(amendments)) or "none"
            message = f"unknown amendment '{card.requires}': sow.amendments lists {known}"
            findings.append((("rates", i, "requires"), message))
        findings += [
            (("rates", i, "codes", k), f"unknown code '{name}': not a code of this client")
            for k, name in enumerate(card.codes)
            if name not in own
        ]
    return findings


def _tracking(client: ClientRules) -> list[Finding]:
    by_id = {c.code: c for c in client.codes}
    findings: list[Finding] = []
    for i, code in enumerate(client.codes):
        target = by_id.get(code.counts_toward or "")
        if code.counts_toward is not None and (
            target is None or target.resolved_basis is not Basis.FIXED_FEE
        ):
            message = f"'{code.counts_toward}' is not a fixed-fee code of this client"
            findings.append((("codes", i, "counts_toward"), message))
        if code.resolved_basis is not Basis.RETAINER:
            findings += [
                (("codes", i, key), f"'{key}' applies to retainer codes only (basis: retainer)")
                for key in ("rollover_hours", "overage_rate")
                if getattr(code, key) is not None
            ]
    return findings


def date_list_findings(
    conditions: Iterator[tuple[Loc, Condition | None]],
    lists: Mapping[str, tuple[str, ...]],
    own: Mapping[str, tuple[str, ...]],
) -> list[Finding]:
    """Every list a ``dates: {in: ...}`` names must hold dates written YYYY-MM-DD."""
    findings: list[Finding] = []
    for loc, name in (x for where, cond in conditions for x in date_lists(cond, where)):
        for k, item in enumerate(lists.get(name, ())):
            if _is_date(item):
                continue
            where = ("lists", name, k) if name in own else loc
            findings.append((where, f"list '{name}' item {item!r} is not a date (YYYY-MM-DD)"))
    return findings


def date_lists(condition: Condition | None, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every ``dates: {in: ...}`` list name in a condition tree, with its location."""
    if condition is None:
        return
    yield from dates_here(condition, loc)
    for key, parts in (("all", condition.all_of), ("any", condition.any_of)):
        for index, part in enumerate(parts or ()):
            yield from date_lists(part, (*loc, key, index))
    yield from date_lists(condition.not_, (*loc, "not"))


def dates_here(condition: Condition, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """The ``dates: {in: ...}`` list names of this condition, not of its parts."""
    for k, name in enumerate(condition.dates.in_ or () if condition.dates else ()):
        yield (*loc, "dates", "in", k), name


def conditions_of(rules: ClientRules | FirmRules) -> Iterator[tuple[Loc, Condition | None]]:
    for i, rule in enumerate(rules.rules):
        yield ("rules", i, "when"), rule.when
        yield ("rules", i, "unless"), rule.unless
    for i, code in enumerate(rules.codes):
        yield ("codes", i, "successor_unless"), code.successor_unless


def _is_date(item: str) -> bool:
    try:
        date.fromisoformat(item.strip())
    except ValueError:
        return False
    return True


def _unknown_flag(flag: str) -> str:
    return f"unknown flag '{flag}': one of {', '.join(sorted(_FLAGS))}"
