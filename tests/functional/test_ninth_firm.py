"""A ninth firm timebill was not built on: Tamarack Regulatory Group, a regulatory affairs and
quality consultancy for device and diagnostics companies on Harvest (a 510(k) at a fixed fee per
milestone with change orders, a remediation retainer with on-site days and half-rate travel, an
EU technical file under a not-to-exceed with a notified body's audit, a supplier-audit program
that bills the lead auditor's travel only and writes off its own rework), whose rules were
written blind from its agreements (examples/ninth_firm/sow_rules/README.md). Run as a new
customer's firm is run, `timebill classify --rules DIR --history FILE --label-column COL`, and
scored against its truth.

Its first run auto-approved 548 entries with 15 wrong (2.74%): firm holidays logged under Time
Off / PTO ("holiday", "office closed"), decided by the task picked; a mixed entry whose larger
part the task picked for the whole hid; return travel from the notified body's audit, decided
by a rule only one approved entry had tested. Each now goes to a person."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.blind_firm import Scored, check_error_target, with_truth

REPO = Path(__file__).resolve().parents[2]
FIRM = REPO / "examples" / "ninth_firm"


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory) -> Scored:
    """Each classified row with its true code."""
    return with_truth(FIRM, tmp_path_factory.mktemp("ninth") / "classified.csv", 806)


def test_the_blind_regulatory_consultancy_is_auto_approved_within_the_error_target(
    classified: Scored,
) -> None:
    check_error_target(classified, review_at_most=0.4)


@pytest.mark.parametrize(
    ("notes", "reason", "true"),
    [
        ("office closed", "picked_on_listed_day", "TRG-HOL"),  # Veterans Day, Thanksgiving
        ("holiday", "picked_not_written", "TRG-HOL"),
        (
            "monthly program report (0.75) + review supplier CAPA response SA-26-17 (2.25)",
            "mixed_activities",
            "KSB-AUD",
        ),
        ("travel San Diego to RDU", "untested_rule", "ORD-NB"),  # the day after the audit
    ],
)
def test_what_the_first_run_got_wrong_goes_to_a_person(
    classified: Scored, notes: str, reason: str, true: str
) -> None:
    found = [
        (row, truth)
        for row, truth in classified
        if row["Notes"] == notes and row["Task"] in ("PTO", "Program Management", "Travel")
    ]
    assert found
    for row, truth in found:
        if truth != true:
            continue  # "holiday" under PTO on another day is time off
        assert row["needs_review"] == "true"
        assert reason in row["review_reasons"].split("|")
    assert any(truth == true for _, truth in found)
