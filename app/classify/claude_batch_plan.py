"""What a Claude batch will send and what it should cost, before anything is sent.

``plan`` gives each entry waiting for Claude a ``custom_id`` (the API allows 1-64 characters of
``[A-Za-z0-9_-]``, which entry keys are not), splits the requests into batches under the API's
limits, and fingerprints them so a re-run can tell its own batch from another's. ``estimate``
counts tokens from the prompt builder's text (characters / 4, as RUNBOOK's cost section does;
no API call) and prices them with ``app.classify.evaluation``'s list prices, online and at the batch
discount, both without cache hits (an upper bound: batches read the prompt cache best-effort).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from app.classify.claude import ClaudeRequest
from app.classify.evaluation import BATCH_DISCOUNT, PRICES
from app.domain.batches import BatchRequest

# The API's limits are 100,000 requests or 256 MB per batch; stay clear of the size limit.
MAX_REQUESTS = 100_000
MAX_BYTES = 200_000_000
CHARS_PER_TOKEN = 4
OUTPUT_TOKENS = 65  # code, confidence, a reason of at most 25 words, clause (not measured)
_OVERHEAD_BYTES = 400  # model, max_tokens, thinking, cache_control, JSON punctuation


@dataclass(frozen=True)
class Plan:
    """The requests, by batch, and the ``custom_id`` -> entry key mapping."""

    chunks: list[list[BatchRequest]]
    entry_keys: dict[str, str]
    digest: str

    @property
    def requests(self) -> list[BatchRequest]:
        return [r for chunk in self.chunks for r in chunk]


def plan(pending: Mapping[str, ClaudeRequest], *, max_tokens: int, model: str) -> Plan:
    """``pending``: entry key -> request, in the order the entries were met."""
    requests, keys = [], {}
    for n, (key, req) in enumerate(pending.items()):
        custom_id = f"e{n}"
        requests.append(BatchRequest(custom_id, req.system, req.user, req.schema, max_tokens))
        keys[custom_id] = key
    return Plan(_chunks(requests), keys, _digest(requests, keys, model))


def _chunks(requests: list[BatchRequest]) -> list[list[BatchRequest]]:
    chunks: list[list[BatchRequest]] = []
    size = 0
    for request in requests:
        weight = _bytes(request)
        if not chunks or len(chunks[-1]) >= MAX_REQUESTS or size + weight > MAX_BYTES:
            chunks.append([])
            size = 0
        chunks[-1].append(request)
        size += weight
    return chunks


def _bytes(request: BatchRequest) -> int:
    text = request.system + request.user + json.dumps(request.schema)
    return len(text.encode("utf-8")) + _OVERHEAD_BYTES


def _digest(requests: list[BatchRequest], keys: dict[str, str], model: str) -> str:
    """Same entries, same prompts, same model: same digest."""
    digest = hashlib.sha256(model.encode())
    for r in requests:
        item = [r.custom_id, keys[r.custom_id], r.system, r.user, r.schema, r.max_tokens]
        digest.update(json.dumps(item, sort_keys=True).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Estimate:
    """Tokens and dollars for the whole batch, and per 1,000 entries of the run."""

    entries: int
    requests: int
    input_tokens: int
    output_tokens: int
    model: str
    online_usd: Decimal | None
    batch_usd: Decimal | None

    def per_1000(self, usd: Decimal | None) -> Decimal | None:
        if usd is None or not self.entries:
            return None
        return (usd * 1000 / self.entries).quantize(Decimal("0.0001"))


def estimate(batch: Plan, *, entries: int, model: str) -> Estimate:
    """``entries``: how many entries the run classifies (local stages included)."""
    requests = batch.requests
    chars = sum(len(r.system) + len(r.user) + len(json.dumps(r.schema)) for r in requests)
    input_tokens = chars // CHARS_PER_TOKEN
    output_tokens = OUTPUT_TOKENS * len(requests)
    online = _price(model, input_tokens, output_tokens)
    batch_usd = None if online is None else (online * BATCH_DISCOUNT).quantize(Decimal("0.0001"))
    return Estimate(entries, len(requests), input_tokens, output_tokens, model, online, batch_usd)


def _price(model: str, input_tokens: int, output_tokens: int) -> Decimal | None:
    price = PRICES.get(model)
    if price is None:
        return None
    total = input_tokens * price[0] + output_tokens * price[1]
    return (total / Decimal(1_000_000)).quantize(Decimal("0.0001"))
