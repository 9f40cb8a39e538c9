"""Rules for a tenant, cached in the warm process and reloaded when the files change."""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from app.domain.rulebook import RuleBook
from app.rules.loader import RuleProblem, RulesError, load_rulebook

log = logging.getLogger("timebill.rules")


def _fingerprint(directory: Path) -> str:
    """A hash of every rules file's name and bytes: a few small files, read every few seconds."""
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.iterdir() if p.suffix in {".yaml", ".yml"}):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class DirectoryRules:
    """One rules directory for every tenant (the embedded, single-firm set-up).

    Looks at the files' contents at most every ``check_every_s``; a change reloads the
    rule book. A reload that finds problems keeps the last good book and logs them, so a
    half-edited file never stops the worker.
    """

    def __init__(
        self,
        directory: Path,
        *,
        check_every_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.directory = directory
        self.check_every_s = check_every_s
        self.clock = clock
        self._lock = threading.Lock()
        self._book: RuleBook | None = None
        self._seen = ""
        self._checked = float("-inf")

    def rulebook(self, tenant: str) -> RuleBook:
        del tenant  # one firm, one directory
        with self._lock:
            if self._book is None or self.clock() - self._checked >= self.check_every_s:
                self._refresh()  # raises while there has never been a good set
                self._checked = self.clock()
            assert self._book is not None
            return self._book

    def _refresh(self) -> None:
        try:
            seen = _fingerprint(self.directory)
        except OSError as exc:
            if self._book is None:
                raise RulesError(
                    [RuleProblem(str(self.directory), None, "", f"cannot read: {exc.strerror}")]
                ) from exc
            log.error("rules in %s cannot be read; keeping the last good set", self.directory)
            return
        if seen == self._seen and self._book is not None:
            return
        try:
            self._book = load_rulebook(self.directory)
            self._seen = seen
        except RulesError as exc:
            if self._book is None:
                raise
            log.error(
                "rules in %s have problems; keeping the last good set:\n%s", self.directory, exc
            )
