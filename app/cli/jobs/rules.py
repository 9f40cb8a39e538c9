"""``timebill rules draft | approve | history``: from a SOW to rules a person approved.

Exit codes: 0 done; 1 findings (a draft written with problems to fix, an approval refused,
no history); 2 bad input (unreadable or too long SOW, no firm file, no API key, a draft that
would overwrite one); 3 Claude failed (refusal, cut answer, overload): nothing written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rich.markup import escape

from app.cli.console import console, errors
from app.config import Settings
from app.domain.rules import FirmRules
from app.errors import ConfigError, UpstreamError
from app.rules.approve import (
    APPROVALS_FILE,
    DRAFTS_DIR,
    VERSIONS_DIR,
    ApprovalError,
    approve_draft,
    current_version,
    history,
)
from app.rules.draft import (
    DEFAULT_MAX_TOKENS,
    DEFAULT_TIMEOUT_S,
    DraftAnswer,
    DraftError,
    DraftLlm,
    DraftMeta,
    check_client_id,
    check_draft,
    client_id_for,
    load_firm,
    redact,
    render_draft,
    request_draft,
    staff_names,
    system_prompt,
    too_long_message,
    user_message,
)
from app.rules.loader import FIRM_FILE, RuleProblem, RulesError
from app.rules.pdf_text import SowReadError, SowText, read_sow

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_UPSTREAM = 0, 1, 2, 3


@dataclass(frozen=True)
class DraftRequest:
    sow: Path
    client: str
    client_id: str | None = None
    out: Path | None = None
    rules_dir: Path = Path("sow_rules")
    force: bool = False
    model: str | None = None
    max_tokens: int | None = None
    timeout_s: float | None = None
    thinking: bool = True  # adaptive thinking before the answer (off for models without it)
    file_name: str | None = None  # the draft's name in its folder (default <client-id>.yaml)


class _BadInput(Exception):
    def __init__(self, message: str, problems: Sequence[RuleProblem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


@dataclass(frozen=True)
class _Plan:
    """What a draft is made from, all checked before Claude is asked anything."""

    client_id: str
    path: Path
    firm: FirmRules
    sow: SowText
    text: str  # the SOW text as sent: the firm's staff removed
    removed: int


def run_rules_draft(
    settings: Settings,
    request: DraftRequest,
    *,
    llm: DraftLlm | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> int:
    """Draft a client's rules from its SOW into ``<rules>/drafts/<client-id>.yaml``."""
    try:
        plan = _plan(request)
        llm = llm or build_draft_llm(settings, request.model)
    except _BadInput as exc:
        _print_problems(exc.problems)
        return _bad_input(str(exc))
    except ConfigError as exc:
        return _bad_input(str(exc))
    if plan.removed:
        console.print(f"Removed {plan.removed} mention(s) of the firm's staff from the SOW text.")
    console.print(
        f"Asking {escape(llm.model)} to draft rules for {escape(request.client)} from "
        f"{escape(plan.sow.described)}: this takes a minute or two..."
    )
    max_tokens = request.max_tokens or DEFAULT_MAX_TOKENS
    try:
        answer = request_draft(
            llm,
            system=system_prompt(plan.firm),
            user=user_message(
                plan.sow, plan.text, client_name=request.client, client_id=plan.client_id
            ),
            max_tokens=max_tokens,
            timeout_s=request.timeout_s or DEFAULT_TIMEOUT_S,
            thinking=request.thinking,
        )
    except (UpstreamError, DraftError) as exc:
        errors.print(f"[red]error:[/] {escape(str(exc))}")
        if isinstance(exc, UpstreamError):
            again = " It may pass if you try again in a while." if exc.retryable else ""
            errors.print(f"Nothing was written.{again}")
        return EXIT_UPSTREAM
    meta = DraftMeta(
        plan.client_id, request.client, plan.sow.name, plan.sow.sha256, llm.model, clock()
    )
    return _write_draft(request, plan, answer, meta)


def _plan(request: DraftRequest) -> _Plan:
    try:
        client_id = check_client_id(request.client_id or client_id_for(request.client))
    except DraftError as exc:
        raise _BadInput(str(exc)) from None
    folder = request.out or request.rules_dir / DRAFTS_DIR
    if folder.resolve() == request.rules_dir.resolve():
        raise _BadInput(
            f"--out {folder} is the rules directory itself, where a file is in force as soon "
            f"as it is there: drafts go to {request.rules_dir / DRAFTS_DIR}"
        )
    path = folder / (request.file_name or f"{client_id}.yaml")
    if path.exists() and not request.force:
        raise _BadInput(
            f"a draft already exists at {path} (it may hold your edits): approve or delete it, "
            "or pass --force to replace it"
        )
    try:
        firm = load_firm(request.rules_dir)
        sow = read_sow(request.sow)
    except RulesError as exc:
        message = f"fix the firm file first: `timebill rules check {request.rules_dir}`"
        raise _BadInput(message, exc.problems) from None
    except SowReadError as exc:
        raise _BadInput(str(exc)) from None
    too_long = too_long_message(sow)
    if too_long:
        raise _BadInput(too_long)
    text, removed = redact(sow.text, staff_names(firm))
    return _Plan(client_id, path, firm, sow, text, removed)


