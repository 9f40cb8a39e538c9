"""Inline SVG charts for the HTML report: stacked columns and stacked rows.

Every chart is an ``<svg role="img">`` labelled by its own ``<title>`` and ``<desc>``. Each bar is
a ``<g class="bar" data-category="...">`` holding one ``<rect class="seg" data-series="..."
data-value="...">`` per non-zero value, with a ``<title>`` tooltip. Nothing refers outside the
page: no ``xmlns``, no ``href``, no fonts; colours are inline fills. Every piece of text is
escaped here, so the result is safe to insert as ``Markup``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from math import ceil, floor, log10

from markupsafe import Markup, escape

Fmt = Callable[[Decimal], str]
TICKS = 4
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "CAD": "CA$", "AUD": "A$", "JPY": "¥"}


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    color: str


@dataclass(frozen=True)
class Chart:
    """``values[i][j]`` is category ``i``'s value of series ``j``; ``labels`` (default: the
    categories) are printed beside each bar, a newline starts a second line."""

    ident: str
    title: str
    desc: str
    categories: Sequence[str]
    series: Sequence[Series]
    values: Sequence[Sequence[Decimal]]
    fmt: Fmt  # tooltips and totals
    tick: Fmt  # axis ticks
    labels: Sequence[str] = ()
    limit: Decimal | None = None
    limit_label: str = ""
    width: int = 720
    height: int = 260
    totals: bool = True


def nice_scale(top: float) -> tuple[float, float]:
    """An axis maximum >= ``top`` and a round step dividing it into about ``TICKS`` parts."""
    if top <= 0:
        return 1.0, 0.25
    raw = top / TICKS
    magnitude = 10 ** floor(log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return step * ceil(top / step - 1e-9), step


def _attrs(**values: object) -> str:
    return "".join(
        f' {k.rstrip("_").replace("_", "-")}="{escape(str(v))}"' for k, v in values.items()
    )


def _text(x: float, y: float, content: str, cls: str, anchor: str = "middle") -> str:
    lines = content.split("\n")
    if len(lines) == 1:
        return f"<text{_attrs(x=f'{x:.1f}', y=f'{y:.1f}', class_=cls, text_anchor=anchor)}>{escape(content)}</text>"  # noqa: E501
    spans = "".join(
        f"<tspan{_attrs(x=f'{x:.1f}', dy='0' if n == 0 else '1.15em')}>{escape(line)}</tspan>"
        for n, line in enumerate(lines)
    )
    return f"<text{_attrs(y=f'{y:.1f}', class_=cls, text_anchor=anchor)}>{spans}</text>"


def _svg(chart: Chart, height: int, body: list[str]) -> Markup:
    t, d = f"{chart.ident}-title", f"{chart.ident}-desc"
    head = (
        f"<svg{_attrs(class_='chart-svg', role='img', aria_labelledby=f'{t} {d}')}"
        f"{_attrs(viewBox=f'0 0 {chart.width} {height}', data_chart=chart.ident)}>"
        f'<title id="{escape(t)}">{escape(chart.title)}</title>'
        f'<desc id="{escape(d)}">{escape(chart.desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")  # noqa: S704 - every part escaped above


def _segment(chart: Chart, i: int, j: int, box: tuple[float, float, float, float]) -> str:
    s, value = chart.series[j], chart.values[i][j]
    label = (chart.labels[i] if chart.labels else chart.categories[i]).replace("\n", " ")
    x, y, w, h = box
    tip = f"{label} · {s.label}: {chart.fmt(value)}"
    return (
        f"<rect{_attrs(class_='seg', data_series=s.key, data_value=value, fill=s.color)}"
        f"{_attrs(x=f'{x:.1f}', y=f'{y:.1f}', width=f'{w:.1f}', height=f'{h:.1f}')}>"
        f"<title>{escape(tip)}</title></rect>"
    )


def _scale(chart: Chart) -> tuple[float, float]:
    top = max((float(sum(row, Decimal(0))) for row in chart.values), default=0.0)
    if chart.limit is not None:
        top = max(top, float(chart.limit) * 1.08)
    return nice_scale(top)


def columns(chart: Chart) -> Markup:
    """Vertical stacked bars, one per category, with y-axis ticks and an optional limit line."""
    left, top, bottom = 62, 22, 40
    right = 12 if chart.limit is None else 34
    plot_w, plot_h = chart.width - left - right, chart.height - top - bottom
    axis_max, step = _scale(chart)
    body = _y_grid(chart, (left, top, plot_w, plot_h), axis_max, step)
    band = plot_w / max(len(chart.categories), 1)
    bar_w = min(band * 0.66, 64.0)
    for i, category in enumerate(chart.categories):
        x = left + band * i + (band - bar_w) / 2
        y, segs = float(top + plot_h), []
        for j, value in enumerate(chart.values[i]):
            if value > 0:
                h = float(value) / axis_max * plot_h
                y -= h
                segs.append(_segment(chart, i, j, (x, y, bar_w, h)))
        total = sum(chart.values[i], Decimal(0))
        if chart.totals and total > 0:
            segs.append(_text(x + bar_w / 2, y - 5, chart.tick(total), "total"))
        body.append(f"<g{_attrs(class_='bar', data_category=category)}>{''.join(segs)}</g>")
        label = chart.labels[i] if chart.labels else category
        body.append(_text(x + bar_w / 2, top + plot_h + 15, label, "cat"))
    body += _limit_line(chart, (left, top, plot_w, plot_h), axis_max)
    return _svg(chart, chart.height, body)


def _y_grid(
    chart: Chart, plot: tuple[int, int, int, int], axis_max: float, step: float
) -> list[str]:
    left, top, plot_w, plot_h = plot
    out, n = [], round(axis_max / step)
    for k in range(n + 1):
        y = top + plot_h - plot_h * k / n
        line = _attrs(x1=left, x2=left + plot_w, y1=f"{y:.1f}", y2=f"{y:.1f}")
        out.append(f"<line{_attrs(class_='grid' if k else 'axis')}{line}/>")
        out.append(_text(left - 6, y + 4, chart.tick(Decimal(str(step * k))), "tick", "end"))
    return out


def _limit_line(chart: Chart, plot: tuple[int, int, int, int], axis_max: float) -> list[str]:
    if chart.limit is None:
        return []
    left, top, plot_w, plot_h = plot
    y = top + plot_h - float(chart.limit) / axis_max * plot_h
    line = _attrs(x1=left, x2=left + plot_w + 4, y1=f"{y:.1f}", y2=f"{y:.1f}")
    label = _text(left + plot_w + 7, y + 4, chart.limit_label, "limit-label", "start")
    return [f"<line{_attrs(class_='limit', data_value=chart.limit)}{line}/>", label]


def rows(chart: Chart, label_width: int = 170) -> Markup:
    """Horizontal stacked bars, one row per category, the total printed after each bar."""
    bar_h, gap, bottom, right = 22, 12, 30, 84
    top = 8 if chart.limit is None else 24
    height = top + bottom + len(chart.categories) * (bar_h + gap)
    plot_w = chart.width - label_width - right
    axis_max, step = _scale(chart)
    body = _x_grid(chart, (label_width, top, plot_w, height - top - bottom), axis_max, step)
    for i, category in enumerate(chart.categories):
        y = top + gap / 2 + i * (bar_h + gap)
        x, segs = float(label_width), []
        for j, value in enumerate(chart.values[i]):
            if value > 0:
                w = float(value) / axis_max * plot_w
                segs.append(_segment(chart, i, j, (x, y, w, bar_h)))
                x += w
        if chart.totals:
            total = chart.fmt(sum(chart.values[i], Decimal(0)))
            segs.append(_text(x + 6, y + bar_h / 2 + 4, total, "total", "start"))
        body.append(f"<g{_attrs(class_='bar', data_category=category)}>{''.join(segs)}</g>")
        label = chart.labels[i] if chart.labels else category
        body.append(_text(label_width - 8, y + bar_h / 2 + 4, label, "cat", "end"))
    if chart.limit is not None:
        x = label_width + float(chart.limit) / axis_max * plot_w
        line = _attrs(x1=f"{x:.1f}", x2=f"{x:.1f}", y1=top - 4, y2=height - bottom)
        body.append(f"<line{_attrs(class_='limit', data_value=chart.limit)}{line}/>")
        body.append(_text(x, top - 9, chart.limit_label, "limit-label"))
    return _svg(chart, height, body)


def _x_grid(
    chart: Chart, plot: tuple[int, int, int, int], axis_max: float, step: float
) -> list[str]:
    left, top, plot_w, plot_h = plot
    out, n = [], round(axis_max / step)
    for k in range(n + 1):
        x = left + plot_w * k / n
        line = _attrs(x1=f"{x:.1f}", x2=f"{x:.1f}", y1=top, y2=top + plot_h)
        out.append(f"<line{_attrs(class_='grid' if k else 'axis')}{line}/>")
        out.append(_text(x, top + plot_h + 16, chart.tick(Decimal(str(step * k))), "tick"))
    return out


def legend(series: Sequence[Series]) -> Markup:
    """The chart's key as an HTML list (text, so it reads without the colours)."""
    items = "".join(
        f'<li><span class="swatch" style="background:{escape(s.color)}"></span>'
        f"{escape(s.label)}</li>"
        for s in series
    )
    return Markup(f'<ul class="legend">{items}</ul>')  # noqa: S704 - escaped above


