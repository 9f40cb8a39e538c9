"""What the webhook service keeps about each accepted event: the inbox item and its states.

An item moves ``received -> processing -> posted | needs_review``, through ``retrying``
(attempts, next try, last error) on failures, to ``dead_letter`` past the retry budget, from
where ``timebill replay`` sends it back. ``waiting`` holds events that carry ids only (QuickBooks)
until a reader for their source exists; ``skipped`` records our own write-backs echoed back.
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Literal, NamedTuple

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, SecretStr, model_validator

from app.domain.decisions import Decision
from app.domain.entries import Source, TimeEntry

# Which writers a tenant's entries from one tracker go to (``SourceAccess.writes``).
Writes = Literal["quickbooks", "tracker", "both"]


class Status(StrEnum):
    RECEIVED = "received"
    PROCESSING = "processing"
    POSTED = "posted"
    NEEDS_REVIEW = "needs_review"
    RETRYING = "retrying"
    DEAD_LETTER = "dead_letter"
    WAITING = "waiting"
    SKIPPED = "skipped"


# States a worker may pick up (processing only once its lease has run out).
CLAIMABLE = frozenset({Status.RECEIVED, Status.RETRYING, Status.PROCESSING})
FINAL = frozenset({Status.POSTED, Status.NEEDS_REVIEW, Status.SKIPPED})
# States nothing will act on again: after the retention period such items move to the archive.
# Not needs_review (a person must look), not dead_letter (``timebill replay`` may send it
# back), not waiting (a reader may come).
ARCHIVABLE = frozenset({Status.POSTED, Status.SKIPPED})


class StatusCount(NamedTuple):
    """How many of a tenant's items are in one state, and the oldest one's ``received_at``:
    what the sweep's alarm metrics are computed from (counts only, no content)."""

    tenant: str
    status: Status
    n: int
    oldest: datetime


class EntityRef(BaseModel):
    """An event that names a record instead of carrying it (QuickBooks webhooks)."""

    model_config = ConfigDict(frozen=True)

    account: str  # QBO realm id
    entity: str  # e.g. "TimeActivity"
    id: str
    operation: str = ""


class NewItem(BaseModel):
    """An accepted event, as the intake hands it to the store."""

    model_config = ConfigDict(frozen=True)

    tenant: str
    source: Source
    dedupe_key: str = Field(min_length=1, max_length=300)
    event_type: str = ""
    entry: TimeEntry | None = None
    ref: EntityRef | None = None
    received_at: datetime


class InboxItem(NewItem):
    id: str
    status: Status
    attempts: int = 0
    next_attempt_at: datetime | None = None
    lease_until: datetime | None = None
    last_error: str | None = None
    updated_at: datetime
    decision: Decision | None = None
    seq: int = 0  # arrival order in the store (0 when unknown): later deliveries, higher


class AuditEvent(BaseModel):
    model_config = ConfigDict(frozen=True)

    at: datetime
    item_id: str
    status: Status
    detail: str = ""


class WriteRecord(BaseModel):
    """What the writer wrote for one version of an item's entry: the external record it made.

    Kept once per ``(tenant, item_id, entry_version)``, so a retry after a crash finds the
    record instead of writing a second one, and once per ``(tenant, system, record_id)``, so the
    webhook echo of our own write (``system`` names where the record lives, ``record_id`` is its
    id there: a QuickBooks TimeActivity id, an outbox file name) is recognised and skipped.
    """

    model_config = ConfigDict(frozen=True)

    tenant: str = Field(min_length=1)
    item_id: str = Field(min_length=1)
    entry_version: str = Field(min_length=1, max_length=300)
    system: str = Field(pattern=r"^[a-z][a-z0-9_]{0,29}$")
    record_id: str = Field(min_length=1, max_length=300)
    written_at: AwareDatetime


class SourceAccess(BaseModel):
    """How one tenant's account at one tracker is recognised and verified.

    ``secrets`` holds up to two active secrets so a rotation never drops a delivery:
    Clockify's webhook token, Toggl's subscription secret, QuickBooks' verifier token.
    ``accounts`` are the workspace (Clockify, Toggl) or realm (QuickBooks) ids of this tenant.
    """

    model_config = ConfigDict(frozen=True)

    secrets: tuple[SecretStr, ...] = Field(min_length=1, max_length=2)
    accounts: tuple[str, ...] = Field(min_length=1)
    # The tracker's API key (Clockify): the worker reads each entry back from the tracker
    # before writing, instead of trusting a body its static token does not sign.
    api_key: SecretStr | None = None
    # Where decisions about this tracker's entries are written (``Writes``): the accounting
    # writer (QuickBooks, or the outbox locally), the tracker's own entry (Clockify custom
    # fields, Toggl tags; needs ``api_key``), or both, each with its own ledger per entry.
    writes: Writes = "quickbooks"
    # Clockify write-back: our custom fields' ids in the workspace by role (code, review,
    # reason), found or created and stored by ``timebill trackers connect clockify``.
    field_ids: dict[str, str] = Field(default_factory=dict)


TENANT_ID = r"^[a-z0-9][a-z0-9_-]{1,39}$"


def is_tenant_id(text: str) -> bool:
    """Whether ``text`` could name a tenant (what ``Tenant.id`` accepts)."""
    return re.fullmatch(TENANT_ID, text) is not None


class Tenant(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=TENANT_ID)
    name: str
    sources: dict[Source, SourceAccess] = Field(default_factory=dict)
    paused: bool = False

    @model_validator(mode="after")
    def _writes_back_where_it_can(self) -> Tenant:
        for source, access in self.sources.items():
            if access.writes != "quickbooks" and source not in WRITES_BACK:
                raise ValueError(declined(source))
        return self


# Trackers timebill can write its decisions back to (``SourceAccess.writes``).
WRITES_BACK = frozenset({Source.CLOCKIFY, Source.TOGGL})


def declined(source: Source) -> str:
    """Why write-back to ``source`` is refused (at configuration time, never mid-month)."""
    if source is Source.HARVEST:
        return (
            "Harvest has no custom fields or tags on time entries, and its billable flag "
            "follows the project's and task's billable settings (an entry cannot be made "
            "billable on a non-billable task): there is nowhere to put the billing code or "
            "the review state, so write-back to Harvest is declined. Keep writes=quickbooks "
            "for Harvest; the code and reason go to QuickBooks (or the outbox)"
        )
    return f"{source.value} has no write-back: keep writes=quickbooks for it"
