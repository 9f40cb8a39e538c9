"""A thirteenth firm timebill was not built on: Harrow & Finch Communications, a PR and crisis
communications agency on Clockify (a brewery's monthly retainer with rollover and an overage
from a dated allowance notice, a senior-living operator's crisis standby with a premium rate
for 14 days from an activation email, a bike maker's launch at fixed fees per deliverable with
a change order, pass-through time and hourly work only on written request, a literacy
nonprofit's pro bono work with its gala's publicity billed), whose rules were written blind
from its agreements (examples/thirteenth_firm/sow_rules/README.md). Run as a new customer's
firm is run, `timebill classify --rules DIR --history FILE --label-column COL`, and scored
against its truth.

Its first run, with the engine as the twelve firms before it left it, auto-approved 576
entries with 11 wrong (1.91%). Five engine changes (a rule's "on-call" read as a phrase, the
picks a note repeats at any rank, memory's habit for a listed vague internal note, timed parts
that agree against the whole, a client's name cut short with a dot) left 569 with 3 wrong
(0.53%): a note on another client's project that names the client only by initials ("GW -
paid social results") and two gala posts under the Gala Publicity task that no word of the
note ties to the gala ("sponsor announcement posts", coded pro bono by its generic 'posts').
Its test holds it to 1% until the engine reads those."""

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
FIRM = REPO / "examples" / "thirteenth_firm"


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory) -> Scored:
    """Each classified row with its true code."""
    return with_truth(FIRM, tmp_path_factory.mktemp("thirteenth") / "classified.csv", 868)


def test_the_blind_pr_agency_is_auto_approved_within_its_error_bound(
    classified: Scored,
) -> None:
    check_error_target(classified, review_at_most=0.4, wrong_at_most=0.01)


def test_the_codes_that_start_in_the_open_month_are_confirmed_by_a_person(
    classified: Scored,
) -> None:
    # The influencer programme under the change order and the hourly work on written request
    # were never approved before November: their rules are untested.
    new = {"VLB-INFL", "VLB-HRLY"}
    check_untested_codes_reviewed(classified, new, more_than=10)
