"""Accept one webhook delivery: verify, parse, commit to the inbox, enqueue, answer.

The order is the promise: nothing is parsed before the signature holds on the raw bytes, and
nothing is acknowledged before the inbox row is committed. A rejected delivery writes nothing;
a duplicate is acknowledged and creates no work; a failed commit answers 5xx so the sender
retries. The route, the Lambda handler and the tests all call ``receive``.

This is all the HTTP Lambda runs for a webhook: it needs the webhook sources, the inbox models
and the store, never the classifier (the worker's, built elsewhere). ``tests/service/
test_cold_path.py`` checks what a first delivery loads in a fresh interpreter.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.domain.entries import Source
from app.domain.inbox import NewItem, SourceAccess, is_tenant_id
from app.sources.registry import webhook_source
from app.sources.webhooks import IntakeError, WebhookSource, verify_and_parse

if TYPE_CHECKING:  # the ports are protocols: for the annotations only
    from app.ports import Queue, Store

log = logging.getLogger("timebill.intake")


class NotFound(IntakeError):
    status = 404


class StoreUnavailable(IntakeError):
    status = 503


@dataclass(frozen=True)
class Receipt:
    """The answer to a delivery: what was new, what was a duplicate, what the sender gets."""

    status: int
    body: dict[str, Any]
    created: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def receive(
    store: Store,
    queue: Queue,
    *,
    source_name: str,
    tenant_id: str,
    headers: Mapping[str, str],
    body: bytes,
    now: datetime,
) -> Receipt:
    """Raises ``IntakeError`` (with its HTTP status) for anything refused.

    ``headers`` are passed on as given: the route's are already lower-case (Starlette), and
    ``sources.webhooks.header`` finds a name in any case.
    """
    source, access = _resolve(store, source_name, tenant_id)
    intake = verify_and_parse(
        source, headers, body, tenant=tenant_id, access=access, received_at=now
    )
    if intake.reply is not None:
        return Receipt(200, intake.reply)
    created, duplicates = commit(store, intake.items)
    enqueue(queue, tenant_id, created)
    body_out = {"accepted": len(created), "duplicates": len(duplicates), "ignored": intake.ignored}
    return Receipt(200, body_out, created, duplicates)


def enqueue(queue: Queue, tenant_id: str, item_ids: list[str]) -> None:
    """Committed is accepted: if the queue fails, the sweep finds the row and enqueues it."""
    for item_id in item_ids:
        try:
            queue.enqueue(tenant_id, item_id)
        except Exception:
            log.exception("enqueue failed for %s/%s; the sweep will pick it up", tenant_id, item_id)


def _resolve(store: Store, source_name: str, tenant_id: str) -> tuple[WebhookSource, SourceAccess]:
    try:
        source = webhook_source(source_name)
    except KeyError:
        raise NotFound(f"unknown source '{source_name}'") from None
    # Same answer for an unknown tenant and a source it has not connected: no oracle. An id no
    # tenant can have is not asked about (PostgreSQL refuses a NUL: that read as an outage).
    missing = NotFound(f"no {source_name} webhook for tenant '{tenant_id}'")
    if not is_tenant_id(tenant_id):
        raise missing
    try:
        tenant = store.get_tenant(tenant_id)
    except Exception as exc:
        log.exception("store unavailable while reading tenant")
        raise StoreUnavailable("store unavailable, retry later") from exc
    access = tenant.sources.get(Source(source_name)) if tenant else None
    if tenant is None or access is None:
        raise missing
    return source, access


def commit(store: Store, items: list[NewItem]) -> tuple[list[str], list[str]]:
    created: list[str] = []
    duplicates: list[str] = []
    try:
        for new in items:
            item, is_new = store.accept(new)
            (created if is_new else duplicates).append(item.id)
    except Exception as exc:
        log.exception("inbox commit failed; answering 503 so the sender retries")
        raise StoreUnavailable("could not record the delivery, retry later") from exc
    return created, duplicates
