"""The planner chart: what is charged now and the cost through the horizon, by day, with
the due date marked and the chosen day highlighted. Fed from the plan, never from text."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCharts import (
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QDate, QDateTime, QLocale, QPointF, Qt, QTime, Signal
from PySide6.QtGui import QPainter

from lic_desktop.core.planner import Plan
from lic_desktop.gui.translatable import Translatable
from lic_desktop.l10n import N_, current_locale, day_month_format


def msecs(moment: datetime) -> float:
    """A wall-clock moment as the chart's x value (local time, as QDateTimeAxis shows it)."""
    value = QDateTime(QDate(moment.year, moment.month, moment.day),
                      QTime(moment.hour, moment.minute))
    return float(value.toMSecsSinceEpoch())


def amount(value: object) -> float:
    """A money amount as a chart coordinate: drawing only, never arithmetic."""
    return float(str(getattr(value, "amount", value)))


class PlannerChart(QChartView, Translatable):
    day_clicked = Signal(float)  # the x (msecs) of the clicked point

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("planner_chart")
        self.tr_text(self.setAccessibleName, N_("Planner chart"))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        # Clicked with the mouse; with the keyboard the table beside it picks a day (the
        # chart has no keys of its own, so as a Tab stop it was an invisible one).
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        chart = QChart()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(chart.margins() * 0)
        self.setChart(chart)
        self.charged, self.cost, self.due = QLineSeries(), QLineSeries(), QLineSeries()
        for series, name in ((self.charged, N_("Charged now")),
                             (self.cost, N_("Cost through horizon")), (self.due, N_("Due date"))):
            self.tr_text(series.setName, name)
        self.chosen = QScatterSeries()
        self.tr_text(self.chosen.setName, N_("Chosen day"))
        self.chosen.setMarkerSize(11)
        self.best = QScatterSeries()
        self.tr_text(self.best.setName, N_("Best day"))
        self.best.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeRectangle)
        self.best.setMarkerSize(9)
        self.x_axis = QDateTimeAxis()
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%.2f")
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        every: tuple[QXYSeries, ...] = (self.charged, self.cost, self.due, self.best,
                                         self.chosen)
        for xy in every:
            chart.addSeries(xy)
            xy.attachAxis(self.x_axis)
            xy.attachAxis(self.y_axis)
            if xy is not self.due:
                xy.clicked.connect(self._on_clicked)
        self._follow_locale()

    def retranslate(self) -> None:
        super().retranslate()
        self._follow_locale()

    def _follow_locale(self) -> None:
        """Month names, the day-and-month order ("Nov 16", "16. Nov.", "16 nov.") and the
        decimal mark on the axes as the UI's language writes them."""
        chart = self.chart()
        chart.setLocale(QLocale(current_locale()))
        chart.setLocalizeNumbers(True)
        self.x_axis.setFormat(day_month_format(current_locale()))

    def _on_clicked(self, point: QPointF) -> None:
        self.day_clicked.emit(point.x())

    def show_plan(self, plan: Plan | None, chosen: datetime | None) -> None:
        for xy in (self.charged, self.cost, self.due, self.chosen, self.best):
            xy.clear()
        if plan is None or not plan.days:
            return
        days = plan.days
        self.charged.replace([QPointF(msecs(d.moment), amount(d.charged_now)) for d in days])
        self.cost.replace([QPointF(msecs(d.moment), amount(d.cost_through_horizon))
                           for d in days])
        values = [amount(d.charged_now) for d in days] + \
            [amount(d.cost_through_horizon) for d in days]
        low, high = min(0.0, *values), max(values) * 1.08 or 1.0
        self.y_axis.setRange(low, high)
        self.y_axis.applyNiceNumbers()
        first, last = msecs(days[0].moment), msecs(days[-1].moment)
        if first == last:
            last = first + 86_400_000.0
        self.x_axis.setRange(QDateTime.fromMSecsSinceEpoch(int(first)),
                             QDateTime.fromMSecsSinceEpoch(int(last)))
        if plan.due_date is not None and days[0].moment <= plan.due_date <= days[-1].moment:
            x = msecs(plan.due_date)
            self.due.replace([QPointF(x, self.y_axis.min()), QPointF(x, self.y_axis.max())])
        best = plan.best_day
        self.best.append(msecs(best.moment), amount(best.cost_through_horizon))
        if chosen is not None:
            day = min(days, key=lambda d: abs(d.moment - chosen))
            self.chosen.append(msecs(day.moment), amount(day.charged_now))
