"""What a labelled history teaches, learned once per history and rules, then loaded.

Start-up with ``--history`` reads the export, learns memory (measuring its confidence on the
way) and back-tests every rule on it: for a firm's year of history that is most of a short
run's time, and none of it changes until the history, the rules or the engine do. So the result
is saved (``app.classify.memory_snapshot``) under ``Settings.cache_dir`` as
``{tenant}-{fingerprint}.memory``, the fingerprint covering the history file's bytes, the label
column, every rule file's version and the engine's own source; any change is a new file, and a
stale one is never read. A file that cannot be read is relearned and rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from pathlib import Path
from typing import Any

from app.classify.batch import Evidence, learn_evidence
from app.classify.calibration import Calibration, RuleTrust
from app.classify.memory import Memory
from app.classify.memory_snapshot import load, save
from app.classify.rules_stage import RulesStage
from app.domain.rulebook import RuleBook
from app.sources.exports import ImportProblem

_ENGINE = Path(__file__).resolve().parents[1]
_ENGINE_PARTS = ("classify", "rules", "domain", "sources")


def fingerprint(book: RuleBook, history: Path, label_column: str) -> str:
    """Changes with the history's bytes, the label column, any rule file, or the engine."""
    digest = hashlib.sha256()
    with history.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    digest.update(f"\0{label_column}\0{book.firm_version}\0".encode())
    for client, version in sorted(book.versions.items()):
        digest.update(f"{client}={version}\0".encode())
    for part in _ENGINE_PARTS:
        for source in sorted((_ENGINE / part).glob("*.py")):
            digest.update(source.read_bytes())
    return digest.hexdigest()[:32]


def cached_evidence(
    book: RuleBook,
    history: Path,
    label_column: str,
    *,
    min_similarity: float,
    cache_dir: Path | None,
    tenant: str = "local",
    stage: RulesStage | None = None,
) -> tuple[Memory, Evidence]:
    """Memory and evidence from ``history``: loaded when this history and these rules were
    learned before, else learned now (with ``stage``, see ``back_test``) and saved for next
    time."""
    path = None
    if cache_dir is not None:
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", tenant)
        path = cache_dir / f"{name}-{fingerprint(book, history, label_column)}.memory"
        loaded = load(path, min_similarity)
        if loaded is not None:
            return loaded[0], _evidence(loaded[1])
    memory = Memory(min_similarity)
    evidence = learn_evidence(book, memory, history, label_column, stage)
    if path is not None:
        # a read-only or full disk costs the next run a relearn, not this one
        with contextlib.suppress(OSError):
            save(memory, path, _extra(evidence))
    return memory, evidence


def _extra(evidence: Evidence) -> dict[str, Any]:
    return {
        "learned": evidence.learned,
        "problems": [[p.file, p.row, p.column, p.message] for p in evidence.problems],
        "rules": [
            [client, rule, t.typed, t.matches, t.right]
            for (client, rule), t in evidence.calibration.rules.items()
        ],
        "settled": sorted(list(s) for s in evidence.calibration.settled),
    }


def _evidence(extra: dict[str, Any]) -> Evidence:
    rules = {(c, r): RuleTrust(typed, n, right) for c, r, typed, n, right in extra["rules"]}
    problems = [ImportProblem(*p) for p in extra["problems"]]
    settled = frozenset((c, won, passed) for c, won, passed in extra["settled"])
    return Evidence(extra["learned"], problems, Calibration(rules, settled), None)
