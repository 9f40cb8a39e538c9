"""A fifteenth firm timebill was not built on: Lookout Ridge Technology Group, an IT
managed-services provider on Harvest (a per-seat managed-services agreement with scheduled site
days, after-hours emergencies at a premium by time of day and weekend, flat-fee onboarding and
our own mistakes never billed; a fixed-fee Microsoft 365 migration with a cut-over, 14 days of
hypercare, then time and materials, and a change order adding a second site; a prepaid block of
hours with write-off until an overage notice and an incident rate between a declaration and a
closure email; a school under an annual not-to-exceed with a grant period and a donated event),
whose rules were written blind from its agreements (examples/fifteenth_firm/sow_rules/README.md).
Run as a new customer's firm is run, `timebill classify --rules DIR --history FILE
--label-column COL`, and scored against its truth.

Its first run, with the engine as the fourteen firms before it left it, auto-approved 578
entries with none wrong: nothing was changed for it."""

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
FIRM = REPO / "examples" / "fifteenth_firm"


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory) -> Scored:
    """Each classified row with its true code."""
    return with_truth(FIRM, tmp_path_factory.mktemp("fifteenth") / "classified.csv", 885)


def test_the_blind_managed_services_firm_is_auto_approved_within_the_error_target(
    classified: Scored,
) -> None:
    check_error_target(classified, review_at_most=0.4)


def test_the_codes_that_start_in_the_open_month_are_confirmed_by_a_person(
    classified: Scored,
) -> None:
    # Hypercare after the cut-over, the second site's change order, the incident rate and the
    # school's hours past its not-to-exceed were never approved before November: their rules
    # are untested.
    new = {"HPC-HYP", "HPC-CO1", "SMT-IR", "WRS-OVR"}
    check_untested_codes_reviewed(classified, new, more_than=60)
