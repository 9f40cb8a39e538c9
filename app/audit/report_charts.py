"""The report's charts, drawn from an ``AuditResult`` with the primitives of ``charts.py``.

Leakage and overbilling per month (stacked by kind), the billable mix per client, peak use of
every cap and each cap month by month (with the cap line), who decided and how sure.
``name`` turns a client id into the name the page shows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal

from app.audit.charts import Chart, Drawn, Money, Series, draw, hours_text, month_label, number
from app.audit.kinds import KINDS, Direction, LeakageKind
from app.audit.model import AuditResult, CapUsage

Namer = Callable[[str], str]
CapGroups = dict[tuple[str, str, str, str], list[CapUsage]]
ZERO = Decimal(0)
KIND_COLORS = {
    LeakageKind.MARKED_NON_BILLABLE: "#1d4ed8",
    LeakageKind.NOT_INVOICED: "#0e7490",
    LeakageKind.RATE_BELOW_SOW: "#a16207",
    LeakageKind.OVER_CAP_GIVEN_AWAY: "#7c3aed",
    LeakageKind.OUT_OF_SCOPE: "#15803d",
    LeakageKind.VAGUE_NARRATIVE: "#64748b",
    LeakageKind.NON_BILLABLE_BILLED: "#b91c1c",
    LeakageKind.BILLED_ABOVE_SOW: "#be185d",
    LeakageKind.APPROVED_CODE_DIFFERS: "#c2410c",
}
MIX = (
    Series("sow_hourly_hours", "SOW hourly", "#1d4ed8"),
    Series("fee_hours", "Covered by a fee", "#0e7490"),
    Series("non_billable_hours", "Non-billable", "#64748b"),
    Series("undecided_hours", "Undecided (no code)", "#c2410c"),
)
STAGE_COLORS = {"rules": "#1d4ed8", "memory": "#0e7490", "claude": "#7c3aed", "review": "#c2410c"}
DECIDED = (
    Series("auto_approved", "Decided automatically", "#1d4ed8"),
    Series("needs_review", "Sent to a person", "#c2410c"),
)
CAP_SERIES = (Series("within", "Within the cap", "#0e7490"), Series("over", "Past it", "#b91c1c"))


def words(key: str) -> str:
    return key.replace("_", " ").capitalize()


def kind_series(direction: Direction) -> list[Series]:
    # An approved code the rules contradict is a decision to take, not leakage of a month.
    kinds = [
        k
        for k in LeakageKind
        if KINDS[k].direction is direction and k is not LeakageKind.APPROVED_CODE_DIFFERS
    ]
    return [Series(k.value, KINDS[k].label, KIND_COLORS[k]) for k in kinds]


def per_month_chart(result: AuditResult, direction: Direction) -> Drawn:
    money, series = Money(result.currency), kind_series(direction)
    months = [m.month for m in result.by_month]
    values = [[m.by_kind.get(LeakageKind(s.key), ZERO) for s in series] for m in result.by_month]
    what = "Leakage" if direction is Direction.LEAKAGE else "Overbilling"
    total = sum((sum(v, ZERO) for v in values), ZERO)
    chart = Chart(
        ident=f"chart-{direction.value}-month", title=f"{what} per month, by kind",
        desc=f"{what} found in each month of work, stacked by kind, valued at SOW rates; "
        f"{money(total)} in all over {len(months)} months, whatever the certainty.",
        categories=months, series=series, values=values, fmt=money, tick=money.short,
        labels=[month_label(m, i == 0) for i, m in enumerate(months)], width=1040, height=280,
    )  # fmt: skip
    return draw(chart)


def mix_chart(result: AuditResult, name: Namer) -> Drawn:
    rows = result.by_client
    chart = Chart(
        ident="chart-mix-client", title="Billable mix per client, in hours",
        desc="Each client's logged hours split by what its SOW says: billed by the hour, "
        "covered by a fixed fee or retainer, not billable, or no code proposed yet.",
        categories=[c.client for c in rows], series=MIX,
        values=[[getattr(c, s.key) for s in MIX] for c in rows], fmt=hours_text,
        tick=number, labels=[name(c.client) for c in rows], width=1040,
    )  # fmt: skip
    return draw(chart, horizontal=True, label_width=220)


def stage_chart(result: AuditResult) -> Drawn:
    shown = [s for s in result.stages if s.entries or s.stage != "claude" or result.claude_used]
    series = [Series(s.stage, words(s.stage), STAGE_COLORS.get(s.stage, "#334155")) for s in shown]
    percent = [Decimal(str(round(s.share * 100, 1))) for s in shown]
    chart = Chart(
        ident="chart-stages", title="Who decided each entry",
        desc="Share of entries each stage decided without a person; 'Review' is the share "
        "sent to a person.",
        categories=[s.stage for s in shown], series=series,
        values=[[p if j == i else ZERO for j in range(len(shown))] for i, p in enumerate(percent)],
        fmt=lambda v: f"{number(v, 1)}%", tick=lambda v: f"{number(v)}%",
        labels=[words(s.stage) for s in shown], width=520,
    )  # fmt: skip
    return draw(chart, horizontal=True, note=f"{result.overall.entries:,} entries in all.")


def confidence_chart(result: AuditResult) -> Drawn:
    bands = result.confidence
    chart = Chart(
        ident="chart-confidence", title="Confidence of the proposed codes",
        desc="Entries per confidence band, split into those decided automatically and those "
        "sent to a person.",
        categories=[f"{b.low:g}-{b.high:g}" for b in bands], series=DECIDED,
        values=[[Decimal(b.auto_approved), Decimal(b.needs_review)] for b in bands],
        fmt=lambda v: f"{number(v)} entries", tick=short_count,
        labels=[f"{b.low:g}–{b.high:g}" for b in bands], width=520,
    )  # fmt: skip
    return draw(chart)


def short_count(value: Decimal) -> str:
    return f"{number(value / 1000, 1).removesuffix('.0')}k" if value >= 1000 else number(value)


def cap_groups(caps: Sequence[CapUsage]) -> CapGroups:
    """Each cap's months, in order: key = (client, code, period, unit)."""
    groups: CapGroups = defaultdict(list)
    for cap in caps:
        groups[(cap.client, cap.code, cap.period, cap.unit)].append(cap)
    return dict(groups)


