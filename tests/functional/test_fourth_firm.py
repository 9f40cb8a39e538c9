"""A fourth firm timebill was not built on: Whitford Lane Kessler LLP, a law firm on Clockify
(UTBMS tags, a carrier's billing guidelines, a flat-fee deal, a retainer, two licensing
phases), whose rules were written blind from its letters (examples/fourth_firm/sow_rules/
README.md). Run as a new customer's firm is run, `timebill classify --rules DIR --history FILE
--label-column COL`, and scored against its truth.

Its review share is high (about half): its letters bill hourly "at the Firm's standard rates",
which the firm keeps per timekeeper in Clockify and the rules format cannot name (``no_rate``),
three of its codes start in the open month (``untested_rule``), and several of its rules were
often wrong on its history (``low_confidence``). The bound below holds that share where it is;
what the auto-approved part gets wrong is held to the product's target."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.blind_firm import Scored, check_error_target, with_truth

REPO = Path(__file__).resolve().parents[2]
FIRM = REPO / "examples" / "fourth_firm"


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory) -> Scored:
    """Each classified row with its true code."""
    return with_truth(FIRM, tmp_path_factory.mktemp("fourth") / "classified.csv", 907)


def test_the_blind_law_firm_is_auto_approved_within_the_error_target(
    classified: Scored,
) -> None:
    check_error_target(classified, review_at_most=0.55)


def test_codes_first_used_this_month_and_instructions_go_to_a_person(
    classified: Scored,
) -> None:
    untested = [row for row, _ in classified if "untested_rule" in row["review_reasons"]]
    assert {"COR-CLOSE", "PSL-EEOC", "BWP-P2"} <= {row["code"] for row in untested}
    flagged = [row for row, _ in classified if "suspicious_text" in row["review_reasons"]]
    assert flagged
    assert all(row["needs_review"] == "true" for row in [*untested, *flagged])


def test_a_conference_of_a_tenth_of_the_hours_does_not_code_the_entry(
    classified: Scored,
) -> None:
    # "MSJ brief ... (2.5); o/c w/ MW re same (0.4)": the internal-conference rule reads the
    # whole text, but the hours written say the entry is the brief, so the brief's rule
    # proposes it (still to a person here: that rule was right on 12 of 16 approved entries)
    [(row, true)] = [(r, t) for r, t in classified if r["Description"].startswith("MSJ brief -")
                     and "(0.4)" in r["Description"]]  # fmt: skip
    assert (row["code"], true) == ("GSM-L200", "GSM-L200")
    assert "over rule gsm.internal_conference, by the durations written" in row["reason"]
    assert row["needs_review"] == "true"
