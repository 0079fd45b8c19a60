"""A count field (servers): a spin box whose typed text is read by the app's one number
parser (core.numbers), not by Qt's.

QSpinBox's validator silently drops keystrokes it does not like: typing "3_0" gave 30
servers, and "１２" (full-width digits) left the old value in place with nothing said. This
field keeps every keystroke, reports the text as typed (`typed`), and the presenter reads
it or marks the field with what is wrong, as the amount and date fields do. The text
kept for an unreadable count stays on screen, also when the field loses focus (Qt would
put the last valid value back), until the user fixes it or undoes. Up/Down and the
arrows still step the value, reported by valueChanged.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import QSpinBox

from lic_desktop.core.numbers import parse_whole
from lic_desktop.core.periods import InputError


class CountField(QSpinBox):
    typed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._kept: str | None = None  # an unreadable text the presenter holds
        line = self.lineEdit()
        line.textEdited.connect(self.typed)

    def show_count(self, value: int, kept: str | None) -> None:
        """Paint the presenter's value, or the text it keeps for an unreadable count."""
        self._kept = kept
        self.setValue(value)
        if kept is not None and self.lineEdit().text() != kept:
            self.lineEdit().setText(kept)

    def _read(self, text: str) -> int | None:
        try:
            return parse_whole("count", text, low=self.minimum(), high=self.maximum())
        except InputError:
            return None

    # --- QSpinBox overrides ----------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # QAbstractSpinBox swallows a typed space ("1 2" became 12): the line edit gets it.
        if event.text().isspace() and event.text() not in ("\r", "\n"):
            self.lineEdit().event(event)
            return
        super().keyPressEvent(event)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        # Never Invalid: every keystroke stays, the presenter says what is wrong. Only a
        # count the app reads, in range, is Acceptable (Qt would clamp any other).
        if self._read(text) is None:
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos

    def valueFromText(self, text: str) -> int:
        read = self._read(text)
        return self.value() if read is None else read

    def textFromValue(self, value: int) -> str:
        # ASCII digits, no grouping, whatever the locale: what the parser reads back. An
        # unreadable text kept by the presenter is what the field shows, and a text that
        # reads as this value stays as typed ("1 " while "1 2" is typed is not cut to "1").
        if self._kept is not None:
            return self._kept
        typed = self.lineEdit().text()
        return typed if self._read(typed) == value else str(value)

    def fixup(self, text: str) -> str:
        return text  # nothing is corrected behind the user's back
