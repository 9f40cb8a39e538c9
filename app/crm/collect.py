"""Walk the CRM: every company (a page at a time, checkpointed), then, for the companies that
are clients, their deals and the SOW files attached to the deals or to the company.

In HubSpot a file is attached to a record through a note (the note's ``hs_attachment_ids``):
the notes associated with each deal, then with the company, are read, and each attachment's
metadata. A note on a deal is usually associated with its company too: the file counts once,
for the deal. A file is a SOW candidate when it is not archived, is a ``.pdf``, ``.docx``,
``.md`` or ``.txt``, and its name says so ("SOW", "statement of work"; ``any_name`` takes
every such file).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from app.crm.ledger import Checkpoint
from app.crm.model import SOW_EXTENSIONS, Company, CrmSource, Deal, FileInfo

SOW_NAME = re.compile(r"(?<![a-z])sow(?![a-z])|statement[\s_-]+of[\s_-]+work", re.IGNORECASE)


@dataclass(frozen=True)
class SowFile:
    company: Company
    deal: Deal | None  # None: attached to the company itself
    info: FileInfo


@dataclass
class Found:
    """A company's deals and SOW files, and what else was attached (counted by reason)."""

    deals: list[Deal] = field(default_factory=list)
    files: list[SowFile] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


def list_companies(
    crm: CrmSource, checkpoint: Checkpoint, on_page: Callable[[int, int], None] | None = None
) -> list[Company]:
    """Every company, continuing from the checkpoint's cursor; the checkpoint is saved after
    each page, so an interruption loses at most the page being read."""
    while not checkpoint.listed:
        page = crm.companies_page(checkpoint.after)
        checkpoint.companies.extend(page.companies)
        checkpoint.pages += 1
        checkpoint.after = page.after
        checkpoint.listed = page.after is None
        checkpoint.save()
        if on_page is not None:
            on_page(checkpoint.pages, len(checkpoint.companies))
    return checkpoint.companies


def sow_files(crm: CrmSource, company: Company, *, any_name: bool = False) -> Found:
    found = Found()
    found.deals = [crm.deal(i) for i in crm.associated_ids("companies", company.id, "deals")]
    owners: list[tuple[str, str, Deal | None]] = [("deals", d.id, d) for d in found.deals]
    owners.append(("companies", company.id, None))
    seen: set[str] = set()
    for owner_type, owner_id, deal in owners:
        for note_id in crm.associated_ids(owner_type, owner_id, "notes"):
            for file_id in crm.note_attachment_ids(note_id):
                if file_id in seen:
                    continue
                seen.add(file_id)
                info = crm.file_info(file_id)
                reason = skip_reason(info, any_name=any_name)
                if reason:
                    found.skipped[reason] += 1
                else:
                    found.files.append(SowFile(company, deal, info))
    return found


def skip_reason(info: FileInfo, *, any_name: bool = False) -> str:
    if info.archived:
        return "archived"
    if info.extension not in SOW_EXTENSIONS:
        return f".{info.extension or '?'} file"
    if not any_name and not SOW_NAME.search(info.name):
        return "not named as a SOW"
    return ""
