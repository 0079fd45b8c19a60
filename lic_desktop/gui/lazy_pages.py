"""Tab pages built the first time they are shown or asked for.

The window opens on the Quote tab; the planner's chart, the book, compare and store tabs
(and the modules behind them) cost start-up time nobody sees, so each tab starts as an
empty placeholder and its page takes the placeholder's place when first needed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QTabWidget, QWidget


class LazyPages:
    def __init__(self, tabs: QTabWidget) -> None:
        self.tabs = tabs
        self._placeholders: dict[str, QWidget] = {}
        self._builders: dict[str, Callable[[], QWidget]] = {}
        self._pages: dict[str, QWidget] = {}
        # Connected before anyone else's slot, so a tab switched to is built first.
        tabs.currentChanged.connect(self._on_current)

    def add(self, name: str, build: Callable[[], QWidget]) -> None:
        placeholder = QWidget()
        placeholder.setObjectName(f"{name}_placeholder")
        self._placeholders[name] = placeholder
        self._builders[name] = build
        self.tabs.addTab(placeholder, "")

    def page(self, name: str) -> QWidget:
        """The page, built now (in the placeholder's place) if it was not yet."""
        found = self._pages.get(name)
        if found is None:
            found = self._pages[name] = self._builders[name]()
            placeholder = self._placeholders.pop(name)
            index = self.tabs.indexOf(placeholder)
            current = self.tabs.currentIndex()
            # One swap, no currentChanged storm: the tab keeps its place and title.
            with QSignalBlocker(self.tabs):
                title = self.tabs.tabText(index)
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, found, title)
                self.tabs.setCurrentIndex(current)
            placeholder.deleteLater()
        return found

    def built(self, name: str) -> QWidget | None:
        """The page if it exists yet; None while it is still a placeholder."""
        return self._pages.get(name)

    def waiting(self) -> list[str]:
        """The pages not built yet."""
        return list(self._placeholders)

    def _on_current(self, index: int) -> None:
        widget = self.tabs.widget(index)
        for name, placeholder in list(self._placeholders.items()):
            if placeholder is widget:
                self.page(name)
