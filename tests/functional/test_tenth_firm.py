"""A tenth firm timebill was not built on: Halyard Point Security, a cybersecurity consultancy on
Clockify (penetration tests at a fixed fee each with one free retest and a change request, an
incident-response retainer with an after-hours rate while an incident is declared, a vCISO's
monthly fee with overage from a written notice, a school district's capped rates under a
not-to-exceed), whose rules were written blind from its agreements
(examples/tenth_firm/sow_rules/README.md). Run as a new customer's firm is run, `timebill
classify --rules DIR --history FILE --label-column COL`, and scored against its truth.

Its first run auto-approved 660 entries with 5 wrong (0.76%): four were decided by memory, a
habit from before a change only the date or the start time shows (vCISO work after the overage
notice; incident work on a Saturday at the after-hours rate), against a rule that read the date
or the time. They now go to a person. One remains: an internal entry of two activities, coded
by its second ("phishing infra - new sending domain warmup; GIAC GCFA exam prep"), where the
firm's policy takes the first written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.blind_firm import Scored, check_error_target, with_truth

REPO = Path(__file__).resolve().parents[2]
FIRM = REPO / "examples" / "tenth_firm"


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory) -> Scored:
    """Each classified row with its true code."""
    return with_truth(FIRM, tmp_path_factory.mktemp("tenth") / "classified.csv", 961)


def test_the_blind_security_consultancy_is_auto_approved_within_the_error_target(
    classified: Scored,
) -> None:
    check_error_target(classified, review_at_most=0.4)


@pytest.mark.parametrize(
    ("description", "true"),
    [
        ("rvw Troy's firewall change plan", "KTD-OVER"),  # after the Nov 17 overage notice
        ("review Troy's firewall change plan", "KTD-OVER"),
        ("INC-2026-03 eradication - rebuild checklist, credential resets", "SBM-IRAH"),
    ],
)
def test_what_memory_decided_against_a_dated_rule_goes_to_a_person(
    classified: Scored, description: str, true: str
) -> None:
    found = [(row, t) for row, t in classified if row["Description"] == description and t == true]
    assert found
    for row, _ in found:
        assert row["needs_review"] == "true"
        assert "dated_rule_disagrees" in row["review_reasons"].split("|")
