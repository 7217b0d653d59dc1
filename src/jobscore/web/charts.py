"""Charts drawn on the server as SVG: a score over time (history, and the refund-or-keep
paths), the windows side by side, and the operator's histogram.

Each chart is a figure with a text summary for assistive technology (`role="img"` and its
label) and the same numbers as a table under "The numbers", so nothing is shown only as a
picture. Lines differ by dash as well as by colour, so no reading depends on colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

__all__ = ["Bar", "Line", "bar_chart", "line_chart"]

_WIDTH, _HEIGHT = 640, 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 16, 16, 40
#: Colours with at least 4.5:1 contrast on white, and a dash pattern each.
_STYLES = (
    ("#1d4ed8", ""),
    ("#b45309", "8 4"),
    ("#047857", "2 4"),
    ("#6d28d9", "10 4 2 4"),
    ("#b91c1c", "4 4"),
)
#: The score bands a freelancer reads a score against.
_BANDS = (90.0, 80.0, 75.0)


@dataclass(frozen=True, slots=True)
class Line:
    """One series of a line chart: a label and (x label, score or None) points; None is a
    gap (no score yet)."""

    label: str
    points: Sequence[tuple[str, float | None]]


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float | None
    #: Shown next to the value in the table (e.g. "12 contracts").
    note: str = ""
    highlight: bool = False


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "no score" if unit == "%" else "—"
    return f"{value:.1f}{unit}" if unit == "%" else f"{value:g}{unit}"


def _table(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    cells = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "".join(
        "<tr>"
        + f'<th scope="row">{escape(row[0])}</th>'
        + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:])
        + "</tr>"
        for row in rows
    )
    return (
        '<details class="numbers"><summary>The numbers</summary>'
        f"<table><caption>{escape(caption)}</caption><thead><tr>{cells}</tr></thead>"
        f"<tbody>{body}</tbody></table></details>"
    )


def _figure(chart_id: str, title: str, summary: str, svg: str, table: str) -> Markup:
    return Markup(
        f'<figure class="chart" id="{escape(chart_id)}">'
        f'<figcaption id="{escape(chart_id)}-title">{escape(title)}</figcaption>'
        f'<div class="chart-scroll" tabindex="0" role="group" '
        f'aria-labelledby="{escape(chart_id)}-title">'
        f'<svg viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'preserveAspectRatio="xMidYMid meet">'
        f'<desc id="{escape(chart_id)}-desc">{escape(summary)}</desc>{svg}</svg></div>'
        f"{table}</figure>"
    )


def _nice(top: float) -> float:
    """A round top for a count axis (ticks at 0, half and the top stay whole)."""
    for step in (2, 10, 20, 50, 100, 200, 500, 1000):
        if top <= step * 5:
            return float(-(-top // step) * step)
    return float(-(-top // 1000) * 1000)


def _y(value: float, top: float = 100.0) -> float:
    plot = _HEIGHT - _TOP - _BOTTOM
    return _TOP + plot * (1 - value / top) if top else _TOP + plot


def _axis_y(top: float, unit: str, bands: Sequence[float]) -> str:
    parts = []
    ticks = [0.0, top / 2, top] if unit != "%" else [0.0, 50.0, 100.0]
    for tick in ticks:
        y = _y(tick, top)
        parts.append(
            f'<line x1="{_LEFT}" x2="{_WIDTH - _RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick:g}{escape(unit)}</text>'
        )
    for band in bands:
        y = _y(band, top)
        parts.append(
            f'<line x1="{_LEFT}" x2="{_WIDTH - _RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="band"/>'
            f'<text x="{_LEFT + 4}" y="{y - 3:.1f}" text-anchor="start" class="band-label">'
            f"{band:g}</text>"
        )
    return "".join(parts)


def _x_labels(labels: Sequence[str], xs: Sequence[float]) -> str:
    if not labels:
        return ""
    step = max(1, len(labels) // 6)
    shown = list(range(0, len(labels), step))
    if shown[-1] != len(labels) - 1:
        # The last label always shows; one too close before it gives way.
        if len(labels) - 1 - shown[-1] < step:
            shown.pop()
        shown.append(len(labels) - 1)
    return "".join(
        f'<text x="{xs[i]:.1f}" y="{_HEIGHT - _BOTTOM + 20}" text-anchor="middle">'
        f"{escape(labels[i])}</text>"
        for i in shown
    )


def line_chart(chart_id: str, title: str, lines: Sequence[Line], x_name: str = "date") -> Markup:
    """Scores (0-100) over a common x axis, one line per series, with the 90/80/75 bands."""
    labels = [label for label, _ in lines[0].points] if lines else []
    count = max(len(labels), 1)
    span = _WIDTH - _LEFT - _RIGHT
    xs = [_LEFT + span * (i / (count - 1) if count > 1 else 0.5) for i in range(count)]
    parts = [_axis_y(100.0, "%", _BANDS), _x_labels(labels, xs)]
    legend = []
    for n, line in enumerate(lines):
        colour, dash = _STYLES[n % len(_STYLES)]
        runs: list[list[tuple[float, float]]] = [[]]
        for i, (_, value) in enumerate(line.points):
            if value is None:
                runs.append([])
            else:
                runs[-1].append((xs[i], _y(value)))
        style = f'stroke="{colour}"' + (f' stroke-dasharray="{dash}"' if dash else "")
        for run in runs:
            if len(run) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                parts.append(f'<polyline points="{path}" fill="none" stroke-width="2.5" {style}/>')
            for x, y in run:
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
        legend.append(
            f'<li><svg width="28" height="10" aria-hidden="true" focusable="false">'
            f'<line x1="0" x2="28" y1="5" y2="5" stroke-width="3" {style}/></svg>'
            f"{escape(line.label)}</li>"
        )
    summary = "; ".join(
        f"{line.label}: from {_number(line.points[0][1], '%')} to "
        f"{_number(line.points[-1][1], '%')}"
        for line in lines
        if line.points
    )
    head = [x_name, *(line.label for line in lines)]
    rows = [
        [label, *(_number(line.points[i][1], "%") for line in lines)]
        for i, label in enumerate(labels)
    ]
    legend_html = f'<ul class="legend">{"".join(legend)}</ul>' if len(lines) > 1 else ""
    figure = _figure(
        chart_id,
        title,
        summary or "no data yet",
        "".join(parts),
        legend_html + _table(title, head, rows),
    )
    return figure


def bar_chart(
    chart_id: str, title: str, bars: Sequence[Bar], unit: str = "%", value_name: str = "score"
) -> Markup:
    """Vertical bars: the windows' scores (unit %) or the histogram's counts (no unit)."""
    top = 100.0 if unit == "%" else _nice(max([b.value or 0.0 for b in bars] + [1.0]))
    count = max(len(bars), 1)
    span = _WIDTH - _LEFT - _RIGHT
    slot = span / count
    width = slot * 0.7
    parts = [_axis_y(top, unit, _BANDS if unit == "%" else ())]
    for i, bar in enumerate(bars):
        x = _LEFT + slot * i + (slot - width) / 2
        centre = x + width / 2
        if bar.value is not None:
            y = _y(bar.value, top)
            height = _HEIGHT - _BOTTOM - y
            kind = "bar highlight" if bar.highlight else "bar"
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
                f'class="{kind}"/>'
                f'<text x="{centre:.1f}" y="{y - 4:.1f}" text-anchor="middle" class="value">'
                f"{escape(_number(bar.value, unit))}</text>"
            )
        else:
            parts.append(
                f'<text x="{centre:.1f}" y="{_HEIGHT - _BOTTOM - 6}" text-anchor="middle" '
                f'class="value">—</text>'
            )
        parts.append(
            f'<text x="{centre:.1f}" y="{_HEIGHT - _BOTTOM + 16}" text-anchor="middle">'
            f"{escape(bar.label)}</text>"
        )
    summary = "; ".join(f"{b.label}: {_number(b.value, unit)}" for b in bars)
    notes = any(b.note for b in bars)
    head = ["", value_name, *(["detail"] if notes else [])]
    rows = [[b.label, _number(b.value, unit), *([b.note] if notes else [])] for b in bars]
    return _figure(chart_id, title, summary, "".join(parts), _table(title, head, rows))
