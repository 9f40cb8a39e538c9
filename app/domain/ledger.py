"""What timebill has written for one source entry, for the entry's whole life. No I/O here.

Write identity is the source entry (tenant, writer system, ``source:id``), never the delivery
that announced it: a create, any number of edits and a delete of one Clockify or Toggl entry all
act on the same external record(s). The ledger row keeps which records the entry has (one per
part: a reviewer's split makes several), the content hash of the version last taken up (so a
repeat with the same content is no work), the inbox item that carried it and when that item
arrived (so an older delivery processed late never overwrites a newer one: ``older_than``
orders two versions by what the tracker says where it says it), whether the entry
was deleted at the source, and a short lease so two workers never act on one entry at once.
"""

from __future__ import annotations

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from app.domain.entries import Source
from app.domain.inbox import InboxItem

SYSTEM_PATTERN = r"^[a-z][a-z0-9_]{0,29}$"


class EntryLedger(BaseModel):
    """One entry's standing in one writer system (``quickbooks``, ``outbox``)."""

    model_config = ConfigDict(frozen=True)

    tenant: str = Field(min_length=1)
    system: str = Field(pattern=SYSTEM_PATTERN)
    entry_key: str = Field(min_length=1, max_length=300)
    records: tuple[str, ...] = ()  # live external records, part 1 first
    content: str = Field(default="", max_length=100)  # content hash of the version taken up
    written: str = Field(default="", max_length=100)  # content hash the records hold
    deleted: bool = False  # deleted at the source: nothing is written for it again
    generation: int = Field(default=0, ge=0)  # creates start again after a delete
    item_id: str | None = None  # the inbox item that carried that version
    review_id: str | None = None  # the person's review last written, if any
    as_of: AwareDatetime | None = None  # when that item arrived
    item_seq: int = Field(default=0, ge=0)  # and its place in the store's arrival order
    updated_at: AwareDatetime | None = None

    def supersedes(self, item: InboxItem) -> bool:
        """A newer delivery of this entry was taken up after ``item`` arrived."""
        if self.as_of is None or self.item_id == item.id:
            return False
        if self.item_seq and item.seq:  # the store's own arrival order: no clock involved
            return item.seq < self.item_seq
        return item.received_at < self.as_of


# A tracker event that carries an entry's first finished version, and one that carries a later
# change of it (the event types as each webhook names them, compared case-insensitively).
_FIRST = frozenset({"new_time_entry", "timer_stopped", "time_entry.created"})
_CHANGE = frozenset({"time_entry_updated", "time_entry.updated"})


def older_than(item: InboxItem, taken: InboxItem) -> bool | None:
    """Whether ``item`` holds an older version of its entry than ``taken`` by what the source
    says, whatever order they arrived in: the tracker's change times where both carry one
    (Toggl's ``at``), else an entry's create is older than any change of it. ``None`` when
    the source does not say (two Clockify edits): then arrival order decides (``supersedes``)."""
    mine = item.entry.changed_at if item.entry is not None else None
    theirs = taken.entry.changed_at if taken.entry is not None else None
    if mine is not None and theirs is not None and mine != theirs:
        return mine < theirs
    first, other = _stage(item), _stage(taken)
    if first is None or other is None or first == other:
        return None
    return first < other


def _stage(item: InboxItem) -> int | None:
    kind = item.event_type.casefold()
    return 0 if kind in _FIRST else 1 if kind in _CHANGE else None


def entry_key_of(item: InboxItem) -> str | None:
    """``source:id`` of the entry an item is about: from its entry, else from its reference
    (a Toggl delete, a Clockify delete without fields, a QuickBooks event)."""
    if item.entry is not None:
        return item.entry.key
    if item.ref is not None and item.ref.id:
        return f"{item.source.value}:{item.ref.id}"
    return None


def is_delete(item: InboxItem) -> bool:
    """The event says the entry is gone at the source (Clockify, Toggl, QuickBooks)."""
    kind = item.event_type.casefold()
    return kind in {"time_entry_deleted", "time_entry.deleted", "timeactivity.delete"} or (
        item.ref is not None and item.ref.operation.casefold() in {"deleted", "delete"}
    )


def own_record(entry_key: str, record: str, system: str = Source.QUICKBOOKS.value) -> bool:
    """The record is the entry itself, not one we made: a TimeActivity read from QuickBooks and
    written back there, or a Clockify or Toggl entry written back onto itself (``system`` is the
    writer's; a QuickBooks record of a Toggl entry is never the entry, whatever its id)."""
    return entry_key == f"{system}:{record}"
