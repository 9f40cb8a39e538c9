"""Rules in the warm process: cached, reloaded when the files change, never lost to a typo."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.rules.loader import RulesError
from app.service.rules_provider import DirectoryRules

REPO = Path(__file__).resolve().parents[2]


class Tick:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(REPO / "sow_rules", target)
    return target


def test_the_book_is_cached_until_the_files_change(rules_dir: Path) -> None:
    clock = Tick()
    provider = DirectoryRules(rules_dir, check_every_s=5, clock=clock)
    first = provider.rulebook("demo")
    clock.now = 10
    assert provider.rulebook("demo") is first  # looked again, nothing changed
    path = rules_dir / "cobalt.yaml"
    path.write_text(path.read_text().replace('version: "2"', 'version: "3"'))
    clock.now = 12
    assert provider.rulebook("demo") is first  # within the check interval
    clock.now = 20
    reloaded = provider.rulebook("demo")
    assert reloaded is not first
    assert reloaded.clients["cobalt"].sow.version == "3"


def test_a_broken_edit_keeps_the_last_good_rules(
    rules_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Tick()
    provider = DirectoryRules(rules_dir, check_every_s=1, clock=clock)
    good = provider.rulebook("demo")
    (rules_dir / "cobalt.yaml").write_text("client: [unclosed\n")
    clock.now = 5
    assert provider.rulebook("demo") is good
    assert "keeping the last good set" in caplog.text


def test_no_good_rules_at_all_is_an_error(rules_dir: Path) -> None:
    (rules_dir / "_firm.yaml").unlink()
    with pytest.raises(RulesError):
        DirectoryRules(rules_dir).rulebook("demo")


def test_a_missing_directory_is_a_rules_error_on_every_call_not_an_assertion(
    tmp_path: Path,
) -> None:
    provider = DirectoryRules(tmp_path / "nowhere", check_every_s=60, clock=Tick())
    for _ in range(2):  # the second call within the interval must look again, not assert
        with pytest.raises(RulesError, match="nowhere"):
            provider.rulebook("demo")


def test_rules_that_appear_later_are_found_at_once(rules_dir: Path, tmp_path: Path) -> None:
    later = tmp_path / "later"
    provider = DirectoryRules(later, check_every_s=60, clock=Tick())
    with pytest.raises(RulesError):
        provider.rulebook("demo")
    shutil.copytree(rules_dir, later)
    assert "cobalt" in provider.rulebook("demo").clients
