"""A date field: the moment as the text the user types, and a calendar pop-up.

A QDateTimeEdit rewrites typed digits into its sections (typing "2022-11-20 10:00" over
a selection gives 2022-11-11 20:10) and takes five Tab stops. This field is a plain
QLineEdit instead: one Tab stop, and every edit or paste reports the raw text
(`typed`); the presenter reads it (present.inputs.read_typed_moment) into exactly that
moment or marks the field with what is wrong. Picking a day in the calendar, or Up/Down,
reports the new moment's text the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QLocale, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QLineEdit,
    QStyle,
    QStyleOptionFrame,
    QToolButton,
    QVBoxLayout,
)

from lic_desktop.core.periods import InputError
from lic_desktop.core.scenario import format_moment
from lic_desktop.l10n import N_, current_locale
from lic_desktop.present.inputs import read_typed_moment

OPEN_KEYS = ((Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
             (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier))
STEP_KEYS = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}
WIDEST = "2088-08-28 28:48"  # the field is never narrower than a whole moment
# The start of a moment still being typed ("2022-11-2", "2022-11-20 1"): not yet wrong.
HALF_TYPED = re.compile(r"^\d{1,4}(-(\d{1,2}(-(\d{1,2}([ T](\d{1,2}(:\d?)?)?)?)?)?)?)?$")


class CalendarPopup(QFrame):
    """The month to pick a day from: Enter or a click picks, Escape closes."""

    picked = Signal(QDate)

    def __init__(self) -> None:
        # No parent: a field's style sheet (the red border of an error) would style the
        # whole pop-up too.
        super().__init__(None, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("calendar")
        self.calendar.setVerticalHeaderFormat(
            QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(self._on_picked)
        self.calendar.activated.connect(self._on_picked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.calendar)

    def open_on(self, day: QDate, below: QLineEdit) -> None:
        # Month and day names, and the first day of the week, in the UI's language.
        locale = QLocale(current_locale())
        self.calendar.setLocale(locale)
        self.calendar.setFirstDayOfWeek(locale.firstDayOfWeek())
        # Seven columns as wide as the longest day name ("sam.", "Mi."), not clipped.
        bold = self.calendar.font()
        bold.setBold(True)
        widest = max(QFontMetrics(bold).horizontalAdvance(
            locale.dayName(weekday, QLocale.FormatType.ShortFormat)) for weekday in range(1, 8))
        self.calendar.setMinimumWidth(7 * (widest + 14))
        self.calendar.setSelectedDate(day)
        self.adjustSize()
        where = below.mapToGlobal(QPoint(0, below.height()))
        screen = below.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry()
        x = max(room.left(), min(where.x(), room.right() - self.width()))
        y = where.y() if where.y() + self.height() <= room.bottom() \
            else below.mapToGlobal(QPoint(0, 0)).y() - self.height()  # above, if no room
        self.move(x, max(room.top(), y))
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _on_picked(self, day: QDate) -> None:
        self.hide()
        self.picked.emit(day)


class MomentField(QLineEdit):
    """One date-and-time field ("2022-11-16 00:23"); `calendar_button` goes beside it.

    `tr_text` is the owner's Translatable.tr_text: the field's texts follow the language
    with the owner's."""

    typed = Signal(str)  # the field's text, on every edit, paste, pick or step

    def __init__(self, name: str, tr_text: Callable[[Callable[[str], object], str], None]) \
            -> None:
        super().__init__()
        self.name = name
        self.moment: datetime | None = None  # the last valid moment, as the presenter holds it
        tr_text(self.setPlaceholderText, N_("YYYY-MM-DD HH:MM"))
        self.popup = CalendarPopup()
        self.popup.picked.connect(self._on_day_picked)
        self.calendar_button = QToolButton()
        self.calendar_button.setObjectName(f"{name}_calendar")
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        # Alt+Down or F4 in the field opens it: the field stays one Tab stop.
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        tr_text(self.calendar_button.setToolTip, N_("Pick a day (Alt+Down)"))
        tr_text(self.calendar_button.setAccessibleName, N_("Calendar"))
        self.calendar_button.clicked.connect(self.open_calendar)
        self._typing = False
        self.textEdited.connect(self._on_text_edited)
        self.textEdited.connect(self.typed)
        self.editingFinished.connect(self._on_editing_finished)

    def minimumSizeHint(self) -> QSize:
        """Wide enough for a whole moment (or the placeholder) and the border an error
        draws: a plain QLineEdit shrinks to a few characters beside its buttons."""
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        text = max(metrics.horizontalAdvance(WIDEST),
                   metrics.horizontalAdvance(self.placeholderText()))
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        margins = self.textMargins()
        size = self.style().sizeFromContents(
            QStyle.ContentsType.CT_LineEdit, option,
            QSize(text + margins.left() + margins.right() + 4, hint.height()), self)
        return QSize(max(hint.width(), size.width()), hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.minimumSizeHint().width()), hint.height())

    def show_moment(self, moment: datetime, unreadable: str | None) -> None:
        """Paint the presenter's moment, leaving the text alone while it is what the user
        is typing: text that cannot be read (yet), or text that already reads as it."""
        self.moment = moment
        if unreadable is not None:
            if self.text() != unreadable:
                self.setText(unreadable)
        elif self._typed_moment() != moment:
            self.setText(format_moment(moment))

    def half_typed(self) -> bool:
        """Focused, and the text so far is the start of a moment, not yet one: the form
        says what is wrong only once the user leaves the field (or finishes the text), so
        the layout does not jump at every keystroke."""
        return self._typing and self.hasFocus() \
            and bool(HALF_TYPED.match(self.text().strip())) and self._typed_moment() is None

    def _on_text_edited(self) -> None:
        self._typing = True  # by the user: a file's or the presenter's text is not typing

    def _on_editing_finished(self) -> None:
        self._typing = False

    def open_calendar(self) -> None:
        moment = self._current()
        if moment is not None:
            self.popup.open_on(QDate(moment.year, moment.month, moment.day), self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        if (key, modifiers) in OPEN_KEYS:
            self.open_calendar()
        elif key in STEP_KEYS and modifiers == Qt.KeyboardModifier.NoModifier:
            moment = self._current()
            if moment is not None:
                self._report(moment + timedelta(days=STEP_KEYS[Qt.Key(key)]))
        else:
            super().keyPressEvent(event)

    def _on_day_picked(self, day: QDate) -> None:
        moment = self._current()
        if moment is not None:  # the day picked, at the field's time of day
            self._report(moment.replace(year=day.year(), month=day.month(), day=day.day()))

    def _report(self, moment: datetime) -> None:
        self.setText(format_moment(moment))
        self.typed.emit(self.text())

    def _typed_moment(self) -> datetime | None:
        try:
            return read_typed_moment(self.name, self.text())
        except InputError:
            return None

    def _current(self) -> datetime | None:
        """The moment the field reads as, else the last valid one."""
        return self._typed_moment() or self.moment
