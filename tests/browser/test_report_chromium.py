"""The audit report in real headless Chromium: every chart and table drawn, no request leaves.

Chromium is driven over the DevTools protocol (``cdp.py``), with the page's own CSP bypassed so
that anything the markup asks for shows up in the Network events, and with no way out to the
network anyway. Pages: the small audit fixture's report and the demo firm's 12-month report,
whose full-page screenshot at 1400 px goes to ``out/test-artifacts/audit-report.png``.
"""

from __future__ import annotations

import base64
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.audit.demo import audit_demo
from app.audit.model import AuditResult
from app.audit.report_html import names_from_book, write_report
from app.rules.loader import load_rulebook
from tests.audit.conftest import RULES, run_audit
from tests.browser.cdp import Chromium

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SCREENSHOT = REPO / "out" / "test-artifacts" / "audit-report.png"
LAPTOP, WIDE = 1280, 1400

# What the page looks like once laid out: each chart's drawn size and visible bars, each table.
PAGE_STATE = """(() => {
  const size = el => { const r = el.getBoundingClientRect(); return [r.width, r.height]; };
  const seen = el => { const [w, h] = size(el); return w > 0 && h > 0; };
  const charts = [...document.querySelectorAll('figure.chart')].map(f => {
    const svg = f.querySelector('svg[role="img"]');
    const segs = svg ? [...svg.querySelectorAll('rect.seg')] : [];
    return {id: f.id, size: svg ? size(svg) : [0, 0],
            bars: svg ? svg.querySelectorAll('g.bar').length : 0,
            segs: segs.length, drawn: segs.filter(seen).length,
            title: svg && svg.querySelector('title') ? svg.querySelector('title').textContent : ''};
  });
  const tables = [...document.querySelectorAll('table')].map(t => (
    {id: t.id, size: size(t), rows: [...t.querySelectorAll('tbody tr')].filter(seen).length}));
  return {charts, tables, scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth, title: document.title,
          headline: [...document.querySelectorAll('[data-figure]')].filter(seen).length};
})()"""


@dataclass(frozen=True)
class Expected:
    charts: list[str]
    tables: list[str]


def expected(result: AuditResult) -> Expected:
    charts = ["chart-leakage-month", "chart-overbilled-month", "chart-mix-client"]
    charts += ["chart-stages", "chart-confidence"]
    caps = list(dict.fromkeys((c.client, c.code, c.period) for c in result.caps))
    charts += ["chart-caps"] if caps else []
    charts += [f"chart-cap-{a}-{b}-{c}".replace("*", "all") for a, b, c in caps]
    tables = ["table-kinds", "table-top", "table-before-after", "table-sources"]
    # With approved codes (the demo's history) no code is in doubt: no "why sent" table.
    tables += ["table-pending"] if result.pending.by_reason else []
    tables += [f"table-codes-{c.client}" for c in result.by_client]
    return Expected(charts, tables)


def problems(state: dict[str, Any], want: Expected) -> list[str]:
    """Everything wrong with the laid-out page: missing or empty charts and tables, overflow."""
    found: list[str] = []
    charts = {c["id"]: c for c in state["charts"]}
    for ident in want.charts:
        chart = charts.get(ident)
        if chart is None:
            found.append(f"chart {ident} is missing")
        elif min(chart["size"]) < 40 or not chart["title"]:
            found.append(f"chart {ident} is not drawn: {chart['size']}")
        elif chart["drawn"] == 0 or chart["drawn"] != chart["segs"]:
            found.append(f"chart {ident}: {chart['drawn']} of {chart['segs']} bars visible")
    tables = {t["id"]: t for t in state["tables"]}
    for ident in want.tables:
        table = tables.get(ident)
        if table is None:
            found.append(f"table {ident} is missing")
        elif table["rows"] == 0 or min(table["size"]) == 0:
            found.append(f"table {ident} shows no row")
    if state["scrollWidth"] > state["innerWidth"]:
        found.append(f"wider than the window: {state['scrollWidth']} > {state['innerWidth']}")
    return found


