"""Message Batches, vendor-neutral: what is sent, where a batch is, what came back.

The adapter (``app/adapters/anthropic_batches.py``) builds these from the SDK's objects; the
classification side (``app/classify/claude_batch.py``) never sees the SDK.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from app.ports import LlmReply

ResultKind = Literal["succeeded", "errored", "canceled", "expired"]
RESULT_KINDS: tuple[ResultKind, ...] = ("succeeded", "errored", "canceled", "expired")


@dataclass(frozen=True)
class BatchRequest:
    """One entry's request: its id in the batch and the prompt the online stage would send."""

    custom_id: str
    system: str
    user: str
    schema: dict[str, Any]
    max_tokens: int


@dataclass(frozen=True)
class BatchStatus:
    """Where a batch is (``in_progress``, ``canceling``, ``ended``) and its request counts.

    The API keeps succeeded/errored/canceled/expired at zero until the whole batch ends;
    ``processing`` falls as requests finish."""

    batch_id: str
    processing_status: str
    processing: int = 0
    succeeded: int = 0
    errored: int = 0
    canceled: int = 0
    expired: int = 0

    @property
    def ended(self) -> bool:
        return self.processing_status == "ended"


@dataclass(frozen=True)
class BatchResult:
    """One request's outcome. ``reply`` only when it succeeded; ``error`` is the error's type
    (``invalid_request_error``, ``overloaded_error``...), never its message."""

    custom_id: str
    kind: ResultKind
    reply: LlmReply | None = None
    error: str = ""
