"""An eighteenth firm timebill was not built on: Basalt & Cedar Project Advisors, an owner's
representative and construction project management firm on Harvest (a school district's bond
programme at a monthly fee per project phase, claims support only from a written
authorization and its own pay-application errors never billed; a hospital expansion hourly
under a fiscal-year not-to-exceed with commissioning from a start letter and an amendment
adding a building; a developer's pre-construction fixed fee to the GMP signature, then a
construction fee, large change-order reviews and inspection visits billed apart; a county's
numbered task orders, an expired one unbilled until its extension), whose rules were written
blind from its agreements (examples/eighteenth_firm/sow_rules/README.md). Run as a new
customer's firm is run, `timebill classify --rules DIR --history FILE --label-column COL`, and
scored against its truth.

Its first run, with the engine as the seventeen firms before it left it, auto-approved 414
entries with none wrong: nothing was changed for it. Ten of its codes start in the open month,
so 180 right answers on them go to a person as untested rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.blind_firm import (
    Scored,
    check_error_target,
    check_untested_codes_reviewed,
    with_truth,
)

REPO = Path(__file__).resolve().parents[2]
FIRM = REPO / "examples" / "eighteenth_firm"


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory) -> Scored:
    """Each classified row with its true code."""
    return with_truth(FIRM, tmp_path_factory.mktemp("eighteenth") / "classified.csv", 735)


def test_the_blind_owners_rep_firm_is_auto_approved_within_the_error_target(
    classified: Scored,
) -> None:
    check_error_target(classified, review_at_most=0.5)


def test_the_codes_that_start_in_the_open_month_are_confirmed_by_a_person(
    classified: Scored,
) -> None:
    # Construction on the second school, closeout of the first, the claim authorized in
    # November, commissioning, the second building, the developer's construction fee, change
    # order reviews and inspections, the new task order and the expired one's unbilled work:
    # never approved before November, so their rules are untested.
    new = {"LCS-MCON", "LCS-GCLO", "LCS-CLM", "HRM-CX", "HRM-B2", "PDP-CON", "PDP-COR",
           "PDP-INS", "HVC-T05", "HVC-NB"}  # fmt: skip
    check_untested_codes_reviewed(classified, new, more_than=150)
