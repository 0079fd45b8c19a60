"""The window's Tab order, on every tab page: the form, the change, the page (each pane
or table one stop), the tab bar, and round again; Shift+Tab the other way.

Qt's own chain puts the tab bar before its pages, and a page built later (gui.lazy_pages)
after everything else; the window asks here instead (MainWindow.focusNextPrevChild).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QTabWidget,
    QWidget,
)


def stops(window: QWidget, tabs: QTabWidget) -> list[QWidget]:
    """The widgets Tab visits now, in order. A widget that hands its focus on is not a
    stop of its own: a spin box's or combo's line edit (the box is the stop), the tab
    widget (its tab bar is), a scroll area's viewport (the area is)."""
    found: list[QWidget] = []
    widget = window.nextInFocusChain()
    steps = 0
    while widget is not None and widget is not window and steps < 5000:  # a ring
        steps += 1
        # Not widget.focusProxy(): PySide 6.11 can hand back a stale wrapper from it, and
        # calling into that crashed the window (a segfault in the GUI tests).
        if widget.isVisible() and widget.isEnabled() \
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus \
                and not isinstance(widget, QTabWidget) \
                and not _is_viewport(widget) \
                and not isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox) \
                and widget.window() is window:
            found.append(widget)
        widget = widget.nextInFocusChain()
    bar = tabs.tabBar()
    return [w for w in found if w is not bar] + ([bar] if bar in found else [])


def _is_viewport(widget: QWidget) -> bool:
    area = widget.parentWidget()
    return isinstance(area, QAbstractScrollArea) and area.viewport() is widget


def step(window: QWidget, tabs: QTabWidget, forward: bool) -> bool:
    """Move the focus one stop; False when the focus is on nothing this ring knows."""
    ring = stops(window, tabs)
    focus = QApplication.focusWidget()
    while focus is not None and focus not in ring:  # a combo's line edit, a spin box's
        focus = focus.parentWidget()
    if not ring or focus is None:
        return False
    at = ring.index(focus)
    target = ring[(at + (1 if forward else -1)) % len(ring)]
    reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
    target.setFocus(reason)
    return True
