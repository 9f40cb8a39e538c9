"""A version's rule book snapshot (``app.domain.rulebook_snapshot``) holds what its files say:
every rules set in the repository reads back from JSON equal to its YAML, decisions included;
a snapshot of other files, of another format or broken is not used; and the format changes
whenever the rules models do."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from app.domain.rulebook import RuleBook
from app.domain.rulebook_snapshot import BOOK_FORMAT, dump_book, load_book
from app.domain.rules import ClientRules, FirmRules
from app.rules.loader import load_rulebook

REPO = Path(__file__).resolve().parents[2]
RULE_SETS = [REPO / "sow_rules", *sorted(REPO.glob("examples/*/sow_rules"))]


def through_json(book: RuleBook, sha: str = "set") -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(dump_book(book, sha)))
    return data


@pytest.mark.parametrize("folder", RULE_SETS, ids=lambda p: p.parent.name)
def test_every_rules_set_reads_back_equal(folder: Path) -> None:
    book = load_rulebook(folder)
    back = load_book(through_json(book), "set", label="v7")
    assert back is not None
    assert (back.firm, back.clients) == (book.firm, book.clients)
    assert (back.versions, back.firm_version, back.files) == (
        book.versions,
        book.firm_version,
        book.files,
    )
    for client in [None, *book.clients]:  # what each decision records and sees
        assert back.version_of(client) == f"v7/{book.version_of(client)}"
        assert back.context(client).rules() == book.context(client).rules()
    for name, client_id in book._by_name.items():
        assert back.resolve_client(name) == client_id


def test_a_snapshot_of_other_files_or_another_format_is_not_used() -> None:
    book = load_rulebook(REPO / "sow_rules")
    snapshot = through_json(book, "set-a")
    assert load_book(snapshot, "set-a") is not None
    assert load_book(snapshot, "set-b") is None  # made from other files
    assert load_book({**snapshot, "format": "0:older"}, "set-a") is None
    assert load_book(None, "set-a") is None  # a version written before snapshots


@pytest.mark.parametrize(
    "broken",
    [
        {"firm": {"firm": "not a mapping"}},
        {"clients": [{"rules": {}}]},
        {"clients": "nope"},
        {"files": None},
        {"firm_version": None, "firm": None},
    ],
)
def test_a_broken_snapshot_is_not_used(broken: dict[str, Any]) -> None:
    snapshot = {**through_json(load_rulebook(REPO / "sow_rules")), **broken}
    assert load_book(snapshot, "set") is None


def test_a_snapshot_missing_a_part_is_not_used() -> None:
    missing = through_json(load_rulebook(REPO / "sow_rules"))
    del missing["clients"]
    assert load_book(missing, "set") is None


def test_the_format_names_the_rules_models_it_was_written_with() -> None:
    schemas = [FirmRules.model_json_schema(), ClientRules.model_json_schema()]
    shape = hashlib.sha256(json.dumps(schemas, sort_keys=True).encode()).hexdigest()[:12]
    number = BOOK_FORMAT.split(":")[0]
    assert f"{number}:{shape}" == BOOK_FORMAT, (
        "the rules models changed: snapshots written before may not read back as their files "
        f'do; set BOOK_FORMAT = "{int(number) + 1}:{shape}" in app/domain/rulebook_snapshot.py'
    )
