"""The small file that makes a Claude batch resumable, kept beside the run's output.

It is written as soon as the first batch is created, before any wait: the batch ids, which
``custom_id`` is which entry, how the requests were split, the fingerprint of what was sent
(so a re-run with other entries, rules or history is not merged with an old batch), the
estimate shown before sending and, once merged, what came back. Entry keys only: no entry
text, no prompt.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.classify.claude_batch_plan import Estimate

VERSION = 1


class StateError(ValueError):
    """The state file cannot be read, or belongs to another set of requests."""


@dataclass
class BatchState:
    model: str
    digest: str
    entry_keys: dict[str, str]  # custom_id -> entry key
    chunks: list[list[str]]  # custom_ids of each batch, in sending order
    batch_ids: list[str] = field(default_factory=list)  # one per chunk created so far
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())
    estimate: dict[str, Any] = field(default_factory=dict)
    results: dict[str, int] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Every chunk has been created (an interruption can fall between two creates)."""
        return len(self.batch_ids) == len(self.chunks)


def state_path(out: Path, *, folder: bool) -> Path:
    """Beside the output: inside an output folder, ``OUT.claude-batch.json`` beside a file."""
    return out / "claude-batch.json" if folder else out.with_name(out.name + ".claude-batch.json")


def estimate_fields(found: Estimate) -> dict[str, Any]:
    fields = asdict(found)
    fields["online_usd"] = _money(found.online_usd)
    fields["batch_usd"] = _money(found.batch_usd)
    fields["online_usd_per_1000_entries"] = _money(found.per_1000(found.online_usd))
    fields["batch_usd_per_1000_entries"] = _money(found.per_1000(found.batch_usd))
    return fields


def _money(value: object) -> str | None:
    return None if value is None else str(value)


def load(path: Path) -> BatchState | None:
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.pop("version", None) != VERSION:
            raise StateError(f"{path}: not a timebill batch state file (version)")
        return BatchState(**raw)
    except (json.JSONDecodeError, TypeError, UnicodeDecodeError) as exc:
        why = type(exc).__name__
        raise StateError(f"{path}: not a readable batch state file ({why})") from None


def save(path: Path, state: BatchState) -> None:
    """Write atomically: an interruption mid-write must not lose the batch ids."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps({"version": VERSION, **asdict(state)}, indent=1), encoding="utf-8")
    os.replace(temp, path)
