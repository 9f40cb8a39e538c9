"""Load and validate a rules directory (``sow_rules/``), reporting every problem at once.

The directory holds ``_firm.yaml`` (the firm's codes, people and rules) and one file per client
(``*.yaml`` or ``*.yml``, not recursive; names starting with ``.`` are editor files and are
skipped). Each problem names the file, the line and the field, e.g.
``sow_rules/acme.yaml:42: codes[3].fraction: Input should be less than or equal to 1``.

How YAML is read (see ``yaml_lines``): scalars stay text and pydantic converts them, so
``on:`` is a key named ``on`` and ``yes``/``no`` are booleans only where a field is boolean.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from app.domain.rulebook import RuleBook
from app.domain.rules import ClientRules, FirmRules
from app.rules.crossref import check_across, check_client, check_firm
from app.rules.yaml_lines import Loc, YamlDoc, YamlSyntaxError, format_loc, parse_yaml

FIRM_FILE = "_firm.yaml"
_MISNAMED_FIRM_FILE = "_firm.yml"
_SUFFIXES = frozenset({".yaml", ".yml"})

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, order=True)
class RuleProblem:
    """One problem in a rules file. ``line`` is 1-based, ``None`` when no line applies (a
    missing or unreadable file); ``field`` is empty when the problem is the whole file."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return ": ".join(part for part in (where, self.field, self.message) if part)


