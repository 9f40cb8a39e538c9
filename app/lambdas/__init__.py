"""The AWS Lambda handlers, one module per function, each importing only what it runs.

``http`` (API Gateway through Mangum: webhooks and ``/healthz``), ``worker`` (SQS batches),
``sweep`` and ``poll`` (scheduled). Only ``http`` imports FastAPI and Mangum; none imports
another's modules, so a function's cold start pays for its own work alone.
"""

import os

# pydantic looks for plugins in every installed package's entry points when it builds its first
# model (~5-25 ms of each cold start here); timebill uses none. An explicit setting wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
