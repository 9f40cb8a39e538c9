"""``timebill invoices draft``: one client's invoice for one month, previewed and outboxed.

The month's export is classified as ``timebill classify`` would; the approved billable
decisions become a draft (``app.invoices.draft``). Two files are always written: the preview
``<out>/invoice-<client>-<period>.md`` and the QuickBooks request
``<outbox>/<client>-<period>.json`` (``Invoice`` is exactly the JSON body QBO would receive,
beside its ``requestid``, as the outbox writer does for TimeActivities). The QBO ids come from
the mapping file named with ``--mapping``, else the tenant's mapping in the store, else the file
``TIMEBILL_QBO_MAPPING_PATH``; unmapped refs are marked.

``--push`` sends it when QuickBooks credentials are configured (``TIMEBILL_QBO_CLIENT_ID`` and
``TIMEBILL_QBO_CLIENT_SECRET``, the company connected with ``timebill qbo connect``); without
them the outbox file is the result. The ``requestid`` is derived from tenant, client and month,
so a retried push cannot create a second invoice while QBO remembers the id. A successful push
also leaves ``<client>-<period>.sent.json``; while it exists the same month is not pushed again.
To redraft, void the invoice in QuickBooks and push with ``--redraft``: the push gets a
``requestid`` of its own (the month's pushes so far are counted in that file, which keeps each
one), so QBO cannot answer with the voided invoice. An answer whose item lines do not add up to
the draft's (an invoice an earlier push made under the same ``requestid``, whose answer was
lost, before the month changed) is recorded and said, exit 1: void it and redraft.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol

import yaml
from pydantic import ValidationError

from app.classify.batch import BatchResult, classify_export, learn_history
from app.classify.memory import Memory
from app.cli.console import console, errors
from app.config import Settings
from app.domain.mapping import QboMapping, load_mappings, mapping_problem
from app.domain.rulebook import RuleBook
from app.errors import UpstreamError, first_line
from app.factory import build_cascade, build_store
from app.invoices.caps import PriorBilling
from app.invoices.draft import DraftOptions, Pair, draft_invoice
from app.invoices.model import ZERO, InvoiceDraft, Period, fmt_money
from app.invoices.preview import markdown, print_draft, print_summary
from app.invoices.qbo_payload import InvoicePayload, invoice_payload, lines_total
from app.review.rulefile import write_atomically
from app.rules.loader import RulesError, load_rulebook
from app.sources.exports import ExportFormatError

EXIT_OK, EXIT_PUSH_FAILED, EXIT_BAD_INPUT = 0, 1, 2
DEMO_TENANT = "demo"
DEMO_MAPPING = Path(__file__).resolve().parents[3] / "examples" / "demo_firm" / "qbo_mapping.yaml"


class InvoiceApi(Protocol):
    """What a push needs from ``quickbooks_client.QboApi``."""

    def save_invoice(
        self, tenant: str, realm: str, body: dict[str, Any], *, request_id: str
    ) -> dict[str, Any]: ...


@dataclass(frozen=True)
class DraftRequest:
    """What ``timebill invoices draft`` was asked for."""

    client: str
    period: str
    export: Path
    out: Path
    outbox: Path
    history: Path | None = None
    label_column: str = "Approved Code"
    push: bool = False
    tenant: str = DEMO_TENANT
    mapping: Path | None = None
    billed_to_date: Decimal | None = None
    billed: Path | None = None
    bill_retainer_overage: bool = False
    redraft: bool = False  # the month's earlier invoice was voided in QuickBooks: push anew


class InputError(ValueError):
    """A request the command cannot act on: unknown client, bad period, unreadable file."""


def run_invoices_draft(
    settings: Settings, request: DraftRequest, *, api: InvoiceApi | None = None
) -> int:
    """Draft, preview and outbox one invoice; push it if asked. 0 ok, 1 push failed, 2 input."""
    try:
        draft, mapping = _draft(settings.for_batch(), request)
        earlier = _pushes(request.outbox / f"{draft.client_id}-{draft.period}.sent.json")
    except (InputError, RulesError, ExportFormatError) as exc:
        errors.print(f"[red]error:[/] {exc}")
        return EXIT_BAD_INPUT
    except OSError as exc:
        errors.print(f"[red]error:[/] {exc.filename or ''}: {exc.strerror or exc}")
        return EXIT_BAD_INPUT
    redraft = len(earlier) if request.redraft else 0
    payload = invoice_payload(draft, mapping, request.tenant, redraft=redraft)
    preview, outboxed = write_draft(draft, payload, request.out, request.outbox, mapping)
    print_draft(draft, console)
    console.print(f"Wrote {preview} and {outboxed}")
    if not request.push:
        return EXIT_OK
    return _push(settings, request, payload, outboxed, earlier, mapping=mapping, api=api)


def _pushes(sent: Path) -> list[dict[str, Any]]:
    """The invoices pushed for the month so far, oldest first (``.sent.json``: the latest, and
    the ones before it under ``earlier``)."""
    try:
        record = json.loads(sent.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise InputError(f"{sent}: not a push record timebill wrote ({exc})") from None
    if not isinstance(record, dict):
        raise InputError(f"{sent}: not a push record timebill wrote")
    latest = {"requestid": record.get("requestid"), "Id": record.get("Id")}
    return [*record.get("earlier", []), latest]


def _draft(settings: Settings, request: DraftRequest) -> tuple[InvoiceDraft, QboMapping | None]:
    try:
        period = Period.parse(request.period)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    book = load_rulebook(settings.rules_dir)
    client_id = _client_id(book, request.client)
    prior = read_prior(request.billed, request.billed_to_date, client_id)
    mapping = (
        _mapping(request.mapping, request.tenant)  # named on the command line: that file
        or _stored_mapping(settings, request.tenant)
        or _mapping(settings.qbo_mapping_path, request.tenant)
    )
    result = _classify(settings, book, request)
    options = DraftOptions(prior=prior, bill_retainer_overage=request.bill_retainer_overage)
    return draft_invoice(book, client_id, batch_pairs(result), period, options), mapping


def _client_id(book: RuleBook, name: str) -> str:
    found = name if name in book.clients else book.resolve_client(name)
    if found is None:
        known = ", ".join(sorted(book.clients))
        raise InputError(f"no client {name!r} in the rules (known: {known})")
    return found


def _stored_mapping(settings: Settings, tenant: str) -> QboMapping | None:
    """The tenant's mapping in the store, if it holds one (a missing SQLite file is not made)."""
    if settings.store == "sqlite" and not settings.sqlite_path.exists():
        return None
    return build_store(settings).get_mapping(tenant)