class RulesError(Exception):
    """The rules directory has problems; ``problems`` holds all of them."""

    def __init__(self, problems: Sequence[RuleProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def check_rules(directory: Path) -> list[RuleProblem]:
    """Every problem in a rules directory, sorted by file and line; empty when all is well."""
    return _scan(directory).problems


def load_rulebook(directory: Path) -> RuleBook:
    """The rule book of a directory; raises ``RulesError`` listing every problem if any."""
    return _book(_scan(directory))


def check_rules_files(files: Mapping[str, str], where: str) -> list[RuleProblem]:
    """``check_rules`` for a rules set held in memory (file name -> text), e.g. a version
    from the store; each problem names ``<where>/<file>``."""
    return _scan_files(files, where).problems


def load_rulebook_files(files: Mapping[str, str], where: str, *, label: str = "") -> RuleBook:
    """``load_rulebook`` for a rules set held in memory; ``label`` (the store's version id)
    prefixes the version every decision records."""
    return _book(_scan_files(files, where), label)


def _book(scan: _Scan, label: str = "") -> RuleBook:
    if scan.problems or scan.firm is None or scan.firm.model is None:
        raise RulesError(scan.problems)
    clients = scan.valid_clients()
    return RuleBook.build(
        scan.firm.model,
        [model for _, model in clients],
        versions={model.client.id: loaded.version for loaded, model in clients},
        firm_version=scan.firm.version,
        files={"": scan.firm.name} | {model.client.id: loaded.name for loaded, model in clients},
        label=label,
    )


@dataclass
class _Loaded(Generic[M]):
    """One file as read: its display name, content hash, YAML, model and problems."""

    name: str
    version: str = ""
    doc: YamlDoc | None = None
    model: M | None = None
    problems: list[RuleProblem] = field(default_factory=list)

    def problem(self, loc: Loc, message: str) -> RuleProblem:
        loc = loc[:-1] if loc and loc[-1] == "[key]" else loc  # a bad key: name the key itself
        line, shown = self.doc.locate(loc) if self.doc else (None, loc)
        return RuleProblem(self.name, line, format_loc(shown), message)

    def whole_file(self, message: str, line: int | None = None) -> None:
        self.problems.append(RuleProblem(self.name, line, "", message))


@dataclass
class _Scan:
    problems: list[RuleProblem]
    firm: _Loaded[FirmRules] | None = None
    clients: list[_Loaded[ClientRules]] = field(default_factory=list)

    def valid_clients(self) -> list[tuple[_Loaded[ClientRules], ClientRules]]:
        return [(loaded, loaded.model) for loaded in self.clients if loaded.model is not None]


def _scan(directory: Path) -> _Scan:
    if not directory.is_dir():
        what = "is a file, not a folder" if directory.exists() else "not found"
        return _Scan([RuleProblem(_display(directory), None, "", f"rules directory {what}")])
    try:
        firm_path, client_paths, problems = _rule_files(directory)
    except OSError as exc:
        message = f"cannot read the rules directory: {exc.strerror or exc}"
        return _Scan([RuleProblem(_display(directory), None, "", message)])
    scan = _Scan(problems)
    scan.firm = _load(firm_path, FirmRules) if firm_path else None
    scan.clients = [_load(path, ClientRules) for path in client_paths]
    return _checked(scan)


def _scan_files(files: Mapping[str, str], where: str) -> _Scan:
    """The same checks as ``_scan`` on files held in memory (no folder, no names to skip)."""
    names = sorted(name for name in files if Path(name).suffix.lower() in _SUFFIXES)
    scan = _Scan([])
    if FIRM_FILE not in names:
        missing = f"missing {FIRM_FILE}: every rules set needs the firm file"
        scan.problems.append(RuleProblem(f"{where}/{FIRM_FILE}", None, "", missing))
    for name in (n for n in files if n not in names or "/" in n or n.startswith(".")):
        message = "not a rules file name (a top-level .yaml or .yml name)"
        scan.problems.append(RuleProblem(f"{where}/{name}", None, "", message))
    raw = {name: files[name].encode("utf-8") for name in names}
    if FIRM_FILE in raw:
        scan.firm = _parse(f"{where}/{FIRM_FILE}", raw[FIRM_FILE], FirmRules)
    scan.clients = [
        _parse(f"{where}/{name}", raw[name], ClientRules)
        for name in names
        if name != FIRM_FILE and "/" not in name and not name.startswith(".")
    ]
    return _checked(scan)


def _checked(scan: _Scan) -> _Scan:
    for loaded in (scan.firm, *scan.clients):
        scan.problems += loaded.problems if loaded else []
    scan.problems += _cross_references(scan)
    scan.problems = sorted(set(scan.problems), key=_reading_order)
    return scan


def _rule_files(directory: Path) -> tuple[Path | None, list[Path], list[RuleProblem]]:
    """The firm file (if present), the client files in name order, and naming problems."""
    paths = sorted(
        path
        for path in directory.iterdir()
        if path.suffix.lower() in _SUFFIXES and not path.name.startswith(".") and path.is_file()
    )
    names = {path.name for path in paths}
    problems: list[RuleProblem] = []
    if FIRM_FILE not in names:
        missing = (
            f"missing {FIRM_FILE}: every rules directory needs the firm file "
            "(firm codes, people and rules)"
        )
        problems.append(RuleProblem(_display(directory / FIRM_FILE), None, "", missing))
    if _MISNAMED_FIRM_FILE in names:
        message = f"the firm file must be named {FIRM_FILE}; this file is not read"
        problems.append(RuleProblem(_display(directory / _MISNAMED_FIRM_FILE), None, "", message))
    clients = [path for path in paths if path.name not in {FIRM_FILE, _MISNAMED_FIRM_FILE}]
    return (directory / FIRM_FILE if FIRM_FILE in names else None), clients, problems


def _load(path: Path, model_type: type[M]) -> _Loaded[M]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        loaded: _Loaded[M] = _Loaded(_display(path))
        loaded.whole_file(f"cannot read the file: {exc.strerror or exc}")
        return loaded
    return _parse(_display(path), raw, model_type)


def _parse(name: str, raw: bytes, model_type: type[M]) -> _Loaded[M]:
    loaded: _Loaded[M] = _Loaded(name)
    loaded.version = hashlib.sha256(raw).hexdigest()[:12]
    text = _decode(raw, loaded)
    if text is None:
        return loaded
    try:
        loaded.doc = parse_yaml(text)
    except YamlSyntaxError as exc:
        loaded.whole_file(exc.message, exc.line)
        return loaded
    loaded.problems += [loaded.problem(loc, message) for loc, message in loaded.doc.duplicates]
    loaded.model = _validate(loaded, loaded.doc.data, model_type)
    return loaded


def _decode(raw: bytes, loaded: _Loaded[M]) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        loaded.whole_file(f"not UTF-8 text (byte 0x{raw[exc.start]:02x}): save it as UTF-8", line)
        return None


def _validate(loaded: _Loaded[M], data: object, model_type: type[M]) -> M | None:
    if data is None:
        loaded.whole_file("the file is empty")
        return None
    if isinstance(data, dict) and data.get("schema_version") == "1":
        # Scalars are read as text and pydantic will not match the text "1" to Literal[1].
        data = {**data, "schema_version": 1}
    try:
        return model_type.model_validate(data)
    except ValidationError as exc:
        errors = _without_echoes(exc.errors())
        loaded.problems += [loaded.problem(err["loc"], _message(err)) for err in errors]
        return None


def _without_echoes(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Drop "should have at least 1 item" when it only echoes failed items of that list."""
    locs = [err["loc"] for err in errors]

    def echoes(err: ErrorDetails) -> bool:
        loc = err["loc"]
        return err["type"] == "too_short" and any(
            len(other) > len(loc) and other[: len(loc)] == loc for other in locs
        )

    return [err for err in errors if not echoes(err)]


def _message(err: ErrorDetails) -> str:
    return err["msg"].removeprefix("Value error, ")


def _cross_references(scan: _Scan) -> list[RuleProblem]:
    firm = scan.firm.model if scan.firm else None
    problems: list[RuleProblem] = []
    if scan.firm is not None and firm is not None:
        problems += [scan.firm.problem(loc, message) for loc, message in check_firm(firm)]
    valid = scan.valid_clients()
    for loaded, model in valid:
        problems += [loaded.problem(loc, message) for loc, message in check_client(model, firm)]
    by_name = {loaded.name: loaded for loaded, _ in valid}
    across = check_across([(loaded.name, model) for loaded, model in valid], firm)
    problems += [by_name[name].problem(loc, message) for name, loc, message in across]
    return problems


def _display(path: Path) -> str:
    """The path relative to the working directory when it lies below it, else as given."""
    for base, target in ((Path.cwd(), path.absolute()), (Path.cwd().resolve(), path.resolve())):
        try:
            return target.relative_to(base).as_posix()
        except ValueError:
            continue
    return str(path)


def _reading_order(problem: RuleProblem) -> tuple[str, int, str, str]:
    # Not the dataclass order: that would compare a line of None with an int and fail.
    return problem.file, problem.line or 0, problem.field, problem.message
