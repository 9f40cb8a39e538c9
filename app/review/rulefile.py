"""Put a rule into a rules file's text, keeping the person's comments and layout.

The rule goes at the end of the file's top-level ``rules:`` block (one is added when the file
has none). Nothing is written unless the whole directory, with the change, passes
``check_rules`` (schema, cross references and every rule's examples): an invalid rules file is
never left behind.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from app.rules.examples import run_examples
from app.rules.loader import (
    RuleProblem,
    check_rules,
    check_rules_files,
    load_rulebook,
    load_rulebook_files,
)

_RULES_KEY = re.compile(r"^rules:\s*(#.*)?$")
_EMPTY_RULES = re.compile(r"^rules:\s*\[\s*\]\s*(#.*)?$")
_TOP_LEVEL = re.compile(r"^[^\s#]")


def rule_yaml(rule: dict[str, Any]) -> str:
    """One rule as a ``rules:`` list item, indented two spaces like the demo files."""
    text = yaml.safe_dump(
        [rule], sort_keys=False, default_flow_style=None, width=96, allow_unicode=True
    )
    return "".join(f"  {line}" if line.strip() else line for line in text.splitlines(True))


def insert_rule(text: str, snippet: str) -> str:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = next((i for i, line in enumerate(lines) if _RULES_KEY.match(line.rstrip("\n"))), None)
    if start is None:
        empty = next((i for i, ln in enumerate(lines) if _EMPTY_RULES.match(ln.rstrip("\n"))), None)
        if empty is None:
            return "".join(lines) + "\nrules:\n" + snippet
        lines[empty] = "rules:\n"
        start = empty
    end = next((i for i in range(start + 1, len(lines)) if _TOP_LEVEL.match(lines[i])), len(lines))
    while end - 1 > start and not lines[end - 1].strip():
        end -= 1
    block = ["\n", snippet] if end - 1 > start else [snippet]
    tail = ["\n"] if end < len(lines) and lines[end].strip() else []
    return "".join(lines[:end] + block + tail + lines[end:])


def problems_with(rules_dir: Path, file_name: str, new_text: str) -> list[RuleProblem]:
    """Problems of ``rules_dir`` with ``file_name`` replaced by ``new_text``: the loader's
    (schema, cross references), then any rule example that no longer gets its code."""
    with tempfile.TemporaryDirectory(prefix="timebill-rules-") as tmp:
        copy = Path(tmp) / "rules"
        copy.mkdir()
        for path in rules_dir.iterdir():
            if path.is_file() and path.suffix.lower() in {".yaml", ".yml"}:
                shutil.copy2(path, copy / path.name)
        (copy / file_name).write_text(new_text, encoding="utf-8")
        found = check_rules(copy)
        if found:
            return found
        # The schema holds: now every rule's examples must still get the codes they expect.
        return [
            RuleProblem(f.file, f.line, f.field, f.message)
            for f in run_examples(load_rulebook(copy))
        ]


def problems_in_set(files: dict[str, str], tenant: str) -> list[RuleProblem]:
    """``problems_with`` for a rules set held in memory (a version from the store)."""
    where = f"{tenant} (proposed rules)"
    found = check_rules_files(files, where)
    if found:
        return found
    texts = {f"{where}/{name}": text for name, text in files.items()}
    return [
        RuleProblem(f.file, f.line, f.field, f.message)
        for f in run_examples(load_rulebook_files(files, where), texts)
    ]


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
