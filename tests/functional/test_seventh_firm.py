"""A seventh firm timebill was not built on: Kestrel Ridge Environmental, an environmental
consulting firm on Clockify (a state term contract by task orders with ceilings, fixed-fee
Phase I ESAs and a Phase II under a change order, field-day rates with standby and a capped
office month, a municipal stormwater program on a monthly fee with storm emergencies), whose
rules were written blind from its agreements (examples/seventh_firm/sow_rules/README.md). Run
as a new customer's firm is run, `timebill classify --rules DIR --history FILE --label-column
COL`, and scored against its truth.

Its first run auto-approved 404 entries with 2 wrong (0.50%): internal time coded by its minor
part, and a renewal proposal decided by a client rule that outranked the firm's proposals rule,
which says it beats client rules. Both now go to a person. About half its month goes to review:
its rules set the tracker's picks at a confidence under the bar (its policy says a project or
task never decides a code: ``low_confidence``), and many of its codes start in the open month."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.blind_firm import Scored, check_error_target, with_truth

REPO = Path(__file__).resolve().parents[2]
FIRM = REPO / "examples" / "seventh_firm"


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory) -> Scored:
    """Each classified row with its true code."""
    return with_truth(FIRM, tmp_path_factory.mktemp("seventh") / "classified.csv", 886)


def test_the_blind_environmental_firm_is_auto_approved_within_the_error_target(
    classified: Scored,
) -> None:
    check_error_target(classified, review_at_most=0.6)


@pytest.mark.parametrize(
    ("start", "reason", "true"),
    [
        ("heat stress program - field staff reminders (3.0h)", "mixed_activities", "KRE-HS"),
        ("2027 renewal - MS4 fee proposal", "untested_precedence", "KRE-BD"),
    ],
)
def test_what_the_first_run_got_wrong_goes_to_a_person(
    classified: Scored, start: str, reason: str, true: str
) -> None:
    [(row, truth)] = [(r, t) for r, t in classified if r["Description"].startswith(start)]
    assert truth == true
    assert row["needs_review"] == "true"
    assert reason in row["review_reasons"].split("|")
