"""Approve a drafted rules file: check it again, run its examples, put it in force, keep it.

Nothing drafted is used until approved: the loader reads only the top-level ``*.yaml`` files
of the rules directory (not ``drafts/``, not ``.versions/``). Approving a draft:

1. validates it with the real loader in the rules book it is about to join (the firm file
   and every other client file, the draft in place of the client's current file), and
   refuses with every problem listed;
2. runs every rule example of that book (``timebill rules check`` would run them next), and
   refuses with every failure listed;
3. writes it as ``<rules_dir>/<client-id>.yaml`` (atomically: the service reloading the
   directory never reads half a file) under an approval header, keeps that exact file as
   ``.versions/<client-id>/<UTC timestamp>-<sha12>.yaml`` (``sha12`` is the version the
   loader reports for it) and appends one line to ``.versions/approvals.jsonl``: who
   approved which version when, from which SOW, replacing which version. The draft is
   removed from ``drafts/``.

A client file that was in force before and never approved through here is kept too, as
``.versions/<client-id>/<timestamp>-<sha12>.replaced.yaml``, so no version is lost.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from app.errors import TimebillError
from app.rules.draft import body_without_header, header_fields, iso_utc, renamed
from app.rules.examples import run_examples
from app.rules.loader import RuleProblem, check_rules, load_rulebook
from app.rules.yaml_lines import YamlSyntaxError, parse_yaml

VERSIONS_DIR = ".versions"
APPROVALS_FILE = "approvals.jsonl"
DRAFTS_DIR = "drafts"
APPROVAL_SENTINEL = (
    "# ---- end of the approval header: `timebill rules approve` replaces the lines above ----"
)
_SUFFIXES = frozenset({".yaml", ".yml"})
_CLIENT_ID = re.compile(r"[a-z0-9][a-z0-9_-]{1,39}")


class ApprovalError(TimebillError):
    """The approval cannot even be checked (no approver, unreadable draft): bad input."""


@dataclass(frozen=True)
class Approval:
    """One line of ``approvals.jsonl``."""

    client: str
    version: str  # the first 12 hex digits of sha256, as the loader reports versions
    sha256: str
    approved_by: str
    approved_at: str
    source_sow_sha256: str | None
    replaced_sha: str | None
    file: str  # the kept copy, relative to the rules directory

    @classmethod
    def from_json(cls, line: str) -> Approval:
        data = json.loads(line)
        if not isinstance(data, dict):
            raise TypeError("not an object")

        def text(key: str) -> str:
            value = data.get(key)
            if not isinstance(value, str):
                raise TypeError(f"{key} is not text")
            return value

        def optional(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) else None

        return cls(
            client=text("client"),
            version=text("version"),
            sha256=text("sha256"),
            approved_by=text("approved_by"),
            approved_at=text("approved_at"),
            source_sow_sha256=optional("source_sow_sha256"),
            replaced_sha=optional("replaced_sha"),
            file=text("file"),
        )


@dataclass
class ApproveOutcome:
    """Approved (``approval`` set), or refused with every problem and failing example."""

    client_id: str
    problems: list[RuleProblem] = field(default_factory=list)
    failures: list[RuleProblem] = field(default_factory=list)
    approval: Approval | None = None
    target: Path | None = None


def approve_draft(
    draft: Path, rules_dir: Path, approved_by: str, *, now: datetime | None = None
) -> ApproveOutcome:
    """Check ``draft`` in the rule book of ``rules_dir`` and, when all is well, put it in
    force and record the approval. Raises ``ApprovalError`` on bad input."""
    approver = approver_name(approved_by)
    text = _read_draft(draft)
    client_id = client_id_of(text, draft)
    current = _rule_files(rules_dir)
    replaced = [path for path in current if _holds_client(path, client_id)]
    target = rules_dir / f"{client_id}.yaml"
    outcome = ApproveOutcome(client_id)
    with tempfile.TemporaryDirectory(prefix="timebill-approve-") as tmp:
        book_dir = Path(tmp)
        for path in current:
            if path not in replaced:
                shutil.copyfile(path, book_dir / path.name)
        draft_copy = book_dir / target.name
        draft_copy.write_text(text, encoding="utf-8")
        names = {path.name: str(path) for path in current} | {target.name: str(draft)}
        outcome.problems = renamed(check_rules(book_dir), book_dir, names)
        if outcome.problems:
            return outcome
        failures = run_examples(load_rulebook(book_dir))
        outcome.failures = renamed(
            [RuleProblem(f.file, f.line, f.field, f.message) for f in failures], book_dir, names
        )
        if outcome.failures:
            return outcome
        stamp = now or datetime.now(UTC)
        approved = approved_text(text, client_id, approver, stamp)
        draft_copy.write_text(approved, encoding="utf-8")
        # Only comments changed: anything found now is a bug here, not in the draft.
        outcome.problems = renamed(check_rules(book_dir), book_dir, names)
        if outcome.problems:
            return outcome
    outcome.approval = _put_in_force(
        approved, draft=draft, rules_dir=rules_dir, target=target, replaced=replaced,
        approver=approver, when=stamp, meta=header_fields(text),
    )  # fmt: skip
    outcome.target = target
    return outcome


def approver_name(name: str) -> str:
    """The approver as given, on one line: a name or an email, never empty."""
    clean = " ".join(name.split())
    if (
        not any(ch.isalpha() for ch in clean)
        or len(clean) > 100
        or any(unicodedata.category(ch) in {"Cc", "Cf"} for ch in clean)
    ):
        raise ApprovalError("--by: give the approver's name or email (1 to 100 characters)")
    return clean


def approved_text(
    text: str, client_id: str, approver: str, when: datetime, *, kept: str | None = None
) -> str:
    """The file as put in force: an approval header, then the draft below its header.
    ``kept``: where every version is kept (default: the rules directory's ``.versions``)."""
    meta = header_fields(text)
    lines = [
        "# APPROVED rules, in force. Edit a copy and approve it again with",
        f"# `timebill rules approve`; `timebill rules history {client_id}` lists every version",
        f"# (kept in {kept or f'{VERSIONS_DIR}/{client_id}/'}).",
        "#",
        f"# approved-by: {approver}",
        f"# approved-at: {iso_utc(when)}",
    ]
    lines += [
        f"# {key}: {meta[key]}"
        for key in ("client", "sow", "sow-sha256", "model", "prompt", "drafted-at")
        if key in meta
    ]
    lines.append(APPROVAL_SENTINEL)
    return "\n".join(lines) + "\n" + body_without_header(text)


def history(rules_dir: Path, client_id: str) -> tuple[list[Approval], int]:
    """The client's approvals, oldest first, and how many lines of the log were unreadable."""
    log = rules_dir / VERSIONS_DIR / APPROVALS_FILE
    try:
        lines = log.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return [], 0
    approvals, bad = [], 0
    for line in lines:
        if not line.strip():
            continue
        try:
            approval = Approval.from_json(line)
        except (ValueError, TypeError):
            bad += 1
            continue
        if approval.client == client_id:
            approvals.append(approval)
    return approvals, bad


def current_version(rules_dir: Path, client_id: str) -> str | None:
    """The version (sha12) of the client's file in force, if there is one."""
    for path in _rule_files(rules_dir):
        if _holds_client(path, client_id):
            return _sha(path.read_bytes())[:12]
    return None


# --- steps ----------------------------------------------------------------------------------


def _read_draft(draft: Path) -> str:
    try:
        return draft.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ApprovalError(f"{draft}: cannot read the draft: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ApprovalError(f"{draft}: not UTF-8 text: save it as UTF-8") from None


def client_id_of(text: str, draft: Path) -> str:
    """The client id the draft declares, else its file name's (a draft that does not parse
    still gets its problems listed under that name)."""
    client = _yaml_client(text)
    written = client.get("id") if isinstance(client, Mapping) else None
    if isinstance(written, str) and _CLIENT_ID.fullmatch(written):
        return written
    stem = draft.name.split(".", 1)[0]
    if _CLIENT_ID.fullmatch(stem):
        return stem
    raise ApprovalError(
        f"{draft}: no valid client.id in the file, nor a client id as its name: add "
        "client: {id: ...}"
    )


def _yaml_client(text: str) -> object:
    try:
        data = parse_yaml(text).data
    except YamlSyntaxError:
        return None
    return data.get("client") if isinstance(data, Mapping) else None


def _rule_files(rules_dir: Path) -> list[Path]:
    """The files the loader reads: top-level ``*.yaml``/``*.yml``, not hidden, not in folders."""
    if not rules_dir.is_dir():
        return []
    return sorted(
        path
        for path in rules_dir.iterdir()
        if path.suffix.lower() in _SUFFIXES and not path.name.startswith(".") and path.is_file()
    )


def _holds_client(path: Path, client_id: str) -> bool:
    if path.stem == client_id:
        return True
    try:
        return holds_client_text(path.read_text(encoding="utf-8"), client_id)
    except (OSError, UnicodeDecodeError):
        return False


def holds_client_text(text: str, client_id: str) -> bool:
    """Whether a rules file's text declares ``client.id`` ``client_id``."""
    client = _yaml_client(text)
    return isinstance(client, Mapping) and client.get("id") == client_id


def _put_in_force(
    approved: str,
    *,
    draft: Path,
    rules_dir: Path,
    target: Path,
    replaced: Sequence[Path],
    approver: str,
    when: datetime,
    meta: Mapping[str, str],
) -> Approval:
    raw = approved.encode("utf-8")
    sha = _sha(raw)
    client_id = target.stem
    versions = rules_dir / VERSIONS_DIR / client_id
    versions.mkdir(parents=True, exist_ok=True)
    stamp = when.strftime("%Y%m%dT%H%M%SZ")
    kept = versions / f"{stamp}-{sha[:12]}.yaml"
    kept.write_bytes(raw)
    replaced_sha = _keep_replaced(replaced, versions, stamp)
    _write_atomically(target, raw)
    for path in replaced:
        if path.resolve() != target.resolve():
            path.unlink()  # e.g. acme.yml, now acme.yaml; its content is kept above
    approval = Approval(
        client=client_id,
        version=sha[:12],
        sha256=sha,
        approved_by=approver,
        approved_at=iso_utc(when),
        source_sow_sha256=meta.get("sow-sha256"),
        replaced_sha=replaced_sha,
        file=kept.relative_to(rules_dir).as_posix(),
    )
    log = rules_dir / VERSIONS_DIR / APPROVALS_FILE
    with log.open("a", encoding="utf-8") as out:  # append-only: one line per approval
        out.write(json.dumps(asdict(approval), sort_keys=False) + "\n")
    if draft.exists() and draft.resolve() != target.resolve():
        draft.unlink()
    return approval


def _keep_replaced(replaced: Sequence[Path], versions: Path, stamp: str) -> str | None:
    """The version replaced (sha12), its file kept when no approval kept it already."""
    if not replaced:
        return None
    raw = replaced[0].read_bytes()
    old = _sha(raw)[:12]
    if not any(f"-{old}." in kept.name for kept in versions.iterdir()):
        (versions / f"{stamp}-{old}.replaced.yaml").write_bytes(raw)
    return old


def _write_atomically(target: Path, raw: bytes) -> None:
    # A dot name: the loader skips it while it is being written.
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(raw)
        os.chmod(tmp, mode)  # mkstemp makes 0600: the service may run as another user
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
