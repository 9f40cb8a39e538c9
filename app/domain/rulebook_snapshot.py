"""A published rules set's validated rule book as plain JSON, kept beside its YAML files.

A worker starting cold read a version's YAML files, parsed them with line tracking and
checked them again, all of it done and passed when the version was published; with the
snapshot it validates the models from JSON data instead (no YAML library, no loader: about a
tenth of the work). The snapshot is a cache of what the files say, never the record:

* it names the set it was made from (``sha256``: ``set_sha256`` of the files) and the shape of
  the models that wrote it (``BOOK_FORMAT``); a snapshot of other files or of another format
  is not used, and the files are parsed as before;
* ``tests/unit/test_rulebook_snapshot.py`` reads every rules set in the repository both ways
  and compares, and fails when the rules models change without a new ``BOOK_FORMAT`` (the
  models' JSON schema is hashed into it).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from app.domain.rulebook import RuleBook
from app.domain.rules import ClientRules, FirmRules

# "<n>:<the rules models' JSON schema, hashed>": the test above says when to bump it.
BOOK_FORMAT = "2:966630cde41a"


def dump_book(book: RuleBook, files_sha256: str) -> dict[str, Any]:
    """The snapshot of ``book``, as parsed from the set whose ``set_sha256`` is given."""
    return {
        "format": BOOK_FORMAT,
        "sha256": files_sha256,
        "firm": book.firm.model_dump(mode="json", by_alias=True, exclude_unset=True),
        "firm_version": book.firm_version,
        "clients": [
            {
                "rules": rules.model_dump(mode="json", by_alias=True, exclude_unset=True),
                "version": book.versions[client_id],
            }
            for client_id, rules in book.clients.items()
        ],
        "files": dict(book.files),
    }


def load_book(snapshot: object, files_sha256: str, *, label: str = "") -> RuleBook | None:
    """The rule book a snapshot holds, or None when it is not one of this set in this format
    (then the caller parses the files)."""
    if not isinstance(snapshot, dict):
        return None
    if snapshot.get("format") != BOOK_FORMAT or snapshot.get("sha256") != files_sha256:
        return None
    try:
        clients = snapshot["clients"]
        firm = FirmRules.model_validate(snapshot["firm"])
        models = [ClientRules.model_validate(client["rules"]) for client in clients]
        versions = {m.client.id: str(c["version"]) for m, c in zip(models, clients, strict=True)}
        files = {str(k): str(v) for k, v in snapshot["files"].items()}
        return RuleBook.build(
            firm, models, versions, str(snapshot["firm_version"]), files, label=label
        )
    except (KeyError, TypeError, AttributeError, ValueError, ValidationError):
        return None
