"""A resumable cursor file: where a pull or a poll stands, saved after every page.

The file is JSON (``PullState``): the source and date range it belongs to, the ``updated_since``
filter the run uses, the token of the next page to fetch (``null`` once the run is complete), the
latest ``updated_at`` seen so far (``high_water``, what the next poll starts from) and the pages
done. Writes are atomic: a temporary file in the same folder, flushed to disk, then renamed over
the old one, so a crash leaves either the previous state or the new one, never half a file.
The file holds no credentials.
"""

from __future__ import annotations

import contextlib
import os
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, ValidationError

from app.domain.entries import Source


class CursorError(ValueError):
    """The cursor file exists but cannot be used."""


class PullState(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["timebill-cursor/1"] = "timebill-cursor/1"
    source: Source
    start: date
    end: date
    updated_since: AwareDatetime | None = None
    next_cursor: str | None = None
    high_water: AwareDatetime | None = None
    complete: bool = False
    pages: int = 0

    def covers(self, source: Source, start: date, end: date) -> bool:
        return (self.source, self.start, self.end) == (source, start, end)


class CursorFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> PullState | None:
        """The saved state, ``None`` when there is no file; ``CursorError`` when it is unusable."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            return PullState.model_validate_json(text)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "the file"
            raise CursorError(
                f"{self.path}: not a usable cursor file ({where}: {first['msg']}); "
                "delete it to start over"
            ) from None

    def save(self, state: PullState) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            with temporary.open("w", encoding="utf-8") as handle:
                handle.write(state.model_dump_json(indent=2))
                handle.flush()
                os.fsync(handle.fileno())
            temporary.replace(self.path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
