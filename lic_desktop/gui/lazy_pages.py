"""Tab pages built the first time they are shown or asked for.

The window opens on the Quote tab; the planner's chart, the book, compare and store tabs
(and the modules behind them) cost start-up time nobody sees, so each of those tabs holds
an empty container at first and its page is put into it when first needed. The tab
itself never changes: same index, title and current tab, so the tab bar (and a screen
reader following it) sees only the user's own switches.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget


class LazyPages:
    def __init__(self, tabs: QTabWidget) -> None:
        self.tabs = tabs
        self._holders: dict[str, QWidget] = {}
        self._builders: dict[str, Callable[[], QWidget]] = {}
        self._pages: dict[str, QWidget] = {}
        # Connected before anyone else's slot, so a tab switched to is built first.
        tabs.currentChanged.connect(self._on_current)

    def add(self, name: str, build: Callable[[], QWidget]) -> None:
        holder = QWidget()
        holder.setObjectName(f"{name}_tab_holder")
        QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
        self._holders[name] = holder
        self._builders[name] = build
        self.tabs.addTab(holder, "")

    def page(self, name: str) -> QWidget:
        """The page, built now if it was not yet."""
        found = self._pages.get(name)
        if found is None:
            found = self._pages[name] = self._builders[name]()
            layout = self._holders[name].layout()
            assert layout is not None  # made in add()
            layout.addWidget(found)
        return found

    def built(self, name: str) -> QWidget | None:
        """The page if it exists yet; None while its tab is still empty."""
        return self._pages.get(name)

    def waiting(self) -> list[str]:
        """The pages not built yet."""
        return [name for name in self._holders if name not in self._pages]

    def show(self, name: str) -> None:
        """Make the page's tab the current one (building the page first)."""
        self.page(name)
        self.tabs.setCurrentWidget(self._holders[name])

    def is_current(self, name: str) -> bool:
        return self.tabs.currentWidget() is self._holders[name]

    def _on_current(self, index: int) -> None:
        widget = self.tabs.widget(index)
        for name, holder in self._holders.items():
            if holder is widget:
                self.page(name)
