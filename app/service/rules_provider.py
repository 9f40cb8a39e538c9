"""Rules for a tenant, cached in the warm process.

``StoreRules`` (the service's provider): the tenant's current version from the store, checked
at most once per ``check_every_s`` per tenant (one small read: a batch of entries shares it)
and compiled once per (tenant, version), from the rule book kept with the version
(``app.domain.rulebook_snapshot``: no YAML on a cold worker; a version without a usable one is
parsed from its files and its book kept for the next), with what the version's back-test
measured (its rules' precision on the approved history it was published with). A tenant with
no version in the store uses the rules directory when one is given (the embedded, local
set-up) and is otherwise an error (the deployed set-up: never someone else's rules).
``DirectoryRules``: one rules directory for every tenant, reloaded when its files change.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.classify.calibration import NO_CALIBRATION, Calibration
from app.domain.rulebook_snapshot import dump_book, load_book
from app.domain.rules_versions import version_id
from app.errors import ConfigError
from app.ports import RulesStore

if TYPE_CHECKING:
    from app.domain.rulebook import RuleBook
    from app.domain.rules_versions import RulesVersion

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

    def calibrated(self, tenant: str) -> tuple[RuleBook, Calibration]:
        """A rules directory comes with no measurement: its typed confidences stand."""
        return self.rulebook(tenant), NO_CALIBRATION

    def rulebook(self, tenant: str) -> RuleBook:
        del tenant  # one firm, one directory
        with self._lock:
            if self._book is None or self.clock() - self._checked >= self.check_every_s:
                self._refresh()  # raises while there has never been a good set
                self._checked = self.clock()
            assert self._book is not None
            return self._book

    def _refresh(self) -> None:
        # The YAML loader is imported here, not with the module: a worker whose rules come
        # from the store with their rule book (StoreRules) never needs it.
        from app.rules.loader import RuleProblem, RulesError, load_rulebook  # noqa: PLC0415

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


class NoRulesError(ConfigError):
    """The tenant has no rules version in the store and there is no directory to fall back on."""


class StoreRules:
    """Each tenant's current rules version from the store (see the module's docstring).

    Thread-safe: the worker's threads and the review page share one instance per process.
    ``cache_size`` bounds the compiled books kept (a rollback to a recent version is free).
    """

    def __init__(
        self,
        store: RulesStore,
        fallback: DirectoryRules | None,
        *,
        check_every_s: float = 1.0,
        cache_size: int = 32,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.fallback = fallback
        self.check_every_s = check_every_s
        self.cache_size = cache_size
        self.clock = clock
        self._lock = threading.Lock()
        self._current: dict[str, tuple[float, int | None]] = {}  # tenant -> (checked, number)
        self._books: dict[tuple[str, int], tuple[RuleBook, Calibration]] = {}
        self.checks = 0  # store reads of the pointer, for the benchmark and tests
        self.compiles = 0
        self.books_kept = 0  # rule books built from a version's files and kept with it

    def rulebook(self, tenant: str) -> RuleBook:
        return self.calibrated(tenant)[0]

    def calibrated(self, tenant: str) -> tuple[RuleBook, Calibration]:
        """The tenant's rules in force and what their back-test measured when they were
        published (``VersionCalibration``; none: the typed confidences stand)."""
        number = self.current(tenant)
        if number is None:
            if self.fallback is None:
                raise NoRulesError(
                    f"tenant {tenant!r} has no rules in the store: import its rules set with "
                    f"`timebill rules import DIR --tenant {tenant} --by NAME` (RUNBOOK.md)"
                )
            return self.fallback.calibrated(tenant)
        return self._book(tenant, number)

    def current(self, tenant: str) -> int | None:
        """The tenant's version in force, read from the store at most every ``check_every_s``."""
        now = self.clock()
        with self._lock:
            seen = self._current.get(tenant)
            if seen is not None and now - seen[0] < self.check_every_s:
                return seen[1]
        pointer = self.store.current_rules(tenant)
        number = pointer.number if pointer else None
        with self._lock:
            self.checks += 1
            self._current[tenant] = (now, number)
        return number

    def forget(self, tenant: str) -> None:
        """Check the store again on the next call (after this process published a version)."""
        with self._lock:
            self._current.pop(tenant, None)

    def _book(self, tenant: str, number: int) -> tuple[RuleBook, Calibration]:
        key = (tenant, number)
        with self._lock:
            found = self._books.get(key)
        if found is not None:
            return found
        version = self.store.rules_version(tenant, number)
        if version is None:  # the pointer's foreign key makes this a broken store
            raise NoRulesError(f"tenant {tenant!r}: rules {version_id(number)} is not stored")
        book = self._compiled(version)
        measured = version.calibration
        found = book, Calibration.from_stored(measured, book) if measured else NO_CALIBRATION
        with self._lock:
            self.compiles += 1
            if len(self._books) >= self.cache_size:
                self._books.pop(next(iter(self._books)))  # the oldest compiled
            self._books[key] = found
        return found

    def _compiled(self, version: RulesVersion) -> RuleBook:
        """The version's rule book from the snapshot kept with it; from its files when it has
        none of this set in this code's format, which is then kept for the next cold start."""
        book = load_book(version.book, version.sha256, label=version.id)
        if book is not None:
            return book
        from app.rules.loader import load_rulebook_files  # noqa: PLC0415 - only without a book

        book = load_rulebook_files(
            version.files, f"{version.tenant} rules {version.id}", label=version.id
        )  # published versions were checked: a problem here raises RulesError, never a half set
        try:
            self.store.keep_rules_book(
                version.tenant, version.number, dump_book(book, version.sha256)
            )
        except Exception:  # a cache: the next cold start parses the files again
            log.warning("could not keep the rule book of %s %s", version.tenant, version.id)
        else:
            self.books_kept += 1
        return book
