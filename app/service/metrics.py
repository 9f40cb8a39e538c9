"""The sweep's alarm metrics, printed as one CloudWatch embedded-metric-format (EMF) line.

Lambda ships stdout to the function's log group, and CloudWatch turns a JSON line carrying an
``_aws.CloudWatchMetrics`` block into metrics: no ``PutMetricData`` call, no IAM permission.
The namespace, dimension and metric names are the ones ``template.yaml``'s alarms watch
(``ReviewWaitingTooLongAlarm``, ``DeadLetterEntriesAlarm``, ``QuickBooksReconnectNeededAlarm``).

Counts come from ``Store.counts()`` (aggregates only: the sweeper role sees no item content).
``QuickBooksReconnectNeeded`` is only emitted when the QuickBooks writer is configured: with
the outbox writer there is no company to reconnect, and a metric that is always 0 would hide
that the alarm cannot fire.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.config import Settings
from app.domain.inbox import Status, StatusCount

if TYPE_CHECKING:
    from app.adapters.quickbooks_tokens import TokenStore
    from app.ports import Store

log = logging.getLogger("timebill.metrics")
NAMESPACE = "Timebill"
OLDEST_REVIEW = "OldestNeedsReviewAgeSeconds"
DEAD_LETTER = "DeadLetterEntries"
RECONNECT = "QuickBooksReconnectNeeded"
UNITS = {OLDEST_REVIEW: "Seconds", DEAD_LETTER: "Count", RECONNECT: "Count"}


def alarm_values(counts: Iterable[StatusCount], now: datetime) -> dict[str, float]:
    """The oldest ``needs_review`` entry's age in seconds (0 when none waits) and the number
    of ``dead_letter`` entries, across tenants."""
    oldest = [c.oldest for c in counts if c.status is Status.NEEDS_REVIEW and c.n > 0]
    dead = sum(c.n for c in counts if c.status is Status.DEAD_LETTER)
    age = max(0.0, (now - min(oldest)).total_seconds()) if oldest else 0.0
    return {OLDEST_REVIEW: round(age, 3), DEAD_LETTER: float(dead)}


def emf_line(values: Mapping[str, float], *, stage: str, now: datetime) -> str:
    """One EMF document: namespace ``Timebill``, dimension ``Stage``."""
    document: dict[str, Any] = {
        "_aws": {
            "Timestamp": int(now.timestamp() * 1000),
            "CloudWatchMetrics": [
                {
                    "Namespace": NAMESPACE,
                    "Dimensions": [["Stage"]],
                    "Metrics": [{"Name": name, "Unit": UNITS[name]} for name in values],
                }
            ],
        },
        "Stage": stage,
        **values,
    }
    return json.dumps(document, separators=(",", ":"))


def reconnect_needed(settings: Settings, store: Store | None = None) -> int | None:
    """How many mapped QuickBooks companies need reconnecting; ``None`` when the writer is not
    QuickBooks or the token store cannot be read (logged: the metric then goes missing, which
    the alarm treats as missing data, not as "all fine"). The companies are those of the
    tenants in the mapping file, each tenant's realm read from ``store`` first."""
    if settings.writer != "quickbooks" or settings.qbo_mapping_path is None:
        return None
    try:
        from app.adapters.quickbooks_tokens import ConnectionStatus  # noqa: PLC0415
        from app.service.qbo_mappings import StoredMappings  # noqa: PLC0415

        mappings = StoredMappings(store, settings.qbo_mapping_path).known()
        tokens = _token_store(settings)
        try:
            found = (tokens.get(tenant, mapping.realm) for tenant, mapping in mappings.items())
            return sum(
                1 for t in found if t is not None and t.status == ConnectionStatus.RECONNECT_NEEDED
            )
        finally:
            close = getattr(tokens, "close", None)
            if callable(close):
                close()
    except Exception:
        log.exception("could not read the QuickBooks connections for the reconnect metric")
        return None


def _token_store(settings: Settings) -> TokenStore:
    """The token store the writer uses (Supabase on Lambda, else the SQLite file)."""
    from app.factory import build_token_store  # noqa: PLC0415

    return build_token_store(settings)
