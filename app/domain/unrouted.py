"""QuickBooks events for a company (realm) no tenant has connected yet, kept until one does.

An Intuit app has one webhook URL for every company connected to it, so events can arrive for a
company before ``timebill qbo connect`` links it to a tenant. They are not tenant data (no
tenant is known): the store keeps each event's own JSON (ids only, QuickBooks sends no content)
under its dedupe key, bounded, and hands them to the tenant that connects the company.
"""

from __future__ import annotations

from datetime import timedelta

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

# The bound: per realm, events older than KEEP_FOR (by receipt) and all but the newest
# KEEP_PER_REALM are dropped whenever one is kept. A month covers a slow onboarding; a
# company that sends more before it is connected is re-read in full by a poll anyway.
KEEP_FOR = timedelta(days=30)
KEEP_PER_REALM = 500
MAX_BODY_CHARS = 16_384  # one event's JSON; Intuit's are a few hundred characters


class UnroutedEvent(BaseModel):
    """One kept event: its realm, its dedupe key (as the inbox would use it), the event as a
    one-event body in the format Intuit sent, and when it was received."""

    model_config = ConfigDict(frozen=True)

    realm: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    dedupe_key: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=2, max_length=MAX_BODY_CHARS)
    received_at: AwareDatetime


class UnroutedRealm(BaseModel):
    """A company with kept events: how many, the first and the last received."""

    model_config = ConfigDict(frozen=True)

    realm: str
    events: int
    first_seen: AwareDatetime
    last_seen: AwareDatetime
