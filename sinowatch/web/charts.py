"""Server-side SVG charts: the geometry here, the markup in ``templates/_charts.html``.

No JavaScript and no chart library: a chart is a few lines or bars, computed once per request.
Names (watchlists, countries) reach the SVG only through the Jinja2 template, so they are escaped
like everything else.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

PALETTE = ("#2f6db5", "#d1495b", "#2a9d8f", "#e9a23b", "#7b5ea7", "#5c8001", "#c8553d", "#4f5d75")
WIDTH = 640
HEIGHT = 220
MARGIN_LEFT = 40
MARGIN_RIGHT = 12
MARGIN_TOP = 12
MARGIN_BOTTOM = 28
BAR_HEIGHT = 18
BAR_GAP = 6
BAR_LABEL_WIDTH = 150


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    """The tooltip: day and count."""


@dataclass(frozen=True)
class Line:
    name: str
    colour: str
    total: int
    points: tuple[Point, ...]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True)
class Tick:
    position: float
    label: str
    anchor: str = "middle"
    """SVG ``text-anchor``: the first and last day labels stay inside the plot."""


@dataclass(frozen=True)
class LineChart:
    """Counts per day, one line per series (the x axis is every day of the period)."""

    title: str
    lines: tuple[Line, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = MARGIN_LEFT
    right: int = WIDTH - MARGIN_RIGHT
    top: int = MARGIN_TOP
    bottom: int = HEIGHT - MARGIN_BOTTOM

    @property
    def empty(self) -> bool:
        return not any(line.total for line in self.lines)


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    y: float
    width: float
    colour: str


@dataclass(frozen=True)
class BarChart:
    """One horizontal bar per label (coverage by country, by outlet type)."""

    title: str
    bars: tuple[Bar, ...]
    width: int = WIDTH
    label_width: int = BAR_LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return len(self.bars) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP

    @property
    def empty(self) -> bool:
        return not self.bars


def nice_ceiling(value: int) -> int:
    """The axis maximum: ``value`` rounded up to 1, 2 or 5 times a power of ten (at least 1)."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    return next(step * magnitude for step in (1, 2, 5, 10) if step * magnitude >= value)


def line_chart(
    title: str, days: Sequence[date], series: Mapping[str, Mapping[date, int]]
) -> LineChart:
    """A line per series over ``days`` (a day missing from a series counts 0)."""
    peak = nice_ceiling(max((n for counts in series.values() for n in counts.values()), default=0))
    left, right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    top, bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    step = (right - left) / max(len(days) - 1, 1)

    def x(index: int) -> float:
        return left + index * step if len(days) > 1 else (left + right) / 2

    def y(count: int) -> float:
        return bottom - (bottom - top) * count / peak

    lines = tuple(
        Line(
            name=name,
            colour=PALETTE[index % len(PALETTE)],
            total=sum(counts.get(day, 0) for day in days),
            points=tuple(
                Point(x(i), y(n), f"{name}, {day.isoformat()}: {n}")
                for i, day in enumerate(days)
                for n in (counts.get(day, 0),)
            ),
        )
        for index, (name, counts) in enumerate(series.items())
    )
    shown = sorted({0, len(days) // 2, len(days) - 1}) if days else []
    return LineChart(
        title=title,
        lines=lines,
        x_ticks=tuple(Tick(x(i), days[i].strftime("%b %d"), _anchor(i, len(days))) for i in shown),
        y_ticks=tuple(Tick(y(v), str(v)) for v in sorted({0, peak // 2, peak})),
    )


def _anchor(index: int, count: int) -> str:
    if count > 1 and index == 0:
        return "start"
    return "end" if count > 1 and index == count - 1 else "middle"


def bar_chart(title: str, counts: Sequence[tuple[str, int]]) -> BarChart:
    """Bars for ``(label, count)`` rows, longest first; the longest spans the plot."""
    rows = sorted(counts, key=lambda row: (-row[1], row[0]))
    peak = max((count for _, count in rows), default=0) or 1
    span = WIDTH - BAR_LABEL_WIDTH - 60
    return BarChart(
        title=title,
        bars=tuple(
            Bar(
                label=label,
                count=count,
                y=BAR_GAP + index * (BAR_HEIGHT + BAR_GAP),
                width=max(span * count / peak, 1.0),
                colour=PALETTE[index % len(PALETTE)],
            )
            for index, (label, count) in enumerate(rows)
        ),
    )
