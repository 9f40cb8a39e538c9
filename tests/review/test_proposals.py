"""Three identical corrections make a rule proposal that passes ``check_rules``; accepting it
appends it to the client's rules file, which then decides the text by itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from app.domain.decisions import Stage
from app.domain.inbox import Status
from app.review.decide import ReviewError
from app.review.proposals import PROPOSED_DIR
from app.review.rulefile import insert_rule
from app.rules.loader import check_rules
from tests.review.conftest import REPO, ReviewRig

TEXT = "reviewed yard layout options"


def corrected(rig: ReviewRig, times: int, code: str = "NWF-OPS", text: str = TEXT) -> list[object]:
    items = [rig.deliver(text) for _ in range(times)]  # all flagged before anyone corrects
    assert all(i.status is Status.NEEDS_REVIEW for i in items)
    return [rig.service.change_code("demo", i.id, "dana", code).proposal for i in items]


def test_three_identical_corrections_propose_a_rule(rig: ReviewRig, tmp_path: Path) -> None:
    proposals = corrected(rig, 3)
    assert proposals[:2] == [None, None]
    proposal = proposals[2]
    assert proposal is not None
    [pending] = rig.service.proposals.pending("demo")
    assert pending.rule_id == proposal.rule_id == "northwind.learned.reviewed-yard-layout-options"
    rule = pending.rule
    assert rule["code"] == "NWF-OPS"
    assert rule["clause"] == "SOW-NWF-2025-02 §2.2 Workstream B"
    assert rule["when"] == {"phrases": [TEXT]}
    assert [e["expect"] for e in rule["examples"]] == ["NWF-OPS"]
    saved = rig.rules_dir / PROPOSED_DIR / "demo" / "northwind.yaml"
    assert yaml.safe_load(saved.read_text())["rules"][0]["id"] == pending.rule_id
    # The snippet passes the checker in a copy of the demo rules (examples run as tests).
    copy = tmp_path / "copy"
    shutil.copytree(REPO / "sow_rules", copy)
    target = copy / "northwind.yaml"
    target.write_text(insert_rule(target.read_text(), pending.yaml))
    assert check_rules(copy) == []
    assert check_rules(rig.rules_dir) == []  # nothing in force until accepted


def test_different_corrections_propose_nothing(rig: ReviewRig) -> None:
    items = [rig.deliver(TEXT) for _ in range(3)]
    for item, code in zip(items, ["NWF-OPS", "NWF-OPS", "NWF-COMP"], strict=True):
        assert rig.service.change_code("demo", item.id, "dana", code).proposal is None
    assert rig.service.proposals.pending("demo") == []


def test_approvals_are_not_corrections(rig: ReviewRig) -> None:
    items = [rig.deliver("researching new regs") for _ in range(3)]
    assert [rig.service.approve("demo", i.id, "dana").proposal for i in items] == [None] * 3


def test_accepting_appends_the_rule_and_rules_then_decide(rig: ReviewRig) -> None:
    corrected(rig, 3)
    [pending] = rig.service.proposals.pending("demo")
    before = (rig.rules_dir / "northwind.yaml").read_text()
    rig.service.proposals.accept("demo", pending.rule_id)
    after = (rig.rules_dir / "northwind.yaml").read_text()
    assert after.startswith(before.split("\nreview:")[0])  # comments and layout kept
    assert f"id: {pending.rule_id}" in after
    assert check_rules(rig.rules_dir) == []
    assert rig.service.proposals.pending("demo") == []
    item = rig.deliver("reviewed yard layout options for Fresno")  # the rule, not memory
    assert item.decision is not None
    assert (item.status, item.decision.code, item.decision.stage) == (
        Status.POSTED, "NWF-OPS", Stage.RULES)  # fmt: skip


def test_an_invalid_rules_folder_is_never_written(rig: ReviewRig) -> None:
    corrected(rig, 3)
    [pending] = rig.service.proposals.pending("demo")
    broken = rig.rules_dir / "cobalt.yaml"
    broken.write_text(broken.read_text().replace("billable: true", "billable: maybe", 1))
    northwind = (rig.rules_dir / "northwind.yaml").read_text()
    with pytest.raises(ReviewError, match="would not check"):
        rig.service.proposals.accept("demo", pending.rule_id)
    assert (rig.rules_dir / "northwind.yaml").read_text() == northwind
    assert [p.rule_id for p in rig.service.proposals.pending("demo")] == [pending.rule_id]


def test_dismissing_removes_the_proposal(rig: ReviewRig) -> None:
    corrected(rig, 3)
    [pending] = rig.service.proposals.pending("demo")
    rig.service.proposals.dismiss("demo", pending.rule_id)
    assert rig.service.proposals.pending("demo") == []
    with pytest.raises(ReviewError, match="no proposed rule"):
        rig.service.proposals.accept("demo", pending.rule_id)
