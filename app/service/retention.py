"""Retention: the sweep moves finished inbox items older than ``TIMEBILL_RETENTION_DAYS`` to
the store's archive, one bounded chunk per run, so the inbox (and every query on it) stays the
size of recent work. Archived items stay readable (``timebill entries --archived``) and their
delivery keys still deduplicate, so a late re-delivery is never worked or billed again."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from app.config import Settings
from app.ports import Store

log = logging.getLogger(__name__)
# Items per sweep run: one short transaction, whatever the backlog (a first run on a large
# inbox catches up over several runs instead of holding the write lock for long).
CHUNK = 500


def archive_chunk(store: Store, settings: Settings, now: datetime) -> int:
    """Archive up to ``CHUNK`` finished items past the retention period; 0 when retention is
    off. A failure is logged, never raised: re-enqueueing is the sweep's first job."""
    if settings.retention_days == 0:
        return 0
    try:
        before = now - timedelta(days=settings.retention_days)
        moved = store.archive_finished(before=before, now=now, limit=CHUNK)
    except Exception:
        log.exception("could not archive finished items")
        return 0
    if moved:
        log.info("archived %d finished item(s) received before %s", moved, before.date())
    return moved