def _write_draft(request: DraftRequest, plan: _Plan, answer: DraftAnswer, meta: DraftMeta) -> int:
    shown = _display(plan.path)
    draft = render_draft(answer, meta, shown)
    check = check_draft(
        draft,
        client_id=plan.client_id,
        firm_file=request.rules_dir / FIRM_FILE,
        shown_as=shown,
        sow_text=plan.sow.text,
    )
    plan.path.parent.mkdir(parents=True, exist_ok=True)
    plan.path.write_text(draft, encoding="utf-8")
    console.print(
        f"Wrote the DRAFT {escape(shown)} ({answer.input_tokens:,} tokens in, "
        f"{answer.output_tokens:,} out). Nothing uses it until a person approves it."
    )
    for question in answer.questions:
        console.print(f"  [yellow]?[/] {escape(question)}")
    if check.problems:
        _print_problems(check.problems)
        errors.print(
            f"[red]{len(check.problems)} problem(s)[/] in the draft: fix them in "
            f"{escape(shown)}, then approve it (approval checks it again)."
        )
        return EXIT_FINDINGS
    rules = "" if request.rules_dir == Path("sow_rules") else f" --rules {request.rules_dir}"
    console.print(
        f"[green]Valid[/]: {check.codes} codes, {check.rules} rules, {check.examples} examples "
        "passed. Check every code, rate, date and clause against the SOW, then:\n"
        f'  timebill rules approve {escape(shown)} --by "Your Name"{escape(rules)}'
    )
    return EXIT_OK


def run_rules_approve(
    draft: Path, approved_by: str, rules_dir: Path, *, now: datetime | None = None
) -> int:
    """Validate a draft again, run the examples, put it in force and record who approved it."""
    try:
        outcome = approve_draft(draft, rules_dir, approved_by, now=now)
    except ApprovalError as exc:
        return _bad_input(str(exc))
    if outcome.problems or outcome.failures:
        _print_problems(outcome.problems + outcome.failures)
        what = (
            f"{len(outcome.problems)} problem(s)"
            if outcome.problems
            else f"{len(outcome.failures)} rule example(s) failed"
        )
        errors.print(f"[red]Not approved[/]: {what}. Nothing changed in {rules_dir}.")
        return EXIT_FINDINGS
    approval, target = outcome.approval, outcome.target
    assert approval is not None
    assert target is not None
    replaced = f", replacing version {approval.replaced_sha}" if approval.replaced_sha else ""
    console.print(
        f"[green]Approved[/] {escape(_display(target))}: client {approval.client}, version "
        f"{approval.version}, by {escape(approval.approved_by)} at {approval.approved_at}"
        f"{replaced}. Kept as {escape(_display(rules_dir / approval.file))}."
    )
    return EXIT_OK


def run_rules_history(client: str, rules_dir: Path) -> int:
    """Every approved version of a client's rules, oldest first, and which one is in force."""
    approvals, bad = history(rules_dir, client)
    client_id = client
    if not approvals:
        try:
            client_id = client_id_for(client)
        except DraftError:
            client_id = client
        approvals, bad = history(rules_dir, client_id)
    if bad:
        log = rules_dir / VERSIONS_DIR / APPROVALS_FILE
        errors.print(f"[yellow]{bad} unreadable line(s)[/] in {escape(_display(log))}")
    if not approvals:
        errors.print(f"No approved versions of {escape(client)} in {escape(str(rules_dir))}.")
        return EXIT_FINDINGS
    in_force = current_version(rules_dir, client_id)
    folder = _display(rules_dir / VERSIONS_DIR / client_id)
    console.print(f"Approved versions of {escape(client_id)}, oldest first (kept in {folder}/):")
    for approval in approvals:
        parts = [
            approval.approved_at,
            f"version {approval.version}",
            f"approved by {escape(approval.approved_by)}",
            f"from SOW {(approval.source_sow_sha256 or '-')[:12]}",
            f"replaced {approval.replaced_sha}" if approval.replaced_sha else "new",
        ]
        if approval.version == in_force:
            parts.append("[green](in force)[/]")
        console.print("  " + "  ".join(parts), soft_wrap=True)
    if in_force and all(a.version != in_force for a in approvals):
        console.print(
            f"[yellow]The file in force (version {in_force}) was changed after its last "
            "approval.[/]"
        )
    return EXIT_OK


def build_draft_llm(settings: Settings, model: str | None) -> DraftLlm:
    if not settings.llm_enabled:
        raise ConfigError(
            "drafting rules needs Claude: set ANTHROPIC_API_KEY (or TIMEBILL_LLM_PROVIDER="
            "bedrock with TIMEBILL_AWS_REGION)"
        )
    from app.adapters.anthropic_llm import build_llm  # noqa: PLC0415 - the SDK only when used

    return build_llm(settings.model_copy(update={"model": model}) if model else settings)


def _print_problems(problems: Sequence[RuleProblem]) -> None:
    for problem in problems:
        errors.print(escape(str(problem)))


def _bad_input(message: str) -> int:
    errors.print(f"[red]error:[/] {escape(message)}")
    return EXIT_BAD_INPUT


def _display(path: Path) -> str:
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