def cap_name(first: CapUsage, name: Namer, money: Money) -> str:
    fmt = hours_text if first.unit == "h" else money
    what = "all billable work" if first.code == "*" else first.code
    span = {"month": "a month", "phase": "for the phase"}.get(first.period, "in all")
    return f"{name(first.client)}: {what}, {fmt(first.limit)} {span}"


def peak(usage: Sequence[CapUsage]) -> Decimal:
    """The most a cap was used: its busiest month (monthly caps) or its use to date."""
    monthly = usage[0].period == "month"
    return max(u.used_in_month if monthly else u.used_to_date for u in usage)


def caps_overview(groups: CapGroups, name: Namer, money: Money) -> Drawn:
    rows = list(groups.values())
    shares = [peak(u) / u[0].limit * 100 if u[0].limit else ZERO for u in rows]
    chart = Chart(
        ident="chart-caps", title="Peak use of each cap",
        desc="For each cap, its busiest month (monthly caps) or its use to date (phase and "
        "not-to-exceed caps) as a share of the cap; the dashed line is the cap itself.",
        categories=[f"{u[0].client}/{u[0].code}/{u[0].period}" for u in rows], series=CAP_SERIES,
        values=[[min(s, Decimal(100)), max(s - 100, ZERO)] for s in shares],
        fmt=lambda v: f"{number(v)}%", tick=lambda v: f"{number(v)}%",
        labels=[cap_name(u[0], name, money) for u in rows], limit=Decimal(100),
        limit_label="cap", width=1040,
    )  # fmt: skip
    return draw(chart, horizontal=True, label_width=420)


def cap_chart(usage: list[CapUsage], name: Namer, money: Money) -> Drawn:
    first, monthly = usage[0], usage[0].period == "month"
    fmt = hours_text if first.unit == "h" else money
    used = [u.used_in_month if monthly else u.used_to_date for u in usage]
    crowded = len(usage) > 6
    chart = Chart(
        ident=f"chart-cap-{first.client}-{first.code}-{first.period}".replace("*", "all"),
        title=cap_name(first, name, money),
        desc=f"{'Use per month' if monthly else 'Use to date, month by month'} against the "
        f"cap of {fmt(first.limit)} ({first.clause}); the part past the cap is in red.",
        categories=[u.month for u in usage], series=CAP_SERIES,
        values=[[min(v, first.limit), max(v - first.limit, ZERO)] for v in used], fmt=fmt,
        tick=number if first.unit == "h" else money.short,
        labels=[month_label(u.month, i == 0, short=crowded) for i, u in enumerate(usage)],
        limit=first.limit, limit_label="cap", width=360, height=190, totals=False,
    )  # fmt: skip
    return draw(chart, note=first.clause)
