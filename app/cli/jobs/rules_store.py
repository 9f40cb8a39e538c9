"""``timebill rules import | export | rollback``, ``history --tenant`` and ``approve --tenant``:
each tenant's rules sets in the store (``app.rules.publish`` writes every new version).

Exit codes: 0 done; 1 refused (problems or failing examples listed, nothing stored; no
history); 2 bad input (unknown tenant or version, unreadable folder, a folder to export into
that already holds rules files), or, after a publish with ``--history``, a store that could not
keep the memory the history taught (the rules are in force; run the command again).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from rich.markup import escape

from app.cli.console import console, errors
from app.config import Settings
from app.domain.rulebook import RuleBook
from app.domain.rules_versions import RulesVersion, parse_version, version_id
from app.errors import ItemNotFoundError, WriteConflictError
from app.ports import RulesStore, Store
from app.rules.approve import (
    ApprovalError,
    approved_text,
    approver_name,
    client_id_of,
    holds_client_text,
)
from app.rules.backtest import Labelled, RuleCodes, read_labelled
from app.rules.loader import RuleProblem, RulesError, check_rules, load_rulebook_files
from app.rules.publish import Change, PublishOutcome, publish
from app.sources.exports import ExportFormatError

EXIT_OK, EXIT_REFUSED, EXIT_BAD_INPUT = 0, 1, 2
_SUFFIXES = frozenset({".yaml", ".yml"})
Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class _BadInput(Exception):
    pass


@dataclass(frozen=True)
class HistoryFile:
    path: Path
    label_column: str


def open_rules_store(settings: Settings) -> RulesStore:
    from app.factory import build_store  # noqa: PLC0415 - the store's SDK only when used

    return cast("RulesStore", build_store(settings))  # both stores are RulesStores


def run_import(
    store: RulesStore, directory: Path, tenant: str, by: str, *,
    history: HistoryFile | None = None, clock: Clock = _utc_now,
) -> int:  # fmt: skip
    """Publish the rules files of ``directory`` as the tenant's next version."""
    if not directory.is_dir():
        what = "is a file; give the folder of rules files" if directory.exists() else "not found"
        return _bad(f"{directory}: rules directory {what}")
    problems = check_rules(directory)  # the folder's own names and lines in every problem
    if problems:
        return _refused(problems, f"{directory} has problems")
    try:
        files = read_rules_files(directory)
        labelled = _history(history)
        pointer = store.current_rules(tenant)
    except _BadInput as exc:
        return _bad(str(exc))
    based_on = pointer.number if pointer else None
    change = Change(tenant, files, by, f"import {directory.name or directory}", based_on, clock())
    return _published(store, change, labelled)


def run_approve(
    store: RulesStore, draft: Path, tenant: str, by: str, *,
    history: HistoryFile | None = None, clock: Clock = _utc_now,
) -> int:  # fmt: skip
    """Put an approved draft into the tenant's current set as a new version."""
    try:
        current = _current(store, tenant, "approve a draft into")
        text = _read_text(draft)
        labelled = _history(history)
    except _BadInput as exc:
        return _bad(str(exc))
    client_id = _client_id(text, draft)
    if client_id is None:
        return _bad(f"{draft}: no valid client.id in the file, nor a client id as its name")
    name = _file_of(current, client_id)
    try:
        approver = approver_name(by)
        kept = f"the store: `timebill rules history {client_id} --tenant {tenant}`"
        approved = approved_text(text, client_id, approver, clock(), kept=kept)
    except ApprovalError as exc:
        return _bad(str(exc))
    files = {**current.files, name: approved}
    change = Change(tenant, files, by, f"approve {draft.name} ({client_id})", current.number,
                    clock())  # fmt: skip
    return _published(store, change, labelled)


def run_export(store: RulesStore, tenant: str, version: str | None, directory: Path) -> int:
    """Write a version's files (default: the one in force) into an empty or new folder."""
    try:
        found = _version(store, tenant, version)
        _writable(directory)
    except _BadInput as exc:
        return _bad(str(exc))
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in sorted(found.files.items()):
        (directory / name).write_text(text, encoding="utf-8")
    console.print(
        f"Wrote {len(found.files)} file(s) of {escape(tenant)} rules {found.id} to "
        f"{escape(str(directory))}: edit them and `timebill rules import` them as a new version."
    )
    return EXIT_OK


