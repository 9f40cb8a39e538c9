"""A twenty-second firm timebill was not built on: Redbud Analytics, a data analytics and BI
consultancy on Clockify (a grocer's data platform at a fixed fee per sprint deliverable, change
requests hourly from their approval, unbilled hypercare after go-live, then hourly support; a
health plan's BI support retainer with overage after its notice, declared P1 incidents at an
emergency rate and enhancements only under an enhancement order; a university's grant-funded
research hourly by role, unbilled past its ceiling notice until the next grant year and on a
dataset before its data-use agreement; a transit agency with a paused dashboard and a pro-bono
hackathon), whose rules were written blind from its agreements
(examples/twenty_second_firm/sow_rules/README.md). Run as a new customer's firm is run,
`timebill classify --rules DIR --history FILE --label-column COL`, and scored against its truth.

Its first run, with the engine as the twenty-one firms before it left it, auto-approved 487 of
857 entries with 3 wrong (0.62%): "MCD claims linakge to OHDD" (twice) and "MCD claims staging
tables - schema from state sample", work on the state's Medicaid extract before its data-use
agreement was signed, coded as the university's unbilled time past its ceiling. Nothing in the
documents says "MCD" is Medicaid; the rules name the extract by "Medicaid" and "SoonerCare".
Its test holds it to 0.7%."""

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
FIRM = REPO / "examples" / "twenty_second_firm"


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory) -> Scored:
    """Each classified row with its true code."""
    return with_truth(FIRM, tmp_path_factory.mktemp("twenty_second") / "classified.csv", 857)


def test_the_blind_analytics_firm_is_auto_approved_within_its_error_target(
    classified: Scored,
) -> None:
    check_error_target(classified, review_at_most=0.5, wrong_at_most=0.007)


def test_time_in_an_unbilled_window_is_never_billed(classified: Scored) -> None:
    # Hypercare after go-live, the university's hours past its ceiling, the paused dashboard:
    # unbilled by the agreements whatever Clockify's Billable column says.
    unbilled = {"PLM-HYP", "CSU-OVR", "GCT-PAUSE"}
    coded = [row for row, _ in classified if row["code"] in unbilled]
    assert len(coded) > 60
    assert all(row["billable"] == "false" for row in coded)
    assert sum(row["Billable"] == "Yes" for row in coded) > 50


def test_the_codes_that_start_in_the_open_month_are_confirmed_by_a_person(
    classified: Scored,
) -> None:
    # Hypercare and support after the Nov 9 go-live, the enhancement order of Nov 16 and the
    # dashboard's pause: no approved entry has them.
    new = {"PLM-HYP", "PLM-SUP", "OHP-ENH", "GCT-PAUSE"}
    check_untested_codes_reviewed(classified, new, more_than=70)
