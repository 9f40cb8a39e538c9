"""What a CRM pull reads, as plain records, and the port a CRM adapter implements.

The adapter (``app/adapters/hubspot_client.py``) is the only module that knows HubSpot's SDK;
everything here is what the pull needs of it: companies a page at a time (an opaque ``after``
cursor to resume from), the ids associated with a record, deals and notes by id, a file's
metadata and its bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

# What a SOW can be read from (see app/rules/pdf_text.py and app/rules/docx_text.py).
SOW_EXTENSIONS = frozenset({"pdf", "docx", "md", "txt"})


@dataclass(frozen=True)
class Company:
    id: str
    name: str
    domain: str = ""


@dataclass(frozen=True)
class CompanyPage:
    companies: tuple[Company, ...]
    after: str | None  # the cursor of the next page; None on the last one


@dataclass(frozen=True)
class Deal:
    id: str
    name: str
    stage: str = ""


@dataclass(frozen=True)
class FileInfo:
    """A file's metadata. ``updated_at`` changes when the file is replaced: with the id it
    names one version of the document."""

    id: str
    name: str
    extension: str
    updated_at: str
    size: int | None = None
    archived: bool = False

    @property
    def version(self) -> str:
        return f"{self.id}@{self.updated_at}"

    @property
    def file_name(self) -> str:
        """The name with its extension (HubSpot keeps the two apart)."""
        suffix = f".{self.extension}" if self.extension else ""
        return self.name if self.name.lower().endswith(suffix.lower()) else self.name + suffix


class CrmSource(Protocol):
    """What a CRM pull needs of the CRM (HubSpot's adapter, or a fake in tests)."""

    name: str

    def companies_page(self, after: str | None) -> CompanyPage: ...

    def associated_ids(self, from_type: str, object_id: str, to_type: str) -> list[str]: ...

    def deal(self, deal_id: str) -> Deal: ...

    def note_attachment_ids(self, note_id: str) -> Sequence[str]: ...

    def file_info(self, file_id: str) -> FileInfo: ...

    def download(self, file_id: str, max_bytes: int) -> bytes: ...
