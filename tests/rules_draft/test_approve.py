"""`timebill rules approve` and `timebill rules history`: nothing drafted is used until a person
approves it, approval checks it again in the book it joins, and every approved version is
kept with who approved it and when. Also: the loader never reads ``drafts/`` or ``.versions/``."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.rules.approve import approve_draft, history
from app.rules.draft import DraftAnswer, DraftMeta, render_draft
from app.rules.loader import check_rules, load_rulebook
from tests.rules_draft.helpers import DATA, fixture_text

DRAFT = Path("sow_rules/drafts/acme-robotics.yaml")
TARGET = Path("sow_rules/acme-robotics.yaml")
LOG = Path("sow_rules/.versions/approvals.jsonl")
SOW_SHA = "ab" * 32
FIRST = datetime(2026, 3, 2, 9, 30, 5, tzinfo=UTC)
SECOND = datetime(2026, 4, 6, 16, 0, 0, tzinfo=UTC)


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA / "rules", tmp_path / "sow_rules")
    return Path("sow_rules")


def write_draft(yaml_text: str, path: Path = DRAFT) -> Path:
    """A draft as `timebill rules draft` writes it: its header, then the model's YAML."""
    meta = DraftMeta(
        "acme-robotics", "Acme Robotics", "acme_sow.pdf", SOW_SHA, "claude-haiku-5-5", FIRST
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_draft(DraftAnswer(yaml_text, ()), meta, str(path)), encoding="utf-8")
    return path


def approve(*args: str) -> Any:
    return CliRunner().invoke(app, ["rules", "approve", *args])


def flat(output: str) -> str:
    return " ".join(output.split())


def log_lines() -> list[dict[str, Any]]:
    return [json.loads(line) for line in LOG.read_text(encoding="utf-8").splitlines()]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- approving ----------------------------------------------------------------------------------


def test_a_valid_draft_is_put_in_force_kept_and_recorded(rules: Path) -> None:
    write_draft(fixture_text("draft_good.yaml"))
    assert "acme-robotics" not in load_rulebook(rules).clients  # drafted, not in force

    result = approve(str(DRAFT), "--by", "Jane Reviewer")

    assert result.exit_code == 0, result.output
    assert not DRAFT.exists()  # moved, not copied
    text = TARGET.read_text(encoding="utf-8")
    header, body = text.split("replaces the lines above ----\n", 1)
    assert body == fixture_text("draft_good.yaml")
    assert "DRAFT" not in header
    assert "# approved-by: Jane Reviewer\n" in header
    assert f"# sow-sha256: {SOW_SHA}\n" in header
    book = load_rulebook(rules)
    assert "acme-robotics" in book.clients
    assert check_rules(rules) == []
    [line] = log_lines()
    version = book.versions["acme-robotics"]  # the loader's version of the file in force
    assert line == {
        "client": "acme-robotics",
        "version": version,
        "sha256": sha(TARGET),
        "approved_by": "Jane Reviewer",
        "approved_at": line["approved_at"],
        "source_sow_sha256": SOW_SHA,
        "replaced_sha": None,
        "file": line["file"],
    }
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", line["approved_at"])
    assert re.fullmatch(rf"\.versions/acme-robotics/\d{{8}}T\d{{6}}Z-{version}\.yaml", line["file"])
    assert (rules / line["file"]).read_bytes() == TARGET.read_bytes()
    assert f"version {version}, by Jane Reviewer" in flat(result.output)


def test_an_invalid_draft_is_refused_with_every_problem_and_nothing_changes(rules: Path) -> None:
    write_draft(fixture_text("draft_invalid.yaml").replace("id: acme   #", "id: acme-robotics #"))
    before = sorted(p.as_posix() for p in rules.rglob("*"))

    result = approve(str(DRAFT), "--by", "Jane Reviewer")

    assert result.exit_code == 1
    line = next(
        n
        for n, t in enumerate(DRAFT.read_text(encoding="utf-8").splitlines(), 1)
        if "fraction: 1.5" in t
    )
    assert (
        f"{DRAFT}:{line}: codes[1].fraction: Input should be less than or equal to 1"
        in result.output
    )
    assert "Not approved: 1 problem(s). Nothing changed in sow_rules." in flat(result.output)
    assert sorted(p.as_posix() for p in rules.rglob("*")) == before


def test_a_reference_problem_found_once_the_fields_are_fixed_is_listed_on_its_line(
    rules: Path,
) -> None:
    fixed = fixture_text("draft_invalid.yaml").replace("id: acme   #", "id: acme-robotics #")
    write_draft(fixed.replace("fraction: 1.5", "fraction: 0.5"))

    result = approve(str(DRAFT), "--by", "Jane Reviewer")

    assert result.exit_code == 1
    lines = DRAFT.read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(lines, 1) if t.strip() == "code: ACME-VENDOR")
    assert re.search(
        rf"{re.escape(str(DRAFT))}:{line}: rules\[1\]\.code: unknown code 'ACME-VENDOR'",
        result.output,
    )
    assert not TARGET.exists()


