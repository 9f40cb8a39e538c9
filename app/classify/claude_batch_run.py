"""Send a plan as Message Batches, or pick up the batches already sent; wait; read the results.

Resuming is the default: when the state file beside the output holds batches for the same
requests (same fingerprint), nothing is sent again, whether the last run was interrupted while
waiting, while downloading, or finished. A state file for other requests stops the run rather
than merging another run's answers.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from app.classify.claude_batch_plan import Estimate, Plan
from app.classify.claude_batch_state import BatchState, StateError, estimate_fields, load, save
from app.domain.batches import BatchResult, BatchStatus
from app.ports import BatchClient

log = logging.getLogger(__name__)

Confirm = Callable[[Estimate], bool]
OnStatus = Callable[[list[BatchStatus]], None]


class Declined(Exception):
    """The person did not confirm the estimate: nothing was sent."""


class BatchRun:
    """One run's batches, kept in the state file at ``path``."""

    def __init__(
        self,
        client: BatchClient,
        path: Path,
        *,
        poll_s: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client = client
        self.path = path
        self.poll_s = poll_s
        self._sleep = sleep

    def start(self, batch: Plan, found: Estimate, confirm: Confirm, *, resume: bool) -> BatchState:
        """The batches for ``batch``: those in the state file, else new ones once confirmed.
        Raises ``Declined``, ``StateError``, or ``UpstreamError`` from a create."""
        state = load(self.path)
        if state is None:
            if resume:
                raise StateError(f"nothing to resume: {self.path} does not exist")
            if not confirm(found):
                raise Declined
            state = _new_state(batch, found, self.client.model)
        elif state.digest != batch.digest:
            raise StateError(
                f"{self.path} holds batch {', '.join(state.batch_ids)} for other requests (the "
                "export, rules, history or model changed): delete it to send a new batch"
            )
        self._create_missing(batch, state)
        return state

    def _create_missing(self, batch: Plan, state: BatchState) -> None:
        # Saved after each create: an interruption between two creates resumes with the rest.
        for chunk in batch.chunks[len(state.batch_ids) :]:
            created = self.client.create(chunk)
            state.batch_ids.append(created.batch_id)
            save(self.path, state)
            log.info("created batch %s (%d requests)", created.batch_id, len(chunk))

    def wait(self, state: BatchState, on_status: OnStatus) -> list[BatchStatus]:
        """Poll every batch until all have ended (the API ends each within 24 h)."""
        while True:
            statuses = [self.client.retrieve(batch_id) for batch_id in state.batch_ids]
            on_status(statuses)
            if all(status.ended for status in statuses):
                return statuses
            self._sleep(self.poll_s)

    def results(self, state: BatchState) -> dict[str, BatchResult]:
        """Entry key -> its result. A result whose ``custom_id`` is not ours is ignored."""
        found: dict[str, BatchResult] = {}
        for batch_id in state.batch_ids:
            for result in self.client.results(batch_id):
                key = state.entry_keys.get(result.custom_id)
                if key is None:
                    log.warning("batch %s: unknown custom_id in results, ignored", batch_id)
                    continue
                found[key] = result
        return found

    def record(self, state: BatchState, summary: dict[str, int]) -> None:
        """Keep what came back in the state file, for whoever reads the run later."""
        state.results = summary
        save(self.path, state)


def _new_state(batch: Plan, found: Estimate, model: str) -> BatchState:
    return BatchState(
        model=model,
        digest=batch.digest,
        entry_keys=batch.entry_keys,
        chunks=[[r.custom_id for r in chunk] for chunk in batch.chunks],
        estimate=estimate_fields(found),
    )
