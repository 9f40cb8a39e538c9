"""The AWS Lambda handlers, one module per function, each importing only what it runs.

``http`` (API Gateway through Mangum: webhooks and ``/healthz``), ``worker`` (SQS batches),
``sweep`` and ``poll`` (scheduled). Only ``http`` imports FastAPI and Mangum; none imports
another's modules, so a function's cold start pays for its own work alone.
"""

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager

# pydantic looks for plugins in every installed package's entry points when it builds its first
# model (~5-25 ms of each cold start here); timebill uses none. An explicit setting wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


@contextmanager
def built_to_last() -> Iterator[None]:
    """For what a cold start builds to keep for the environment's life (FastAPI and the app;
    pydantic, the settings; the worker's domain models, rules and cascade): CPython's collector
    would walk it all several times over while it is built, finding no garbage (~30 ms of the
    HTTP function's start; the worker's import + first message 234 -> 220 ms, both measured
    with ``bench/cold_start.py``). No collection inside; then ``gc.freeze`` moves what was built
    out of the collector's sight and collection resumes (``tests/service/test_cold_path.py``)."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
