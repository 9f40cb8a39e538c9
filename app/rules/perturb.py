"""Rules the way people get them wrong: for measuring how much a flawed rule book costs.

Each perturbation returns a new ``RuleBook`` and a line saying what it changed. Used by
``bench/rules_robustness.py`` and its functional test; never by the product itself.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from app.classify.batch import classify_source
from app.classify.calibration import Calibration
from app.classify.evaluation import Truth
from app.classify.memory import Memory
from app.classify.memory_calibration import learn_measured
from app.classify.summary import score
from app.config import Settings
from app.domain.rulebook import RuleBook
from app.domain.rules import ClientRules, Condition, Rule
from app.factory import build_cascade
from app.rules.backtest import Labelled, back_test
from app.sources.exports import ImportResult

Perturbation = Callable[[RuleBook, random.Random], tuple[RuleBook, str]]

# Words that appear in every client's work: a rule on one of them is the classic over-broad rule.
BROAD_WORDS = ("review", "call", "update", "meeting", "report", "analysis", "prep", "draft")


def _with_client(book: RuleBook, client: ClientRules) -> RuleBook:
    clients = [client if c.client.id == client.client.id else c for c in book.clients.values()]
    versions = dict(book.versions)
    versions[client.client.id] = f"{versions.get(client.client.id, '')}~perturbed"
    return RuleBook.build(book.firm, clients, versions, book.firm_version, book.files)


def _client(book: RuleBook, rng: random.Random, min_rules: int = 1) -> ClientRules:
    ids = sorted(cid for cid, c in book.clients.items() if len(c.rules) >= min_rules)
    return book.clients[rng.choice(ids)]


def drop_rule(book: RuleBook, rng: random.Random) -> tuple[RuleBook, str]:
    client = _client(book, rng)
    gone = rng.choice(client.rules)
    rules = tuple(r for r in client.rules if r.id != gone.id)
    return _with_client(book, client.model_copy(update={"rules": rules})), f"dropped {gone.id}"


def swap_priorities(book: RuleBook, rng: random.Random) -> tuple[RuleBook, str]:
    client = _client(book, rng, min_rules=2)
    distinct = [r for r in client.rules if r.priority != client.rules[0].priority]
    first = rng.choice(client.rules)
    pool = [r for r in client.rules if r.priority != first.priority] or distinct or client.rules
    second = rng.choice([r for r in pool if r.id != first.id])
    swapped = {first.id: second.priority, second.id: first.priority}
    rules = tuple(
        r.model_copy(update={"priority": swapped[r.id]}) if r.id in swapped else r
        for r in client.rules
    )
    what = (
        f"swapped priorities of {first.id} ({first.priority}) and {second.id} ({second.priority})"
    )
    return _with_client(book, client.model_copy(update={"rules": rules})), what


def add_broad_rule(book: RuleBook, rng: random.Random) -> tuple[RuleBook, str]:
    client = _client(book, rng)
    word = rng.choice(BROAD_WORDS)
    code = rng.choice([c.code for c in client.codes])
    priority = max((r.priority for r in client.rules), default=0) // 2
    rule = Rule(
        id=f"broad-{word}",
        clause=client.codes[0].clause,
        when=Condition.model_validate({"words": [word]}),
        code=code,
        priority=priority,
    )
    updated = client.model_copy(update={"rules": (*client.rules, rule)})
    return _with_client(book, updated), f"added '{word}' -> {code} at priority {priority}"


def mistype_contact(book: RuleBook, rng: random.Random) -> tuple[RuleBook, str]:
    candidates = sorted(cid for cid, c in book.clients.items() if c.lists.get("contacts"))
    client = book.clients[rng.choice(candidates)]
    contacts = list(client.lists["contacts"])
    i = rng.randrange(len(contacts))
    name = contacts[i]
    j = rng.randrange(max(1, len(name) - 1))
    contacts[i] = name[:j] + name[j + 1 : j + 2] + name[j] + name[j + 2 :]
    lists = {**client.lists, "contacts": tuple(contacts)}
    updated = client.model_copy(update={"lists": lists})
    return _with_client(book, updated), f"{name!r} typed as {contacts[i]!r}"


PERTURBATIONS: dict[str, Perturbation] = {
    "drop a rule": drop_rule,
    "swap two priorities": swap_priorities,
    "over-broad keyword rule": add_broad_rule,
    "mistyped contact": mistype_contact,
}


@dataclass(frozen=True)
class Outcome:
    auto_error_rate: float
    review_share: float
    auto_errors: int
    auto_approved: int


def memory_of(book: RuleBook, history: list[Labelled]) -> Memory:
    """The memory the approved history teaches, for measuring perturbed books against it."""
    memory = Memory()
    learn_measured(book, memory, history)
    return memory


def measure(
    book: RuleBook,
    memory: Memory,
    history: list[Labelled],
    month: ImportResult,
    truth: Truth,
) -> Outcome:
    """The month classified offline with this rule book (rules calibrated on ``history``)."""
    settings = Settings(llm_provider="none")
    calibration = Calibration.from_backtest(back_test(book, history))
    cascade = build_cascade(settings, book, memory, calibration)
    decided = classify_source(cascade, month).decided
    acc = score(decided, truth.codes, truth.categories)
    return Outcome(acc.auto_error_rate, acc.review_share, acc.auto_errors, acc.auto_approved)
