"""One cascade per tenant, rebuilt only when that tenant's rules change."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from app.classify.calibration import Calibration
from app.classify.cascade import Cascade
from app.classify.memory import Memory
from app.domain.rulebook import RuleBook


class RulesProvider(Protocol):
    def calibrated(self, tenant: str) -> tuple[RuleBook, Calibration]: ...


CascadeBuilder = Callable[[RuleBook, Memory, Calibration], Cascade]


class Classifiers:
    """Warm-process cache: compiled rules and memory survive between invocations.

    ``memory_for`` supplies each tenant's memory (``app.review.learning.MemoryBank``: the
    approved history the rules in force were published with, named by their calibration's
    ``memory_seed``, then reviewers' approvals and corrections); without it each tenant starts
    empty.
    """

    def __init__(
        self,
        rules: RulesProvider,
        build: CascadeBuilder,
        memory_for: Callable[[str, str], Memory] | None = None,
    ) -> None:
        self.rules = rules
        self.build = build
        self.memory_for = memory_for
        self._lock = threading.Lock()
        self._cascades: dict[str, Cascade] = {}
        self._memories: dict[str, Memory] = {}

    def memory(self, tenant: str, seed: str = "") -> Memory:
        if self.memory_for is not None:
            return self.memory_for(tenant, seed)
        with self._lock:
            return self._memories.setdefault(tenant, Memory())

    def cascade_for(self, tenant: str) -> Cascade:
        book, calibration = self.rules.calibrated(tenant)
        memory = self.memory(tenant, calibration.memory_seed)
        with self._lock:
            cascade = self._cascades.get(tenant)
            if cascade is None or cascade.book is not book or cascade.memory is not memory:
                cascade = self._cascades[tenant] = self.build(book, memory, calibration)
            return cascade
