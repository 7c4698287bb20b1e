"""Horizontal bar charts drawn on the server as SVG (no chart library, no script). The template
``staff/includes/bar_chart.html`` renders a ``BarChart``; the same numbers are always in a table beside it."""

from dataclasses import dataclass

BAR_HEIGHT = 28
GAP = 10
LABEL_WIDTH = 230
PLOT_WIDTH = 360
VALUE_WIDTH = 50


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_y: int


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    height: int
    label_width: int = LABEL_WIDTH
    plot_width: int = PLOT_WIDTH
    total_width: int = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]]) -> BarChart:
    top = max((value for _, value in rows), default=0) or 1
    bars = tuple(
        Bar(
            label=label,
            value=value,
            y=index * (BAR_HEIGHT + GAP),
            width=round(PLOT_WIDTH * value / top),
            text_y=index * (BAR_HEIGHT + GAP) + BAR_HEIGHT // 2 + 5,
        )
        for index, (label, value) in enumerate(rows)
    )
    description = "; ".join(f"{label}: {value}" for label, value in rows) or "No data"
    return BarChart(chart_id, title, description, bars, max(len(rows), 1) * (BAR_HEIGHT + GAP))
