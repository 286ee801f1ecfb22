"""SVG charts for the HTML report: a ranked horizontal bar chart and a line chart over years.

Takes marks (a label, a number, a tooltip and the data it stands for) and gives an `<svg>` element as text, to
be inlined in an HTML page. Written by hand rather than through matplotlib: each mark carries its own data as
attributes (`data-area`, `data-value`, ...) and a `<title>` tooltip, so the page says where every bar came from
and a test can check the drawing against the targets; labels stay text (searchable, selectable, in the page's
font); and the charts need no plotting library, font cache or embedded glyphs. Every text is escaped here.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

PALETTE = ("#1f5fa8", "#d1495b", "#2a9d8f", "#e9a03b", "#6a4c93", "#3d7d3c", "#b5651d", "#0b7285",
           "#c2185b", "#5c677d", "#8d6e63", "#7b8f2a")
BAR_COLOUR = "#1f5fa8"
DISPUTED_COLOUR = "#d1495b"
CHAR_WIDTH = 6.8  # px per character of 12 px DejaVu Sans/Liberation Sans, to size the label column


@dataclass(frozen=True)
class Mark:
    """One bar or point: what it shows and what it stands for."""

    label: str
    value: float
    tooltip: str
    data: dict[str, str] = field(default_factory=dict)  # written as data-* attributes
    highlight: bool = False  # drawn in the second colour (e.g. a value the sources disagree on)


@dataclass(frozen=True)
class Line:
    label: str
    points: tuple[tuple[str, Mark], ...]  # (x category, mark)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2 or 5 times a power of ten."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(factor * power for factor in (1, 2, 5, 10) if factor * power >= raw)
    first = math.floor(low / step) * step
    ticks = []
    tick = first
    while tick < high + step * 1e-9:
        ticks.append(round(tick, 10))
        tick += step
    if ticks[-1] < high:
        ticks.append(round(tick, 10))
    return ticks


def _number(value: float) -> str:
    return f"{value:.2f}"


def _attributes(data: dict[str, str]) -> str:
    return "".join(f' data-{escape(key)}="{escape(value)}"' for key, value in data.items())


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{escape(title)}">'
            f"<title>{escape(title)}</title>" + "".join(body) + "</svg>")


def bar_chart(marks: list[Mark], title: str, plot_width: float = 420) -> str:
    """Horizontal bars in the order given (rank them first), labels on the left, values at the bars' ends."""
    bar_height, gap, top, bottom = 16, 6, 8, 26
    label_width = 12 + CHAR_WIDTH * max((len(mark.label) for mark in marks), default=0)
    ticks = nice_ticks(0, max((mark.value for mark in marks), default=1))
    scale = plot_width / ticks[-1]
    width = label_width + plot_width + 60
    height = top + len(marks) * (bar_height + gap) + bottom
    axis_y = top + len(marks) * (bar_height + gap)
    body = []
    for tick in ticks:
        x = label_width + tick * scale
        body.append(f'<line class="grid" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{axis_y}"/>'
                    f'<text class="tick" x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle">{tick:g}</text>')
    for index, mark in enumerate(marks):
        y = top + index * (bar_height + gap)
        colour = DISPUTED_COLOUR if mark.highlight else BAR_COLOUR
        bar_width = max(mark.value, 0) * scale
        body.append(
            f'<g class="mark"><text class="label" x="{label_width - 6:.1f}" y="{y + bar_height - 4}" '
            f'text-anchor="end">{escape(mark.label)}</text>'
            f'<rect class="bar" x="{label_width:.1f}" y="{y}" width="{bar_width:.1f}" height="{bar_height}" '
            f'fill="{colour}"{_attributes(mark.data)}><title>{escape(mark.tooltip)}</title></rect>'
            f'<text class="value" x="{label_width + bar_width + 4:.1f}" y="{y + bar_height - 4}">'
            f"{_number(mark.value)}</text></g>")
    body.append(f'<line class="axis" x1="{label_width:.1f}" y1="{top}" x2="{label_width:.1f}" y2="{axis_y}"/>')
    return _svg(width, height, title, body)


def line_chart(lines: list[Line], categories: list[str], title: str, plot_width: float = 360,
               plot_height: float = 220) -> str:
    """One polyline per `Line` over evenly spaced categories (years), a legend on the right."""
    left, top, bottom, legend_gap, legend_row = 48, 12, 28, 24, 16
    values = [mark.value for line in lines for _, mark in line.points]
    ticks = nice_ticks(min(values, default=0), max(values, default=1))
    low, high = ticks[0], ticks[-1]
    step = plot_width / max(len(categories) - 1, 1)
    x_of = {category: left + index * step for index, category in enumerate(categories)}

    def y_of(value: float) -> float:
        return top + plot_height - (value - low) / (high - low) * plot_height

    legend_x = left + plot_width + legend_gap
    legend_width = 24 + CHAR_WIDTH * max((len(line.label) for line in lines), default=0)
    width = legend_x + legend_width
    height = max(top + plot_height + bottom, top + len(lines) * legend_row + 8)
    body = []
    for tick in ticks:
        y = y_of(tick)
        body.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{left + plot_width:.1f}" y2="{y:.1f}"/>'
                    f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick:g}</text>')
    for category, x in x_of.items():
        body.append(f'<text class="tick" x="{x:.1f}" y="{top + plot_height + 18:.1f}" text-anchor="middle">'
                    f"{escape(category)}</text>")
    for index, line in enumerate(lines):
        colour = PALETTE[index % len(PALETTE)]
        path = " ".join(f"{x_of[category]:.1f},{y_of(mark.value):.1f}" for category, mark in line.points)
        body.append(f'<g class="series" data-series="{escape(line.label)}">'
                    f'<polyline class="line" points="{path}" stroke="{colour}" fill="none"/>')
        for category, mark in line.points:
            body.append(f'<circle class="point" cx="{x_of[category]:.1f}" cy="{y_of(mark.value):.1f}" r="3.5" '
                        f'fill="{colour}"{_attributes(mark.data)}><title>{escape(mark.tooltip)}</title></circle>')
        legend_y = top + index * legend_row
        body.append(f'<rect x="{legend_x:.1f}" y="{legend_y + 2}" width="14" height="4" fill="{colour}"/>'
                    f'<text class="legend" x="{legend_x + 20:.1f}" y="{legend_y + 8}">{escape(line.label)}</text>'
                    "</g>")
    return _svg(width, height, title, body)