@dataclass(frozen=True)
class Money:
    """Number formats for one currency (half up, as the audit rounds)."""

    currency: str

    def __call__(self, value: Decimal, places: int = 0) -> str:
        sign = "-" if value < 0 else ""
        symbol = SYMBOLS.get(self.currency, f"{self.currency} ")
        return f"{sign}{symbol}{number(abs(value), places)}"

    def short(self, value: Decimal) -> str:
        symbol = SYMBOLS.get(self.currency, f"{self.currency} ")
        for size, suffix in ((Decimal(10**6), "M"), (Decimal(1000), "k")):
            if abs(value) >= size:
                scaled = (value / size).quantize(Decimal("0.1"), ROUND_HALF_UP).normalize()
                return f"{symbol}{scaled:f}{suffix}"
        return f"{symbol}{number(value, 0)}"


def number(value: Decimal | float | int, places: int = 0) -> str:
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{exact:,.{places}f}"


def hours_text(value: Decimal) -> str:
    return f"{number(value, 0 if value == value.to_integral_value() else 1)} h"


def month_label(month: str, first: bool = False, *, short: bool = False) -> str:
    """``Oct``, with the year on a second line under the first bar and each January;
    ``short``: the initial only, with the year under the first bar alone."""
    year, mm = month.split("-")
    name = MONTHS[int(mm) - 1]
    if short:
        return f"{name[0]}\n{year}" if first else name[0]
    return f"{name}\n{year}" if first or mm == "01" else name


@dataclass(frozen=True)
class Drawn:
    """A chart ready for the page: its SVG, its legend and a line under it."""

    ident: str
    title: str
    svg: Markup
    legend: Markup
    note: str = ""


def draw(
    chart: Chart, *, horizontal: bool = False, note: str = "", label_width: int = 170
) -> Drawn:
    svg = rows(chart, label_width) if horizontal else columns(chart)
    return Drawn(chart.ident, chart.title, svg, legend(chart.series), note)
