"""report.html: its figures equal the model's, every chart has its bars, nothing leaves the page,
and hostile entry text stays text. The page is parsed with the stdlib ``html.parser``."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.audit.charts import Money, month_label, nice_scale
from app.audit.kinds import KINDS, Direction, LeakageKind
from app.audit.model import AuditResult
from app.audit.report_html import ReportNames, names_from_book, render_report
from app.cli import app
from app.rules.loader import load_rulebook
from tests.audit.conftest import EXPORT, QBO, RULES, run_audit

VOID = {"meta", "link", "br", "img", "input", "hr", "col", "source", "wbr", "area", "base"}
SVG_LEAVES = {"line", "rect", "path", "circle"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # own text and every descendant's

    def all(self, test: Callable[[Node], bool]) -> list[Node]:
        return [n for n in self.walk() if test(n)]

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def has(self, cls: str) -> bool:
        return cls in self.attrs.get("class", "").split()

    @property
    def content(self) -> str:
        return " ".join("".join(self.text).split())


class Tree(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or (tag in SVG_LEAVES and self.stack[-1].tag != tag):
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for node in self.stack:
            node.text.append(data)


NAMES = names_from_book(load_rulebook(RULES))


def page(result: AuditResult, names: ReportNames = NAMES) -> Node:
    return Tree(render_report(result, names)).root


def by_id(root: Node, ident: str) -> Node:
    found = root.all(lambda n: n.attrs.get("id") == ident)
    assert len(found) == 1, ident
    return found[0]


def figures(root: Node) -> dict[str, Node]:
    return {n.attrs["data-figure"]: n for n in root.all(lambda n: "data-figure" in n.attrs)}


def bars(root: Node, chart: str) -> list[Node]:
    svg = by_id(root, chart).all(lambda n: n.tag == "svg")[0]
    return svg.all(lambda n: n.tag == "g" and n.has("bar"))


def segments(bar: Node) -> dict[str, Decimal]:
    segs = bar.all(lambda n: n.tag == "rect" and n.has("seg"))
    return {s.attrs["data-series"]: Decimal(s.attrs["data-value"]) for s in segs}


@pytest.fixture(scope="module", params=["export", "quickbooks"])
def audited(request: pytest.FixtureRequest) -> AuditResult:
    return run_audit(invoices=QBO if request.param == "quickbooks" else None)


def test_headline_figures_equal_the_model(audited: AuditResult) -> None:
    root, o, money = page(audited), audited.overall, Money("USD")
    shown = figures(root)
    for key in (
        "leakage_certain", "leakage_at_risk", "leakage_needs_decision", "overbilled_certain",
        "logged_amount", "sow_amount", "invoiced_amount",
    ):  # fmt: skip
        value = getattr(o, key)
        assert Decimal(shown[key].attrs["data-value"]) == value, key
        assert shown[key].content == money(value), key
    assert shown["entries"].content == "14"
    assert Decimal(shown["hours"].attrs["data-value"]) == o.hours
    assert int(shown["findings"].attrs["data-value"]) == o.findings
    assert Decimal(shown["hours_saved"].attrs["data-value"]) == audited.before_after.hours_saved
    assert shown["period"].content == "2026-01-05 to 2026-02-05"


def test_headline_matches_hand_computed_totals() -> None:
    # test_outputs.py and test_cli.py derive these by hand from the fixture's rows
    export, quickbooks = figures(page(run_audit())), figures(page(run_audit(invoices=QBO)))
    assert export["leakage_certain"].content == "$900"
    assert export["overbilled_certain"].content == "$150"
    assert quickbooks["leakage_certain"].content == "$410"


def test_month_charts_stack_each_kind_of_each_month(audited: AuditResult) -> None:
    root = page(audited)
    for direction in Direction:
        drawn = bars(root, f"chart-{direction.value}-month")
        assert [b.attrs["data-category"] for b in drawn] == [m.month for m in audited.by_month]
        for bar, month in zip(drawn, audited.by_month, strict=True):
            want = {
                k.value: v
                for k, v in month.by_kind.items()
                if KINDS[k].direction is direction and v > 0
            }
            assert segments(bar) == want, (direction, month.month)


def test_mix_chart_has_one_bar_per_client_and_its_four_parts(audited: AuditResult) -> None:
    drawn = bars(page(audited), "chart-mix-client")
    assert [b.attrs["data-category"] for b in drawn] == ["acme", "globex", "internal", "unknown"]
    for bar, client in zip(drawn, audited.by_client, strict=True):
        parts = ("sow_hourly_hours", "fee_hours", "non_billable_hours", "undecided_hours")
        want = {p: getattr(client, p) for p in parts if getattr(client, p) > 0}
        assert segments(bar) == want
        assert sum(want.values()) == client.hours


def test_stage_and_confidence_charts(audited: AuditResult) -> None:
    root = page(audited)
    stages = bars(root, "chart-stages")
    assert [b.attrs["data-category"] for b in stages] == ["rules", "memory", "review"]  # no Claude
    shares = {s.stage: s.share for s in audited.stages}
    for bar in stages:
        for series, value in segments(bar).items():
            assert value == Decimal(str(round(shares[series] * 100, 1)))
    bands = bars(root, "chart-confidence")
    assert len(bands) == len(audited.confidence) == 5
    for bar, band in zip(bands, audited.confidence, strict=True):
        want = {"auto_approved": band.auto_approved, "needs_review": band.needs_review}
        assert segments(bar) == {k: Decimal(v) for k, v in want.items() if v}


def test_cap_charts_split_use_at_the_cap_line(audited: AuditResult) -> None:
    root = page(audited)
    caps = {(c.client, c.code, c.period) for c in audited.caps}
    assert len(bars(root, "chart-caps")) == len(caps) == 2  # ACME-BUILD and GLX-RETAINER
    build = [c for c in audited.caps if c.code == "ACME-BUILD"]
    drawn = bars(root, "chart-cap-acme-ACME-BUILD-month")
    assert len(drawn) == len(build)
    for bar, cap in zip(drawn, build, strict=True):
        within, over = min(cap.used_in_month, cap.limit), cap.used_in_month - cap.limit
        assert segments(bar) == {"within": within, **({"over": over} if over > 0 else {})}
    limit = by_id(root, "chart-cap-acme-ACME-BUILD-month").all(lambda n: n.has("limit"))
    assert [Decimal(n.attrs["data-value"]) for n in limit] == [Decimal("10.00")]


def test_top_entries_table_lists_each_with_reason_and_clause(audited: AuditResult) -> None:
    table = by_id(page(audited), "table-top")
    rows = table.all(lambda n: n.tag == "tr" and "data-entry" in n.attrs)
    assert [r.attrs["data-entry"] for r in rows] == [t.entry_key for t in audited.top_entries]
    for row, top in zip(rows, audited.top_entries, strict=True):
        amount = row.all(lambda n: n.has("amount"))[0]
        assert Decimal(amount.attrs["data-value"]) == top.value
        assert amount.content == Money("USD")(top.value, 2)
        assert row.all(lambda n: n.tag == "q")[0].content == top.description
        assert top.sow_clause in row.content
        assert all(why in row.content for why in top.reason.split(" | "))
        assert all(KINDS[k].label in row.content for k in top.kinds)


def test_kinds_table_explains_and_values_every_kind(audited: AuditResult) -> None:
    rows = by_id(page(audited), "table-kinds").all(lambda n: "data-kind" in n.attrs)
    assert [r.attrs["data-kind"] for r in rows] == [k.value for k in LeakageKind]
    for row, kind in zip(rows, audited.kinds, strict=True):
        values = [Decimal(c.attrs["data-value"]) for c in row.all(lambda n: n.tag == "td")]
        want = [kind.findings, kind.hours, kind.certain, kind.at_risk, kind.needs_decision]
        assert values == [*want, kind.value]
        assert kind.info.valuation.replace("`", "") in row.content


def test_before_after_and_client_tables(audited: AuditResult) -> None:
    root, ba = page(audited), audited.before_after
    table = by_id(root, "table-before-after")
    body = table.all(lambda n: n.tag == "tbody")[0].all(lambda n: n.tag == "tr")
    assert [r.children[0].content for r in body] == ["Jan 2026", "Feb 2026", "Setup (once)"]
    total = table.all(lambda n: n.tag == "tfoot")[0].all(lambda n: n.tag == "td")
    assert [Decimal(c.attrs["data-value"]) for c in total] == [
        ba.entries, ba.flagged_entries, ba.manual_hours, ba.timebill_hours
    ]  # fmt: skip
    for client in audited.by_client:
        codes = by_id(root, f"table-codes-{client.client}")
        rows = codes.all(lambda n: n.tag == "tbody")[0].all(lambda n: n.tag == "tr")
        assert len(rows) == sum(c.client == client.client for c in audited.by_code)


def test_the_page_refers_to_nothing_outside_itself(audited: AuditResult) -> None:
    html = render_report(audited, NAMES)
    root = Tree(html).root
    for node in root.walk():
        assert node.tag not in {"script", "img", "iframe", "object", "embed", "base", "form"}
        for name, value in node.attrs.items():
            low = value.strip().lower()
            assert not name.startswith("on"), (node.tag, name)
            assert "http:" not in low, (node.tag, name, value)
            assert "https:" not in low, (node.tag, name, value)
            assert not low.startswith("//"), (node.tag, name, value)
            assert "url(" not in low, (node.tag, name, value)
            if name in {"href", "src"}:
                assert low.startswith(("#", "data:")), (node.tag, name, value)
    style = "".join(n.content for n in root.all(lambda n: n.tag == "style"))
    assert style
    for banned in ("url(", "@import", "//"):
        assert banned not in style
    csp = root.all(lambda n: n.attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp[0].attrs["content"]
    assert "script-src" not in csp[0].attrs["content"]


HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> procurement specs'


def test_hostile_entry_text_is_escaped(tmp_path: Path) -> None:
    with EXPORT.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:
        if row[0] == "e08":
            row[3], row[5] = HOSTILE, 'Pat "><b onmouseover=alert(3)>'
    hostile = tmp_path / "clockify.csv"
    with hostile.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    result = run_audit(exports=(hostile,))
    names = ReportNames("<i>Firm</i>", {"acme": "<svg onload=alert(4)>"}, {"acme": "</title>"})
    html = render_report(result, names)
    root = Tree(html).root
    assert not root.all(lambda n: n.tag in {"script", "img", "b", "i"})
    assert not [n for n in root.walk() for a in n.attrs if a.startswith("on")]
    assert len(root.all(lambda n: n.tag == "svg")) == len(re.findall("<svg ", html))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#34;&gt;&lt;img" in html
    top = [r for r in root.all(lambda n: "data-entry" in n.attrs) if HOSTILE in r.content]
    assert top, "the hostile entry is among the top entries, as text"
    assert "<svg onload=alert(4)>" in by_id(root, "client-acme-h").content


def test_audit_command_writes_the_report(tmp_path: Path) -> None:
    out = tmp_path / "audit"
    args = [str(EXPORT), "--rules", str(RULES), "--out", str(out)]
    result = CliRunner().invoke(app, ["audit", *args])
    assert result.exit_code == 0, result.output
    assert "report.html" in result.output
    root = Tree((out / "report.html").read_text(encoding="utf-8")).root
    assert root.all(lambda n: n.tag == "html")[0].attrs["lang"] == "en"
    assert "Test Advisory" in root.all(lambda n: n.tag == "h1")[0].content
    assert "Acme Corp" in by_id(root, "client-acme-h").content


def test_charts_and_tables_are_labelled(result: AuditResult) -> None:
    root = page(result)
    for svg in root.all(lambda n: n.tag == "svg"):
        assert svg.attrs["role"] == "img"
        title, desc = svg.attrs["aria-labelledby"].split()
        assert by_id(root, title).tag == "title"
        assert by_id(root, title).content
        assert by_id(root, desc).tag == "desc"
        assert by_id(root, desc).content
    for table in root.all(lambda n: n.tag == "table"):
        heads = table.all(lambda n: n.tag == "th" and n.attrs.get("scope") == "col")
        assert heads, table.attrs.get("id")
    levels = [int(n.tag[1]) for n in root.walk() if re.fullmatch("h[1-6]", n.tag)]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))  # no heading level skipped


def test_formats_and_scales() -> None:
    money = Money("USD")
    assert (money(Decimal("1234.5")), money(Decimal("-0.5"), 2)) == ("$1,235", "-$0.50")
    assert money.short(Decimal("35800")) == "$35.8k"
    assert money.short(Decimal("1250000")) == "$1.3M"
    assert Money("CHF")(Decimal(3)) == "CHF 3"
    assert nice_scale(35_800) == (40_000, 10_000)
    assert nice_scale(0) == (1.0, 0.25)
    assert month_label("2026-01") == "Jan\n2026"
    assert month_label("2026-03", short=True) == "M"
