"""`timebill rules import | export | history --tenant | rollback | approve --tenant` on the local
store: every version through the one publish path, and one clear line for each mistake (unknown
tenant or version, a folder with a bad file, row or field), never a traceback."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from app.adapters.sqlite_store import SqliteStore
from app.cli import app
from app.review.learning import read_snapshot
from tests.contract.builders import tenant
from tests.rules_draft.helpers import DATA, fixture_text

RULES = DATA / "rules"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SqliteStore]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TIMEBILL_STORE", "sqlite")
    monkeypatch.setenv("TIMEBILL_SQLITE_PATH", str(tmp_path / "t.sqlite3"))
    shutil.copytree(RULES, tmp_path / "firm_rules")
    with SqliteStore(tmp_path / "t.sqlite3") as found:
        found.put_tenant(tenant("acme"))
        yield found


def run(*args: str) -> Any:
    return CliRunner().invoke(app, ["rules", *args])


def flat(output: str) -> str:
    return " ".join(output.split())


def imported(store: SqliteStore, folder: str = "firm_rules") -> None:
    result = run("import", folder, "--tenant", "acme", "--by", "Dana Reyes")
    assert result.exit_code == 0, result.output


def test_import_publishes_the_folder_as_the_current_version(store: SqliteStore) -> None:
    result = run("import", "firm_rules", "--tenant", "acme", "--by", "Dana Reyes")
    assert result.exit_code == 0, result.output
    assert "Published acme rules v1 (2 files), approved by Dana Reyes" in flat(result.output)
    pointer = store.current_rules("acme")
    assert pointer is not None
    assert pointer.number == 1
    version = store.rules_version("acme", 1)
    assert version is not None
    assert version.files == {p.name: p.read_text(encoding="utf-8") for p in RULES.iterdir()}
    assert version.source == "import firm_rules"
    assert "examples passed; no approved history given" in version.backtest


def test_import_notes_a_code_no_rule_gives(store: SqliteStore) -> None:
    # Published all the same (a note, as `rules check` gives it), naming the code to look at.
    first = run("import", "firm_rules", "--tenant", "acme", "--by", "Dana Reyes")
    assert "Published acme rules v1" in flat(first.output)
    assert "note:" not in first.output
    path = Path("firm_rules/globex.yaml")
    added = (
        "codes:\n  - code: GLX-CO1\n    name: Change order 1\n    clause: CO-1\n"
        "    billable: false\n"
    )
    path.write_text(path.read_text(encoding="utf-8").replace("codes:\n", added, 1))
    result = run("import", "firm_rules", "--tenant", "acme", "--by", "Dana Reyes")
    assert result.exit_code == 0, result.output
    assert "Published acme rules v2" in flat(result.output)
    assert "note: GLX-CO1 (globex): no rule gives it and no code moves to it" in flat(result.output)


def test_importing_the_set_in_force_again_publishes_nothing(store: SqliteStore) -> None:
    imported(store)
    result = run("import", "firm_rules", "--tenant", "acme", "--by", "Dana Reyes")
    assert result.exit_code == 0, result.output
    assert "v1 in force already hold exactly these files: nothing published" in flat(result.output)
    assert [v.number for v in store.rules_history("acme")] == [1]
    edited = sorted(Path("firm_rules").glob("*.yaml"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "# a comment is a change\n")
    assert "Published acme rules v2" in flat(run(
        "import", "firm_rules", "--tenant", "acme", "--by", "Dana Reyes"
    ).output)  # fmt: skip


def test_an_invalid_folder_is_refused_naming_file_line_and_field(store: SqliteStore) -> None:
    imported(store)
    path = Path("firm_rules/globex.yaml")
    path.write_text(path.read_text().replace("billable: true", "billable: maybe"), encoding="utf-8")
    result = run("import", "firm_rules", "--tenant", "acme", "--by", "Dana Reyes")
    assert result.exit_code == 1
    assert "firm_rules/globex.yaml:25: codes[0].billable: Input should be a valid boolean" in (
        flat(result.output)
    )
    assert "Nothing was stored" in result.output
    assert [v.number for v in store.rules_history("acme")] == [1]  # v1 still current


def test_a_failing_rule_example_keeps_the_set_out(store: SqliteStore) -> None:
    path = Path("firm_rules/globex.yaml")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("expect: GLX-SECRET-AUDIT}", "expect: INT-ADMIN}"))
    result = run("import", "firm_rules", "--tenant", "acme", "--by", "Dana Reyes")
    assert result.exit_code == 1, result.output
    assert "acme (new rules)/globex.yaml:35: rules[0].examples[0]" in flat(result.output)
    assert store.current_rules("acme") is None


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["import", "firm_rules", "--tenant", "ghost", "--by", "Dana"],
         "error: no tenant 'ghost' in the store: create the tenant first"),
        (["import", "nowhere", "--tenant", "acme", "--by", "Dana"],
         "error: nowhere: rules directory not found"),
        (["import", "firm_rules", "--tenant", "acme", "--by", "  "],
         "error: --by: give the approver's name or email"),
        (["export", "out", "--tenant", "acme"],
         "error: tenant 'acme' has no rules in the store to export"),
        (["export", "out", "--tenant", "acme", "--version", "v9"],
         "error: tenant 'acme' has no rules v9"),
        (["export", "out", "--tenant", "acme", "--version", "latest"],
         "error: --version 'latest': give a version such as v3"),
        (["rollback", "--tenant", "acme", "--to", "v3", "--by", "ops"],
         "error: tenant 'acme' has no rules v3"),
        (["rollback", "--tenant", "acme", "--to", "three", "--by", "ops"],
         "error: --to 'three': give a version such as v3"),
        (["rollback", "--tenant", "acme", "--to", "v99999999999999999999", "--by", "ops"],
         "error: --to 'v99999999999999999999': give a version such as v3"),
        (["rollback", "--tenant", "acme", "--to", "v\u00b2", "--by", "ops"],
         "error: --to 'v\u00b2': give a version such as v3"),
        (["export", "out", "--tenant", "acme", "--version", "v2147483648"],
         "error: --version 'v2147483648': give a version such as v3"),
        (["approve", "draft.yaml", "--tenant", "acme", "--by", "Dana"],
         "error: tenant 'acme' has no rules in the store to approve a draft into"),
    ],
)  # fmt: skip
def test_bad_input_is_one_clear_line(store: SqliteStore, args: list[str], said: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert said in flat(result.output)
    assert "Traceback" not in result.output


def test_export_gives_the_files_back_and_refuses_to_mix_them(store: SqliteStore) -> None:
    imported(store)
    result = run("export", "out", "--tenant", "acme")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in Path("out").iterdir()) == ["_firm.yaml", "globex.yaml"]
    assert Path("out/globex.yaml").read_text() == (RULES / "globex.yaml").read_text()
    again = run("export", "out", "--tenant", "acme", "--version", "v1")
    assert again.exit_code == 2
    assert "out: already holds rules files" in flat(again.output)


def test_edit_import_history_and_rollback(store: SqliteStore) -> None:
    imported(store)
    assert run("export", "v1", "--tenant", "acme").exit_code == 0
    path = Path("v1/globex.yaml")
    path.write_text(path.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    imported(store, "v1")
    history = run("history", "globex", "--tenant", "acme")
    assert history.exit_code == 0, history.output
    lines = [line for line in history.output.splitlines() if line.startswith("  v")]
    assert lines[0].split()[0] == "v1"
    assert "globex changed" in lines[1]
    assert "(in force since" in lines[1]
    assert "(in force" not in lines[0]

    rolled = run("rollback", "--tenant", "acme", "--to", "v1", "--by", "Ops On Call")
    assert rolled.exit_code == 0, rolled.output
    pointer = store.current_rules("acme")
    assert pointer is not None
    assert (pointer.number, pointer.switched_by) == (1, "Ops On Call")
    assert len(store.rules_history("acme")) == 2  # nothing deleted


def test_approve_into_the_store_adds_the_draft_as_a_new_version(store: SqliteStore) -> None:
    imported(store)
    Path("draft.yaml").write_text(fixture_text("draft_good.yaml"), encoding="utf-8")
    result = run("approve", "draft.yaml", "--tenant", "acme", "--by", "Jane Reviewer")
    assert result.exit_code == 0, result.output
    version = store.rules_version("acme", 2)
    assert version is not None
    assert sorted(version.files) == ["_firm.yaml", "acme-robotics.yaml", "globex.yaml"]
    assert "# approved-by: Jane Reviewer" in version.files["acme-robotics.yaml"]
    assert version.source == "approve draft.yaml (acme-robotics)"
    assert not Path("firm_rules/acme-robotics.yaml").exists()  # no file written locally


def test_an_invalid_draft_is_not_approved_into_the_store(store: SqliteStore) -> None:
    imported(store)
    Path("draft.yaml").write_text(fixture_text("draft_invalid.yaml"), encoding="utf-8")
    result = run("approve", "draft.yaml", "--tenant", "acme", "--by", "Jane Reviewer")
    assert result.exit_code == 1, result.output
    assert "acme (new rules)/" in result.output
    assert "Nothing was stored" in result.output
    assert [v.number for v in store.rules_history("acme")] == [1]


def test_history_without_versions_says_so(store: SqliteStore) -> None:
    result = run("history", "--tenant", "acme")
    assert result.exit_code == 1
    assert "No rules versions of tenant acme in the store." in flat(result.output)


def test_a_back_test_summary_is_kept_with_the_version(store: SqliteStore) -> None:
    lines = (REPO / "examples/demo_firm/data/history.csv").read_text().splitlines()[:301]
    Path("history.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copytree(REPO / "sow_rules", "demo_rules")
    result = run("import", "demo_rules", "--tenant", "acme", "--by", "Dana Reyes",
                 "--history", "history.csv")  # fmt: skip
    assert result.exit_code == 0, result.output
    version = store.rules_version("acme", 1)
    assert version is not None
    assert "back-test on 300 approved entries:" in version.backtest
    assert "precision" in version.backtest
    assert version.backtest in flat(result.output)


def test_approved_codes_in_another_case_are_the_rules_codes(store: SqliteStore) -> None:
    # As `classify --history` reads them (RuleCodes): "nwf-comp " is NWF-COMP. Read as
    # written, every rule match counted as wrong (precision 0.0%: the worker then distrusted
    # every rule) and memory learned codes no rule set has.
    with (REPO / "examples/demo_firm/data/history.csv").open(encoding="utf-8") as source:
        rows = list(csv.reader(source))[:301]
    column = rows[0].index("Approved Code")
    for row in rows[1:]:
        row[column] = f" {row[column].lower()} "
    with Path("history.csv").open("w", newline="", encoding="utf-8") as target:
        csv.writer(target).writerows(rows)
    shutil.copytree(REPO / "sow_rules", "demo_rules")
    store.put_tenant(tenant("exact"))
    result = run("import", "demo_rules", "--tenant", "acme", "--by", "Dana Reyes",
                 "--history", "history.csv")  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = (REPO / "examples/demo_firm/data/history.csv").read_text().splitlines()[:301]
    Path("exact.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run("import", "demo_rules", "--tenant", "exact", "--by", "Dana Reyes",
               "--history", "exact.csv").exit_code == 0  # fmt: skip
    loose, exact = store.rules_version("acme", 1), store.rules_version("exact", 1)
    assert loose is not None
    assert exact is not None
    assert "precision 100.0%" in exact.backtest
    assert loose.backtest == exact.backtest
    assert loose.calibration == exact.calibration  # the measures and the memory's seed


def test_an_import_with_history_teaches_the_tenants_memory_once(store: SqliteStore) -> None:
    lines = (REPO / "examples/demo_firm/data/history.csv").read_text().splitlines()[:301]
    Path("history.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copytree(REPO / "sow_rules", "demo_rules")
    args = ("import", "demo_rules", "--tenant", "acme", "--by", "Dana Reyes", "--history",
            "history.csv")  # fmt: skip
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "Memory: learned 300 approved entries, then 0 review(s) on top" in flat(result.output)
    version = store.rules_version("acme", 1)
    assert version is not None
    assert version.calibration is not None
    kept = store.load_memory("acme")
    assert kept is not None
    found = read_snapshot(kept, 0.75)
    assert found is not None
    assert found[1] == version.calibration.memory_seed
    again = run(*args)  # the same files and history: nothing published, nothing learned again
    assert again.exit_code == 0, again.output
    assert "nothing published" in flat(again.output)
    assert "this history taught it already; nothing learned again" in flat(again.output)


def test_an_import_with_an_empty_history_says_it_learned_nothing(store: SqliteStore) -> None:
    header = (REPO / "examples/demo_firm/data/history.csv").read_text().splitlines()[0]
    Path("history.csv").write_text(header + "\n", encoding="utf-8")
    shutil.copytree(REPO / "sow_rules", "demo_rules")
    result = run("import", "demo_rules", "--tenant", "acme", "--by", "Dana Reyes", "--history",
                 "history.csv")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Memory: learned 0 approved entries" in flat(result.output)
    assert "taught it already" not in result.output


def test_a_store_that_cannot_keep_the_memory_is_said_in_one_line(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> bool:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(SqliteStore, "save_memory", refuse)
    lines = (REPO / "examples/demo_firm/data/history.csv").read_text().splitlines()[:51]
    Path("history.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copytree(REPO / "sow_rules", "demo_rules")
    result = run("import", "demo_rules", "--tenant", "acme", "--by", "Dana Reyes", "--history",
                 "history.csv")  # fmt: skip
    assert result.exit_code == 2
    assert "Published acme rules v1" in flat(result.output)
    assert "the history could not teach acme's memory (OperationalError: database is locked)" in (
        flat(result.output)
    )
    assert "Traceback" not in result.output
    assert store.current_rules("acme") is not None  # the rules are in force all the same
