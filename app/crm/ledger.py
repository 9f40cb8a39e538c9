"""What a CRM pull remembers between runs, as two small JSON files beside the drafts.

``hubspot-sources.json`` (the ledger): for each SOW file drafted, which company, deal and file
version (file id and ``updatedAt``) its draft came from, the bytes' sha256 and the draft's
path; the company -> client pairs a person confirmed (asked once, not again) and declined.
The next pull compares each file's version with it: same version, nothing to do; a newer one,
"new SOW version for <client>: draft again?".

``.hubspot-pull.json`` (the checkpoint): the companies listed so far and the ``after`` cursor
of the next page, written after every page, removed when the pull finishes. ``--resume``
continues from it after an interruption. Both are written atomically (temporary file, then
rename), so an interruption leaves the previous version, never half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.crm.model import Company
from app.errors import TimebillError

LEDGER_FILE = "hubspot-sources.json"
CHECKPOINT_FILE = ".hubspot-pull.json"
LEDGER_VERSION = 1


class LedgerError(TimebillError):
    """The ledger or checkpoint exists but cannot be read: a person looks before we write."""


@dataclass
class SourceRecord:
    """Where one draft came from (one SOW file of one deal or company)."""

    client_id: str
    company_id: str
    company_name: str
    deal_id: str  # "" when the file is on the company itself
    deal_name: str
    file_id: str
    file_name: str
    updated_at: str  # the version drafted (or fetched, when the draft failed)
    sha256: str
    saved_as: str
    draft: str
    status: str  # "drafted", "draft has problems", "draft failed"
    at: str
    declined_version: str = ""  # a newer version the person chose not to draft


@dataclass
class Ledger:
    path: Path
    files: dict[str, SourceRecord] = field(default_factory=dict)
    confirmed: dict[str, str] = field(default_factory=dict)  # company id -> client id
    declined: dict[str, str] = field(default_factory=dict)  # company id -> client id

    @classmethod
    def load(cls, folder: Path) -> Ledger:
        path = folder / LEDGER_FILE
        data = _read_json(path)
        if data is None:
            return cls(path)
        try:
            files = {key: SourceRecord(**value) for key, value in data.get("files", {}).items()}
            return cls(path, files, dict(data.get("confirmed", {})), dict(data.get("declined", {})))
        except (TypeError, AttributeError, ValueError):
            raise LedgerError(f"{path}: not a ledger this version of timebill wrote") from None

    def save(self) -> None:
        data = {
            "version": LEDGER_VERSION,
            "source": "hubspot",
            "confirmed": self.confirmed,
            "declined": self.declined,
            "files": {key: asdict(record) for key, record in sorted(self.files.items())},
        }
        _write_json(self.path, data)


@dataclass
class Checkpoint:
    path: Path
    companies: list[Company] = field(default_factory=list)
    after: str | None = None
    pages: int = 0
    listed: bool = False  # every page read

    @classmethod
    def load(cls, folder: Path) -> Checkpoint | None:
        path = folder / CHECKPOINT_FILE
        data = _read_json(path)
        if data is None:
            return None
        try:
            companies = [Company(**item) for item in data["companies"]]
            return cls(path, companies, data["after"], int(data["pages"]), bool(data["listed"]))
        except (KeyError, TypeError, ValueError):
            raise LedgerError(f"{path}: not a checkpoint timebill wrote; delete it") from None

    @classmethod
    def fresh(cls, folder: Path) -> Checkpoint:
        return cls(folder / CHECKPOINT_FILE)

    def save(self) -> None:
        companies = [asdict(company) for company in self.companies]
        data = {"after": self.after, "pages": self.pages, "listed": self.listed}
        _write_json(self.path, data | {"companies": companies})

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LedgerError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LedgerError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise LedgerError(f"{path}: not a JSON object")
    return data


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=2, sort_keys=False) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
