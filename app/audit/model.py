"""The audit's result: every figure the CSV/JSON outputs and the HTML report show.

Money is ``Decimal`` rounded to cents, hours ``Decimal`` rounded to 0.01; in ``audit.json`` both
are strings ("1234.50") so a spreadsheet or a chart library reads them exactly. Months are
``YYYY-MM`` of the work date. ``client`` is the SOW client id, ``internal`` for the firm's own
time, ``unknown`` when no SOW matches the tracker's client or project.

Three views of every entry are compared:

- **as logged**: the employee's Billable tick and the export's billable rate/amount;
- **as the SOW says**: the cascade's Decision (code, billable, fraction, SOW rate, amount). Hourly
  codes are valued per entry; fixed-fee work and retainer hours inside the monthly allowance are
  covered by the fee (``fee_hours``) and carry no per-entry value; retainer hours past the
  allowance are valued at the code's overage rate;
- **as invoiced**: a QuickBooks CSV (``--invoices``), else the export's own ``Invoiced`` column.
  When neither exists, the Billable tick stands in for "billed" and ``not_invoiced`` is never
  reported (``InvoiceSummary.source`` says which applied).

An approved code (the history's label column, in the export or the ``--history`` file) is what
the entry was: the SOW view uses it, and where the replay through the rules says otherwise that
is a finding of its own (``approved_code_differs``).

A ``Finding`` is one named gap on one entry, valued at SOW rates. Its ``certainty`` says how far
to trust it (``certainty.py``): ``certain`` (the code is approved or not in doubt, and invoice
data proves the gap), ``at_risk`` (likely, but the evidence that would prove it is missing: no
invoice data, the tracker's rate rather than the invoice's, a code no second stage confirms; or
a vague narrative: money a client could dispute) or ``needs_decision`` (the code is in doubt, an
invoice line could not be matched, out-of-scope work that bills only under a change order, or an
approved code the rules contradict: the value is what the proposal implies, never certain).
``AuditResult.evidence`` states, for the headline, what was assumed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from app.audit.kinds import Direction, KindInfo, LeakageKind

SCHEMA_VERSION = 1


class Certainty(StrEnum):
    CERTAIN = "certain"
    AT_RISK = "at_risk"
    NEEDS_DECISION = "needs_decision"


class InvoiceSource(StrEnum):
    QUICKBOOKS_FILE = "quickbooks_file"  # --invoices FILE
    EXPORT_COLUMNS = "export_columns"  # the export's Invoiced / Invoiced? column
    NONE = "none"  # neither: the Billable tick stands in for "billed"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Finding(Frozen):
    """One named gap on one entry."""

    entry_key: str
    client: str
    month: str
    work_date: date
    person: str
    description: str
    code: str | None
    kind: LeakageKind
    direction: Direction
    certainty: Certainty
    hours: Decimal  # the hours the gap concerns (e.g. only those past a cap)
    value: Decimal
    reason: str
    sow_clause: str
    stage: str
    confidence: float
    entry_hours: Decimal  # the whole entry, as logged


class Figures(Frozen):
    """Hours and money of a set of entries in the three views, and the gaps found in it.

    ``sow_hourly_hours`` + ``fee_hours`` = ``sow_billable_hours``; with ``non_billable_hours``
    and ``undecided_hours`` (no code proposed) they make up ``hours``: the billable mix.
    ``invoiced_*`` include invoice lines no entry matched (``invoiced_unmatched_amount``);
    what the invoice source shows against fee-covered hours (fixed fee, retainer allowance) is
    kept apart in ``invoiced_fee_work_amount``, since fees are invoiced as the SOW says, so
    ``invoiced_amount`` compares with ``sow_amount``.
    ``by_kind`` holds every finding's value whatever its certainty; the certainty split is in
    ``leakage_*`` and ``overbilled_*``.
    """

    entries: int = 0
    hours: Decimal = Decimal("0.00")
    logged_billable_hours: Decimal = Decimal("0.00")
    logged_amount: Decimal = Decimal("0.00")
    sow_billable_hours: Decimal = Decimal("0.00")
    sow_hourly_hours: Decimal = Decimal("0.00")
    fee_hours: Decimal = Decimal("0.00")
    non_billable_hours: Decimal = Decimal("0.00")
    undecided_hours: Decimal = Decimal("0.00")
    sow_amount: Decimal = Decimal("0.00")
    invoiced_hours: Decimal = Decimal("0.00")
    invoiced_amount: Decimal = Decimal("0.00")
    invoiced_unmatched_amount: Decimal = Decimal("0.00")
    invoiced_fee_work_amount: Decimal = Decimal("0.00")
    leakage_certain: Decimal = Decimal("0.00")
    leakage_at_risk: Decimal = Decimal("0.00")
    leakage_needs_decision: Decimal = Decimal("0.00")
    overbilled_certain: Decimal = Decimal("0.00")
    overbilled_at_risk: Decimal = Decimal("0.00")
    overbilled_needs_decision: Decimal = Decimal("0.00")
    findings: int = 0
    by_kind: dict[LeakageKind, Decimal] = Field(default_factory=dict)


class ClientMonthTotals(Figures):
    client: str
    month: str


class ClientTotals(Figures):
    client: str


class MonthTotals(Figures):
    month: str


class CodeTotals(Figures):
    client: str
    code: str  # "(no code)" for entries no stage proposed a code for
    name: str
    clause: str
    billable: bool | None


class KindTotal(Frozen):
    kind: LeakageKind
    info: KindInfo
    findings: int
    hours: Decimal
    value: Decimal
    certain: Decimal
    at_risk: Decimal
    needs_decision: Decimal


class StageShare(Frozen):
    """Who decided: auto-approved per stage, and ``review`` for everything sent to a person."""

    stage: str
    entries: int
    hours: Decimal
    share: float


class ConfidenceBucket(Frozen):
    low: float  # inclusive
    high: float  # exclusive, except 1.0
    auto_approved: int
    needs_review: int


class CapUsage(Frozen):
    """Use of one cap in one month. Phase and not-to-exceed (``sow``) caps accumulate over the
    months (``used_to_date``); a monthly cap starts again each month. ``code`` is ``*`` for a
    not-to-exceed cap over all of the client's billable work."""

    client: str
    code: str
    clause: str
    period: str
    unit: str  # "h" or the SOW currency
    month: str
    limit: Decimal
    used_in_month: Decimal
    used_to_date: Decimal
    over_to_date: Decimal
    alert_at: float
    alert: bool