def look(browser: Chromium, page: Path, width: int) -> dict[str, Any]:
    browser.open(page.resolve().as_uri(), width=width)
    state: dict[str, Any] = browser.evaluate(PAGE_STATE)
    return state


@pytest.fixture(scope="module")
def fixture_audit() -> AuditResult:
    return run_audit()


@pytest.fixture(scope="module")
def fixture_report(fixture_audit: AuditResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fixture-report")
    return write_report(fixture_audit, out, names_from_book(load_rulebook(RULES)))


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, AuditResult]:
    path = audit_demo(tmp_path_factory.mktemp("demo"))
    result = AuditResult.model_validate_json((path.parent / "audit.json").read_text())
    return path, result


def test_fixture_report_draws_every_chart_and_table(
    browser: Chromium, fixture_report: Path, fixture_audit: AuditResult
) -> None:
    for width in (LAPTOP, 820):
        state = look(browser, fixture_report, width)
        assert problems(state, expected(fixture_audit)) == [], width
        assert browser.external_requests() == []
    assert browser.requested_urls() == [fixture_report.resolve().as_uri()]
    assert state["headline"] >= 10
    assert state["title"].startswith("Billing leakage audit · Test Advisory")


def test_demo_report_draws_everything_and_is_screenshot(
    browser: Chromium, demo_report: tuple[Path, AuditResult]
) -> None:
    path, result = demo_report
    assert problems(look(browser, path, LAPTOP), expected(result)) == []
    state = look(browser, path, WIDE)
    assert problems(state, expected(result)) == []
    assert browser.external_requests() == []
    assert len(state["charts"]) == 6 + len({(c.client, c.code) for c in result.caps}) == 19
    width, height = browser.screenshot(SCREENSHOT, full_page=True)
    png = SCREENSHOT.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (width, height) == (WIDE, height)
    assert height > 5000


def test_the_report_prints(browser: Chromium, fixture_report: Path) -> None:
    browser.open(fixture_report.resolve().as_uri())
    pdf = base64.b64decode(browser.call("Page.printToPDF", {"printBackground": True})["data"])
    assert pdf.startswith(b"%PDF-")
    assert browser.external_requests() == []


def test_a_missing_chart_or_table_fails_the_check(
    browser: Chromium, fixture_report: Path, fixture_audit: AuditResult, tmp_path: Path
) -> None:
    html = fixture_report.read_text(encoding="utf-8")
    html = re.sub(r'<figure class="chart" id="chart-mix-client">.*?</figure>', "", html, flags=re.S)
    html = re.sub(r'<table id="table-kinds".*?</table>', "", html, flags=re.S)
    html = html.replace('class="seg"', 'class="seg" style="display:none"', 1)
    broken = tmp_path / "broken.html"
    broken.write_text(html, encoding="utf-8")
    found = problems(look(browser, broken, LAPTOP), expected(fixture_audit))
    assert "chart chart-mix-client is missing" in found
    assert "table table-kinds is missing" in found
    assert any(p.startswith("chart chart-leakage-month: ") for p in found)


def test_any_external_request_is_seen(browser: Chromium, tmp_path: Path) -> None:
    # The detector itself: a page that asks for the network in several ways, behind the same
    # Content-Security-Policy as the report, must show every request in the Network events.
    page = tmp_path / "leaky.html"
    page.write_text(
        "<!DOCTYPE html><html><head>"
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
        '<link rel="stylesheet" href="https://cdn.example.invalid/x.css">'
        "<style>body { background: url(http://img.example.invalid/bg.png); }</style>"
        '</head><body><img src="//img.example.invalid/a.png">'
        '<script src="https://cdn.example.invalid/a.js"></script></body></html>',
        encoding="utf-8",
    )
    browser.open(page.resolve().as_uri())
    asked = set(browser.external_requests())
    assert asked >= {
        "https://cdn.example.invalid/x.css", "http://img.example.invalid/bg.png",
        "file://img.example.invalid/a.png", "https://cdn.example.invalid/a.js",
    }  # fmt: skip
