"""The seams between the pipeline and the outside world. Adapters implement these."""

from __future__ import annotations

from typing import Any, Protocol

from app.classify.deadline import Deadline
from app.domain.decisions import LlmUsage, StageOutcome
from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext


class ClassifierStage(Protocol):
    """One step of the cascade. Returns a Proposal it stands behind, or Abstain with reasons."""

    name: str

    def classify(
        self, entry: TimeEntry, ctx: ClientContext, deadline: Deadline
    ) -> StageOutcome: ...


class LlmReply(Protocol):
    """What the LLM adapter returns: the raw JSON text, why generation stopped, and usage.

    Read-only so an adapter may answer with a frozen dataclass or model.
    """

    @property
    def text(self) -> str: ...

    @property
    def stop_reason(self) -> str | None: ...

    @property
    def usage(self) -> LlmUsage: ...


class LlmClient(Protocol):
    """A structured-output chat call.

    The adapter sends ``system`` as one block marked for prompt caching, so callers keep it
    byte-identical across calls that should share the cache (per-entry data goes in ``user``).
    ``timeout_s`` bounds each network wait of this call. Failures raise
    ``app.errors.UpstreamError``, never a vendor exception.
    """

    @property
    def model(self) -> str: ...

    def complete_json(
        self,
        *,
        system: str,
        user: str,
        schema: dict[str, Any],
        timeout_s: float,
        max_tokens: int,
    ) -> LlmReply: ...
