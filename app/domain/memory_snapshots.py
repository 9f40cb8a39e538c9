"""A tenant's learned memory as the store keeps it (``Store.save_memory``/``load_memory``).

``position`` is the review log position (``ReviewRecord.seq``) the memory was learned up to:
a cold worker loads the body and reads only the reviews after it. ``body`` is opaque to the
store (``app.review.learning`` writes it: ``app.classify.memory_snapshot``'s format, zlib).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class MemorySnapshot:
    tenant: str
    position: int
    body: bytes
    saved_at: datetime

    def __post_init__(self) -> None:
        if self.position < 0:
            raise ValueError(f"a review log position is >= 0, not {self.position}")
        if self.saved_at.tzinfo is None or self.saved_at.utcoffset() is None:
            raise ValueError("saved_at must be timezone-aware")

    def __repr__(self) -> str:  # the body can be megabytes
        return (
            f"MemorySnapshot(tenant={self.tenant!r}, position={self.position}, "
            f"body=<{len(self.body)} bytes>, saved_at={self.saved_at.isoformat()})"
        )
