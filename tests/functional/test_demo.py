"""The demo firm end to end: data regenerates byte for byte, and the offline cascade meets
its targets on the demo month (the figures the README and the issue quote)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.jobs.classify import run_demo

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "examples" / "demo_firm"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_generator_reproduces_the_committed_demo_data(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(DEMO / "generate.py"), "--out", str(tmp_path)], check=True)
    for name in ("history.csv", "month.csv", "month_truth.csv"):
        assert _digest(tmp_path / name) == _digest(DEMO / "data" / name), name


@pytest.fixture(scope="module")
def demo_figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TIMEBILL_LLM_PROVIDER", "none")
        assert run_demo(out) == 0
    for name in ("classified.csv", "review_queue.csv", "accuracy.json"):
        assert (out / name).stat().st_size > 0, name
    figures: dict[str, object] = json.loads((out / "accuracy.json").read_text())
    return figures


def test_demo_month_auto_approved_error_rate_is_at_most_half_a_percent(
    demo_figures: dict[str, object],
) -> None:
    assert demo_figures["labelled"] == 1358
    assert isinstance(demo_figures["auto_error_rate"], float)
    assert demo_figures["auto_error_rate"] <= 0.005


def test_local_stages_decide_at_least_sixty_percent_of_the_demo_month(
    demo_figures: dict[str, object],
) -> None:
    per_stage = demo_figures["per_stage"]
    assert isinstance(per_stage, dict)
    local = sum(per_stage.get(s, {}).get("decided", 0) for s in ("rules", "memory"))
    assert local / 1358 >= 0.60
    assert set(per_stage) <= {"rules", "memory"}  # offline: Claude never answered


def test_every_hard_case_that_must_be_seen_by_a_person_is(demo_figures: dict[str, object]) -> None:
    per_category = demo_figures["per_category"]
    assert isinstance(per_category, dict)
    for category in ("injection", "wrong_project", "unclear_research", "vague", "out_of_scope"):
        assert per_category[category]["auto_approved"] == 0, category
