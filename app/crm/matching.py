"""Which tracker client (a client of ``sow_rules``) a CRM company is.

Certain: the company's name is the client's id, name or an alias once loosened (case,
punctuation, spacing and a legal form such as "Inc." or "GmbH" do not count), and no other
client's name is; or a person confirmed the pair before (kept in the pull's ledger).
Uncertain: the closest client by name similarity (``app/service/mapping_suggest.score``, the
one ``timebill qbo map`` uses) at or above ``MIN_SCORE``, a name holding every word of the
other ("Globex Industries" and "Globex"), or a loose name two clients share: a person
confirms it. Below that, the company is no client of the firm's rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.crm.model import Company
from app.domain.rulebook import name_key
from app.domain.rules import ClientRules
from app.service.mapping_suggest import MIN_SCORE, score

CONTAINED_SCORE = 0.8

# Words of a legal form that end a company's name in a CRM and rarely in a tracker.
_FORMS = "inc incorporated llc llp lp ltd limited corp corporation co company plc gmbh ag sa sas"
LEGAL_FORMS = frozenset(f"{_FORMS} sarl bv nv pty pte srl spa oy ab as aps kg".split())


@dataclass(frozen=True)
class Match:
    company: Company
    client_id: str
    client_name: str
    certain: bool
    score: float
    why: str  # "same name", "alias", "confirmed before", "similar name"


def loose_name(name: str) -> str:
    """``name_key`` without trailing legal forms: "Acme Robotics, Inc." -> "acme robotics"."""
    words = name_key(name).split()
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def _names(client: ClientRules) -> list[tuple[str, str]]:
    ident = client.client
    named = [(ident.name, "same name"), (ident.id.replace("-", " "), "client id")]
    return named + [(alias, "alias") for alias in ident.aliases]


def match_company(
    company: Company,
    clients: Mapping[str, ClientRules],
    confirmed: Mapping[str, str] | None = None,
) -> Match | None:
    """The client ``company`` is, certain or not; None when none is close enough."""
    confirmed = confirmed or {}
    known = confirmed.get(company.id, "")
    if known in clients:
        return Match(company, known, clients[known].client.name, True, 1.0, "confirmed before")
    target = loose_name(company.name)
    if not target:
        return None
    exact = [
        (cid, why)
        for cid, rules in sorted(clients.items())
        for name, why in _names(rules)
        if loose_name(name) == target
    ]
    if len({cid for cid, _ in exact}) == 1:
        cid, why = exact[0]
        return Match(company, cid, clients[cid].client.name, True, 1.0, why)
    return _closest(company, clients, only=[cid for cid, _ in exact])


def _closest(
    company: Company, clients: Mapping[str, ClientRules], only: Iterable[str]
) -> Match | None:
    pool = list(dict.fromkeys(only)) or sorted(clients)
    target = loose_name(company.name)
    best: tuple[float, str, str] = (0.0, "", "")
    for cid in pool:
        for name, _ in _names(clients[cid]):
            similarity, why = _similarity(loose_name(name), target)
            best = max(best, (round(similarity, 3), cid, why))
    similarity, cid, why = best
    if not cid or similarity < MIN_SCORE:
        return None
    why = "shares a name with another client" if only else why
    return Match(company, cid, clients[cid].client.name, False, similarity, why)


def _similarity(ours: str, theirs: str) -> tuple[float, str]:
    """How alike two loose names are; one holding every word of the other ("Globex" and
    "Globex Industries") counts as ``CONTAINED_SCORE`` at least: likely, to be confirmed."""
    ratio = score([ours], theirs)
    mine, other = set(ours.split()), set(theirs.split())
    if mine and other and (mine <= other or other <= mine) and ratio < CONTAINED_SCORE:
        return CONTAINED_SCORE, "one name holds the other"
    return ratio, "similar name"
