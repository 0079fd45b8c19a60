"""The planner table: one row a day; display text from the presenter, raw values for
sorting (a proxy that compares raw values, never the display text)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from lic_desktop.gui.rows_model import RowsModel
from lic_desktop.present.planner import PLANNER_HEADERS, PlannerRow

Index = QModelIndex | QPersistentModelIndex


class PlanColumn(IntEnum):
    MOMENT = 0
    CHARGED = 1
    CREDIT = 2
    EXPIRY = 3
    CASH = 4
    COST = 5


class PlannerModel(RowsModel):
    headers = PLANNER_HEADERS

    def cell(self, row: PlannerRow, column: int, role: int) -> object:
        col = PlanColumn(column)
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[col]
        if role == Qt.ItemDataRole.UserRole:
            day = row.day
            return (day.moment, day.charged_now, day.account_credit, day.new_expiry,
                    day.cash_through_horizon, day.cost_through_horizon)[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col is not PlanColumn.MOMENT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self._marks(row, role)

    @staticmethod
    def _marks(row: PlannerRow, role: int) -> object:
        """Bold for the best day, italic for the due date, and a tooltip saying so."""
        if not (row.best or row.due):
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(row.best)
            font.setItalic(row.due)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return " · ".join(t for t, on in (("the best day", row.best),
                                              ("the due date", row.due)) if on)
        return None


class RawValueSortProxy(QSortFilterProxyModel):
    """Sorts by the raw value (a date or an amount), with "never" (None) last."""

    def lessThan(self, left: Index, right: Index) -> bool:
        a = left.data(Qt.ItemDataRole.UserRole)
        b = right.data(Qt.ItemDataRole.UserRole)
        if a is None or b is None:
            return a is not None and b is None
        return bool(a < b)
