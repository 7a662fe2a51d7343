"""Inline SVG charts drawn in Python: no JavaScript, no CDN, readable in any browser offline."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")
WIDTH = 880
PLOT_HEIGHT = 220
MARGIN_LEFT = 48
MARGIN_BOTTOM = 64
MARGIN_TOP = 28


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _nice_max(value: float) -> float:
    """The smallest round number >= value that splits into four round ticks."""
    if value <= 0:
        return 1.0
    raw = value / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if raw <= m * magnitude)
    return 4 * step


def _axis(max_value: float, plot_width: float) -> list[str]:
    parts = []
    for tick in range(5):
        value = max_value * tick / 4
        y = MARGIN_TOP + PLOT_HEIGHT - PLOT_HEIGHT * tick / 4
        label = f"{value:.0f}" if max_value >= 4 else f"{value:.1f}"
        parts.append(
            f'<line x1="{MARGIN_LEFT}" x2="{MARGIN_LEFT + plot_width}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#e5e5e5"/><text x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'class="tick">{label}</text>'
        )
    return parts


def stacked_bar_chart(
    chart_id: str,
    categories: Sequence[str],
    series: dict[str, Sequence[float]],
    *,
    title: str,
    y_label: str,
) -> str:
    """Bars per category, one coloured segment per series (e.g. weeks x sources)."""
    plot_width = WIDTH - MARGIN_LEFT - 16
    totals = [sum(values[i] for values in series.values()) for i in range(len(categories))]
    max_value = _nice_max(max(totals, default=0))
    slot = plot_width / max(1, len(categories))
    bar_width = min(60.0, max(2.0, slot * 0.75))
    parts = _axis(max_value, plot_width)
    label_every = max(1, len(categories) // 16)
    for index, category in enumerate(categories):
        x = MARGIN_LEFT + slot * index + (slot - bar_width) / 2
        base = MARGIN_TOP + PLOT_HEIGHT
        for series_index, (name, values) in enumerate(series.items()):
            value = values[index]
            if not value:
                continue
            height = PLOT_HEIGHT * value / max_value
            base -= height
            parts.append(
                f'<rect class="bar" x="{x:.1f}" y="{base:.1f}" width="{bar_width:.1f}" '
                f'height="{height:.1f}" fill="{colour(series_index)}"><title>{escape(name)}, '
                f"{escape(category)}: {value:g}</title></rect>"
            )
        if index % label_every == 0:
            parts.append(_category_label(x + bar_width / 2, category))
    return _svg(chart_id, title, y_label, parts + _legend(list(series)))


def line_chart(
    chart_id: str,
    categories: Sequence[str],
    series: dict[str, Sequence[float]],
    *,
    title: str,
    y_label: str,
) -> str:
    """One line per series over the categories (e.g. articles per week, one line per source)."""
    plot_width = WIDTH - MARGIN_LEFT - 16
    max_value = _nice_max(max((max(values, default=0) for values in series.values()), default=0))
    step = plot_width / max(1, len(categories) - 1)
    parts = _axis(max_value, plot_width)

    def point(index: int, value: float) -> tuple[float, float]:
        return (
            MARGIN_LEFT + step * index,
            MARGIN_TOP + PLOT_HEIGHT - PLOT_HEIGHT * value / max_value,
        )

    for series_index, (name, values) in enumerate(series.items()):
        points = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in enumerate(values))
        )
        parts.append(
            f'<polyline class="line" fill="none" stroke="{colour(series_index)}" '
            f'stroke-width="2" points="{points}"><title>{escape(name)}</title></polyline>'
        )
        x, y = point(len(values) - 1, values[-1]) if values else (0.0, 0.0)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour(series_index)}"/>')
    label_every = max(1, len(categories) // 12)
    for index, category in enumerate(categories):
        if index % label_every == 0:
            parts.append(_category_label(MARGIN_LEFT + step * index, category))
    return _svg(chart_id, title, y_label, parts + _legend(list(series)))


def sparkline(values: Sequence[float], *, width: int = 160, height: int = 28) -> str:
    """A tiny inline line of a series (a source's articles per week), for a table cell."""
    top = max(values, default=0) or 1
    step = width / max(1, len(values) - 1)
    points = " ".join(
        f"{step * i:.1f},{height - 2 - (height - 4) * v / top:.1f}" for i, v in enumerate(values)
    )
    return (
        f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg"><polyline fill="none" stroke="#1f77b4" '
        f'stroke-width="1.5" points="{points}"/></svg>'
    )


def horizontal_bar_chart(
    chart_id: str,
    rows: Sequence[tuple[str, float, str]],
    *,
    title: str,
    x_label: str,
    marker: float | None = None,
) -> str:
    """One bar per (label, value, colour); an optional dashed marker line (e.g. a threshold)."""
    label_width = 160
    plot_width = WIDTH - label_width - 40
    row_height = 28
    max_value = _nice_max(max([value for _, value, _ in rows] + [marker or 0], default=0))
    parts = []
    for index, (label, value, fill) in enumerate(rows):
        y = MARGIN_TOP + index * row_height
        width = plot_width * value / max_value
        parts.append(
            f'<text class="tick" x="{label_width - 8}" y="{y + 17}" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect class="bar" x="{label_width}" y="{y + 4}" width="{max(width, 1):.1f}" '
            f'height="{row_height - 8}" fill="{fill}"><title>{escape(label)}: {value:g}</title>'
            f'</rect><text class="tick" x="{label_width + width + 4:.1f}" y="{y + 17}">'
            f"{value:g}</text>"
        )
    height = MARGIN_TOP + row_height * max(1, len(rows)) + 30
    if marker is not None:
        x = label_width + plot_width * marker / max_value
        parts.append(
            f'<line class="marker" x1="{x:.1f}" x2="{x:.1f}" y1="{MARGIN_TOP}" '
            f'y2="{height - 30}" stroke="#d62728" stroke-dasharray="4 3"/>'
        )
    parts.append(
        f'<text class="axis-label" x="{label_width}" y="{height - 8}">{escape(x_label)}</text>'
    )
    return (
        f'<svg class="chart" id="{chart_id}" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{"".join(parts)}</svg>'
    )


def _svg(chart_id: str, title: str, y_label: str, parts: list[str]) -> str:
    height = MARGIN_TOP + PLOT_HEIGHT + MARGIN_BOTTOM
    return (
        f'<svg class="chart" id="{chart_id}" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        f'<text class="axis-label" x="4" y="{MARGIN_TOP - 16}">{escape(y_label)}</text>'
        f"{''.join(parts)}</svg>"
    )


def _category_label(x: float, category: str) -> str:
    """A category's name under the plot, slanted so long names do not overlap."""
    y = MARGIN_TOP + PLOT_HEIGHT + 12
    return (
        f'<text class="tick" x="{x:.1f}" y="{y:.1f}" text-anchor="end" '
        f'transform="rotate(-45 {x:.1f} {y:.1f})">{escape(category)}</text>'
    )


def _legend(series: list[str]) -> list[str]:
    """One coloured square and name per series, right-aligned above the plot."""
    return [
        f'<g transform="translate({WIDTH - 130 * (len(series) - i)},{MARGIN_TOP - 20})">'
        f'<rect width="10" height="10" fill="{colour(i)}"/>'
        f'<text class="tick" x="14" y="9">{escape(name)}</text></g>'
        for i, name in enumerate(series)
    ]
