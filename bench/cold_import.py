"""Cold-start import cost of the HTTP handler module, against its framework floor.

    python bench/cold_import.py [--runs 7]

Runs fresh interpreters (`python -X importtime -c "import X"`), sums the cumulative import
time of the named top-level modules, and prints medians: `app.main` (the module behind the
Lambda HTTP handler) vs `fastapi, mangum, pydantic` alone, and their ratio (target <= 1.5x).
It also reports whether the handler module pulled in `anthropic` or `quickbooks`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def import_ms(modules: list[str]) -> float:
    code = "import " + ", ".join(modules)
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True, text=True, check=True, cwd=REPO,
    )  # fmt: skip
    total = 0
    for line in run.stderr.splitlines():
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[2] in modules:
            total += int(parts[1])
    return total / 1000


def heavy_sdks_loaded() -> list[str]:
    code = (
        "import sys, app.main; "
        "print(','.join(m for m in ('anthropic', 'quickbooks') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    return [m for m in out.stdout.strip().split(",") if m]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    import_ms(["app.main"])  # warm the bytecode cache once
    base = [import_ms(["fastapi", "mangum", "pydantic"]) for _ in range(args.runs)]
    handler = [import_ms(["app.main"]) for _ in range(args.runs)]
    b, h = statistics.median(base), statistics.median(handler)
    print(f"fastapi+mangum+pydantic: median {b:.0f} ms over {args.runs} runs")
    print(f"app.main (HTTP handler): median {h:.0f} ms over {args.runs} runs")
    print(f"ratio: {h / b:.2f}x (target <= 1.5x)")
    print(f"heavy SDKs imported by the handler module: {heavy_sdks_loaded() or 'none'}")


if __name__ == "__main__":
    main()
