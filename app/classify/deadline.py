"""A per-entry time budget shared by the stages of the cascade."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Deadline:
    """Seconds left until the decision is due; the clock is injectable for tests."""

    budget_s: float
    clock: Callable[[], float] = field(default=time.perf_counter, repr=False)
    started: float = field(init=False)

    def __post_init__(self) -> None:
        self.started = self.clock()

    @property
    def elapsed_s(self) -> float:
        return self.clock() - self.started

    @property
    def remaining_s(self) -> float:
        return max(0.0, self.budget_s - self.elapsed_s)

    @property
    def expired(self) -> bool:
        return self.remaining_s <= 0.0
