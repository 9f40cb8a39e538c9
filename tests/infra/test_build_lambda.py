"""scripts/build_lambda: pinned dependencies, a byte-for-byte reproducible zip, bytecode for the
runtime, and (slow) a real build whose handler modules import from the artifact alone."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import re
import subprocess
import tomllib
import zipfile
from functools import cache
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
# Runtime dependencies that only the CLI and local tools use, left out of the Lambda artifact:
# the command line, the local server, the audit's HTML report, reading SOW PDFs.
NOT_ON_LAMBDA = {"typer", "rich", "uvicorn", "jinja2", "pypdf", "hubspot-api-client"}


@cache
def build_script() -> ModuleType:
    path = str(REPO / "scripts" / "build_lambda")
    loader = importlib.machinery.SourceFileLoader("build_lambda", path)
    spec = importlib.util.spec_from_loader("build_lambda", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def python_312() -> str:
    try:
        found: str = build_script().find_python("3.12", None)
    except build_script().BuildError:
        pytest.skip("no Python 3.12 here to compile the runtime's bytecode with")
    return found


def direct_dependencies() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    names = (re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0] for d in project["dependencies"])
    return {build_script().normalise(n) for n in names}


# ---------------------------------------------------------------- requirements


def test_every_runtime_dependency_goes_to_lambda_or_is_deliberately_left_out() -> None:
    listed = build_script().lambda_packages(build_script().LAMBDA_PACKAGES)
    assert direct_dependencies() - NOT_ON_LAMBDA == listed
    pins = build_script().pinned()
    assert not NOT_ON_LAMBDA & set(pins)


def test_the_lambda_gets_the_versions_the_tests_run_against() -> None:
    pins = build_script().pinned()
    assert {"fastapi", "pydantic-core", "anthropic", "httpx2", "botocore"} <= set(pins)
    for name, pinned in pins.items():
        assert version(name) == pinned, name


def test_the_venv_is_the_lock() -> None:
    """Every locked package is installed at the locked version: setup installed the lock."""
    lock = build_script().read_lock(build_script().LOCK)
    assert len(lock) > 60
    drift = {n: (p.version, version(n)) for n, p in lock.items() if version(n) != p.version}
    assert not drift
    assert all(p.hashes for p in lock.values())


def test_the_lock_names_no_index_and_no_local_path() -> None:
    text = build_script().LOCK.read_text()
    assert "--index-url" not in text
    assert "--find-links" not in text
    assert "://" not in text
    assert str(REPO) not in text


def test_the_lock_covers_every_declared_dependency() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    names = {build_script().normalise(re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0]) for d in wanted}
    assert names <= set(build_script().read_lock(build_script().LOCK))


LOCK_SAMPLE = """\
#    scripts/lock
#
alpha==1.0 \\
    --hash=sha256:aa \\
    --hash=sha256:ab
    # via timebill (pyproject.toml)
beta==2.0 \\
    --hash=sha256:bb
    # via
    #   alpha
    #   gamma
gamma==3.0 \\
    --hash=sha256:cc
    # via timebill (pyproject.toml)
delta==4.0 \\
    --hash=sha256:dd
    # via beta
