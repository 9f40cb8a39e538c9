"""A twelfth firm timebill was not built on: Keelson ERP Partners, a NetSuite and Business
Central implementation and support partner on Harvest (an implementation at fixed fees per
phase with a go-live day and a 30-day warranty where our defects are unbilled and new requests
hourly, prepaid support blocks with an overage rate and a renewal, a time-and-materials
integration with work before a change order's signature unbilled and training billed by the
day, a nonprofit's discounted rates under a not-to-exceed raised by an amendment), whose rules
were written blind from its agreements (examples/twelfth_firm/sow_rules/README.md). Run as a
new customer's firm is run, `timebill classify --rules DIR --history FILE --label-column COL`,
and scored against its truth.

Its first run, with the engine as the eleven firms before it left it, auto-approved 488 entries
with none wrong: nothing was changed for it."""

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
FIRM = REPO / "examples" / "twelfth_firm"


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory) -> Scored:
    """Each classified row with its true code."""
    return with_truth(FIRM, tmp_path_factory.mktemp("twelfth") / "classified.csv", 930)


def test_the_blind_erp_partner_is_auto_approved_within_the_error_target(
    classified: Scored,
) -> None:
    check_error_target(classified, review_at_most=0.5)


def test_the_codes_that_start_in_the_open_month_are_confirmed_by_a_person(
    classified: Scored,
) -> None:
    # The warranty after go-live, the work before and under the change order, the training
    # days, the named trips and the not-to-exceed's unbilled code were never approved before
    # November: their rules are untested.
    new = {"HFC-WAR", "COG-PRE", "COG-CO1", "COG-TRN", "COG-TRV", "MFS-OVR"}
    check_untested_codes_reviewed(classified, new, more_than=150)
