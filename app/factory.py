"""Composition root: builds the cascade and its adapters once per process from Settings.

Every builder imports what it builds inside itself, so importing this module costs nothing
beyond the settings. ``build_services`` (the HTTP path) imports only the store and the queue:
the classifier, yaml and the rule book come with ``build_worker``, which the thread queue calls
on its own thread at its first job and the SQS queue never calls; boto3 comes with the first
SQS enqueue; the anthropic SDK only with a Claude stage, the QuickBooks SDK only with the
QuickBooks writer. ``tests/service/test_cold_path.py`` holds the HTTP path to this.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar, cast

from app.config import Settings
from app.errors import ConfigError

if TYPE_CHECKING:
    from pathlib import Path

    from app.adapters.quickbooks_client import QboApi, QboConnector
    from app.adapters.quickbooks_token_sqlite import SqliteTokenStore
    from app.adapters.supabase_tokens import SupabaseTokenStore
    from app.classify.calibration import Calibration
    from app.classify.cascade import Cascade
    from app.classify.claude import ClaudeStage
    from app.classify.claude_batch import BatchedClaude
    from app.classify.memory import Memory
    from app.classify.rules_stage import RulesStage
    from app.domain.entries import Source
    from app.domain.rulebook import RuleBook
    from app.ports import ClassifierStage, Queue, Reader, RulesStore, Store, Writer
    from app.service.qbo_health import QboHealth
    from app.service.rules_provider import StoreRules
    from app.service.services import Services
    from app.service.worker import Worker

S = TypeVar("S")


def build_stages(
    settings: Settings,
    memory: Memory,
    rules: RulesStage | None = None,
    claude: ClassifierStage | None = None,
) -> list[ClassifierStage]:
    """Rules, memory, then ``claude`` if given, else the online Claude stage when enabled."""
    from app.classify.memory import MemoryStage  # noqa: PLC0415
    from app.classify.rules_stage import RulesStage  # noqa: PLC0415

    stages: list[ClassifierStage] = [rules or RulesStage(), MemoryStage(memory)]
    if claude is None and settings.llm_enabled:
        claude = build_claude_stage(settings, memory)
    if claude is not None:
        stages.append(claude)
    return stages


def build_batched_claude(settings: Settings, memory: Memory) -> BatchedClaude:
    """The Claude stage for ``--batch``: the online stage's own request builder (the prompt
    cannot drift between the two paths), its answers from a Message Batch."""
    from app.classify.claude_batch import BatchedClaude  # noqa: PLC0415

    return BatchedClaude(build_claude_stage(settings, memory).build_request)


def build_claude_stage(settings: Settings, memory: Memory) -> ClaudeStage:
    from app.adapters.anthropic_llm import build_llm  # noqa: PLC0415 - keep the SDK off cold paths
    from app.classify.claude import ClaudeStage  # noqa: PLC0415

    return ClaudeStage(
        build_llm(settings),
        max_description_chars=settings.max_description_chars,
        max_tokens=settings.llm_max_tokens,
        examples=lambda entry, ctx, k: memory.nearest_examples(ctx.client_id, entry.description, k),
    )


def build_cascade(
    settings: Settings,
    book: RuleBook,
    memory: Memory,
    calibration: Calibration | None = None,
    claude: ClassifierStage | None = None,
    *,
    rules: RulesStage | None = None,
) -> Cascade:
    """``calibration``: each rule's precision on the approved history (``app.rules.backtest``);
    without it the typed confidences stand. Memory always checks a confident rule. ``claude``:
    a Claude stage to use instead of the one the settings would build (the batch path's).
    ``rules``: the rules stage the history was back-tested with (its compiled rules and
    readings of descriptions serve again), given ``calibration`` here."""
    from app.classify.calibration import NO_CALIBRATION  # noqa: PLC0415
    from app.classify.cascade import Cascade  # noqa: PLC0415
    from app.classify.mixed import SegmentReader  # noqa: PLC0415
    from app.classify.rules_stage import RulesStage  # noqa: PLC0415

    rules = rules or RulesStage()
    rules.calibration = calibration or NO_CALIBRATION
    return Cascade(
        book,
        build_stages(settings, memory, rules, claude),
        deadline_s=settings.deadline_ms / 1000,
        segments=SegmentReader(rules, memory),
        memory=memory,
    )


def build_store(settings: Settings) -> Store:
    if settings.store == "supabase":
        from app.adapters.supabase_store import SupabaseStore  # noqa: PLC0415

        return SupabaseStore.from_settings(settings)
    from app.adapters.sqlite_store import SqliteStore  # noqa: PLC0415

    settings.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    return _sqlite_file("TIMEBILL_SQLITE_PATH", settings.sqlite_path, SqliteStore)


def _sqlite_file(variable: str, path: Path, opener: Callable[[Path], S]) -> S:
    """``opener(path)``; a file SQLite cannot use as a database is the setting's mistake, said
    as a ``ConfigError`` naming the variable and path (a busy or locked file is not: raised)."""
    import sqlite3  # noqa: PLC0415

    try:
        return opener(path)
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        if path.is_dir():
            problem = "is a folder; give the path of the store's file"
        elif "not a database" in text:
            problem = "is not a SQLite database (damaged, or another file): give the store's file"
        elif "unable to open" in text or "readonly" in text:
            problem = f"cannot be opened for writing ({text}): check the path and its permissions"
        else:
            raise
        raise ConfigError(f"{variable} {path}: {problem}") from None


def build_worker(settings: Settings, store: Store) -> Worker:
    from app.review.learning import bank_for  # noqa: PLC0415
    from app.service.classifiers import Classifiers  # noqa: PLC0415
    from app.service.worker import Worker  # noqa: PLC0415

    settings = settings.for_batch()  # a worker answers after the ack: no 500 ms to meet
    classifiers = Classifiers(
        build_rules_provider(settings, store),
        lambda book, memory, calibration: build_cascade(settings, book, memory, calibration),
        memory_for=bank_for(store).memory,  # taught by reviewers, kept in the store
    )
    from app.connectors.clockify_entry import ClockifyRereader  # noqa: PLC0415

    writer, reader = build_writer_and_reader(settings, store)
    rereader = ClockifyRereader()  # reads back only for tenants with a Clockify API key
    return Worker(
        store, writer, classifiers.cascade_for, reader=reader, trackers=build_tracker_writers(),
        rereaders={rereader.source: rereader},
        write_reviews=settings.review_write == "mark", lease_s=settings.worker_lease_s,
    )  # fmt: skip


def build_rules_provider(settings: Settings, store: Store) -> StoreRules:
    """Each tenant's current rules version from the store. With the SQLite store a tenant that
    has none uses ``settings.rules_dir`` (the embedded default: the demo and local runs work
    with no import); with Supabase it is an error naming the import command, never another
    firm's rules."""
    from app.service.rules_provider import DirectoryRules, StoreRules  # noqa: PLC0415

    fallback = None if settings.store == "supabase" else DirectoryRules(settings.rules_dir)
    rules_store = cast("RulesStore", store)  # both stores implement RulesStore too
    return StoreRules(rules_store, fallback, check_every_s=settings.rules_check_s)


def build_writer_and_reader(
    settings: Settings, store: Store | None = None
) -> tuple[Writer, Reader | None]:
    """The outbox locally (QuickBooks events read from the local sandbox company when there is
    one, else they wait); QuickBooks reads and writes in prod.
    Both look the tenant's mapping up at each call: in ``store`` first, else the mapping file."""
    from app.service.qbo_mappings import StoredMappings  # noqa: PLC0415

    mappings = StoredMappings(store, settings.qbo_mapping_path)
    if settings.writer == "outbox":
        from app.adapters.outbox_writer import OutboxWriter  # noqa: PLC0415

        refuse_outbox_on_lambda()
        reader: Reader | None = None
        if settings.qbo_sandbox_dir.is_dir():
            from app.adapters.qbo_sandbox_reader import SandboxReader  # noqa: PLC0415

            reader = SandboxReader(settings.qbo_sandbox_dir, mappings)
        return OutboxWriter(settings.outbox_dir, mappings), reader
    from app.adapters.quickbooks_reader import QboReader  # noqa: PLC0415
    from app.adapters.quickbooks_writer import QuickBooksWriter  # noqa: PLC0415

    api = build_qbo_api(settings)
    return QuickBooksWriter(api, mappings), QboReader(api, mappings)


def build_tracker_writers() -> dict[Source, Writer]:
    """The trackers decisions can be written back to, for tenants whose ``SourceAccess.writes``
    says ``tracker`` or ``both`` (each with the tenant's own API key or token). Harvest has
    none: ``Tenant`` refuses ``writes`` other than ``quickbooks`` for it (``declined``)."""
    from app.adapters.clockify_writer import ClockifyWriter  # noqa: PLC0415
    from app.adapters.toggl_writer import TogglWriter  # noqa: PLC0415
    from app.domain.entries import Source  # noqa: PLC0415

    return {Source.CLOCKIFY: ClockifyWriter(), Source.TOGGL: TogglWriter()}


def refuse_outbox_on_lambda() -> None:
    """On AWS Lambda the outbox would be the environment's temporary folder, lost with it:
    entries would be marked posted and written nowhere. Refused, so the worker fails its jobs
    and every delivery waits in the store as received until the stack is deployed with
    ``Writer=quickbooks`` (the sweep then re-enqueues them). ``AWS_LAMBDA_FUNCTION_NAME`` is
    set by the Lambda runtime."""
    if os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):
        raise ConfigError(
            "TIMEBILL_WRITER=outbox on AWS Lambda writes to a temporary folder that is lost: "
            "deploy with Writer=quickbooks (RUNBOOK.md, 'Choose the writer')"
        )


