"""Which codes no rule can give (``app.rules.reach``): ``rules check`` notes them, as a code
added without its rule (a change order's) is then coded as something else until a person
corrects each entry. A rule, a rule's ``unless: {code}``, a code's ``successor``, a
deliverable's ``change_code`` or the client's ``out_of_scope`` each reach a code."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.rulebook import RuleBook
from app.domain.rules import ClientRules, FirmRules
from app.rules.reach import unreached_codes
from tests.unit.engine_book import FIRM, NORTH

LATE = {"code": "N-LATE", "name": "Change order 1", "clause": "CO-1", "billable": False}


def _unreached(**north: Any) -> list[tuple[str, str]]:
    client = ClientRules.model_validate({**NORTH, "codes": [*NORTH["codes"], LATE], **north})
    return unreached_codes(RuleBook.build(FirmRules.model_validate(FIRM), [client], {}, "f"))


def test_a_code_no_rule_gives_is_listed_with_its_client() -> None:
    assert ("north", "N-LATE") in _unreached()


@pytest.mark.parametrize(
    "reach",
    [
        {"rules": [*NORTH["rules"], {"id": "n-late", "clause": "CO-1", "code": "N-LATE",
                                     "when": {"words": ["late"]}}]},
        {"rules": [{**NORTH["rules"][0], "unless": {"words": ["late"], "code": "N-LATE"}},
                   *NORTH["rules"][1:]]},
        {"codes": [{**NORTH["codes"][0], "successor": "N-LATE"}, *NORTH["codes"][1:], LATE]},
        {"out_of_scope": "N-LATE"},
    ],
    ids=["rule", "unless", "successor", "out_of_scope"],
)  # fmt: skip
def test_a_code_something_reaches_is_not_listed(reach: dict[str, Any]) -> None:
    assert ("north", "N-LATE") not in _unreached(**reach)
