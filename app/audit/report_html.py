"""The audit as one self-contained HTML page: ``report.html``, readable offline and printable.

``render_report`` fills ``templates/report.html.j2`` (Jinja2, autoescaped: every piece of entry
text is escaped) with the ``AuditResult``, sentences on what stands out, and inline SVG charts
(``report_charts.py``). The page makes no request of any kind: no script, no font, no image
file, no link out; its Content-Security-Policy forbids them as well. Figures carry their exact
value in ``data-value`` (``data-figure`` names the headline ones).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from app.audit import report_charts as rc
from app.audit.charts import Money, hours_text, month_label, number
from app.audit.kinds import KINDS, Direction
from app.audit.model import AuditResult, ClientTotals, CodeTotals, Figures
from app.domain.rulebook import RuleBook

REPORT_FILE = "report.html"
TEMPLATES = Path(__file__).parent / "templates"
SPECIAL_CLIENTS = {"internal": "Internal time", "unknown": "No SOW matched"}


@dataclass(frozen=True)
class ReportNames:
    """Display names from the rules: the firm, each client id's name and SOW."""

    firm: str = ""
    clients: Mapping[str, str] = field(default_factory=dict)
    sows: Mapping[str, str] = field(default_factory=dict)

    def client(self, ident: str) -> str:
        return self.clients.get(ident) or SPECIAL_CLIENTS.get(ident) or ident


def names_from_book(book: RuleBook) -> ReportNames:
    clients = {cid: c.client.name or cid for cid, c in book.clients.items()}
    sows = {
        cid: " · ".join(filter(None, (c.sow.id, c.sow.title, rc.words(c.sow.engagement))))
        for cid, c in book.clients.items()
    }
    return ReportNames(book.firm.firm.name, clients, sows)


@dataclass(frozen=True)
class ClientView:
    ident: str
    name: str
    sow: str
    figures: Figures
    codes: list[CodeTotals]
    pending: int


def client_views(result: AuditResult, names: ReportNames) -> list[ClientView]:
    """SOW clients by name, then internal time and entries no SOW matched."""
    codes: dict[str, list[CodeTotals]] = defaultdict(list)
    for row in result.by_code:
        codes[row.client].append(row)
    ordered = sorted(
        result.by_client, key=lambda c: (c.client in SPECIAL_CLIENTS, names.client(c.client))
    )
    return [_client_view(c, names, codes[c.client], result) for c in ordered]


def _client_view(
    c: ClientTotals, names: ReportNames, codes: list[CodeTotals], result: AuditResult
) -> ClientView:
    sow, pending = names.sows.get(c.client, ""), result.pending.by_client.get(c.client, 0)
    return ClientView(c.client, names.client(c.client), sow, c, codes, pending)


def highlights(
    result: AuditResult, names: ReportNames, money: Money, groups: rc.CapGroups
) -> list[str]:
    """What stands out, in sentences, biggest first; a sentence only when there is something."""
    found = [
        _biggest(result, Direction.LEAKAGE, names, money), _client_share(result, names, money),
        _at_risk(result, money), _biggest(result, Direction.OVERBILLED, names, money),
        *_caps_passed(groups, names)[:2], _decisions(result, money), _effort(result),
    ]  # fmt: skip
    return [line for line in found if line]


def _biggest(result: AuditResult, direction: Direction, names: ReportNames, money: Money) -> str:
    kinds = [k for k in result.kinds if k.info.direction is direction]
    top = max(kinds, key=lambda k: k.certain, default=None)
    if top is None or top.certain <= 0:
        return ""
    where = max(result.by_code, key=lambda c: c.by_kind.get(top.kind, rc.ZERO))
    what = "leak" if direction is Direction.LEAKAGE else "overbilling"
    return (
        f"{top.info.label} is the largest certain {what}: {money(top.certain)}. The most "
        f"of it is on {where.code} ({where.name}) at {names.client(where.client)}: "
        f"{money(where.by_kind.get(top.kind, rc.ZERO))}."
    )


def _client_share(result: AuditResult, names: ReportNames, money: Money) -> str:
    total = result.overall.leakage_certain
    top = max(result.by_client, key=lambda c: c.leakage_certain, default=None)
    if top is None or total <= 0:
        return ""
    return (
        f"{names.client(top.client)} accounts for {top.leakage_certain / total:.0%} of the "
        f"certain leakage ({money(top.leakage_certain)} of {money(total)})."
    )


