"""The per-realm budget on a fake clock: never more than the per-minute limit in any 60 s
window, never more than the concurrency limit at once, and a clear refusal past the wait."""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

import pytest

from app.adapters.quickbooks_budget import RequestBudget
from app.errors import UpstreamError, UpstreamKind


class FakeTime:
    def __init__(self) -> None:
        self.now = 1_000.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def budget(time: FakeTime, **kw: Any) -> RequestBudget:
    return RequestBudget(clock=time.clock, sleep=time.sleep, **kw)


def test_no_sixty_second_window_holds_more_than_the_limit() -> None:
    time = FakeTime()
    pacer = budget(time, per_minute=500, burst=20, max_wait_s=10.0)
    stamps: list[float] = []
    for _ in range(1_500):
        with pacer.slot("realm-1"):
            stamps.append(time.now)
    busiest = max(sum(1 for t in stamps[i:] if t < start + 60.0) for i, start in enumerate(stamps))
    assert busiest <= 500
    assert busiest >= 490  # and the budget is actually used, not starved
    assert stamps[-1] - stamps[0] < 190  # ~1480 paced requests at 8/s after the burst


def test_realms_have_separate_budgets() -> None:
    time = FakeTime()
    pacer = budget(time, per_minute=100, burst=5, max_wait_s=0.0)
    for _ in range(5):
        with pacer.slot("realm-1"):
            pass
    with pacer.slot("realm-2"):
        pass
    with pytest.raises(UpstreamError), pacer.slot("realm-1"):
        pass


def test_past_the_wait_the_budget_refuses_with_when_to_come_back() -> None:
    time = FakeTime()
    pacer = budget(time, per_minute=70, burst=10, max_wait_s=0.5)  # refills 1 per second
    for _ in range(10):
        with pacer.slot("realm-1"):
            pass
    with pytest.raises(UpstreamError) as caught, pacer.slot("realm-1"):
        pass
    error = caught.value
    assert (error.kind, error.retryable) == (UpstreamKind.RATE_LIMITED, True)
    assert error.retry_after_s == pytest.approx(1.0)
    time.sleep(1.0)
    with pacer.slot("realm-1"):  # a token is back
        pass


def test_a_short_wait_is_absorbed() -> None:
    time = FakeTime()
    pacer = budget(time, per_minute=70, burst=10, max_wait_s=2.0)
    for _ in range(11):
        with pacer.slot("realm-1"):
            pass
    assert time.now == pytest.approx(1_001.0)  # the eleventh waited one second


def test_no_more_than_the_concurrency_limit_at_once() -> None:
    time = FakeTime()
    pacer = budget(time, concurrent=10, burst=20, per_minute=500, max_wait_s=0.0)
    with ExitStack() as held:
        for _ in range(10):
            held.enter_context(pacer.slot("realm-1"))
        with pytest.raises(UpstreamError, match="in flight") as caught, pacer.slot("realm-1"):
            pass
        assert caught.value.kind is UpstreamKind.RATE_LIMITED
        with pacer.slot("realm-2"):  # another company is not held up
            pass
    with pacer.slot("realm-1"):  # released
        pass


def test_burst_must_fit_under_the_limit() -> None:
    with pytest.raises(ValueError, match="burst"):
        RequestBudget(per_minute=10, burst=10)