def run_rollback(
    store: RulesStore, tenant: str, to: str, by: str, *, clock: Clock = _utc_now
) -> int:
    """Put an earlier version back in force (nothing is deleted; numbers never repeat)."""
    number = parse_version(to)
    if number is None:
        return _bad(f"--to {to!r}: give a version such as v3 (see `timebill rules history`)")
    if not by.strip():
        return _bad("--by: give your name or email")
    try:
        store.switch_rules(tenant, number, by=by.strip(), now=clock())
    except ItemNotFoundError as exc:
        return _bad(f"{exc}: `timebill rules history --tenant {tenant}` lists its versions")
    console.print(
        f"[green]Rolled back[/] {escape(tenant)} to rules {version_id(number)}: the service "
        "uses it from its next batch."
    )
    return EXIT_OK


def run_store_history(store: RulesStore, tenant: str, client: str | None) -> int:
    """Every stored version of the tenant, oldest first; with ``client``, where it changed."""
    versions = store.rules_history(tenant)
    if not versions:
        errors.print(f"No rules versions of tenant {escape(tenant)} in the store.")
        return EXIT_REFUSED
    pointer = store.current_rules(tenant)
    console.print(f"Rules versions of {escape(tenant)}, oldest first:")
    before: dict[str, str] = {}
    for version in versions:
        marks = [_changed(before, version.files, client)]
        if pointer is not None and pointer.number == version.number:
            marks.append(f"[green](in force since {pointer.switched_at:%Y-%m-%d %H:%M} UTC, "
                         f"switched by {escape(pointer.switched_by)})[/]")  # fmt: skip
        console.print(
            f"  {version.id}  {version.approved_at:%Y-%m-%d %H:%M} UTC  approved by "
            f"{escape(version.approved_by)}  from {escape(version.source)}  "
            f"{' '.join(m for m in marks if m)}\n      {escape(version.backtest)}",
            soft_wrap=True,
        )
        before = version.files
    return EXIT_OK


# -- helpers ---------------------------------------------------------------------------------


def read_rules_files(directory: Path) -> dict[str, str]:
    """The files the loader reads (top level, ``.yaml``/``.yml``, not hidden) as text."""
    try:
        paths = sorted(
            p for p in directory.iterdir()
            if p.suffix.lower() in _SUFFIXES and not p.name.startswith(".") and p.is_file()
        )  # fmt: skip
        return {path.name: path.read_bytes().decode("utf-8-sig") for path in paths}
    except OSError as exc:
        raise _BadInput(f"{directory}: cannot read: {exc.strerror or exc}") from None


def _published(store: RulesStore, change: Change, history: Sequence[Labelled] | None) -> int:
    if history is not None:
        history = _as_codes_of(change.files, history)
    try:
        outcome = publish(store, change, history=history)
    except ApprovalError as exc:
        return _bad(str(exc))
    except ItemNotFoundError as exc:
        return _bad(
            f"{exc} in the store: create the tenant first (RUNBOOK.md, 'A tenant and its "
            "webhooks'; locally `timebill serve` creates the demo tenant)"
        )
    except WriteConflictError as exc:
        return _bad(str(exc))
    if outcome.unchanged is not None:
        console.print(
            f"{escape(change.tenant)} rules {outcome.unchanged.id} in force already hold exactly "
            "these files: nothing published."
        )
    elif outcome.version is None:
        return _not_published(outcome, change.tenant)
    else:
        version = outcome.version
        console.print(
            f"[green]Published[/] {escape(change.tenant)} rules {version.id} ({len(version.files)}"
            f" files), approved by {escape(version.approved_by)}: in force from the service's"
            f" next batch.\n  {escape(version.backtest)}"
        )
    if outcome.version is None and history is None:
        return EXIT_OK
    from app.rules.reach import unreached_notes  # noqa: PLC0415

    book = load_rulebook_files(dict(change.files), f"{change.tenant} (new rules)")
    if outcome.version is not None:  # what `rules check` notes of the set just published
        for note in unreached_notes(book):
            console.print(f"  [yellow]note:[/] {escape(note)}", soft_wrap=True)
    if history is not None:
        return _teach_memory(cast("Store", store), change, book, history)  # a Store too
    return EXIT_OK


