"""Companies to clients: certain names, names to confirm, and no client."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.crm.matching import loose_name, match_company
from app.crm.model import Company
from app.rules.loader import load_rulebook

RULES = Path(__file__).resolve().parents[1] / "data" / "rules_draft" / "rules"


@pytest.mark.parametrize(
    ("name", "client", "certain", "why"),
    [
        ("Globex Corporation", "globex", True, "same name"),
        ("GLOBEX", "globex", True, "same name"),  # "Corporation" is a legal form
        ("Globex, Inc.", "globex", True, "same name"),
        ("Globex Industries", "globex", False, "one name holds the other"),
        ("Glubex Corp", "globex", False, "similar name"),
        ("Initech", None, False, ""),
    ],
)
def test_match(name: str, client: str | None, certain: bool, why: str) -> None:
    clients = load_rulebook(RULES).clients

    found = match_company(Company("1", name), clients)

    got = (found.client_id, found.certain, found.why) if found else None
    assert got == ((client, certain, why) if client else None)


def test_a_confirmed_pair_is_certain_next_time() -> None:
    clients = load_rulebook(RULES).clients

    found = match_company(Company("7", "Globex Industries"), clients, {"7": "globex"})

    assert found is not None
    assert (found.certain, found.why) == (True, "confirmed before")


def test_loose_name_drops_legal_forms_but_not_the_whole_name() -> None:
    assert loose_name("Acme Robotics, Inc.") == "acme robotics"
    assert loose_name("Company") == "company"
