"""Server-side SVG charts: geometry, empty periods, and names escaped in the markup."""

from __future__ import annotations

from datetime import date, timedelta

from sinowatch.web.charts import HEIGHT, MARGIN_BOTTOM, bar_chart, line_chart, nice_ceiling
from sinowatch.web.pages import templates

DAYS = [date(2026, 11, 1) + timedelta(days=i) for i in range(5)]


def test_nice_ceiling():
    assert [nice_ceiling(n) for n in (0, 1, 2, 3, 7, 10, 11, 45, 101)] == [
        1, 1, 2, 5, 10, 10, 20, 50, 200,
    ]  # fmt: skip


def test_line_chart_puts_one_point_per_day_and_the_peak_at_the_top():
    chart = line_chart("t", DAYS, {"a": {DAYS[0]: 4, DAYS[2]: 10}, "b": {}})
    a, b = chart.lines
    assert len(a.points) == len(b.points) == 5
    assert a.total == 14 and b.total == 0
    bottom = HEIGHT - MARGIN_BOTTOM
    assert a.points[1].y == bottom and a.points[2].y == chart.top  # 0 at the axis, 10 = peak
    assert a.points[0].x < a.points[1].x < a.points[4].x
    assert a.points[2].label == "a, 2026-11-03: 10"
    assert [t.label for t in chart.y_ticks] == ["0", "5", "10"]
    assert [t.anchor for t in chart.x_ticks] == ["start", "middle", "end"]
    assert not chart.empty
    assert line_chart("t", DAYS, {"a": {}}).empty


def test_bar_chart_longest_first():
    chart = bar_chart("t", [("US", 2), ("CN", 6), ("unknown", 2)])
    assert [(bar.label, bar.count) for bar in chart.bars] == [("CN", 6), ("US", 2), ("unknown", 2)]
    assert chart.bars[0].width == 3 * chart.bars[1].width
    assert chart.bars[0].y < chart.bars[1].y
    assert bar_chart("t", []).empty


def test_names_are_escaped_in_the_svg():
    hostile = '<script>alert(1)</script>"'
    macros = templates.env.get_template("_charts.html").module
    lines = str(macros.line_chart(line_chart(hostile, DAYS, {hostile: {DAYS[1]: 3}})))
    bars = str(macros.bar_chart(bar_chart(hostile, [(hostile, 3)])))
    for svg in (lines, bars):
        assert "<script" not in svg
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34;" in svg