"""


def test_the_closure_follows_the_locks_via_annotations(tmp_path: Path) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text(LOCK_SAMPLE)
    packages = build_script().read_lock(lock)
    assert packages["alpha"].hashes == ("sha256:aa", "sha256:ab")
    assert packages["beta"].needed_by == {"alpha", "gamma"}
    assert set(build_script().closure(packages, {"alpha"})) == {"alpha", "beta", "delta"}
    assert set(build_script().closure(packages, {"gamma"})) == {"gamma", "beta", "delta"}
    with pytest.raises(build_script().BuildError, match=r"not in requirements\.lock: zeta"):
        build_script().closure(packages, {"zeta"})


def test_a_version_in_the_lambda_listing_is_refused(tmp_path: Path) -> None:
    listing = tmp_path / "lambda-packages.txt"
    listing.write_text("fastapi>=0.115\n")
    with pytest.raises(build_script().BuildError, match="a name only"):
        build_script().lambda_packages(listing)


def test_the_lambda_requirements_carry_every_hash(tmp_path: Path) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text(LOCK_SAMPLE)
    packages = build_script().closure(build_script().read_lock(lock), {"alpha"})
    text = build_script().write_requirements(packages, tmp_path / "r.txt").read_text()
    assert text.splitlines()[0] == "alpha==1.0 --hash=sha256:aa --hash=sha256:ab"
    assert len(text.splitlines()) == 3


# ---------------------------------------------------------------- the zip


def tree(root: Path, mtime: int) -> Path:
    for name, body in {"b/z.py": "z = 1\n", "a.py": "a = 1\n", "b/c/x.so": "\x7fELF"}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
        os.utime(path, (mtime, mtime))
    (root / "b/c/x.so").chmod(0o775)
    return root


def test_the_zip_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    build_script().write_zip(tree(tmp_path / "one", 1_700_000_000), first)
    build_script().write_zip(tree(tmp_path / "two", 1_800_000_000), second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == ["a.py", "b/c/x.so", "b/z.py"]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    modes = {i.filename: (i.external_attr >> 16) & 0o777 for i in infos}
    assert modes == {"a.py": 0o644, "b/c/x.so": 0o755, "b/z.py": 0o644}


def test_pip_console_scripts_and_caches_are_dropped(tmp_path: Path) -> None:
    for name in ("bin/fastapi", "pkg/__pycache__/m.cpython-311.pyc", "pkg/m.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    build_script().prune(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "pkg",
        "pkg/m.py",
    ]


# ---------------------------------------------------------------- bytecode


def test_bytecode_is_unchecked_hash_reproducible_and_points_at_var_task(tmp_path: Path) -> None:
    interpreter = python_312()
    outputs = []
    for run in ("one", "two"):
        root = tree(tmp_path / run, 1_700_000_000 + len(run))
        (root / "b/c/x.so").unlink()
        (root / "m.py").write_text("S = {'a', 'b', 'c'}\ndef f():\n    raise ValueError\n")
        build_script().compile_bytecode(root, interpreter)
        [pyc] = (root / "__pycache__").glob("m.cpython-312.pyc")
        outputs.append(pyc.read_bytes())
    assert outputs[0] == outputs[1]
    flags = int.from_bytes(outputs[0][4:8], "little")
    assert flags == 0b01  # hash-based, source not checked (PEP 552)
    assert b"/var/task/m.py" in outputs[0]


# ---------------------------------------------------------------- a real build (slow)


@pytest.mark.slow
def test_the_artifact_runs_the_lambda_entry_points_with_nothing_else_on_the_path(
    tmp_path: Path,
) -> None:
    """An x86_64 build (this machine's) so its native code can run here, with the runtime's
    Python in isolated mode: the handler module imports from the artifact alone without
    anthropic or quickbooks, and the worker (with its Claude stage) and the API's services
    build from it."""
    interpreter = python_312()
    build = subprocess.run(
        [str(REPO / "scripts" / "build_lambda"), "--arch", "x86_64", "--out", str(tmp_path)],
        capture_output=True, text=True, check=False, timeout=900,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr[-3000:]
    manifest = json.loads((tmp_path / "timebill.json").read_text())
    assert manifest["runtime"] == "python3.12"
    assert manifest["unzipped_bytes"] < 250 * 1024 * 1024
    staging = Path(manifest["staging"])
    assert not (staging / "sow_rules").exists()  # the service's rules are in the store
    code = """
import sys
sys.path.insert(0, sys.argv[1])
import app.lambdas.http, app.lambdas.worker
assert app.lambdas.http.__file__.startswith(sys.argv[1]), app.lambdas.http.__file__
heavy = [m for m in ("anthropic", "quickbooks") if m in sys.modules]
assert not heavy, heavy
from app.config import Settings
from app.factory import build_services, build_store, build_worker
worker = Settings(store="sqlite", sqlite_path=sys.argv[2] + "/w.sqlite3",
                  outbox_dir=sys.argv[2] + "/outbox", ANTHROPIC_API_KEY="sk-ant-smoke")
assert worker.llm_enabled
build_worker(worker, build_store(worker))  # the Claude stage too: anthropic from the artifact
api = Settings(store="sqlite", sqlite_path=sys.argv[2] + "/a.sqlite3", queue="sqs",
               sqs_queue_url="https://sqs.eu-west-1.amazonaws.com/1/q", llm_provider="none")
build_services(api)
import app.adapters.supabase_store, app.adapters.aws_secrets, app.adapters.quickbooks_client
print("ok")
"""
    env = {"PATH": "/usr/bin:/bin", "AWS_DEFAULT_REGION": "eu-west-1"}
    run = subprocess.run(
        [interpreter, "-I", "-c", code, str(staging), str(tmp_path)],
        capture_output=True, text=True, check=False, cwd=staging, env=env,
    )  # fmt: skip
    assert run.stdout.strip() == "ok", run.stderr[-3000:]
