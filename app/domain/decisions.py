"""What the cascade decides about one entry, and the pieces stages hand to each other."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from app.domain.basis import Basis


class Stage(StrEnum):
    RULES = "rules"
    MEMORY = "memory"
    CLAUDE = "claude"
    REVIEW = "review"


class ReviewReason(StrEnum):
    """Machine-readable reasons a person must look at an entry."""

    NO_MATCH = "no_match"
    LOW_CONFIDENCE = "low_confidence"
    AMBIGUOUS = "ambiguous"
    UNKNOWN_CLIENT = "unknown_client"
    POSSIBLE_WRONG_CLIENT = "possible_wrong_client"
    MIXED_ACTIVITIES = "mixed_activities"
    VAGUE = "vague_narrative"
    SUSPICIOUS_TEXT = "suspicious_text"
    RULE_FLAG = "rule_flag"
    CODE_REVIEW = "code_requires_review"
    CODE_INACTIVE = "code_inactive"
    OVER_ENTRY_HOURS = "over_entry_hours"
    OVER_DAY_HOURS = "over_day_hours"
    OVER_TRAVEL_HOURS = "over_travel_hours"
    OVER_CAP = "over_cap"
    OVER_REQUEST_HOURS = "over_request_hours"
    OUT_OF_SCOPE = "out_of_scope"
    CHANGE_ORDER_PENDING = "change_order_pending"
    CHANGE_REQUEST = "change_request"
    BILLABLE_FLAG_CONFLICT = "billable_flag_conflict"
    NO_RATE = "no_rate"
    MODEL_DISABLED = "model_disabled"
    MODEL_REFUSAL = "model_refusal"
    MODEL_TRUNCATED = "model_truncated"
    MODEL_INVALID_OUTPUT = "model_invalid_output"
    MODEL_UNKNOWN_CODE = "model_unknown_code"
    MODEL_ABSTAINED = "model_abstained"
    MODEL_ERROR = "model_error"
    DEADLINE = "deadline_exceeded"
    IMPORT_ERROR = "import_error"
    HISTORY_DISAGREES = "history_disagrees"
    # The firm's approved history holds no entry this rule would have decided, or one: its
    # typed confidence was never put to the test, so a person confirms what it proposes.
    UNTESTED_RULE = "untested_rule"
    # The rule matched only on what the person picked in the tracker (task, project, tags),
    # while the description's words match another code's rule: which one did they mean?
    PICKED_NOT_WRITTEN = "picked_not_written"
    # The rule won over a lower rule of another code that matched more of the entry, on its
    # priority alone, and no approved entry has ever shown which of the two is right.
    UNTESTED_PRECEDENCE = "untested_precedence"
    # The rule matched on the entry's date alone (a phase by its dates): nothing in the words,
    # the tracker's picks or the approved history says the entry is this code.
    ONLY_THE_DATE = "only_the_date"
    # The words (ids, picks) match a rule of another code that only its dates leave out, and
    # the rule that decided does not rest on them: the date decides, and a person confirms.
    OUTSIDE_DATES = "outside_dates"
    # The words decided over a rule of another code that matched on the task or project the
    # person picked, and the note repeats that pick: both are what the person meant.
    PICK_REPEATED = "pick_repeated"
    # The rule matched only on what the person picked in the tracker, on a day one of the
    # rules' date lists names (a firm holiday, an on-site day) that the rule does not test.
    PICKED_ON_LISTED_DAY = "picked_on_listed_day"
    # No longer given: the worker sent a cap's code memory decided to a person while it kept
    # no running totals of caps; it keeps them now (``app.service.live_sums``). Kept so the
    # decisions stored with it read back.
    CAP_UNCHECKED = "cap_unchecked"
    # Memory decided, while a rule that tests the entry's date, weekday, start time or hours
    # (facts memory does not read) gives another code: its habit may predate the change.
    DATED_RULE_DISAGREES = "dated_rule_disagrees"
    # A firm's leave code (time off, holiday, sickness) for an entry logged on a client's
    # project: the leave words may be the client's matter ("locked out after vacation"), or
    # the person picked the wrong project; either way a person confirms before it is unbilled.
    LEAVE_ON_CLIENT_PROJECT = "leave_on_client_project"
    # Every word the rule matched follows a negation in the note ("branch leaders (not
    # Larkspur)"): the note says the entry is not what the rule's words name.
    NEGATED_WORDS = "negated_words"
    # The entry changed (or was deleted) at the source after QuickBooks invoiced its record:
    # the record is left as billed and a person settles the difference.
    CHANGED_AFTER_INVOICE = "changed_after_invoice"


class LlmUsage(BaseModel):
    model_config = ConfigDict(frozen=True)

    model: str
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    latency_ms: float = 0.0
    request_id: str | None = None


class Proposal(BaseModel):
    """A stage's answer: a code it believes in, how much, and why."""

    model_config = ConfigDict(frozen=True)

    stage: Stage
    code: str
    confidence: float = Field(ge=0.0, le=1.0)
    reason: str
    clause: str = ""
    flags: tuple[ReviewReason, ...] = ()
    notes: tuple[str, ...] = ()
    usage: LlmUsage | None = None
    measured: bool = False  # the confidence is a precision measured on approved history
    dated: bool = False  # a rule that tested the entry's date, weekday, start time or hours


class Abstain(BaseModel):
    """A stage that could not decide; its reasons travel on to review."""

    model_config = ConfigDict(frozen=True)

    stage: Stage
    reasons: tuple[ReviewReason, ...] = ()
    note: str = ""
    usage: LlmUsage | None = None
    best_guess: Proposal | None = None


StageOutcome = Proposal | Abstain


class Decision(BaseModel):
    """The verdict on one entry version: code, money, confidence, and whether a PM must look."""

    model_config = ConfigDict(frozen=True)

    entry_key: str
    entry_version: str
    client_id: str | None
    code: str | None
    billable: bool
    billable_fraction: Decimal
    rate: Decimal | None
    amount: Decimal
    basis: Basis
    hours: Decimal
    confidence: float
    needs_review: bool
    review_reasons: tuple[ReviewReason, ...] = ()
    stage: Stage
    reason: str
    sow_clause: str = ""
    rules_version: str = ""
    usage: LlmUsage | None = None
    elapsed_ms: float = 0.0

    @property
    def auto_approved(self) -> bool:
        return not self.needs_review