def _at_risk(result: AuditResult, money: Money) -> str:
    if result.overall.leakage_at_risk <= 0:
        return ""
    vague = next(k for k in result.kinds if k.kind.value == "vague_narrative")
    rest = result.overall.leakage_at_risk - vague.at_risk
    unproven = f"; {money(rest)} likely but not proven (see what it rests on)" if rest > 0 else ""
    return (
        f"{money(result.overall.leakage_at_risk)} is at risk: {money(vague.at_risk)} on "
        f"{_count(vague.findings, 'entry')} with a narrative too vague for a client to accept, "
        f"to rewrite before invoicing{unproven}."
    )


def _caps_passed(groups: rc.CapGroups, names: ReportNames) -> list[str]:
    ranked = []
    for usage in groups.values():
        first, over = usage[0], [u for u in usage if u.over_to_date > 0]
        what = "all billable work" if first.code == "*" else first.code
        who = f"{names.client(first.client)}, {what}"
        if first.period == "month" and over:
            line = f"{who}: past its monthly cap in {len(over)} of {len(usage)} months."
            ranked.append((len(over), line))
        elif over:
            month = month_label(over[0].month, True).replace("\n", " ")
            ranked.append((1, f"{who}: passed its {first.period} cap in {month}."))
    return [line for _, line in sorted(ranked, key=lambda x: -x[0])]


def _decisions(result: AuditResult, money: Money) -> str:
    p, auto = result.pending, [s for s in result.stages if s.stage != "review" and s.entries]
    shares = ", ".join(f"{s.share:.0%} by {s.stage}" for s in auto)
    return (
        f"Decided without a person: {shares or 'none'}. {_count(p.entries, 'entry')} "
        f"({hours_text(p.hours)}) need a person's decision, worth "
        f"{money(p.proposed_sow_amount)} at SOW rates if the proposed codes stand."
    )


def _effort(result: AuditResult) -> str:
    ba = result.before_after
    if ba.entries == 0:
        return ""
    return (
        f"Reconciling the period by hand takes about {_about(ba.manual_hours)}; reviewing "
        f"the {_count(ba.flagged_entries, 'flagged entry')} with timebill about "
        f"{_about(ba.timebill_hours)} (assumptions under Before and after)."
    )


def _count(n: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n:,} {noun if n == 1 else plural}"


def _about(hours: Decimal) -> str:
    return f"{number(hours, 1 if hours < 10 else 0)} h"


def code_text(text: str) -> Markup:
    """Escape ``text``, then show its `backquoted` parts as code."""
    parts = str(escape(text)).split("`")
    return Markup(  # noqa: S704 - the parts are escaped above
        "".join(f"<code>{p}</code>" if n % 2 else p for n, p in enumerate(parts))
    )


def _environment(money: Money) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )  # fmt: skip
    env.filters.update(money=money, number=number, hours=hours_text, words=rc.words)
    env.filters.update(code=code_text, month=lambda m: month_label(m, True).replace("\n", " "))
    return env


def render_report(result: AuditResult, names: ReportNames | None = None) -> str:
    """The whole page as a string."""
    names, money = names or ReportNames(), Money(result.currency)
    groups = rc.cap_groups(result.caps)
    page = _environment(money).get_template("report.html.j2")
    return page.render(
        r=result, names=names, kinds_info=KINDS, kind_colors=rc.KIND_COLORS,
        highlights=highlights(result, names, money, groups),
        month_charts=[rc.per_month_chart(result, d) for d in Direction],
        mix=rc.mix_chart(result, names.client), stages=rc.stage_chart(result),
        confidence=rc.confidence_chart(result),
        caps_overview=rc.caps_overview(groups, names.client, money) if groups else None,
        caps=[rc.cap_chart(g, names.client, money) for g in groups.values()],
        clients=client_views(result, names),
    )  # fmt: skip


def write_report(result: AuditResult, out: Path, names: ReportNames | None = None) -> Path:
    """Write ``report.html`` into ``out`` (created if needed) and return its path."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / REPORT_FILE
    path.write_text(render_report(result, names), encoding="utf-8")
    return path
