"""The in-process queue for local runs: a worker thread draining a FIFO.

On Lambda the queue is SQS (``app.adapters.sqs_queue``); here a thread plays the worker so
``timebill serve`` behaves like the deployed service, including acknowledging before working.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

log = logging.getLogger("timebill.queue")

Handler = Callable[[str, str], object]


class ThreadQueue:
    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self._jobs: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def enqueue(self, tenant: str, item_id: str) -> None:
        self._jobs.put((tenant, item_id))

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="timebill-worker", daemon=True)
            self._thread.start()

    def drain(self) -> None:
        """Block until every job enqueued so far has been handled (tests, CLI)."""
        self._jobs.join()

    def stop(self) -> None:
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join(timeout=10)
            self._thread = None

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                self.handler(*job)
            except Exception:
                # The item stays claimable in the store; the sweep retries it.
                log.exception("worker failed on %s/%s", *job)
            finally:
                self._jobs.task_done()
        self._jobs.task_done()