def qbo_health(
    settings: Settings, *, store: Store | None = None, ttl_s: float = 60.0,
    clock: Callable[[], float] = time.monotonic,
) -> QboHealth:  # fmt: skip
    """The QuickBooks health check over this process's token store."""
    from app.service.qbo_health import QboHealth  # noqa: PLC0415

    return QboHealth(
        settings, lambda: build_token_store(settings), ttl_s=ttl_s, clock=clock, store=store
    )


def build_token_store(settings: Settings) -> SqliteTokenStore | SupabaseTokenStore:
    """Where QuickBooks tokens live: Supabase with the Supabase store (Lambdas have no durable
    disk), else a SQLite file. Neither module imports the QuickBooks SDK."""
    if settings.store == "supabase":
        from app.adapters.supabase_tokens import SupabaseTokenStore  # noqa: PLC0415

        return SupabaseTokenStore.from_settings(settings)
    from app.adapters.quickbooks_token_sqlite import SqliteTokenStore  # noqa: PLC0415

    settings.qbo_token_path.parent.mkdir(parents=True, exist_ok=True)
    return _sqlite_file("TIMEBILL_QBO_TOKEN_PATH", settings.qbo_token_path, SqliteTokenStore)


_qbo: dict[tuple[object, ...], Any] = {}


