"""The Planner tab: advice, the chart and the sortable day table. Clicking a day in
either sets the change moment."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import cast

from PySide6.QtCore import QDateTime, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lic_desktop.gui.files import write_text
from lic_desktop.gui.moment_field import MomentField
from lic_desktop.gui.planner_chart import PlannerChart
from lic_desktop.gui.planner_model import PlanColumn, PlannerModel
from lic_desktop.gui.sort_proxy import ValueSortProxy
from lic_desktop.gui.tables import read_only_table
from lic_desktop.gui.translatable import Translatable
from lic_desktop.l10n import N_, _
from lic_desktop.present.planner_view import PlannerPresenter, PlannerState


class PlannerTab(QWidget, Translatable):
    day_chosen = Signal(object, object)  # moment, period start (None: unchanged)
    until_changed = Signal()

    def __init__(self, presenter: PlannerPresenter) -> None:
        super().__init__()
        self.presenter = presenter
        self.advice = QLabel()
        self.advice.setObjectName("planner_advice")
        self.advice.setWordWrap(True)
        self.advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.advice.font()
        font.setBold(True)
        self.advice.setFont(font)
        self.until = MomentField("until", self.tr_text)
        self.until.setObjectName("planner_until")
        self.tr_text(self.until.setAccessibleName, N_("Plan until"))
        self.until.typed.connect(self._on_until_typed)
        until_label = QLabel()
        self.tr_text(until_label.setText, N_("Plan until:"))
        until_label.setBuddy(self.until)
        due = QPushButton()
        self.tr_text(due.setText, N_("To the due date"))
        due.clicked.connect(self._on_until_due)
        export = QPushButton()
        self.tr_text(export.setText, N_("E&xport CSV…"))
        export.clicked.connect(self.export_csv)
        self.export_button = export
        self.until_error = QLabel()
        self.until_error.setObjectName("planner_until_error")
        self.until_error.setStyleSheet("color: #c0392b;")
        self.until_error.setWordWrap(True)
        self.until_error.hide()
        controls = QHBoxLayout()
        for widget in (until_label, self.until, self.until.calendar_button, due):
            controls.addWidget(widget)
        controls.addWidget(self.until_error, 1)
        controls.addStretch(0)
        controls.addWidget(export)
        self.chart = PlannerChart()
        self.chart.day_clicked.connect(self._on_chart_clicked)
        self.model = PlannerModel()
        self.proxy = ValueSortProxy()
        self.proxy.setSourceModel(self.model)
        self.table = self._build_table()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setSizes([300, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(self.advice)
        layout.addLayout(controls)
        layout.addWidget(split, 1)

    def _build_table(self) -> QTableView:
        table = read_only_table(self, "planner_table", N_("Planner days"), self.proxy,
                                pick_rows=True)
        table.setSortingEnabled(True)
        table.sortByColumn(PlanColumn.MOMENT, Qt.SortOrder.AscendingOrder)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        # Every column as wide as its header or widest value, the last one too: stretched,
        # it pushed "Cost through horizon" far from its header's neighbours. What is left
        # of the width stays empty after the last column.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        table.activated.connect(self._on_row_activated)
        table.doubleClicked.connect(self._on_row_activated)
        return table

    def retranslate(self) -> None:
        super().retranslate()
        self.chart.retranslate()

    def show_state(self, state: PlannerState) -> None:
        self.advice.setText(state.error or state.advice)
        self.model.set_rows(state.rows)
        self.chart.show_plan(state.plan, state.chosen)
        self.export_button.setEnabled(state.plan is not None)
        plan = state.plan
        if plan is not None and plan.days:
            self.until.show_moment(state.until or plan.days[-1].moment,
                                   self.presenter.until_unreadable)
        self.setEnabled(True)
        self.chart.setEnabled(not state.error)
        self.table.setEnabled(not state.error)

    def _choose(self, index: int) -> None:
        day = self.presenter.day_at(index)
        if day is not None:
            self.day_chosen.emit(day.moment, day.period_start)

    def _on_row_activated(self, index: QModelIndex) -> None:
        self._choose(self.proxy.mapToSource(index).row())

    def _on_chart_clicked(self, x: float) -> None:
        moment = cast("datetime", QDateTime.fromMSecsSinceEpoch(int(x)).toPython())
        day = self.presenter.nearest_day(moment)
        if day is not None:
            self.day_chosen.emit(day.moment, day.period_start)

    def _on_until_typed(self, text: str) -> None:
        problem = self.presenter.type_until(text)
        self._mark_until(problem)
        if not problem:
            self.until_changed.emit()

    def _on_until_due(self) -> None:
        self.presenter.until = self.presenter.until_unreadable = None
        self._mark_until("")
        self.until_changed.emit()

    def _mark_until(self, problem: str) -> None:
        """Outline "Plan until" in red while its text does not read, saying why."""
        self.until.setProperty("invalid", bool(problem))
        self.until.setStyleSheet("border: 2px solid #c0392b;" if problem else "")
        self.until.setToolTip(problem)
        self.until_error.setText(problem)
        self.until_error.setVisible(bool(problem))

    def export_csv(self) -> None:
        text = self.presenter.csv()
        if text is None:
            return
        name, _kind = QFileDialog.getSaveFileName(self, _("Export planner"), "planner.csv",
                                                  _("CSV files (*.csv)"))
        if not name:
            return
        try:
            write_text(Path(name), text)
        except OSError as exc:
            QMessageBox.warning(self, _("Export planner"), str(exc))
