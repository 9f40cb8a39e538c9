"""Every person's mistake on the command line: one clear line naming the file or option, exit 2,
never a traceback; anything unexpected: one line and where the full trace was written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app

REPO = Path(__file__).resolve().parents[2]
RULES = str(REPO / "sow_rules")
MONTH = REPO / "examples" / "demo_firm" / "data" / "month.csv"
HISTORY = REPO / "examples" / "demo_firm" / "data" / "history.csv"

Args = Callable[[str, Path], list[str]]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "binary.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
    (tmp_path / "wrong.csv").write_text("When,What\n2026-10-01,stuff\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    with MONTH.open(encoding="utf-8") as handle:
        (tmp_path / "small.csv").write_text("".join(handle.readlines()[:6]), encoding="utf-8")
    return tmp_path


MISTAKES = {  # mistake -> the file given for it
    "missing": "nope.csv",
    "directory": "folder",
    "empty": "empty.csv",
    "binary": "binary.csv",
    "wrong format": "wrong.csv",
}

COMMANDS: dict[str, Args] = {
    "classify EXPORT": lambda f, w: ["classify", f, "--rules", RULES, "--out", str(w / "o.csv")],
    "classify --history": lambda f, w: [
        *["classify", str(w / "small.csv"), "--rules", RULES],
        *["--history", f, "--out", str(w / "o.csv")],
    ],
    "eval EXPORT": lambda f, w: ["eval", f, "--rules", RULES, "--truth", str(w / "small.csv")],
    "eval --truth": lambda f, w: ["eval", str(w / "small.csv"), "--rules", RULES, "--truth", f],
    "audit EXPORT": lambda f, w: ["audit", f, "--rules", RULES, "--out", str(w / "audit")],
    "audit --invoices": lambda f, w: [
        *["audit", str(w / "small.csv"), "--rules", RULES],
        *["--invoices", f, "--out", str(w / "audit")],
    ],
    "qbo mapping import": lambda f, _: ["qbo", "mapping", "import", f],
    "rules approve": lambda f, _: ["rules", "approve", f, "--by", "dana"],
}

# `rules approve` of an empty or foreign file is a draft with problems: listed, exit 1.
FINDINGS = {("rules approve", "empty"), ("rules approve", "wrong format")}


def run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize("mistake", MISTAKES)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_bad_file_gets_one_clear_line_and_exit_2(work: Path, command: str, mistake: str) -> None:
    given = work / MISTAKES[mistake]
    code, output = run(COMMANDS[command](str(given), work))
    assert "Traceback" not in output
    if (command, mistake) in FINDINGS:
        assert code == 1, output
        return
    assert code == 2, output
    [line] = [x for x in output.splitlines() if x.startswith("error:")]
    assert given.name in line


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["classify", "{small}", "--out", "{work}"], "--out"),
        (["classify", "{small}", "--rules", "{work}/nowhere", "--out", "{work}/o.csv"], "nowhere"),
        (["classify", "{small}", "--rules", "{small}", "--out", "{work}/o.csv"], "small.csv"),
        (["audit", "{small}", "--rules", RULES, "--out", "{small}"], "--out"),
        (["rules", "check", "{work}/nowhere"], "nowhere"),
        (["rules", "check", "{small}"], "small.csv"),
        (["eval", "{small}", "--rules", RULES], "--truth"),
    ],
)
def test_a_bad_path_or_missing_option_names_it(work: Path, args: list[str], names: str) -> None:
    filled = [a.format(work=work, small=work / "small.csv") for a in args]
    code, output = run(filled)
    assert code == 2, output
    assert "Traceback" not in output
    [line] = [x for x in output.splitlines() if x.startswith("error:")]
    assert names in line
    assert not (work / "o.csv").exists()


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["classify", "{small}", "--out", "{work}/o", "--deadline-ms", "soon"], "--deadline-ms"),
        (["eval", "{small}", "--truth", "{small}", "--show-errors", "many"], "--show-errors"),
        (["audit", "{small}", "--out", "{work}/a", "--top", "x"], "--top"),
        (["classify", "{small}", "--out", "{work}/o.csv", "--no-such-option"], "--no-such-option"),
    ],
)
def test_a_bad_option_value_names_the_option(work: Path, args: list[str], option: str) -> None:
    filled = [a.format(work=work, small=work / "small.csv") for a in args]
    code, output = run(filled)
    assert code == 2, output
    assert "Traceback" not in output
    [line] = [x for x in output.splitlines() if x.startswith("Error:")]
    assert option in line


def test_an_unexpected_error_is_one_line_and_a_trace_file(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> int:
        raise KeyError("code_on_date")

    monkeypatch.setattr("app.cli.jobs.classify_stream.run_classify", broken)
    monkeypatch.setenv("TIMEBILL_CRASH_DIR", str(work / "crashes"))
    code, output = run(["classify", str(work / "small.csv"), "--out", str(work / "o.csv")])
    assert code == 1
    assert "Traceback" not in output
    [line] = [x for x in output.splitlines() if x.strip()]
    assert line.startswith("timebill: unexpected error (KeyError: 'code_on_date')")
    [trace] = (work / "crashes").glob("timebill-crash-*.txt")
    assert "Traceback" in trace.read_text(encoding="utf-8")
    assert str(trace) in line


def test_a_corrupt_row_is_said_to_be_kept_and_counted(work: Path) -> None:
    lines = (work / "small.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace("10/01/2026", "13/45/2026", 1)
    (work / "bad.csv").write_text("".join(lines), encoding="utf-8")
    code, output = run(
        ["classify", str(work / "bad.csv"), "--rules", RULES, "--out", str(work / "o.csv")]
    )
    assert code == 0, output
    assert "kept in the output and flagged import_error" in output
    assert "skipped" not in output
    [total] = [x for x in output.splitlines() if " total " in x]
    cells = [c.strip() for c in total.split("│") if c.strip()]
    assert cells[:2] == ["total", "5"]  # all five rows, the unreadable one included


@pytest.mark.parametrize(
    "args",
    [
        lambda w: ["classify", str(w / "head.csv"), "--rules", RULES, "--out", str(w / "o.csv")],
        lambda w: ["audit", str(w / "head.csv"), "--rules", RULES, "--out", str(w / "audit")],
        lambda w: ["classify", str(w / "cell.csv"), "--rules", RULES, "--out", str(w / "o.csv")],
        lambda w: [*["classify", str(w / "small.csv"), "--rules", RULES],
                   *["--history", str(w / "cell.csv"), "--out", str(w / "o.csv")]],
        lambda w: ["rules", "check", RULES, "--history", str(w / "cell.csv")],
    ],
)  # fmt: skip
def test_a_files_own_text_in_a_message_is_said_as_written(
    work: Path, args: Callable[[Path], list[str]]
) -> None:
    # "[/]" in a header or a cell crashed the message that quotes it (Rich MarkupError).
    (work / "head.csv").write_text("When,[/]\n2026-10-01,stuff\n", encoding="utf-8")
    with HISTORY.open(encoding="utf-8") as handle:  # an export with an approved code
        lines = handle.readlines()[:6]
    lines[3] = lines[3].replace("10/01/2025", "[/]", 1)
    (work / "cell.csv").write_text("".join(lines), encoding="utf-8")
    code, output = run(args(work))
    assert "unexpected error" not in output
    assert code in (0, 2), output
    assert "[/]" in output


@pytest.mark.parametrize(
    ("variables", "said"),
    [
        ({"TIMEBILL_DEADLINE_MS": "soon"}, "error: settings: TIMEBILL_DEADLINE_MS: Input should"),
        (
            {"TIMEBILL_STORE": "supabase", "TIMEBILL_SUPABASE_KEY": "sb-secret-value"},
            "error: settings: TIMEBILL_STORE=supabase needs TIMEBILL_SUPABASE_URL",
        ),
        (
            {"ANTHROPIC_API_KEY": "sk-ant-secret-value", "TIMEBILL_ANTHROPIC_API_KEY_SSM": "/x"},
            "error: set ANTHROPIC_API_KEY or TIMEBILL_ANTHROPIC_API_KEY_SSM, not both",
        ),
    ],
)
def test_a_bad_setting_is_one_line_naming_the_variable_and_exit_2(
    work: Path, monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], said: str
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("TIMEBILL_CRASH_DIR", str(work / "crashes"))
    code, output = run(["entries", "--tenant", "demo"])
    assert code == 2, output
    [line] = [x for x in output.splitlines() if x.strip()]
    assert line.startswith(said), line
    assert "secret-value" not in output
    assert not (work / "crashes").exists()


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["classify", "{small}", "--rules", RULES, "--out", "{small}"], "EXPORT"),
        (["classify", "{small}", "--rules", RULES, "--out", "{work}/./small.csv"], "EXPORT"),
        (
            [
                *["classify", "{work}/copy.csv", "--rules", RULES],
                *["--history", "{small}", "--out", "{small}"],
            ],
            "--history",
        ),
    ],
)
def test_an_output_over_an_input_file_is_refused_and_the_input_kept(
    work: Path, args: list[str], names: str
) -> None:
    small = work / "small.csv"
    (work / "copy.csv").write_bytes(small.read_bytes())
    before = small.read_bytes()
    filled = [a.format(work=work, small=small) for a in args]
    code, output = run(filled)
    assert code == 2, output
    assert "Traceback" not in output
    [line] = [x for x in output.splitlines() if x.startswith("error:")]
    assert "--out" in line
    assert names in line
    assert small.read_bytes() == before


STORE_COMMANDS = [
    ["entries"],
    ["status"],
    ["replay", "abc"],
    ["tenants", "list"],
    ["tenants", "add", "acme", "--name", "Acme"],
    ["qbo", "mapping", "export"],
    ["qbo", "unrouted"],
    ["rules", "history", "--tenant", "demo"],
]


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("store", ["not a database", "a folder"])
def test_a_store_file_that_is_no_store_is_one_line_naming_it_and_exit_2(
    work: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], store: str
) -> None:
    path = work / "store.sqlite3"
    if store == "a folder":
        path.mkdir()
    else:
        path.write_bytes(b"not a SQLite database, only some bytes\n" * 50)
    before = path.read_bytes() if path.is_file() else None
    monkeypatch.setenv("TIMEBILL_SQLITE_PATH", str(path))
    monkeypatch.setenv("TIMEBILL_CRASH_DIR", str(work / "crashes"))
    code, output = run(args)
    assert code == 2, output
    [line] = [x for x in output.splitlines() if x.strip()]
    assert line.startswith(f"error: TIMEBILL_SQLITE_PATH {path}: "), line
    assert not (work / "crashes").exists()
    assert (path.read_bytes() if path.is_file() else None) == before  # nothing written over it
