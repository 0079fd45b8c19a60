"""The Compare tab: pinned quotes side by side; cells that differ from the first are bold."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lic_desktop.gui.tables import read_only_table
from lic_desktop.gui.translatable import Translatable
from lic_desktop.l10n import N_
from lic_desktop.present.compare import MAX_PINNED, ComparePresenter, CompareRow

Index = QModelIndex | QPersistentModelIndex


class CompareModel(QAbstractTableModel):
    """Rows are the compared fields, columns the pinned quotes."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[CompareRow] = []
        self._headers: list[str] = []

    def set_rows(self, rows: list[CompareRow], headers: list[str]) -> None:
        self.beginResetModel()
        self._rows, self._headers = rows, headers
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or not self._headers else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= self.rowCount() \
                or index.column() >= self.columnCount():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.values[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row.differs[index.column()]
        if role == Qt.ItemDataRole.FontRole and row.differs[index.column()]:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return self._rows[section].label
        return None


class CompareTab(QWidget, Translatable):
    def __init__(self, presenter: ComparePresenter) -> None:
        super().__init__()
        self.presenter = presenter
        self.hint = QLabel()
        self.tr_text(lambda text: self.hint.setText(text.format(count=MAX_PINNED)),
                     N_("Pin up to {count} quotes (Edit → Pin Quote, Ctrl+Shift+P) to compare "
                        "plans, cycles and dates; bold marks what differs from the first."))
        self.hint.setWordWrap(True)
        self.model = CompareModel()
        self.table = read_only_table(self, "compare_table", N_("Compared quotes"), self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.remove_button = QPushButton()
        self.tr_text(self.remove_button.setText, N_("Remove selected"))
        self.remove_button.clicked.connect(self._on_remove)
        self.clear_button = QPushButton()
        self.tr_text(self.clear_button.setText, N_("Clear all"))
        self.clear_button.clicked.connect(self._on_clear)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self.presenter.rows(), self.presenter.headers())
        has = bool(self.presenter.pinned)
        self.remove_button.setEnabled(has)
        self.clear_button.setEnabled(has)

    def _on_remove(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.presenter.unpin(index.column())
            self.refresh()

    def _on_clear(self) -> None:
        self.presenter.clear()
        self.refresh()
