"""The planner table: one row a day; display text from the presenter, raw values for
sorting (a proxy that compares raw values, never the display text)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from lic_desktop.gui.rows_model import RowsModel
from lic_desktop.l10n import N_, _
from lic_desktop.present.planner import PLANNER_HEADERS, PlannerRow

Index = QModelIndex | QPersistentModelIndex
BEST_DAY, DUE_DATE = N_("Best day"), N_("Due date")  # as the chart's legend names them


class PlanColumn(IntEnum):
    MOMENT = 0
    CHARGED = 1
    CREDIT = 2
    EXPIRY = 3
    CASH = 4
    COST = 5


def two_lines(text: str, longest: int = 14) -> str:
    """A long header on two lines, broken at the space nearest its middle ("Cost through
    horizon" -> "Cost through" / "horizon"): the column is then as wide as its amounts."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if len(text) <= longest or not spaces:
        return text
    middle = min(spaces, key=lambda i: abs(2 * i - len(text)))
    return f"{text[:middle]}\n{text[middle + 1:]}"


class PlannerModel(RowsModel):
    headers = PLANNER_HEADERS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ToolTipRole:  # the header's text on one line
            role = Qt.ItemDataRole.DisplayRole
        elif role == Qt.ItemDataRole.DisplayRole:
            text = super().headerData(section, orientation, role)
            return two_lines(text) if isinstance(text, str) else text
        return super().headerData(section, orientation, role)

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
            return " · ".join(_(t) for t, on in ((BEST_DAY, row.best), (DUE_DATE, row.due))
                              if on)
        return None
