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


# --- Weekly trends: one line per series, told apart by dash and marker shape as well as colour -------------------

TREND_WIDTH = 360  # viewBox units: drawn at about a phone's width, so its 15-unit text stays readable there
TREND_PLOT_TOP, TREND_PLOT_HEIGHT = 12, 150
TREND_LEFT, TREND_RIGHT = 46, 26  # room for half a date label at each end
SERIES_STYLES = (("", "circle"), ("6 4", "square"), ("2 3", "triangle"), ("10 3 2 3", "diamond"))


@dataclass(frozen=True)
class TrendPoint:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class TrendSeries:
    label: str
    points: tuple[TrendPoint, ...]
    dash: str
    marker: str
    css: str
    legend_y: int

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)


@dataclass(frozen=True)
class TrendChart:
    id: str
    title: str
    description: str
    series: tuple[TrendSeries, ...]
    x_labels: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    height: int
    width: int = TREND_WIDTH
    plot_left: int = TREND_LEFT
    plot_right: int = TREND_WIDTH - TREND_RIGHT
    axis_y: int = TREND_PLOT_TOP + TREND_PLOT_HEIGHT


def trend_chart(chart_id: str, title: str, weeks: list[str], series: list[tuple[str, str, list]], *,
                top: float | None = None, unit: str = "") -> TrendChart:
    """``series``: (label, css class, one value per week, None where there is no figure). Gaps break no line:
    a week without a figure is left out of its line."""
    values = [value for _, _, row in series for value in row if value is not None]
    top = top or max(values, default=0) or 1
    step = (TREND_WIDTH - TREND_LEFT - TREND_RIGHT) / max(len(weeks) - 1, 1)

    def y(value):
        return TREND_PLOT_TOP + TREND_PLOT_HEIGHT * (1 - value / top)

    legend_top = TREND_PLOT_TOP + TREND_PLOT_HEIGHT + 44
    drawn = tuple(
        TrendSeries(
            label=label,
            points=tuple(TrendPoint(TREND_LEFT + i * step, y(value), f"{value:g}{unit}")
                         for i, value in enumerate(row) if value is not None),
            dash=SERIES_STYLES[index % len(SERIES_STYLES)][0],
            marker=SERIES_STYLES[index % len(SERIES_STYLES)][1],
            css=css,
            legend_y=legend_top + index * 22,
        )
        for index, (label, css, row) in enumerate(series)
    )
    every = max(1, round(len(weeks) / 4))  # at most about five dates under the axis
    x_labels = tuple((TREND_LEFT + i * step, week) for i, week in enumerate(weeks) if i % every == 0)
    y_ticks = tuple((y(top * share), f"{top * share:g}{unit}") for share in (0, 0.5, 1))
    description = "; ".join(
        f"{label}: " + (", ".join(f"{week} {value:g}{unit}" for week, value in zip(weeks, row, strict=True)
                                  if value is not None) or "no figures")
        for label, _, row in series
    )
    return TrendChart(chart_id, title, description, drawn, x_labels, y_ticks, legend_top + len(series) * 22)
