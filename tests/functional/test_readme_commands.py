"""The README is executed: every command in its shell blocks runs here as a new user would type
it (in a fresh folder holding the repo's `sow_rules` and `examples`), except the ones whose
comment says what they need that a test machine cannot have (an account, a key, a draft made by
one of those). `serve` is started for real and the `send-sample` lines are sent to it.
`./scripts/test` is this very suite, which CI runs through `.ci/run`."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from app.cli import app

REPO = Path(__file__).resolve().parents[2]
TIMEBILL = Path(sys.executable).parent / "timebill"
SKIP = re.compile(r"#.*\bneeds\b(?! serve running)")


def commands(doc: Path) -> list[tuple[str, str]]:
    """``(command, comment)`` of every line of the doc's ``sh`` blocks, continuations joined."""
    text = doc.read_text(encoding="utf-8")
    blocks = re.findall(r"^```(?:sh|bash)\n(.*?)^```", text, re.S | re.M)
    found = []
    for block in blocks:
        for line in block.replace("\\\n", " ").splitlines():
            command, _, comment = line.partition(" # ")
            if command.strip():
                found.append((command.strip(), comment.strip()))
    return found


def argv(command: str, port: int) -> list[str]:
    words = shlex.split(command)
    if words[0] == "./scripts/demo":
        return [str(TIMEBILL), "demo"]
    assert words[0] == ".venv/bin/timebill", command
    if words[1] == "send-sample":
        words += ["--url", f"http://127.0.0.1:{port}"]
    if words[1] == "serve":
        words += ["--port", str(port)]
    return [str(TIMEBILL), *words[1:]]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("newuser")
    for name in ("sow_rules", "examples"):
        (folder / name).symlink_to(REPO / name)
    return folder


def _env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TIMEBILL_", "ANTHROPIC_"))}
    return {**env, "COLUMNS": "100", "TIMEBILL_LLM_PROVIDER": "none", "HOME": str(folder)}


@pytest.fixture(scope="module")
def server(workdir: Path) -> Iterator[int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    [serve] = [c for c, _ in commands(REPO / "README.md") if c.endswith("timebill serve")]
    log = (workdir / "serve.log").open("wb")
    process = subprocess.Popen(argv(serve, port), cwd=workdir, env=_env(workdir),
                               stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        for _ in range(200):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("timebill serve did not answer /healthz")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


README = [(c, why) for c, why in commands(REPO / "README.md") if c != "./scripts/test"]


@pytest.mark.slow
@pytest.mark.parametrize(("command", "comment"), README, ids=[c[:60] for c, _ in README])
def test_every_readme_command_runs_or_says_what_it_needs(
    command: str, comment: str, workdir: Path, server: int
) -> None:
    if command.endswith("timebill serve"):  # started by the fixture, as the README says
        assert httpx.get(f"http://127.0.0.1:{server}/healthz", timeout=5).status_code == 200
        return
    if SKIP.search("#" + comment):
        pytest.skip(f"the README says it needs {comment.split('needs', 1)[1].strip()}")
    run = subprocess.run(argv(command, server), cwd=workdir, env=_env(workdir),
                         capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-3000:]
    assert "Traceback" not in output


@pytest.mark.parametrize("doc", ["README.md", "RUNBOOK.md"])
def test_the_docs_name_no_command_or_option_that_does_not_exist(workdir: Path, doc: str) -> None:
    """The RUNBOOK's commands run against a deployed stack (an AWS account): here their
    ``timebill`` lines are checked against the real command line, option by option."""
    inline = re.findall(r"`(timebill [^`<]+?)`", (REPO / doc).read_text(encoding="utf-8"))
    for command in [c for c, _ in commands(REPO / doc)] + [c for c in inline if "|" not in c]:
        words = shlex.split(command)
        if words[0] not in {".venv/bin/timebill", "timebill"}:
            continue
        group, shown = command_help(words[1:])
        assert group, f"{command}: no such command"
        for option in (w.split("=")[0] for w in words if w.startswith("--")):
            assert option in shown, f"{command}: {option} is not an option of {group}"


def command_help(words: list[str]) -> tuple[list[str], str]:
    """The longest run of sub-command names that ``timebill`` knows, and its help text."""
    group: list[str] = []
    shown = ""
    for word in words:
        if word.startswith("-"):
            break
        answer = CliRunner().invoke(app, [*group, word, "--help"])
        if answer.exit_code != 0:
            break
        group, shown = [*group, word], answer.stdout
    return group, shown
