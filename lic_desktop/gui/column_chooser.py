"""Which of a table's columns show: a menu of them (the header's right-click, or a
button), remembered in QSettings by the columns' keys."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QPoint, QSettings, Qt, Signal
from PySide6.QtWidgets import QMenu, QTableView

from lic_desktop.l10n import _
from lic_desktop.present.book_table import Column


class ColumnChooser(QObject):
    """Shows `columns` (in the model's order) of `table` as `visible(saved text)` says,
    and keeps the choice under `key` in `settings` as comma-separated column keys."""

    shown = Signal()  # a column was shown: its width may want fitting

    def __init__(self, table: QTableView, columns: Sequence[Column], default: Sequence[str],
                 visible: Callable[[str], Sequence[str]], *, settings: QSettings | None,
                 key: str) -> None:
        super().__init__(table)
        self.table, self.columns, self.default = table, columns, tuple(default)
        self.settings, self.key = settings, key
        self.menu = QMenu(table)
        self.menu.setObjectName("columns_menu")
        self.menu.aboutToShow.connect(self._on_menu_about_to_show)
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu_requested)
        saved = settings.value(key, "") if settings is not None else ""
        # An INI file may hand back a list for a text with commas in it.
        self._show(visible(saved if isinstance(saved, str)
                           else ",".join(map(str, saved)) if isinstance(saved, list) else ""))

    def visible(self) -> list[str]:
        """The keys of the columns shown, in the model's order."""
        header = self.table.horizontalHeader()
        return [c.key for i, c in enumerate(self.columns) if not header.isSectionHidden(i)]

    def show_also(self, keys: Sequence[str]) -> None:
        """Show these columns too (a best-day book's), kept in the settings."""
        header = self.table.horizontalHeader()
        hidden = [i for i, c in enumerate(self.columns)
                  if c.key in keys and header.isSectionHidden(i)]
        for section in hidden:
            header.setSectionHidden(section, False)
        if hidden:
            self._remember()
            self.shown.emit()

    def popup(self, at: QPoint) -> None:
        """Open the menu at `at` (global coordinates) without waiting for it."""
        self.menu.popup(at)

    def _show(self, keys: Sequence[str]) -> None:
        header = self.table.horizontalHeader()
        for i, column in enumerate(self.columns):
            header.setSectionHidden(i, column.key not in keys)

    def _on_header_menu_requested(self, pos: QPoint) -> None:
        self.popup(self.table.horizontalHeader().mapToGlobal(pos))

    def _on_menu_about_to_show(self) -> None:
        """One checkable entry a column, in the current language."""
        self.menu.clear()
        shown = self.visible()
        for i, column in enumerate(self.columns):
            action = self.menu.addAction(_(column.header))
            action.setCheckable(True)
            action.setChecked(column.key in shown)
            action.setEnabled(shown != [column.key])  # the last column shown stays
            action.toggled.connect(lambda on, i=i: self._on_column_toggled(i, on))
        self.menu.addSeparator()
        reset = self.menu.addAction(_("Default columns"))
        reset.setEnabled(shown != list(self.default))
        reset.triggered.connect(self._on_default_triggered)

    def _on_column_toggled(self, section: int, on: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(section, not on)
        self._remember()
        if on:
            self.shown.emit()  # the owner fits the column to its texts

    def _on_default_triggered(self) -> None:
        self._show(self.default)
        self._remember()
        self.shown.emit()

    def _remember(self) -> None:
        if self.settings is not None:
            self.settings.setValue(self.key, ",".join(self.visible()))
