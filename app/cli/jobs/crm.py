"""``timebill crm pull hubspot``: clients' SOWs from the CRM to rules drafts.

Reads every company (paged, checkpointed), matches each to a client of ``sow_rules``
(app/crm/matching.py; uncertain matches are confirmed by a person, ``--yes`` takes only
certain ones), reads the SOW files attached to its deals or to itself (app/crm/collect.py),
downloads each new file or new version and hands it to ``run_rules_draft``, the function
behind ``timebill rules draft``. Where each draft came from is kept in the ledger
(app/crm/ledger.py) beside the drafts, so the next pull skips what it drafted and asks about
a new version.

Exit codes: 0 done; 1 findings (a draft with problems to fix, or a file that could not be
fetched or drafted: the next pull tries it again); 2 bad input (no token, no Claude, rules
that do not load, an unreadable ledger); 3 HubSpot failed: what was done is kept, ``--resume``
continues.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rich.markup import escape

from app.cli.console import console, errors
from app.cli.jobs.rules import DraftRequest, build_draft_llm, run_rules_draft
from app.config import Settings
from app.crm.collect import SowFile, list_companies, sow_files
from app.crm.ledger import Checkpoint, Ledger, LedgerError, SourceRecord
from app.crm.matching import Match, match_company
from app.crm.model import Company, CrmSource, FileInfo
from app.crm.report import Tally, print_tally
from app.domain.rules import ClientRules
from app.errors import ConfigError, UpstreamError, UpstreamKind
from app.rules.approve import DRAFTS_DIR
from app.rules.draft import DraftLlm
from app.rules.loader import RulesError, load_rulebook

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_UPSTREAM = 0, 1, 2, 3
MAX_FILE_BYTES = 25_000_000
FILES_DIR = "sow-files"
_STATUS = {0: "drafted", 1: "draft has problems"}

Confirm = Callable[[str], bool]


@dataclass(frozen=True)
class PullRequest:
    out: Path | None = None  # default: <rules>/drafts
    rules_dir: Path = Path("sow_rules")
    resume: bool = False
    yes: bool = False
    any_name: bool = False


class _BadInput(Exception):
    pass


@dataclass
class _Pull:
    settings: Settings
    request: PullRequest
    folder: Path
    crm: CrmSource
    llm: DraftLlm
    clients: dict[str, ClientRules]
    ledger: Ledger
    confirm: Confirm
    clock: Callable[[], datetime]
    tally: Tally


def run_crm_pull(
    settings: Settings,
    request: PullRequest,
    *,
    confirm: Confirm,
    crm: CrmSource | None = None,
    llm: DraftLlm | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> int:
    try:
        pull = _prepare(settings, request, confirm=confirm, crm=crm, llm=llm, clock=clock)
        checkpoint = _checkpoint(pull)
    except (_BadInput, ConfigError, LedgerError) as exc:
        errors.print(f"[red]error:[/] {escape(str(exc))}")
        return EXIT_BAD_INPUT
    try:
        _pull(pull, checkpoint)
    except UpstreamError as exc:
        errors.print(f"[red]error:[/] {escape(str(exc))}")
        errors.print(
            "Stopped. What was read and drafted is kept: run `timebill crm pull hubspot "
            "--resume` to continue from where it stopped."
        )
        return EXIT_UPSTREAM
    finally:
        pull.tally.waits = list(getattr(pull.crm, "waits", []))
    checkpoint.remove()
    print_tally(pull.tally, _display(pull.ledger.path))
    return EXIT_FINDINGS if pull.tally.failed or pull.tally.with_problems else EXIT_OK


def _prepare(
    settings: Settings,
    request: PullRequest,
    *,
    confirm: Confirm,
    crm: CrmSource | None,
    llm: DraftLlm | None,
    clock: Callable[[], datetime],
) -> _Pull:
    folder = request.out or request.rules_dir / DRAFTS_DIR
    if folder.resolve() == request.rules_dir.resolve():
        raise _BadInput(f"--out {folder} is the rules directory itself: drafts go elsewhere")
    try:
        clients = load_rulebook(request.rules_dir).clients
    except RulesError:
        raise _BadInput(
            f"the rules in {request.rules_dir} do not load: run `timebill rules check "
            f"{request.rules_dir}` and fix them first"
        ) from None
    ledger = Ledger.load(folder)
    crm = crm or _build_crm(settings)
    llm = llm or build_draft_llm(settings, None)
    return _Pull(settings, request, folder, crm, llm, clients, ledger, confirm, clock, Tally())


def _build_crm(settings: Settings) -> CrmSource:
    token = settings.hubspot_token.get_secret_value() if settings.hubspot_token else ""
    if not token.strip():
        raise ConfigError(
            "set TIMEBILL_HUBSPOT_TOKEN to a HubSpot private app's access token (RUNBOOK.md, "
            "'HubSpot', lists the scopes it needs)"
        )
    from app.adapters.hubspot_client import HubSpotCrm  # noqa: PLC0415 - the SDK only when used

    return HubSpotCrm(token.strip(), host=settings.hubspot_host)


def _checkpoint(pull: _Pull) -> Checkpoint:
    saved = Checkpoint.load(pull.folder)
    if pull.request.resume:
        if saved is None:
            console.print("Nothing to resume: starting a full pull.")
            return Checkpoint.fresh(pull.folder)
        console.print(
            f"Resuming: {len(saved.companies)} companies already listed "
            f"({saved.pages} page(s)){'' if saved.listed else ', listing the rest'}."
        )
        return saved
    if saved is not None:
        console.print("An interrupted pull was found: starting over (--resume continues it).")
    return Checkpoint.fresh(pull.folder)


def _pull(pull: _Pull, checkpoint: Checkpoint) -> None:
    def on_page(pages: int, companies: int) -> None:
        console.print(f"  page {pages}: {companies} companies so far")

    console.print(f"Listing {pull.crm.name} companies...")
    companies = list_companies(pull.crm, checkpoint, on_page)
    pull.tally.companies, pull.tally.pages = len(companies), checkpoint.pages
    for company in companies:
        match = _match(pull, company)
        if match is not None:
            _client_files(pull, match)


def _match(pull: _Pull, company: Company) -> Match | None:
    found = match_company(company, pull.clients, pull.ledger.confirmed)
    tally, ledger = pull.tally, pull.ledger
    if found is None:
        tally.not_clients.append(company.name or company.id)
        return None
    if found.certain:
        if found.why == "confirmed before":
            tally.confirmed += 1
        else:
            tally.certain += 1
        return found
    if ledger.declined.get(company.id) == found.client_id:
        tally.declined += 1
        return None
    if pull.request.yes:
        tally.unconfirmed += 1
        return None
    question = (
        f'HubSpot company "{company.name}" is the client "{found.client_name}" '
        f"({found.client_id}; {found.why}, score {found.score:.2f})?"
    )
    answer = pull.confirm(question)
    tally.questions.append(f"{question} {'yes' if answer else 'no'}")
    if answer:
        ledger.confirmed[company.id] = found.client_id
        tally.confirmed += 1
    else:
        ledger.declined[company.id] = found.client_id
        tally.declined += 1
    ledger.save()
    return found if answer else None


def _client_files(pull: _Pull, match: Match) -> None:
    found = sow_files(pull.crm, match.company, any_name=pull.request.any_name)
    pull.tally.deals += len(found.deals)
    pull.tally.sow_files += len(found.files)
    pull.tally.skipped.update(found.skipped)
    for sow in found.files:
        if _wanted(pull, match, sow):
            _fetch_and_draft(pull, match, sow)


def _wanted(pull: _Pull, match: Match, sow: SowFile) -> bool:
    """Whether this file version needs a draft: new, failed before, or a newer version the
    person wants drafted again."""
    record = pull.ledger.files.get(sow.info.id)
    if record is None or record.status not in _STATUS.values():
        return True
    if record.updated_at == sow.info.updated_at:
        pull.tally.unchanged += 1
        return False
    pull.tally.new_versions += 1
    if record.declined_version == sow.info.updated_at:
        pull.tally.versions_declined += 1
        return False
    question = (
        f"New SOW version for {match.client_name}: {sow.info.file_name} "
        f"(updated {sow.info.updated_at}, drafted from {record.updated_at}): draft again?"
    )
    answer = True if pull.request.yes else pull.confirm(question)
    pull.tally.questions.append(f"{question} {'yes' if answer else 'no'}")
    if not answer:
        record.declined_version = sow.info.updated_at
        pull.tally.versions_declined += 1
        pull.ledger.save()
    return answer


def _fetch_and_draft(pull: _Pull, match: Match, sow: SowFile) -> None:
    where = f" (deal {sow.deal.name})" if sow.deal else ""
    console.print(f"{escape(match.client_name)}: fetching {escape(sow.info.file_name)}{where}")
    try:
        raw = pull.crm.download(sow.info.id, MAX_FILE_BYTES)
    except UpstreamError as exc:
        if exc.kind in (UpstreamKind.AUTH, UpstreamKind.RATE_LIMITED, UpstreamKind.CONNECTION):
            raise
        errors.print(f"[yellow]skipped:[/] {escape(str(exc))}")
        _record(pull, match, sow, sha="", saved="", status="draft failed")
        pull.tally.failed += 1
        return
    pull.tally.fetched += 1
    saved = pull.folder / FILES_DIR / match.client_id / _safe_name(sow.info)
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_bytes(raw)
    draft = pull.folder / f"{match.client_id}.hubspot-{sow.info.id}.yaml"
    if draft.exists():  # a draft of an earlier version, maybe edited: kept beside it
        draft.replace(draft.with_name(draft.name + ".previous"))
    request = DraftRequest(
        saved, match.client_name, client_id=match.client_id, out=pull.folder,
        rules_dir=pull.request.rules_dir, force=True, file_name=draft.name,
    )  # fmt: skip
    code = run_rules_draft(pull.settings, request, llm=pull.llm, clock=pull.clock)
    status = _STATUS.get(code, "draft failed")
    pull.tally.drafted += code in _STATUS
    pull.tally.with_problems += code == 1
    pull.tally.failed += code not in _STATUS
    sha = hashlib.sha256(raw).hexdigest()
    _record(pull, match, sow, sha=sha, saved=_display(saved), status=status)
    if code in _STATUS:
        pull.ledger.files[sow.info.id].draft = _display(draft)
        pull.ledger.save()


def _record(pull: _Pull, match: Match, sow: SowFile, *, sha: str, saved: str, status: str) -> None:
    deal_id, deal_name = (sow.deal.id, sow.deal.name) if sow.deal else ("", "")
    pull.ledger.files[sow.info.id] = SourceRecord(
        client_id=match.client_id, company_id=match.company.id,
        company_name=match.company.name, deal_id=deal_id, deal_name=deal_name,
        file_id=sow.info.id, file_name=sow.info.file_name, updated_at=sow.info.updated_at,
        sha256=sha, saved_as=saved, draft="", status=status,
        at=pull.clock().isoformat(timespec="seconds"),
    )  # fmt: skip
    pull.ledger.save()


def _safe_name(info: FileInfo) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", info.file_name).strip("-.") or "file"
    return f"{info.id}-{cleaned[-100:]}"


def _display(path: Path) -> str:
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
