"""The normalised time entry every source (webhook, CSV export, API pull) is turned into."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Source(StrEnum):
    CLOCKIFY = "clockify"
    TOGGL = "toggl"
    HARVEST = "harvest"
    QUICKBOOKS = "quickbooks"
    QB_TIME = "qbtime"
    MANUAL = "manual"


class TimeEntry(BaseModel):
    """One block of logged time, as the tracker said it, with nothing decided yet.

    ``client``/``project``/``task`` are the tracker's words: a prior for which SOW applies,
    not a verdict. ``user_ref`` identifies the person for rate cards; it is never sent to
    Claude. ``billable_flag`` is the employee's own tick-box, ``None`` when the export has none.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: Source
    external_id: str = Field(min_length=1)
    version: str = "1"
    tenant: str = "default"
    client: str = ""
    project: str = ""
    task: str = ""
    tags: tuple[str, ...] = ()
    description: str = ""
    work_date: date
    start: datetime | None = None
    end: datetime | None = None
    hours: Decimal = Field(ge=0, le=24)
    billable_flag: bool | None = None
    user_ref: str = ""
    user_name: str = ""
    user_email: str = ""
    role: str = ""  # the export's own Role column, used when the people map lacks the person
    # When the tracker last changed the entry, where its webhook says (Toggl's ``at``): orders
    # two versions of the entry that arrive out of order (``ledger.older_than``).
    changed_at: datetime | None = None

    # PostgreSQL keeps no NUL in text (it refuses the row, for good): a NUL a tracker sends (a
    # poll, a re-read; webhooks and exports already refuse one) is dropped here, so every store
    # keeps the same entry and none refuses it.
    @field_validator("description", "client", "project", "task")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.replace("\x00", "").strip()

    @field_validator("external_id", "user_ref", "user_name", "user_email", "role")
    @classmethod
    def _no_nul(cls, value: str) -> str:
        return value.replace("\x00", "")

    @field_validator("tags")
    @classmethod
    def _no_nul_tags(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(tag.replace("\x00", "") for tag in value)

    @property
    def key(self) -> str:
        """Stable identity of this entry in its source (not its version)."""
        return f"{self.source.value}:{self.external_id}"
