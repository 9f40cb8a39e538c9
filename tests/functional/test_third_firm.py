"""A third firm timebill was not built on: Ashgrove Hale & Co., a CPA firm on Harvest, whose
rules were written blind from its engagement letters (examples/third_firm/sow_rules/README.md).
Run as a new customer's firm is run, `timebill classify --rules DIR --history FILE
--label-column COL`, and scored against its truth."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.blind_firm import Scored, check_error_target, with_truth

REPO = Path(__file__).resolve().parents[2]
FIRM = REPO / "examples" / "third_firm"


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory) -> Scored:
    """Each classified row with its true code."""
    return with_truth(FIRM, tmp_path_factory.mktemp("third") / "classified.csv", 888)


def test_the_blind_firm_is_auto_approved_within_the_error_target(
    classified: Scored,
) -> None:
    check_error_target(classified, review_at_most=0.35)


def test_what_no_approved_entry_tested_is_confirmed_by_a_person(
    classified: Scored,
) -> None:
    # The codes first used in the open month (a reporting phase after the exit conference, an
    # exchange amendment, testimony) have no history to measure their rules on.
    untested = [row for row, _ in classified if "untested_rule" in row["review_reasons"]]
    assert untested
    assert all(row["needs_review"] == "true" for row in untested)
    assert any("no approved entry to test it on" in row["reason"] for row in untested)
    assert {"CAL-RPT", "SKP-1031", "PMF-TESTIFY"} <= {row["code"] for row in untested}


def test_nothing_auto_approved_reads_like_an_instruction(
    classified: Scored,
) -> None:
    flagged = [row for row, _ in classified if "suspicious_text" in row["review_reasons"]]
    assert flagged
    assert all(row["needs_review"] == "true" for row in flagged)
