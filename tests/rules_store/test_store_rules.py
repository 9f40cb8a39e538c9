"""``StoreRules`` in the warm process: one pointer read per ``check_every_s`` per tenant, one
compile per (tenant, version), a switch noticed at the next check, and a tenant with no stored
rules on the rules folder (local) or an error naming the import (deployed). A version's rule
book (``rulebook_snapshot``) is what a cold worker compiles from; one without (or with a book
of other files) is parsed from its files, whose book is then kept."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.adapters.sqlite_store import SqliteStore
from app.cli.jobs.rules_store import read_rules_files
from app.domain.rules_versions import NewRulesVersion
from app.rules.publish import Change
from app.rules.publish import publish as publish_rules
from app.service.rules_provider import DirectoryRules, NoRulesError, StoreRules
from tests.contract.builders import at, tenant
from tests.service.test_rules_provider import Tick

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore(tmp_path / "t.sqlite3") as found:
        found.put_tenant(tenant("acme"))
        yield found


def publish(store: SqliteStore, based_on: int | None, note: str = "") -> int:
    files = read_rules_files(REPO / "sow_rules")
    files["_firm.yaml"] += note
    new = NewRulesVersion(tenant="acme", files=files, approved_by="Dana", approved_at=at(),
                          source="test")  # fmt: skip
    return store.add_rules_version(new, based_on=based_on).number


def test_one_read_per_interval_and_one_compile_per_version(store: SqliteStore) -> None:
    publish(store, None)
    clock = Tick()
    rules = StoreRules(store, None, check_every_s=1.0, clock=clock)
    first = rules.rulebook("acme")
    assert first.label == "v1"
    assert [rules.rulebook("acme") is first for _ in range(50)] == [True] * 50
    assert (rules.checks, rules.compiles) == (1, 1)  # a batch: one read, one compile
    publish(store, 1, "\n# v2\n")
    assert rules.rulebook("acme") is first  # within the interval: not looked at yet
    clock.now = 1.0
    second = rules.rulebook("acme")
    assert (second.label, rules.checks, rules.compiles) == ("v2", 2, 2)
    store.switch_rules("acme", 1, by="ops", now=at(3))
    clock.now = 2.0
    assert rules.rulebook("acme") is first  # back to v1: compiled once, kept
    assert rules.compiles == 2


def test_forget_reads_the_pointer_again_at_once(store: SqliteStore) -> None:
    publish(store, None)
    rules = StoreRules(store, None, check_every_s=3600, clock=Tick())
    assert rules.rulebook("acme").label == "v1"
    publish(store, 1, "\n# v2\n")
    rules.forget("acme")
    assert rules.rulebook("acme").label == "v2"


def test_no_stored_rules_use_the_folder_when_there_is_one(store: SqliteStore) -> None:
    local = StoreRules(store, DirectoryRules(REPO / "sow_rules"), check_every_s=0)
    book = local.rulebook("acme")
    assert book.label == ""
    assert "northwind" in book.clients
    deployed = StoreRules(store, None, check_every_s=0)
    with pytest.raises(NoRulesError, match="tenant 'acme' has no rules in the store: import"):
        deployed.rulebook("acme")
    publish(store, None)
    assert local.rulebook("acme").label == "v1"  # the stored version wins once there is one


def test_decisions_name_the_stored_version(store: SqliteStore) -> None:
    publish(store, None)
    book = StoreRules(store, None).rulebook("acme")
    assert book.version_of("northwind").startswith("v1/SOW-NWF-2025-02 v")
    assert book.version_of(None).startswith("v1/firm@")


def test_a_published_version_compiles_from_its_rule_book_without_the_yaml(
    store: SqliteStore, tmp_path: Path
) -> None:
    """What a cold worker does: a fresh process, the store's version, its book; the YAML
    library and the rules loader are never imported."""
    publish_folder(store)
    script = """
import sys
from pathlib import Path
from app.adapters.sqlite_store import SqliteStore
from app.service.rules_provider import StoreRules
with SqliteStore(Path(sys.argv[1])) as store:
    rules = StoreRules(store, None)
    book = rules.rulebook("acme")
    print(book.label, "northwind" in book.clients, rules.books_kept,
          "yaml" in sys.modules, "app.rules.loader" in sys.modules)
"""
    ran = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "t.sqlite3")],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert ran.stdout.split() == ["v1", "True", "0", "False", "False"]


def test_a_version_without_a_book_is_parsed_once_and_its_book_kept(store: SqliteStore) -> None:
    publish(store, None)  # as a version written before books were kept: none
    assert store.rules_version("acme", 1).book is None  # type: ignore[union-attr]
    first = StoreRules(store, None)
    parsed = first.rulebook("acme")
    assert first.books_kept == 1
    kept = store.rules_version("acme", 1)
    assert kept is not None
    assert kept.book is not None
    assert kept.files == read_rules_files(REPO / "sow_rules")  # the files are as written
    second = StoreRules(store, None)  # the next cold start
    assert (second.rulebook("acme").clients, second.books_kept) == (parsed.clients, 0)


def test_a_book_of_other_files_is_not_used(store: SqliteStore) -> None:
    publish(store, None)
    other = publish_folder(store, based_on=1, note="\n# v2\n")
    assert other == 2
    borrowed = store.rules_version("acme", 2)
    assert borrowed is not None
    assert borrowed.book is not None
    store.keep_rules_book("acme", 1, borrowed.book)  # v2's book on v1's row
    store.switch_rules("acme", 1, by="ops", now=at(3))
    rules = StoreRules(store, None)
    assert rules.rulebook("acme").label == "v1"
    assert rules.books_kept == 1  # v1's files were parsed and its own book kept
    own = store.rules_version("acme", 1)
    assert own is not None
    assert own.book is not None
    assert own.book["sha256"] == own.sha256


def publish_folder(store: SqliteStore, based_on: int | None = None, note: str = "") -> int:
    """A version as ``timebill rules import`` writes it: through ``publish``, with its book."""
    files = read_rules_files(REPO / "sow_rules")
    files["_firm.yaml"] += note
    change = Change(tenant="acme", files=files, approved_by="Dana", source="test",
                    based_on=based_on, now=at())  # fmt: skip
    outcome = publish_rules(store, change)
    assert outcome.version is not None, outcome
    return outcome.version.number