def _teach_memory(store: Store, change: Change, book: RuleBook, history: Sequence[Labelled]) -> int:
    """The history teaches the tenant's memory as ``classify --history`` learns it. The rules
    are in force whatever becomes of it: a store that cannot keep the memory is reported, and
    the command can be run again."""
    from app.review.history_seed import seed_memory  # noqa: PLC0415 - with --history only

    try:
        seeded = seed_memory(store, change.tenant, book, history, now=change.now)
    except Exception as exc:  # the store's own errors (a lock, a schema before 0013), in one line
        errors.print(
            f"[red]error:[/] the rules are published, but the history could not teach"
            f" {escape(change.tenant)}'s memory ({escape(type(exc).__name__)}: {escape(str(exc))});"
            " run the same command again once the store is reachable (RUNBOOK.md, 'Learned"
            " memory')",
            soft_wrap=True,
        )
        return EXIT_BAD_INPUT
    if seeded.already:
        console.print("  Memory: this history taught it already; nothing learned again.")
        return EXIT_OK
    console.print(
        f"  Memory: learned {seeded.learned:,} approved entries, then {seeded.reviews:,}"
        f" review(s) on top ({_kept(seeded.size)} kept in the store): the worker starts"
        " from what the history knows."
    )
    return EXIT_OK


def _kept(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(size // 1000, 1)} KB"


def _not_published(outcome: PublishOutcome, tenant: str) -> int:
    found = outcome.problems or outcome.failures
    return _refused(found, f"not published for {tenant}")


def _refused(problems: Sequence[RuleProblem], what: str) -> int:
    for problem in problems:
        errors.print(escape(str(problem)), soft_wrap=True)
    errors.print(f"[red]Refused[/]: {escape(what)} ({len(problems)}). Nothing was stored.")
    return EXIT_REFUSED


def _bad(message: str) -> int:
    errors.print(f"[red]error:[/] {escape(message)}", soft_wrap=True)
    return EXIT_BAD_INPUT


def _current(store: RulesStore, tenant: str, doing: str) -> RulesVersion:
    pointer = store.current_rules(tenant)
    found = store.rules_version(tenant, pointer.number) if pointer else None
    if found is None:
        raise _BadInput(
            f"tenant {tenant!r} has no rules in the store to {doing}: import its rules set "
            f"first (`timebill rules import DIR --tenant {tenant} --by NAME`)"
        )
    return found


def _version(store: RulesStore, tenant: str, version: str | None) -> RulesVersion:
    if version is None:
        return _current(store, tenant, "export")
    number = parse_version(version)
    if number is None:
        raise _BadInput(f"--version {version!r}: give a version such as v3")
    found = store.rules_version(tenant, number)
    if found is None:
        raise _BadInput(
            f"tenant {tenant!r} has no rules {version_id(number)}: `timebill rules history "
            f"--tenant {tenant}` lists its versions"
        )
    return found


def _writable(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise _BadInput(f"{directory}: is a file, not a folder")
    if directory.is_dir() and any(p.suffix.lower() in _SUFFIXES for p in directory.iterdir()):
        raise _BadInput(f"{directory}: already holds rules files: export into a new folder")


def _history(history: HistoryFile | None) -> list[Labelled] | None:
    if history is None:
        return None
    try:
        labelled, problems = read_labelled(history.path, history.label_column)
    except ExportFormatError as exc:
        raise _BadInput(str(exc)) from None
    for problem in problems[:20]:
        errors.print(f"[yellow]not learned[/] {escape(str(problem))}", soft_wrap=True)
    if len(problems) > 20:
        errors.print(f"... and {len(problems) - 20} more row problem(s)")
    return labelled


def _as_codes_of(files: Mapping[str, str], history: Sequence[Labelled]) -> list[Labelled]:
    """Each approved code as the code of the set it is published with that it names in
    another case or spacing (``RuleCodes``), as ``classify --history`` reads it: as written,
    "nwf-comp" would be another code, each rule match on it wrong and memory's code unknown."""
    try:
        codes = RuleCodes(load_rulebook_files(dict(files), "the rules set"))
    except RulesError:  # refused by publish, with every problem named
        return list(history)
    return [replace(item, label=codes.code(item.label)) for item in history]


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise _BadInput(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise _BadInput(f"{path}: not UTF-8 text: save it as UTF-8") from None


def _client_id(text: str, draft: Path) -> str | None:
    try:
        return client_id_of(text, draft)
    except ApprovalError:
        return None


def _file_of(current: RulesVersion, client_id: str) -> str:
    """The file of the current set that holds the client (a new client: ``<id>.yaml``)."""
    for name, text in sorted(current.files.items()):
        if Path(name).stem == client_id or holds_client_text(text, client_id):
            return name
    return f"{client_id}.yaml"


def _changed(before: dict[str, str], files: dict[str, str], client: str | None) -> str:
    names = sorted(n for n in files.keys() | before.keys() if files.get(n) != before.get(n))
    if client is None:
        return f"changed: {', '.join(names)}" if names else "unchanged"
    ours = [n for n in names if Path(n).stem == client]
    return f"[bold]{client} changed[/]" if ours else ""
