"""A fifth firm timebill was not built on: Quarry Hill Architects + Engineers, an A/E firm on
Toggl Track (phases as tags, fees by phase, a capped hospital, a lump-sum study with an
authorised extra visit), whose rules were written blind from its agreements
(examples/fifth_firm/sow_rules/README.md). Run as a new customer's firm is run, `timebill
classify --rules DIR --history FILE --label-column COL`, and scored against its truth.

Its rules code much of the month by the phase a project was in on the entry's date alone; such
a match goes to review unless approved entries like it were coded the same (``only_the_date``),
which is most of why about half its month is sent to review; four of its codes start in the
open month (``untested_rule``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.blind_firm import Scored, check_error_target, with_truth

REPO = Path(__file__).resolve().parents[2]
FIRM = REPO / "examples" / "fifth_firm"


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory) -> Scored:
    """Each classified row with its true code."""
    return with_truth(FIRM, tmp_path_factory.mktemp("fifth") / "classified.csv", 919)


def test_the_blind_design_firm_is_auto_approved_within_the_error_target(
    classified: Scored,
) -> None:
    check_error_target(classified, review_at_most=0.55)


def test_a_phase_by_date_alone_is_confirmed_by_a_person(
    classified: Scored,
) -> None:
    dated = [row for row, _ in classified if "only_the_date" in row["review_reasons"]]
    assert dated
    assert all(row["needs_review"] == "true" for row in dated)
    # "HAL owner meeting" on the Pikeview study is The Halden's work: its date says nothing
    [(row, true)] = [(r, t) for r, t in classified if r["Description"] == "HAL owner meeting"]
    assert (row["needs_review"], true) == ("true", "HSP-CD")
