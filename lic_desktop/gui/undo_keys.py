"""Undo and Redo keys mean the window's history wherever focus is in the window.

A QLineEdit (also the one inside a spin box or an editable combo, which hand it the
event) accepts the ShortcutOverride event for the platform's undo and redo keys, so
Edit → Undo never sees Ctrl+Z there: the widget undoes its own typing one keystroke at a
time, then nothing, while the presenter's history (one step per field) is passed by.
This filter declines those overrides for every widget of the window (the form's fields,
the planner's "Plan until"), so the keys reach the
window's Undo/Redo actions; a key press that still arrives (nothing left to undo, the
action disabled) is dropped rather than undone by the widget.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

HISTORY_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
KEY_EVENTS = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)


class HistoryKeys(QObject):
    """Installed on the application for the widgets inside `scope` (the window); lives as
    long as the window."""

    def __init__(self, window: QWidget, scope: QWidget) -> None:
        super().__init__(window)
        self._form = scope
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def uninstall(self) -> None:
        """When the window closes: an application's filter sees every event of every
        window, and closed windows' filters piled up (a test run's windows made every
        event pass through hundreds of them)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in KEY_EVENTS or not isinstance(event, QKeyEvent) \
                or not any(event.matches(key) for key in HISTORY_KEYS) \
                or not isinstance(watched, QWidget) or not self._form.isAncestorOf(watched):
            return False
        # A declined override goes to the window's shortcuts (Edit → Undo / Redo).
        event.ignore()
        return True
