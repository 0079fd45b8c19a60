"""A date field gives exactly the moment typed (or pasted), or says what is wrong (#11.1).

Driven by keystrokes into the real window. The expected days come from SPEC C4 (whole
24-hour days from the period start to the change moment), not from the code's output.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView, QWidget
from pytestqt.qtbot import QtBot

from lic_desktop.gui.main_window import MainWindow
from lic_desktop.gui.pane_view import PaneView
from tests.conftest import SCENARIOS

CTRL = Qt.KeyboardModifier.ControlModifier


def row(pane: PaneView, label: str) -> str:
    model = pane.model
    return next(model.index(r, 1).data() for r in range(model.rowCount())
                if model.index(r, 0).data() == label)


def focus(qtbot: QtBot, window: QWidget, widget: QWidget) -> None:
    window.activateWindow()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def retype(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Go to the field, select all in it, as a user does, and type over it."""
    focus(qtbot, field.window(), field)
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(field, text)


@pytest.fixture
def seed(window: MainWindow) -> MainWindow:
    """The article's upgrade: period start 2022-11-01 09:00, change 2022-11-16 00:23."""
    assert window.open_path(SCENARIOS / "seed-upgrade.toml")
    assert row(window.panes[0], "Days used") == "14"
    return window


def test_typing_a_change_moment_quotes_exactly_that_moment(qtbot: QtBot,
                                                           window: MainWindow) -> None:
    # A fresh window: both moments are now, in another year than the one typed.
    retype(qtbot, window.form.at, "2022-11-20 10:00")
    assert window.editor.inputs.at == datetime(2022, 11, 20, 10, 0)
    assert window.form.at.text() == "2022-11-20 10:00"
    retype(qtbot, window.form.start, "2022-11-01 09:00")
    assert window.editor.inputs.start == datetime(2022, 11, 1, 9, 0)
    assert window.editor.inputs.at == datetime(2022, 11, 20, 10, 0)
    assert not window.editor.state.stale
    # 2022-11-01 09:00 to 2022-11-20 10:00: 19 whole days.
    assert row(window.panes[0], "Days used") == "19"
    assert row(window.panes[0], "Days remaining") == "11"


