"""The planner table: one row a day; display text from the presenter, raw values for
sorting (a proxy that compares raw values, never the display text)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from lic_desktop.present.planner import PLANNER_HEADERS, PlannerRow

Index = QModelIndex | QPersistentModelIndex


class PlanColumn(IntEnum):
    MOMENT = 0
    CHARGED = 1
    CREDIT = 2
    EXPIRY = 3
    CASH = 4
    COST = 5


class PlannerModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: tuple[PlannerRow, ...] = ()

    def set_rows(self, rows: tuple[PlannerRow, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row(self, index: int) -> PlannerRow:
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PlanColumn)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], PlanColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column]
        if role == Qt.ItemDataRole.UserRole:
            day = row.day
            return (day.moment, day.charged_now, day.account_credit, day.new_expiry,
                    day.cash_through_horizon, day.cost_through_horizon)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column is not PlanColumn.MOMENT:
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

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(PLANNER_HEADERS):
            return PLANNER_HEADERS[section]
        return None


class RawValueSortProxy(QSortFilterProxyModel):
    """Sorts by the raw value (a date or an amount), with "never" (None) last."""

    def lessThan(self, left: Index, right: Index) -> bool:
        a = left.data(Qt.ItemDataRole.UserRole)
        b = right.data(Qt.ItemDataRole.UserRole)
        if a is None or b is None:
            return a is not None and b is None
        return bool(a < b)