def _mapping(path: Path | None, tenant: str) -> QboMapping | None:
    if path is None:
        return None
    try:
        mapping = load_mappings(path).get(tenant)
    except ValidationError as exc:
        problem = mapping_problem(exc)
        raise InputError(f"{path}: not a QuickBooks mapping file ({problem})") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not a QuickBooks mapping file ({first_line(exc)})") from None
    if mapping is None:
        raise InputError(f"{path} has no tenant {tenant!r}")
    return mapping


def _classify(settings: Settings, book: RuleBook, request: DraftRequest) -> BatchResult:
    memory = Memory(settings.memory_min_similarity)
    if request.history is not None:
        learned, _ = learn_history(book, memory, request.history, request.label_column)
        console.print(f"Memory: learned {learned} approved entries from {request.history}")
    return classify_export(build_cascade(settings, book, memory), request.export)


def batch_pairs(result: BatchResult) -> list[Pair]:
    """Each readable row's entry with its decision."""
    return [
        (row.entry, decision)
        for row, decision in zip(result.source.rows, result.decisions, strict=True)
        if row.entry is not None and decision is not None
    ]


def read_prior(path: Path | None, amount: Decimal | None, client_id: str) -> PriorBilling:
    """Billing to date: a CSV of ``code,hours,amount`` (optional ``client`` column) and/or the
    SOW amount billed to date (``--billed-to-date``, which wins over the CSV's sum)."""
    if path is None and amount is None:
        return PriorBilling()
    by_code: dict[str, tuple[Decimal, Decimal]] = {}
    if path is not None:
        by_code = _prior_rows(path, client_id)
    hours = sum((h for h, _ in by_code.values()), ZERO)
    total = amount if amount is not None else sum((a for _, a in by_code.values()), ZERO)
    return PriorBilling(given=True, amount=total, hours=hours, by_code=by_code)


def _prior_rows(path: Path, client_id: str) -> dict[str, tuple[Decimal, Decimal]]:
    found: dict[str, tuple[Decimal, Decimal]] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row.get("client", client_id) not in {client_id, ""}:
                continue
            try:
                hours, amount = Decimal(row.get("hours") or 0), Decimal(row.get("amount") or 0)
            except InvalidOperation:
                raise InputError(f"{path}:{line}: hours and amount must be numbers") from None
            code = (row.get("code") or "").strip()
            if not code:
                raise InputError(f"{path}:{line}: 'code' is empty (columns: code,hours,amount)")
            old = found.get(code, (ZERO, ZERO))
            found[code] = (old[0] + hours, old[1] + amount)
    return found


