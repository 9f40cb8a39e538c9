"""Settings from the environment (prefix ``TIMEBILL_``), with guards against unsafe values.

A plain pydantic model reads its own variables (``_from_environment``): every setting is one
scalar named ``TIMEBILL_<SETTING>`` (any case), so the whole of the environment source is a
dictionary look-up per field, and pydantic validates and converts the text as it does any
input. (``pydantic-settings`` did this before; its import cost the worker's cold start 261 ->
234 ms, measured with ``bench/cold_start.py``, and every CLI command paid it too.)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from app.errors import ConfigError

DEFAULT_MODEL = "claude-haiku-5-5"
SSM_SUFFIX = "_SSM"
# Plain settings that may also be named by SSM reference: kept next to the app's secrets.
SSM_PLAIN = frozenset({"qbo_client_id"})


class Settings(BaseModel):
    """Runtime configuration. Secrets are ``SecretStr`` so they never print in logs or reprs.

    Built from, highest first: the values given (``Settings(deadline_ms=750)``), the
    environment (``TIMEBILL_DEADLINE_MS=750``; ``ANTHROPIC_API_KEY`` is read without the
    prefix, as the SDK's users expect), and secrets named by reference,
    ``TIMEBILL_<SETTING>_SSM`` (``ssm_references``).
    """

    model_config = ConfigDict(extra="ignore", validate_default=True, populate_by_name=True)

    rules_dir: Path = Path("sow_rules")
    # How often the service reads a tenant's current rules version from the store: entries of
    # one batch (within this many seconds) share one read; a published version or a rollback
    # is in force for the next batch after at most this long (app/service/rules_provider.py).
    rules_check_s: float = Field(default=1.0, ge=0, le=300)
    deadline_ms: int = Field(default=500, ge=50, le=60_000)
    # Batch runs (exports, audits) with Claude on wait longer than a live webhook needs to:
    # a Haiku call takes ~0.6-1.5 s end to end. Used only when deadline_ms is not set.
    batch_deadline_ms: int = Field(default=5_000, ge=50, le=120_000)
    llm_provider: Literal["anthropic", "bedrock", "none"] = "anthropic"
    model: str = DEFAULT_MODEL
    anthropic_api_key: SecretStr | None = Field(default=None, validation_alias="ANTHROPIC_API_KEY")
    anthropic_base_url: str | None = None
    aws_region: str | None = None
    llm_max_tokens: int = Field(default=200, ge=16, le=4096)
    llm_max_retries: int = Field(default=0, ge=0, le=5)
    llm_concurrency: int = Field(default=4, ge=1, le=64)
    max_description_chars: int = Field(default=1_000, ge=50, le=10_000)
    memory_min_similarity: float = Field(default=0.75, ge=0.0, le=1.0)
    # What a labelled history taught (memory, its measured confidence, each rule's precision)
    # is saved here per tenant and history + rules fingerprint (app/classify/learned_cache.py),
    # so the next run with the same history and rules loads it instead of relearning.
    # Empty: never saved or read.
    cache_dir: Path | None = Path("out/cache")

    # The webhook service
    store: Literal["sqlite", "supabase"] = "sqlite"
    sqlite_path: Path = Path("out/timebill.sqlite3")
    queue: Literal["thread", "sqs"] = "thread"
    sqs_queue_url: str | None = None
    outbox_dir: Path = Path("out/outbox")
    # With the outbox writer: a local QuickBooks company whose TimeActivities (``{Id}.json``)
    # QuickBooks events are read from (the demo's; a folder that does not exist: events wait).
    qbo_sandbox_dir: Path = Path("examples/demo_firm/qbo_sandbox")
    api_base_path: str = "/"
    # The deployed stage (dev, staging, prod): the dimension of the sweep's alarm metrics.
    stage: str = Field(default="local", pattern=r"^[A-Za-z0-9_-]{1,32}$")

    # Where decisions go: the outbox folder (embedded default) or QuickBooks Online
    writer: Literal["outbox", "quickbooks"] = "outbox"
    review_write: Literal["hold", "mark"] = "hold"  # mark: write NotBillable with a REVIEW line
    qbo_client_id: str | None = None
    qbo_client_secret: SecretStr | None = None
    qbo_redirect_uri: str = "http://localhost:8000/qbo/callback"
    qbo_environment: Literal["sandbox", "production"] = "sandbox"
    qbo_mapping_path: Path | None = None
    qbo_token_path: Path = Path("out/qbo_tokens.sqlite3")
    # The Intuit app's webhook verifier token (one per app, every connected company), and the
    # previous one while a rotation is under way: POST /webhooks/quickbooks verifies with them.
    qbo_verifier_token: SecretStr | None = None
    qbo_verifier_token_previous: SecretStr | None = None
    max_body_bytes: int = Field(default=262_144, ge=1_024, le=6_000_000)
    worker_lease_s: float = Field(default=60.0, gt=0)
    # Supabase store. The key is the anon/publishable key: it only passes the API gateway.
    # Each request is authorised by a short-lived per-tenant JWT signed with the project's
    # JWT secret, so RLS applies; the service-role key is never needed at run time.
    supabase_url: str | None = Field(default=None, pattern=r"^https?://[^\s/]+")
    supabase_key: SecretStr | None = None
    supabase_jwt_secret: SecretStr | None = None
    supabase_schema: str = Field(default="timebill", pattern=r"^[a-z_][a-z0-9_]*$")
    supabase_timeout_s: float = Field(default=5.0, gt=0.0, le=60.0)
    supabase_token_ttl_s: int = Field(default=300, ge=60, le=3600)
    # Retention (app/service/retention.py): the sweep moves posted and skipped items whose
    # receipt and last change are older than this many days to the store's archive (still
    # readable, still deduplicating); 0 keeps everything in the inbox. 400 days: a full year
    # of billing plus a quarter to settle disputes and year-end audits stays in the inbox.
    retention_days: int = Field(default=400, ge=0, le=36_500)
    # Review sign-in: how long a sign-in link works (it works once), and a session's length.
    signin_link_minutes: int = Field(default=15, ge=1, le=24 * 60)
    review_session_hours: float = Field(default=8.0, gt=0, le=24 * 7)

    # Tracker API pulls (``timebill pull``, the scheduled poll): read only when used.
    harvest_token: SecretStr | None = None
    harvest_account_id: SecretStr | None = None
    clockify_api_key: SecretStr | None = None
    toggl_api_token: SecretStr | None = None
    qbtime_token: SecretStr | None = None
    # The scheduled poll (app/service/tracker_poll.py): where each (tenant, source) cursor is
    # kept (on Lambda /tmp, lost with the environment), and how far back a poll without one
    # starts.
    poll_cursor_dir: Path = Path("out/poll")
    poll_lookback_hours: int = Field(default=24, ge=1, le=24 * 92)
    # ``timebill crm pull hubspot``: a HubSpot private app's access token (RUNBOOK.md lists
    # the scopes); the API host is changed only to point at a local fake.
    hubspot_token: SecretStr | None = None
    hubspot_host: str = Field(  # http only to this machine: the token travels with each call
        default="https://api.hubapi.com",
        pattern=r"^(https://[^\s/]+|http://(127\.0\.0\.1|localhost)(:\d+)?)/?$",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_environment(cls, given: Any) -> Any:
        """What was given over the environment over the secrets named by reference."""
        if not isinstance(given, dict):
            return given
        environment = environment_values(cls, os.environ)
        return ssm_references(cls, os.environ) | environment | _by_name(cls, given)

    @field_validator("cache_dir", mode="before")
    @classmethod
    def _empty_is_no_cache(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _bedrock_needs_region(self) -> Settings:
        if self.llm_provider == "bedrock" and not self.aws_region:
            raise ValueError("TIMEBILL_LLM_PROVIDER=bedrock needs TIMEBILL_AWS_REGION")
        if self.writer == "quickbooks":
            missing = [
                name
                for name, value in (
                    ("TIMEBILL_QBO_CLIENT_ID", self.qbo_client_id),
                    ("TIMEBILL_QBO_CLIENT_SECRET", self.qbo_client_secret),
                )  # the mapping is read from the store (TIMEBILL_QBO_MAPPING_PATH: a fallback)
                if not value
            ]
            if missing:
                raise ValueError(f"TIMEBILL_WRITER=quickbooks needs {', '.join(missing)}")
        if self.queue == "sqs" and not self.sqs_queue_url:
            raise ValueError("TIMEBILL_QUEUE=sqs needs TIMEBILL_SQS_QUEUE_URL")
        return self

    @model_validator(mode="after")
    def _supabase_complete(self) -> Settings:
        needed = (self.supabase_url, self.supabase_key, self.supabase_jwt_secret)
        if self.store == "supabase" and not all(needed):
            raise ValueError(
                "TIMEBILL_STORE=supabase needs TIMEBILL_SUPABASE_URL, TIMEBILL_SUPABASE_KEY"
                " and TIMEBILL_SUPABASE_JWT_SECRET"
            )
        return self

    def for_batch(self) -> Settings:
        """These settings for a batch run: a longer per-entry budget when Claude is on."""
        if not self.llm_enabled or "deadline_ms" in self.model_fields_set:
            return self
        return self.model_copy(update={"deadline_ms": self.batch_deadline_ms})

    @property
    def llm_enabled(self) -> bool:
        """Claude is used only when it can be reached: a key, or Bedrock's AWS credentials."""
        if self.llm_provider == "none":
            return False
        if self.llm_provider == "bedrock":
            return True
        return self.anthropic_api_key is not None and bool(
            self.anthropic_api_key.get_secret_value()
        )


def environment_values(cls: type[BaseModel], environ: Mapping[str, str]) -> dict[str, str]:
    """``{setting: text}`` for each setting in ``environ``: ``TIMEBILL_<SETTING>`` or the
    setting's own name (``ANTHROPIC_API_KEY``), in any case. An empty value counts as set."""
    upper = {name.upper(): value for name, value in environ.items()}
    found = {}
    for name, field in cls.model_fields.items():
        value = upper.get(_variable(name, field.validation_alias))
        if value is not None:
            found[name] = value
    return found


def _variable(name: str, alias: object) -> str:
    return (alias if isinstance(alias, str) else f"TIMEBILL_{name}").upper()


def settings_problem(exc: ValidationError) -> str:
    """What was refused, one clause per setting, named as it is set (``TIMEBILL_DEADLINE_MS``)
    and never with the value given: it may be a secret."""
    fields, said = Settings.model_fields, []
    for error in exc.errors(include_url=False, include_context=False, include_input=False):
        name = str(error["loc"][0]) if error["loc"] else ""
        message = error["msg"].removeprefix("Value error, ")
        if name in fields:
            message = f"{_variable(name, fields[name].validation_alias)}: {message}"
        said.append(message)
    return "settings: " + "; ".join(said)


def _by_name(cls: type[BaseModel], given: dict[str, Any]) -> dict[str, Any]:
    """The values given, keyed by setting name (``ANTHROPIC_API_KEY=`` is accepted too)."""
    names = {
        field.validation_alias: name
        for name, field in cls.model_fields.items()
        if isinstance(field.validation_alias, str)
    }
    return {names.get(key, key): value for key, value in given.items()}


def ssm_references(cls: type[BaseModel], environ: Mapping[str, str]) -> dict[str, Any]:
    """Secrets given by reference: ``TIMEBILL_<SETTING>_SSM=/timebill/prod/...``.

    Any ``SecretStr`` setting (and the few in ``SSM_PLAIN``, such as the QuickBooks app's client
    id, kept beside its secret) can be named this way (on Lambda they all are: the environment
    holds parameter names, never values). The values are read from SSM Parameter Store in one
    call when the settings are built, once per process since ``get_settings`` is cached, and
    ``boto3`` is imported only when a reference is present.
    """
    wanted = secret_references(cls, environ)
    if not wanted:
        return {}
    from app.adapters.aws_secrets import read_parameters  # noqa: PLC0415 - only when named

    values = read_parameters(list(wanted.values()), region=environ.get("TIMEBILL_AWS_REGION"))
    return {key: _plain(key, values[name]) for key, name in wanted.items()}


def _plain(key: str, value: Any) -> Any:
    """A plain setting named by reference is given as its text (the others stay secret)."""
    if key in SSM_PLAIN and isinstance(value, SecretStr):
        return value.get_secret_value()
    return value


def secret_references(cls: type[BaseModel], environ: Mapping[str, str]) -> dict[str, str]:
    """``{settings key: parameter name}`` for each ``SecretStr`` setting given by reference.

    A plain value next to a reference for the same setting is refused: which one wins would
    depend on precedence rules nobody remembers in the middle of a key rotation.
    """
    wanted = {}
    for name, field in cls.model_fields.items():
        reference = environ.get(f"TIMEBILL_{name.upper()}{SSM_SUFFIX}")
        secret = SecretStr in (field.annotation, *get_args(field.annotation))
        if not reference or not (secret or name in SSM_PLAIN):
            continue
        plain = _variable(name, field.validation_alias)
        if environ.get(plain):
            raise ConfigError(f"set {plain} or TIMEBILL_{name.upper()}{SSM_SUFFIX}, not both")
        wanted[name] = reference
    return wanted


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings (a Lambda cold start's, ``timebill serve``'s). A refused value is
    a ``ConfigError`` of one line, ``settings_problem``'s: each variable named as it is set,
    no value shown. pydantic's own text runs to lines per field and echoes what was given,
    which on Lambda would be the error the function reports and logs."""
    try:
        return Settings()
    except ValidationError as exc:
        raise ConfigError(settings_problem(exc)) from None
