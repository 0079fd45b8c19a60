"""One portal pane: a two-column label/value table model and the widget that shows it."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
)

from lic_desktop.gui.rows_model import RowsModel
from lic_desktop.gui.tables import keep_with
from lic_desktop.l10n import _
from lic_desktop.present.panes import Pane, Row


class PaneColumn(IntEnum):
    LABEL = 0
    VALUE = 1


_DISPLAY, _TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
_USER, _ACCESSIBLE = Qt.ItemDataRole.UserRole, Qt.ItemDataRole.AccessibleTextRole


class PaneModel(RowsModel):
    """Rows of a pane; DisplayRole is the portal's text, UserRole the raw value."""

    headers = ("Label", "Value")
    roles = frozenset({_DISPLAY, _TOOLTIP, _USER, _ACCESSIBLE})

    def set_rows(self, rows: Sequence[Row]) -> None:
        """New values in the same rows repaint in place; other rows reset the model."""
        new, old = tuple(rows), tuple(self._rows)
        if new == old:
            return
        if [r.key for r in new] == [r.key for r in old]:
            self._rows = new
            self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, 1))
            return
        super().set_rows(new)

    def rows(self) -> tuple[Row, ...]:
        return tuple(self._rows)

    def cell(self, row: Row, column: int, role: int) -> object:
        # Plain ints, not PaneColumn(column): views ask thousands of times a repaint.
        if role in (_DISPLAY, _TOOLTIP):
            return row.label if column == 0 else row.value
        if role == _USER:
            return row.key if column == 0 else row.raw
        if role == _ACCESSIBLE:
            return f"{row.label}: {row.value}"
        return None


class _FitTable(QTableView):
    """Tells its pane when its width changes, since wrapped rows then change height; one
    Tab stop (Tab leaves it), and Ctrl+C copies its lines."""

    def __init__(self, pane: PaneView) -> None:
        super().__init__()
        self._pane = pane
        self.setTabKeyNavigation(False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._pane.fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self._pane.copy()
            return
        super().keyPressEvent(event)


class _Placeholder(QLabel):
    """What an empty pane says ("No order: ..."): focusable, so the pane keeps its Tab
    stop, and Ctrl+C copies the pane as a table would."""

    def __init__(self, pane: PaneView) -> None:
        super().__init__()
        self._pane = pane
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) and not self.hasSelectedText():
            self._pane.copy()
            return
        super().keyPressEvent(event)


class PaneView(QGroupBox):
    """A titled pane like the portal's: labels left, values right, no grid."""

    def __init__(self, title: str, object_name: str) -> None:
        super().__init__(_(title))
        self.msgid = title
        self.setObjectName(object_name)
        self.model = PaneModel()
        self.table = _FitTable(self)
        self.table.setObjectName(f"{object_name}_table")
        self.table.setAccessibleName(_(title))
        self.table.setModel(self.model)
        keep_with(self.table, self.model)
        self.table.horizontalHeader().hide()
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(PaneColumn.LABEL, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # Row heights: fit() measures them when the rows or the width change. The header's
        # own ResizeToContents would measure every cell again on each edit (a third of a
        # keystroke's time) for the same heights.
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.row_extra = 0  # set by the Quote tab: see QuoteTab.spread
        self.placeholder = ""  # the presenter's words for no rows; "" = "(no change)"
        self.empty = _Placeholder(self)
        self.empty.setText(_("(no change)"))
        self.empty.setObjectName(f"{object_name}_empty")
        self.empty.hide()
        layout = self.box = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        self.fit()

    def retranslate(self) -> None:
        self.setTitle(_(self.msgid))
        self.table.setAccessibleName(_(self.msgid))
        self.empty.setText(self.placeholder or _("(no change)"))

    def show_pane(self, pane: Pane | None) -> None:
        """The presenter's pane: its rows, or what it says instead of rows."""
        self.placeholder = "" if pane is None else pane.placeholder
        self.empty.setText(self.placeholder or _("(no change)"))
        self.set_rows(() if pane is None else pane.rows)

    def text(self) -> str:
        """The pane as the text output prints it: the title, then "Label<TAB>Value"."""
        return Pane(self.title(), self.model.rows(),
                    placeholder=self.empty.text()).text()

    def copy(self) -> None:
        """The selected rows as "Label<TAB>Value" lines; with none selected, the pane."""
        selected = sorted({index.row() for index in self.table.selectedIndexes()})
        rows = self.model.rows()
        if self.table.isVisible() and 0 < len(selected) < len(rows):
            text = "\n".join(f"{rows[r].label}\t{rows[r].value}" for r in selected)
        else:
            text = self.text()
        QApplication.clipboard().setText(text)

    def set_rows(self, rows: tuple[Row, ...]) -> None:
        if rows == self.model.rows() and self.table.isHidden() == (not rows):
            return  # the same lines (an edit elsewhere): nothing to measure again
        appearing = bool(rows) and self.table.isHidden()
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.fit()
        if appearing:  # a table just shown has no width until the layout runs: again then
            QTimer.singleShot(0, self.fit)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()  # rows set while the tab was hidden were measured at no width
        QTimer.singleShot(0, self.fit)

    def fit(self) -> None:
        """As tall as its rows, so the panes read top to bottom without inner scrolling;
        each row `row_extra` pixels taller where the tab has room to spare."""
        table = self.table
        table.resizeRowsToContents()
        if self.row_extra:
            for r in range(self.model.rowCount()):
                table.setRowHeight(r, table.rowHeight(r) + self.row_extra)
        height = max(table.verticalHeader().length() + 2 * table.frameWidth(), 24)
        if table.height() != height:
            table.setFixedHeight(height)

    def least_width(self) -> int:
        """The narrowest this pane shows every word whole: its labels' column beside
        its longest unbreakable value (an order ID, an amount), with the frames."""
        metrics = self.table.fontMetrics()
        rows = self.model.rows()
        words = [word for row in rows for word in row.value.split()] or [""]
        labels = self.table.sizeHintForColumn(PaneColumn.LABEL) if rows else 0
        value = max(metrics.horizontalAdvance(word) for word in words) + 12  # cell margins
        margins = self.contentsMargins() + self.box.contentsMargins()
        return labels + value + 2 * self.table.frameWidth() + margins.left() \
            + margins.right() + 8  # a few pixels to spare

    def set_row_extra(self, extra: int) -> None:
        if extra != self.row_extra:
            self.row_extra = extra
            self.fit()