def write_draft(
    draft: InvoiceDraft,
    payload: InvoicePayload,
    out: Path,
    outbox: Path,
    mapping: QboMapping | None = None,
) -> tuple[Path, Path]:
    """The preview and the outbox request for one draft; each file replaced atomically."""
    stem = f"{draft.client_id}-{draft.period}"
    preview = _atomic(out / f"invoice-{stem}.md", markdown(draft))
    request = {
        "system": "quickbooks",
        "request": f"POST /v3/company/{mapping.realm if mapping else '{realm}'}/invoice",
        "requestid": payload.request_id,
        "missing_mappings": list(payload.missing),
        "Invoice": payload.body,
    }
    outboxed = _atomic(outbox / f"{stem}.json", json.dumps(request, indent=2) + "\n")
    return preview, outboxed


def _atomic(target: Path, text: str) -> Path:
    write_atomically(target, text)
    return target


def _push(
    settings: Settings,
    request: DraftRequest,
    payload: InvoicePayload,
    outboxed: Path,
    earlier: list[dict[str, Any]],
    *,
    mapping: QboMapping | None,
    api: InvoiceApi | None,
) -> int:
    api = api or connect_api(settings)
    if api is None:
        console.print(
            "No QuickBooks credentials (TIMEBILL_QBO_CLIENT_ID, TIMEBILL_QBO_CLIENT_SECRET): "
            f"nothing pushed; the request is in {outboxed}"
        )
        return EXIT_OK
    if not payload.body["Line"]:
        errors.print("[yellow]not pushed:[/] the draft has no lines (no approved billable time "
                     "or fee in the month): QuickBooks gets no empty invoice")  # fmt: skip
        return EXIT_PUSH_FAILED
    if mapping is None or payload.missing:
        missing = ", ".join(payload.missing) if mapping else "a --mapping file for the realm"
        errors.print(f"[red]not pushed:[/] missing QuickBooks mapping: {missing}")
        return EXIT_PUSH_FAILED
    sent = outboxed.with_suffix(".sent.json")
    if earlier and not request.redraft:
        errors.print(
            f"[yellow]not pushed:[/] already pushed as QuickBooks invoice {earlier[-1]['Id']} "
            f"({sent}); to redraft, void it in QuickBooks, then push again with --redraft"
        )
        return EXIT_PUSH_FAILED
    try:
        answer = api.save_invoice(
            request.tenant, mapping.realm, payload.body, request_id=payload.request_id
        )
    except UpstreamError as exc:
        errors.print(f"[red]not pushed:[/] {exc}")
        return EXIT_PUSH_FAILED
    record = {"requestid": payload.request_id, "Id": answer.get("Id"), "answer": answer,
              **({"earlier": earlier} if earlier else {})}  # fmt: skip
    _atomic(sent, json.dumps(record, indent=2) + "\n")
    drafted, answered = lines_total(payload.body), lines_total(answer)
    if drafted != answered:
        errors.print(
            f"[red]QuickBooks answered with invoice {answer.get('Id')}, whose lines come to "
            f"{fmt_money(answered)}, not this draft's {fmt_money(drafted)}:[/] an earlier push "
            "made it under the same requestid and its answer was lost. Void it in QuickBooks, "
            "then push again with --redraft."
        )
        return EXIT_PUSH_FAILED
    console.print(f"Created QuickBooks invoice {answer.get('Id')} (unsent: EmailStatus NotSet)")
    return EXIT_OK


def connect_api(settings: Settings) -> InvoiceApi | None:
    """A ``QboApi`` on the stored tokens, or None when no credentials are configured."""
    if not (settings.qbo_client_id and settings.qbo_client_secret):
        return None
    from app.factory import build_qbo_api  # noqa: PLC0415

    return build_qbo_api(settings)


def invoices_for_demo(
    result: BatchResult, book: RuleBook, out_dir: Path, *, period: Period | None = None
) -> list[Path]:
    """The demo month's draft for every client: previews in ``out_dir``, requests (with the
    demo company's QBO ids) in ``out_dir/outbox/invoices``. Prints one summary table; returns
    the files written."""
    pairs = batch_pairs(result)
    month = period or busiest_month(pairs)
    mapping = _mapping(DEMO_MAPPING, DEMO_TENANT) if DEMO_MAPPING.exists() else None
    drafts = [draft_invoice(book, client, pairs, month) for client in sorted(book.clients)]
    written: list[Path] = []
    for draft in drafts:
        payload = invoice_payload(draft, mapping, DEMO_TENANT)
        outbox = out_dir / "outbox" / "invoices"
        written += write_draft(draft, payload, out_dir, outbox, mapping)
    print_summary(drafts, console)
    return written


def busiest_month(pairs: Sequence[Pair]) -> Period:
    """The month most entries fall in: an export usually covers one month, give or take."""
    months = Counter(Period.of(entry.work_date) for entry, _ in pairs)
    if not months:
        raise InputError("no entries to draft invoices from")
    return months.most_common(1)[0][0]
