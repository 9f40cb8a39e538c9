"""Size of the Lambda artifact: zipped, unzipped, and per top-level package.

    python bench/package_size.py [--arch arm64|x86_64] [--python 3.12] [--top 25] [--no-build]

Builds the artifact with ``scripts/build_lambda`` (unless ``--no-build``: then it reads the last
build's ``build/lambda/timebill.zip``) and prints its sizes against Lambda's limits (250 MB
unzipped including layers; 50 MB zipped for a direct upload, which SAM does not use: it uploads
to S3). When the artifact's architecture is this machine's, it also imports the HTTP handler
module from the unzipped artifact with the runtime's Python (``-I``: nothing else on the path)
and reports its import time and whether ``anthropic`` or ``quickbooks`` came with it.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import json
import platform
import statistics
import subprocess
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "build" / "lambda"
MB = 1_000_000
UNZIPPED_LIMIT = 250 * 1024 * 1024
DIRECT_UPLOAD_LIMIT = 50 * 1024 * 1024
HOST_ARCH = {"x86_64": "x86_64", "aarch64": "arm64", "arm64": "arm64"}.get(platform.machine())


def top_level(name: str) -> str:
    """The package an entry belongs to: ``pydantic_core/_x.so`` -> ``pydantic_core``."""
    head = name.split("/", 1)[0]
    if head.endswith(".dist-info"):
        return "(dist-info metadata)"
    return head.removesuffix(".py") if "/" not in name else head


def sizes(artifact: Path) -> dict[str, tuple[int, int, int]]:
    """``{package: (unzipped bytes, zipped bytes, files)}``."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    with zipfile.ZipFile(artifact) as archive:
        for info in archive.infolist():
            row = totals[top_level(info.filename)]
            row[0] += info.file_size
            row[1] += info.compress_size
            row[2] += 1
    return {name: (u, z, n) for name, (u, z, n) in totals.items()}


def handler_import(staging: Path, interpreter: str, runs: int) -> tuple[float, list[str]]:
    """Median ``-X importtime`` of ``app.lambdas.http`` (the HTTP Lambda's module) from the
    artifact, and heavy SDKs it loaded."""
    code = (
        f"import sys; sys.path.insert(0, {str(staging)!r}); import app.lambdas.http; "
        "print(','.join(m for m in ('anthropic', 'quickbooks') if m in sys.modules))"
    )
    times, loaded = [], ""
    for _ in range(runs):
        run = subprocess.run(
            [interpreter, "-I", "-X", "importtime", "-c", code],
            capture_output=True, text=True, check=True, cwd=staging,
        )  # fmt: skip
        loaded = run.stdout.strip()
        for line in run.stderr.splitlines():
            parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
            if len(parts) == 3 and parts[2] == "app.lambdas.http":
                times.append(int(parts[1]) / 1000)
    return statistics.median(times), [m for m in loaded.split(",") if m]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--arch", default="arm64", choices=["arm64", "x86_64"])
    parser.add_argument("--python", default="3.12")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    if not args.no_build:
        build = [sys.executable, str(REPO / "scripts" / "build_lambda"), "--arch", args.arch,
                 "--python", args.python]  # fmt: skip
        subprocess.run(build, check=True, stdout=subprocess.DEVNULL)
    manifest = json.loads((OUT / "timebill.json").read_text())
    artifact = REPO / manifest["artifact"]
    rows = sizes(artifact)
    unzipped = sum(u for u, _, _ in rows.values())
    zipped = artifact.stat().st_size
    print(f"artifact: {manifest['artifact']}  runtime {manifest['runtime']}  {manifest['arch']}")
    print(f"sha256:   {manifest['sha256']}")
    print(f"zipped:   {zipped / MB:6.1f} MB  ({zipped / DIRECT_UPLOAD_LIMIT:.0%} of 50 MiB)")
    print(f"unzipped: {unzipped / MB:6.1f} MB  ({unzipped / UNZIPPED_LIMIT:.0%} of 250 MiB)")
    print(f"files:    {sum(n for _, _, n in rows.values())}  (.pyc precompiled for the runtime)")
    print(f"\n{'package':<28}{'unzipped MB':>12}{'zipped MB':>11}{'files':>7}")
    ordered = sorted(rows.items(), key=lambda kv: -kv[1][0])
    for name, (u, z, n) in ordered[: args.top]:
        print(f"{name:<28}{u / MB:>12.2f}{z / MB:>11.2f}{n:>7}")
    rest = ordered[args.top :]
    if rest:
        u, z, n = (sum(r[1][i] for r in rest) for i in range(3))
        print(f"{f'({len(rest)} more)':<28}{u / MB:>12.2f}{z / MB:>11.2f}{n:>7}")
    if manifest["arch"] != HOST_ARCH:
        print(f"\n(import check skipped: the artifact is {manifest['arch']}, this is {HOST_ARCH})")
        return
    interpreter = _interpreter(manifest["python"])
    ms, loaded = handler_import(Path(manifest["staging"]), interpreter, args.runs)
    print(f"\nimport app.lambdas.http from the artifact (Python {manifest['python']}, -I, warm disk): "
          f"median {ms:.0f} ms over {args.runs} runs; heavy SDKs loaded: {loaded or 'none'}")  # fmt: skip


def _interpreter(version: str) -> str:
    """The runtime's Python, found the way ``scripts/build_lambda`` finds it."""
    path = str(REPO / "scripts" / "build_lambda")
    loader = importlib.machinery.SourceFileLoader("build_lambda", path)
    spec = importlib.util.spec_from_loader("build_lambda", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return str(module.find_python(version, None))


if __name__ == "__main__":
    main()
