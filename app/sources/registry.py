"""Webhook sources by route name, each module imported on first use (cold starts stay small)."""

from __future__ import annotations

import importlib

from app.sources.webhooks import WebhookSource

_MODULES = {
    "clockify": "app.sources.clockify_webhook",
    "toggl": "app.sources.toggl_webhook",
    "quickbooks": "app.sources.quickbooks_webhook",
}
NAMES = tuple(_MODULES)


def webhook_source(name: str) -> WebhookSource:
    """The source for ``clockify``, ``toggl`` or ``quickbooks``; ``KeyError`` for anything else."""
    module = importlib.import_module(_MODULES[name])
    source: WebhookSource = module.SOURCE
    return source