def build_qbo_connector(settings: Settings) -> QboConnector:
    """One connector (so one ``AuthClient``, whose constructor fetches Intuit's discovery
    document) per process and app, however many writers, readers and commands ask."""
    from app.adapters.quickbooks_client import QboConnector  # noqa: PLC0415

    assert settings.qbo_client_id
    assert settings.qbo_client_secret
    key = ("connector", settings.qbo_client_id, settings.qbo_environment, settings.qbo_redirect_uri)
    if key not in _qbo:
        _qbo[key] = QboConnector(
            client_id=settings.qbo_client_id, client_secret=settings.qbo_client_secret,
            redirect_uri=settings.qbo_redirect_uri, environment=settings.qbo_environment,
        )  # fmt: skip
    connector: QboConnector = _qbo[key]
    return connector


def build_qbo_api(settings: Settings) -> QboApi:
    """The QuickBooks API client, shared in the process: one token manager and one request
    budget per company, whoever writes (the worker, the review page)."""
    from app.adapters.quickbooks_client import QboApi  # noqa: PLC0415
    from app.adapters.quickbooks_tokens import TokenManager  # noqa: PLC0415

    key = ("api", settings.qbo_client_id, settings.qbo_environment, settings.store,
           str(settings.qbo_token_path), settings.supabase_url)  # fmt: skip
    if key not in _qbo:
        connector = build_qbo_connector(settings)
        _qbo[key] = QboApi(connector, TokenManager(build_token_store(settings), connector))
    api: QboApi = _qbo[key]
    return api


def build_queue(settings: Settings, store: Store) -> Queue:
    """SQS on Lambda; locally a worker thread in this process, which builds its worker (the
    classifier, the rules, the writers) at its first job, on its own thread, so the request
    that enqueued that job does not wait for it (``timebill serve`` checks the build at start)."""
    if settings.queue == "sqs":
        from app.adapters.sqs_queue import SqsQueue  # noqa: PLC0415

        assert settings.sqs_queue_url is not None  # Settings guards this
        return SqsQueue(settings.sqs_queue_url)
    from app.adapters.local_queue import ThreadQueue  # noqa: PLC0415

    @cache  # a failed build is not cached: the next job tries again
    def worker() -> Worker:
        return build_worker(settings, store)

    queue = ThreadQueue(lambda tenant, item_id: worker().process(tenant, item_id))
    queue.start()
    return queue


def build_services(settings: Settings) -> Services:
    from app.service.services import Services, utc_now  # noqa: PLC0415

    store = build_store(settings)
    qbo = None
    if settings.writer == "quickbooks" and settings.qbo_mapping_path is not None:
        qbo = qbo_health(settings, store=store)
    return Services(settings, store, build_queue(settings, store), utc_now, qbo)
