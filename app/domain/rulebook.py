"""All rules in force: the firm file plus one file per client, with the look-ups stages need."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from app.classify.lexicon import DEFAULT_LEXICON, Lexicon
from app.domain.rule_exceptions import with_exceptions
from app.domain.rules import BillingCode, ClientRules, FirmRules, ReviewPolicy, Rule

_NAME_NOISE = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    """Compare tracker names loosely: case, punctuation and spacing do not matter."""
    return _NAME_NOISE.sub(" ", name.lower()).strip()


@dataclass(frozen=True)
class ClientContext:
    """Everything one client's classification may see: its own rules and the firm's, never
    another client's. ``version`` changes whenever either file changes."""

    client: ClientRules | None
    firm: FirmRules
    version: str
    codes: dict[str, BillingCode] = field(default_factory=dict)
    lexicon: Lexicon = DEFAULT_LEXICON  # the firm's shorthand, built once per rule book

    @property
    def client_id(self) -> str | None:
        return self.client.client.id if self.client else None

    @property
    def review(self) -> ReviewPolicy:
        """The client's review policy, or the firm's for internal time."""
        return self.client.review if self.client else self.firm.review

    def rules(self) -> list[Rule]:
        """Client rules first, then firm rules the client does not override; a rule whose
        ``unless`` names a code is followed by its exception rule (``rule_exceptions``)."""
        own = list(self.client.rules) if self.client else []
        overridden = set(self.client.overrides) if self.client else set()
        return with_exceptions(own + [r for r in self.firm.rules if r.id not in overridden])

    def own_rule_ids(self) -> set[str]:
        """The ids of the client's own rules, exception rules included."""
        return {r.id for r in with_exceptions(self.client.rules)} if self.client else set()

    def lists(self) -> dict[str, tuple[str, ...]]:
        merged = dict(self.firm.lists)
        if self.client:
            merged.update(self.client.lists)
        return merged

    def event_date(self, name: str) -> date | None:
        return self.client.events.get(name) if self.client else None


@dataclass(frozen=True)
class RuleBook:
    firm: FirmRules
    clients: dict[str, ClientRules]
    versions: dict[str, str]
    firm_version: str
    _by_name: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # client id ("" = firm) -> file shown
    label: str = ""  # the store's version id ("v3"); empty for a rules directory

    @classmethod
    def build(
        cls,
        firm: FirmRules,
        clients: list[ClientRules],
        versions: dict[str, str],
        firm_version: str,
        files: dict[str, str] | None = None,
        *,
        label: str = "",
    ) -> RuleBook:
        by_name: dict[str, str] = {}
        for rules in clients:
            ident = rules.client
            for name in (ident.id, ident.name, *ident.aliases, *ident.projects):
                by_name[name_key(name)] = ident.id
        clients_by_id = {c.client.id: c for c in clients}
        return cls(firm, clients_by_id, versions, firm_version, by_name, dict(files or {}), label)

    def resolve_client(self, *names: str) -> str | None:
        """The client id a tracker's client or project name points at, if any."""
        for name in names:
            found = self._by_name.get(name_key(name)) if name else None
            if found:
                return found
        return None

    def is_internal(self, name: str) -> bool:
        return name_key(name) in self._internal

    @cached_property
    def lexicon(self) -> Lexicon:
        """The default shorthand with the firm file's ``lexicon:`` changes (the firm file's
        hash is in every version, so a change there is a new rules version)."""
        return Lexicon.of(self.firm.lexicon)

    @cached_property
    def _internal(self) -> frozenset[str]:
        return frozenset(name_key(n) for n in self.firm.firm.internal_clients)

    def version_of(self, client_id: str | None) -> str:
        """What a decision records: the client's SOW file and the firm file, so a change to
        either (a firm rule, a person's role) is a new version. A book from the store puts
        its version id first (``v3/ACME-2025 v2@1a2b3c4d5e6f+firm@...``): the approved
        version that made the decision, queryable by prefix."""
        client = self.clients.get(client_id) if client_id else None
        prefix = f"{self.label}/" if self.label else ""
        firm = f"firm@{self.firm_version}"
        if client is None:
            return prefix + firm
        own = f"{client.sow.id} v{client.sow.version}@{self.versions[client.client.id]}"
        return f"{prefix}{own}+{firm}"

    def context(self, client_id: str | None) -> ClientContext:
        client = self.clients.get(client_id) if client_id else None
        codes = {c.code: c for c in self.firm.codes}
        if client is not None:
            codes.update({c.code: c for c in client.codes})
        return ClientContext(client, self.firm, self.version_of(client_id), codes, self.lexicon)