def test_a_failing_example_refuses_the_approval(rules: Path) -> None:
    wrong = fixture_text("draft_good.yaml").replace(
        '{text: "site survey - Dayton DC", expect: ACME-ASSESS}',
        '{text: "site survey - Dayton DC", expect: ACME-VENDOR}',
    )
    write_draft(wrong)

    result = approve(str(DRAFT), "--by", "Jane Reviewer")

    assert result.exit_code == 1
    assert "'site survey - Dayton DC' should be ACME-VENDOR, got ACME-ASSESS" in result.output
    assert "Not approved: 1 rule example(s) failed" in flat(result.output)
    assert DRAFT.exists()
    assert not TARGET.exists()
    assert not LOG.exists()


def test_approval_checks_the_draft_against_the_other_clients_too(rules: Path) -> None:
    # Drafting checks a draft beside the firm file only; approving checks the whole book.
    clash = fixture_text("draft_good.yaml").replace(
        'aliases: [Acme, "Acme Robotics, Inc."]', "aliases: [Acme, Globex]"
    )
    write_draft(clash)

    result = approve(str(DRAFT), "--by", "Jane Reviewer")

    assert result.exit_code == 1
    # The clash is named in both files, with the draft under its own path (not a temp one).
    assert (
        "sow_rules/globex.yaml:5: client.id: tracker name 'globex' is also claimed by client "
        "'acme-robotics' (sow_rules/drafts/acme-robotics.yaml), so its entries could go to either"
    ) in flat(result.output)
    assert "/tmp" not in result.output
    assert not TARGET.exists()


def test_a_new_approval_replaces_the_file_in_force_and_keeps_both(rules: Path) -> None:
    write_draft(fixture_text("draft_good.yaml"))
    first = approve_draft(DRAFT, rules, "Jane Reviewer", now=FIRST).approval
    assert first is not None
    edited = fixture_text("draft_good.yaml").replace("max_travel_hours: 6", "max_travel_hours: 5")
    write_draft(edited)

    second = approve_draft(DRAFT, rules, "Omar PM", now=SECOND).approval

    assert second is not None
    assert second.replaced_sha == first.version != second.version
    kept = sorted(p.name for p in (rules / ".versions" / "acme-robotics").iterdir())
    assert kept == [
        f"20260302T093005Z-{first.version}.yaml",
        f"20260406T160000Z-{second.version}.yaml",
    ]
    assert [(a["approved_by"], a["approved_at"]) for a in log_lines()] == [
        ("Jane Reviewer", "2026-03-02T09:30:05Z"),
        ("Omar PM", "2026-04-06T16:00:00Z"),
    ]
    assert "max_travel_hours: 5" in TARGET.read_text(encoding="utf-8")
    assert load_rulebook(rules).versions["acme-robotics"] == second.version
    # Re-approval does not stack headers: one approval header, the latest.
    assert TARGET.read_text(encoding="utf-8").count("# approved-by:") == 1


def test_reapproving_the_file_in_force_in_place_records_a_new_version(rules: Path) -> None:
    write_draft(fixture_text("draft_good.yaml"))
    first = approve_draft(DRAFT, rules, "Jane Reviewer", now=FIRST).approval
    assert first is not None
    TARGET.write_text(
        TARGET.read_text(encoding="utf-8").replace("alert_at: 0.8", "alert_at: 0.75"),
        encoding="utf-8",
    )
    edited = sha(TARGET)[:12]  # edited by hand in place: never approved

    again = approve_draft(TARGET, rules, "Omar PM", now=SECOND)

    assert again.approval is not None
    assert TARGET.exists()  # approved in place, not deleted as a moved draft would be
    assert again.approval.replaced_sha == edited
    assert again.approval.version != edited  # the approval header changed
    versions = rules / ".versions" / "acme-robotics"
    assert (versions / f"20260406T160000Z-{edited}.replaced.yaml").exists()
    assert again.approval.source_sow_sha256 == SOW_SHA  # carried over by the header
    text = TARGET.read_text(encoding="utf-8")
    assert "alert_at: 0.75" in text
    assert text.count("# approved-by:") == 1
    assert "# approved-by: Omar PM\n" in text
    assert len(log_lines()) == 2


