"""Keyboard only, as a salesperson on the phone uses the window: Tab goes round the whole
window on every tab page (each pane or table one stop), Ctrl+C copies a pane, and the
menus and the unsaved-changes dialog answer to Alt letters."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lic_desktop.gui.form import mnemonic
from lic_desktop.gui.main_window import MainWindow
from tests.conftest import SCENARIOS

REAL_QUESTION = QMessageBox.question  # before the window fixture answers for the user
MAX_PRESSES = 120


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def tab_round(qtbot: QtBot, start: QWidget, key: Qt.Key = Qt.Key.Key_Tab) -> list[QWidget]:
    """Press Tab (or Shift+Tab) from `start` until the focus is back on it; the widgets
    met on the way, in order. Fails when the focus never comes back (a trap)."""
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    seen: list[QWidget] = []
    for _ in range(MAX_PRESSES):
        qtbot.keyClick(focused(), key)
        if focused() is start:
            return seen
        seen.append(focused())
    names = [w.objectName() or type(w).__name__ for w in seen[-12:]]
    raise AssertionError(f"Tab never came back to {start.objectName()}: ... {names}")


def stops(seen: list[QWidget]) -> list[QWidget]:
    """One entry per widget, in order (a date field's sections are one widget)."""
    out: list[QWidget] = []
    for widget in seen:
        if not out or out[-1] is not widget:
            out.append(widget)
    return out


def show_tab(qtbot: QtBot, window: MainWindow, number: int) -> None:
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + number), Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == number)
    page = window.tabs.currentWidget()  # a page built just now is shown by the event loop
    qtbot.waitUntil(lambda: any(child.isVisible() for child in page.findChildren(QWidget)))


@pytest.mark.parametrize("number", range(5))
def test_tab_goes_round_form_change_page_and_tab_bar(qtbot: QtBot, window: MainWindow,
                                                     number: int) -> None:
    window.open_path(SCENARIOS / "seed-upgrade.toml")
    window.activateWindow()
    show_tab(qtbot, window, number)
    first = window.form.customer
    forward = stops(tab_round(qtbot, first))
    bar = window.tabs.tabBar()
    assert forward[-1] is bar  # the tab bar last, then the first field again
    form_fields = [w for w in forward if window.form.isAncestorOf(w)]
    page = window.tabs.currentWidget()
    on_page = [w for w in forward if page.isAncestorOf(w)]
    # Form and change first, then the page, then the tabs.
    assert forward == [*form_fields, *on_page, bar]
    assert window.form.at in form_fields
    assert len(set(forward)) == len(forward)  # each stop once: nothing traps Tab
    views = [w for w in page.findChildren(QAbstractItemView)
             if w.isVisible() and not isinstance(w, QHeaderView)]
    assert views, "every page shows a pane or a table"
    for view in views:  # each pane and table is one stop
        assert forward.count(view) == 1, view.objectName()
    if number == 0:
        assert set(on_page) == {pane.table for pane in window.panes}
    # Shift+Tab goes the same way back.
    backward = stops(tab_round(qtbot, first, Qt.Key.Key_Backtab))
    assert backward == forward[::-1]


def test_ctrl_c_on_a_pane_copies_its_lines(qtbot: QtBot, window: MainWindow) -> None:
    window.open_path(SCENARIOS / "seed-upgrade.toml")
    order = window.panes[1].table
    window.form.customer.setFocus()
    for _ in range(MAX_PRESSES):  # Tab to the Order details pane
        if focused() is order:
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is order
    QApplication.clipboard().clear()
    qtbot.keyClick(order, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text().splitlines()
    # The pane as the portal (and `quote --format text`) writes it: SPEC.md's seed.
    assert copied[0] == "Order details"
    for line in ("Type\tupdate", "Servers\t16", "Grand total\t$31.84 USD",
                 "Deduction\t-$10.61 USD", "First bill amount\t$21.23 USD", "Status\tactive"):
        assert line in copied
    assert len(copied) == 1 + order.model().rowCount()
    # Arrow keys pick rows inside the pane; Ctrl+C then copies just those.
    qtbot.keyClick(order, Qt.Key.Key_Home)
    qtbot.keyClick(order, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(order, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    picked = QApplication.clipboard().text().splitlines()
    assert len(picked) == 2
    assert picked[0].startswith("ID\t")
    assert picked[1].startswith("Created\t")


@pytest.mark.parametrize("language", ["en_US", "de_DE", "fr_FR"])
def test_every_menu_has_an_alt_letter(window: MainWindow, language: str) -> None:
    window.set_language(language)
    window.open_path(SCENARIOS / "seed-upgrade.toml")
    titles = [a.text() for a in window.menuBar().actions()]
    assert all(mnemonic(t) for t in titles), titles
    for menu in (a.menu() for a in window.menuBar().actions()):
        items = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert all(mnemonic(t) for t in items if not t.startswith(("English", "Deutsch",
                                                                   "Français"))), items
        letters = [mnemonic(t) for t in items if mnemonic(t)]
        assert len(letters) == len(set(letters)), items  # Alt+W, L: one item, not two


def discard_by_alt_letter(qtbot: QtBot, seen: list[list[str]]) -> Callable[[], None]:
    """Reads the modal dialog's button texts and presses Alt + the Discard button's
    letter in it."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append([b.text() for b in box.buttons()])
        box.activateWindow()  # Alt letters work in the active window
        qtbot.waitUntil(box.isActiveWindow)
        key = mnemonic(box.button(QMessageBox.StandardButton.Discard).text())
        if key is not None and key.isascii():
            qtbot.keyClick(QApplication.focusWidget() or box, Qt.Key(ord(key.upper())),
                           Qt.KeyboardModifier.AltModifier)
            with contextlib.suppress(AssertionError):  # it clicks itself (animateClick)
                qtbot.waitUntil(lambda: not box.isVisible(), timeout=2000)
        if box.isVisible():  # the letter did nothing: close it, the test fails below
            box.reject()
    return answer


@pytest.mark.parametrize("language", ["en_US", "de_DE", "fr_FR"])
def test_the_unsaved_changes_dialog_answers_to_alt_letters(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        language: str) -> None:
    monkeypatch.setattr(QMessageBox, "question", REAL_QUESTION)
    window.set_language(language)
    qtbot.keyClicks(window.form.ip, "10.0.0.1")
    assert window.editor.state.modified
    seen: list[list[str]] = []
    QTimer.singleShot(0, discard_by_alt_letter(qtbot, seen))
    window.new_scenario()  # File -> New asks first
    monkeypatch.setattr(QMessageBox, "question",  # closing the window asks no more
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert len(seen) == 1
    keys = [mnemonic(text) for text in seen[0]]
    assert all(keys), seen
    assert len(set(keys)) == len(keys)  # no two buttons share a letter
    if language == "en_US":
        assert sorted(seen[0]) == ["&Cancel", "&Discard", "&Save"]
    assert not window.editor.state.modified  # Alt+letter discarded the changes
    assert window.form.ip.text() == ""