class PendingDecisions(Frozen):
    """Entries whose code is in doubt: a person decides, then the findings become certain."""

    entries: int
    hours: Decimal
    proposed_sow_amount: Decimal
    logged_amount: Decimal
    no_code_entries: int
    no_code_hours: Decimal
    findings_value: Decimal
    by_reason: dict[str, int]
    by_client: dict[str, int]


class TopEntry(Frozen):
    """An entry ranked by money at stake: the sum of its findings' values."""

    entry_key: str
    client: str
    month: str
    work_date: date
    person: str
    description: str
    code: str | None
    kinds: list[LeakageKind]
    certainty: Certainty  # the least certain of its findings
    hours: Decimal  # the entry's logged hours
    value: Decimal
    reason: str
    sow_clause: str


MARKET_NOTE = (
    "The market research notes (reference/market.md) give no time figures for manual "
    "reconciliation; these defaults are assumptions. They support only the direction: "
    "reviewing proposals beats sorting entries by hand (section 4, item 10: "
    "MoOx/LifeTime#62), and today the audit is sold as a consulting engagement (section 0, "
    "item 4; section 5, item 3)."
)


class Assumptions(Frozen):
    """Parameters of the before/after estimate (CLI: --manual-minutes, --review-minutes,
    --setup-hours). All three defaults are assumptions, not measurements (``source``)."""

    manual_minutes_per_entry: float = Field(default=1.5, gt=0)
    review_minutes_per_flagged_entry: float = Field(default=1.0, gt=0)
    setup_hours: float = Field(default=2.0, ge=0)
    source: str = MARKET_NOTE


class BeforeAfterMonth(Frozen):
    month: str
    entries: int
    flagged_entries: int
    manual_hours: Decimal
    timebill_hours: Decimal  # without setup_hours, which is paid once per audit


class BeforeAfter(Frozen):
    """Manual reconciliation (a person reads every entry against the SOW and the invoice) vs
    review with timebill (a person reads only the flagged entries: sent to review or with a
    finding, each with its reason and SOW clause, after ``setup_hours``)."""

    assumptions: Assumptions
    entries: int
    flagged_entries: int
    manual_hours: Decimal
    timebill_hours: Decimal
    hours_saved: Decimal
    share_saved: float
    by_month: list[BeforeAfterMonth]


class InvoiceSummary(Frozen):
    source: InvoiceSource
    file: str | None = None
    lines: int = 0
    matched_lines: int = 0
    unmatched_lines: int = 0
    unmatched_amount: Decimal = Decimal("0.00")
    invoiced_entries: int = 0


class ApprovedCodes(Frozen):
    """Entries with an approved code, and how many the rules contradict."""

    column: str | None = None
    entries: int = 0
    differing: int = 0  # the rules' confident answer is another code
    differing_in_money: int = 0  # ... that bills differently: an ``approved_code_differs``
    unknown_codes: int = 0  # approved codes no rules file has (the replay is used)


class SourceFile(Frozen):
    file: str
    format: str
    rows: int
    entries: int
    unreadable_rows: int
    duplicates_skipped: int


class AuditResult(Frozen):
    """Everything ``timebill audit`` found. ``overall`` is the headline; the lists are the
    report's tables and charts (leakage per month: ``by_month``; billable mix per client:
    ``by_client``; hours vs caps: ``caps``; who decided: ``stages`` and ``confidence``)."""

    schema_version: int = SCHEMA_VERSION
    period_start: date | None
    period_end: date | None
    currency: str
    rules_versions: dict[str, str]
    claude_used: bool
    sources: list[SourceFile]
    invoices: InvoiceSummary
    approved: ApprovedCodes
    evidence: list[str]  # what was assumed, and what makes a finding certain (the headline)
    overall: Figures
    kinds: list[KindTotal]
    by_client_month: list[ClientMonthTotals]
    by_client: list[ClientTotals]
    by_month: list[MonthTotals]
    by_code: list[CodeTotals]
    stages: list[StageShare]
    entries_code_certain: int
    confidence: list[ConfidenceBucket]
    caps: list[CapUsage]
    pending: PendingDecisions
    top_entries: list[TopEntry]
    findings: list[Finding]
    before_after: BeforeAfter
    problems: list[str]
    problem_count: int
