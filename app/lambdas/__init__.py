"""The AWS Lambda handlers, one module per function, each importing only what it runs.

``http`` (API Gateway through Mangum: webhooks and ``/healthz``), ``worker`` (SQS batches),
``sweep`` and ``poll`` (scheduled). Only ``http`` imports FastAPI and Mangum; none imports
another's modules, so a function's cold start pays for its own work alone.
"""