def test_a_hand_written_file_that_is_replaced_is_kept_too(rules: Path) -> None:
    hand = rules / "acme-robotics.yml"  # another spelling of the same client's file
    hand.write_text(fixture_text("draft_good.yaml"), encoding="utf-8")
    old = sha(hand)[:12]
    write_draft(
        fixture_text("draft_good.yaml").replace("max_travel_hours: 6", "max_travel_hours: 4")
    )

    outcome = approve_draft(DRAFT, rules, "Jane Reviewer", now=FIRST)

    assert outcome.approval is not None
    assert outcome.approval.replaced_sha == old
    assert not hand.exists()  # one file per client in force: acme-robotics.yaml
    kept = rules / ".versions" / "acme-robotics" / f"20260302T093005Z-{old}.replaced.yaml"
    assert kept.read_text(encoding="utf-8") == fixture_text("draft_good.yaml")
    assert check_rules(rules) == []


@pytest.mark.parametrize("name", ["", "   ", "\x1b[31m", "x" * 101])
def test_an_approval_needs_the_approvers_name(rules: Path, name: str) -> None:
    write_draft(fixture_text("draft_good.yaml"))

    result = approve(str(DRAFT), "--by", name)

    assert result.exit_code == 2
    assert "--by: give the approver's name or email" in flat(result.output)
    assert DRAFT.exists()
    assert not TARGET.exists()


def test_a_missing_draft_is_bad_input(rules: Path) -> None:
    result = approve("sow_rules/drafts/nobody.yaml", "--by", "Jane Reviewer")

    assert result.exit_code == 2
    assert "cannot read the draft" in flat(result.output)


# --- history ------------------------------------------------------------------------------------


def test_history_lists_every_approved_version_and_the_one_in_force(rules: Path) -> None:
    write_draft(fixture_text("draft_good.yaml"))
    first = approve_draft(DRAFT, rules, "Jane Reviewer", now=FIRST).approval
    write_draft(
        fixture_text("draft_good.yaml").replace("max_travel_hours: 6", "max_travel_hours: 5")
    )
    second = approve_draft(DRAFT, rules, "Omar PM", now=SECOND).approval
    assert first is not None
    assert second is not None

    result = CliRunner().invoke(app, ["rules", "history", "acme-robotics"])

    assert result.exit_code == 0, result.output
    rows = [line.strip() for line in result.output.splitlines() if "2026-" in line]
    assert rows == [
        f"2026-03-02T09:30:05Z  version {first.version}  approved by Jane Reviewer  "
        f"from SOW {SOW_SHA[:12]}  new",
        f"2026-04-06T16:00:00Z  version {second.version}  approved by Omar PM  "
        f"from SOW {SOW_SHA[:12]}  replaced {first.version}  (in force)",
    ]
    # The client's name finds it too.
    by_name = CliRunner().invoke(app, ["rules", "history", "Acme Robotics"])
    assert by_name.exit_code == 0
    assert "Omar PM" in by_name.output


def test_history_says_when_the_file_in_force_changed_after_approval(rules: Path) -> None:
    write_draft(fixture_text("draft_good.yaml"))
    approve_draft(DRAFT, rules, "Jane Reviewer", now=FIRST)
    TARGET.write_text(TARGET.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")

    result = CliRunner().invoke(app, ["rules", "history", "acme-robotics"])

    assert "was changed after its last approval" in flat(result.output)


def test_history_of_a_client_never_approved_exits_1(rules: Path) -> None:
    result = CliRunner().invoke(app, ["rules", "history", "globex"])

    assert result.exit_code == 1
    assert "No approved versions of globex" in flat(result.output)


def test_history_skips_an_unreadable_log_line(rules: Path) -> None:
    write_draft(fixture_text("draft_good.yaml"))
    approve_draft(DRAFT, rules, "Jane Reviewer", now=FIRST)
    with LOG.open("a", encoding="utf-8") as log:
        log.write("{not json\n")

    approvals, bad = history(rules, "acme-robotics")

    assert [a.approved_by for a in approvals] == ["Jane Reviewer"]
    assert bad == 1


# --- the loader never reads drafts/ nor .versions/ ----------------------------------------------


def test_the_loader_reads_neither_drafts_nor_kept_versions(rules: Path) -> None:
    # A valid client file and a broken one in each: either would show if they were read.
    for folder in (rules / "drafts", rules / ".versions" / "acme-robotics"):
        folder.mkdir(parents=True)
        (folder / "acme-robotics.yaml").write_text(fixture_text("draft_good.yaml"), "utf-8")
        (folder / "broken.yaml").write_text("codes: [\n", encoding="utf-8")
    (rules / ".versions" / "approvals.jsonl").write_text("{}\n", encoding="utf-8")

    assert check_rules(rules) == []
    assert sorted(load_rulebook(rules).clients) == ["globex"]
    # The control: the same broken file at the top level is read and reported.
    shutil.copyfile(rules / "drafts" / "broken.yaml", rules / "broken.yaml")
    assert [p.file for p in check_rules(rules)] == ["sow_rules/broken.yaml"]