def test_typing_a_period_start_gives_exactly_that_start(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    retype(qtbot, window.form.at, "2022-11-16 00:23")
    retype(qtbot, window.form.start, "2022-11-01 09:00")
    assert window.editor.inputs.start == datetime(2022, 11, 1, 9, 0)
    assert window.form.start.text() == "2022-11-01 09:00"
    assert row(window.panes[0], "Start date") == "Nov 1, 2022"
    assert row(window.panes[0], "Days used") == "14"


def test_a_date_alone_is_midnight(qtbot: QtBot, seed: MainWindow) -> None:
    retype(qtbot, seed.form.at, "2022-11-21")
    assert seed.editor.inputs.at == datetime(2022, 11, 21, 0, 0)
    assert not seed.editor.state.stale
    assert row(seed.panes[0], "Days used") == "19"  # 19 days 15 hours after 09:00
    assert seed.form.at.text() == "2022-11-21"  # what was typed stays as typed


def test_a_moment_that_cannot_be_read_marks_the_field(qtbot: QtBot,
                                                      seed: MainWindow) -> None:
    good = row(seed.panes[1], "First bill amount")
    retype(qtbot, seed.form.at, "2022-13-01 10:00")
    error = seed.form.errors["at"]
    assert error.isVisible()
    assert "2022-13-01 10:00" in error.text()
    assert seed.form.at.property("invalid") is True
    assert seed.editor.state.stale
    assert seed.banner.text().startswith("Stale:")
    assert seed.editor.inputs.at == datetime(2022, 11, 16, 0, 23)  # the last valid one
    assert seed.form.at.text() == "2022-13-01 10:00"  # the text is not replaced
    assert row(seed.panes[1], "First bill amount") == good
    retype(qtbot, seed.form.at, "2022-11-20 10:00")
    assert not error.isVisible()
    assert not seed.editor.state.stale


@pytest.mark.parametrize(("pasted", "moment", "days"), [
    ("2022-11-20 10:00", datetime(2022, 11, 20, 10, 0), "19"),
    ("2022-11-20", datetime(2022, 11, 20, 0, 0), "18")])  # 18 days 15 hours after 09:00
def test_a_pasted_moment_is_that_moment(qtbot: QtBot, seed: MainWindow, pasted: str,
                                        moment: datetime, days: str) -> None:
    QGuiApplication.clipboard().setText(pasted)
    focus(qtbot, seed, seed.form.at)
    qtbot.keyClick(seed.form.at, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(seed.form.at, Qt.Key.Key_V, CTRL)
    QGuiApplication.clipboard().clear()
    assert seed.editor.inputs.at == moment
    assert row(seed.panes[0], "Days used") == days


@pytest.mark.parametrize(("before", "name", "after"), [
    ("cycle", "start", "paid"), ("to_cycle", "at", None)])
def test_a_date_field_is_one_tab_stop(qtbot: QtBot, seed: MainWindow, before: str,
                                      name: str, after: str | None) -> None:
    form = seed.form
    field = form.fields[name]
    focus(qtbot, seed, form.fields[before])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is field
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    landed = QApplication.focusWidget()
    assert landed is not field
    assert landed is (form.fields[after] if after else form.due_button)


def test_the_calendar_opens_by_keyboard_and_keeps_the_time(qtbot: QtBot,
                                                           seed: MainWindow) -> None:
    field = seed.form.at
    focus(qtbot, seed, field)
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = field.popup
    qtbot.waitUntil(popup.isVisible)
    calendar = popup.calendar
    assert calendar.selectedDate() == QDate(2022, 11, 16)
    qtbot.waitUntil(lambda: calendar.isAncestorOf(QApplication.focusWidget()))
    for _day in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert seed.editor.inputs.at == datetime(2022, 11, 20, 0, 23)
    assert field.text() == "2022-11-20 00:23"
    qtbot.keyClick(field, Qt.Key.Key_F4)  # F4 opens it too; Escape closes, nothing picked
    qtbot.waitUntil(popup.isVisible)
    qtbot.waitUntil(lambda: calendar.isAncestorOf(QApplication.focusWidget()))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert seed.editor.inputs.at == datetime(2022, 11, 20, 0, 23)


def test_the_calendar_button_picks_a_day(qtbot: QtBot, seed: MainWindow) -> None:
    field = seed.form.start
    assert field.calendar_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    qtbot.mouseClick(field.calendar_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(field.popup.isVisible)
    # A mouse click on the 2nd of the month shown (the 1st of the period is selected).
    view = field.popup.calendar.findChild(QTableView, "qt_calendar_calendarview")
    assert view is not None
    model = view.model()
    cells = [model.index(r, c) for r in range(model.rowCount())
             for c in range(model.columnCount())]
    days = [str(cell.data()) for cell in cells]
    second = cells[days.index("1") + 1]  # the first "1" of the grid is this month's 1st
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(second).center())
    assert seed.editor.inputs.start == datetime(2022, 11, 2, 9, 0)


def test_up_and_down_step_a_day(qtbot: QtBot, seed: MainWindow) -> None:
    field: QLineEdit = seed.form.at
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert seed.editor.inputs.at == datetime(2022, 11, 17, 0, 23)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert seed.editor.inputs.at == datetime(2022, 11, 15, 0, 23)
    assert field.text() == "2022-11-15 00:23"


def test_the_calendar_speaks_the_ui_language(qtbot: QtBot, seed: MainWindow) -> None:
    seed.set_language("de_DE")
    field = seed.form.at
    focus(qtbot, seed, field)
    qtbot.keyClick(field, Qt.Key.Key_F4)
    qtbot.waitUntil(field.popup.isVisible)
    calendar = field.popup.calendar
    assert calendar.locale().name() == "de_DE"
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


def test_a_half_typed_date_waits_to_say_what_is_wrong_until_the_field_is_left(
        qtbot: QtBot, window: MainWindow) -> None:
    # Each keystroke of "2022-11-20" used to bring up the error line and the banner and
    # take them away again: the whole window jumped while a date was typed.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field = window.form.at
    focus(qtbot, window, field)
    field.selectAll()
    qtbot.keyClicks(field, "2022-11-2")
    assert window.editor.state.stale  # the quote is not for this text: greyed
    assert not window.quote_tab.panes[0].isEnabled()
    assert not window.form.errors["at"].isVisible()
    assert not window.banner.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # left half-typed: now it is wrong
    qtbot.waitUntil(window.form.errors["at"].isVisible)
    assert window.banner.isVisible()
    assert window.banner.text().startswith("Stale: Change moment:")
