"""The form's count and amount fields read what is typed as the command line, files and
books do (issue #12, point 10): "3_0" is no 30 servers, "１２" is not dropped unseen, and
"-0" paid is $0.00, never "-$0.00". Driven by keystrokes into the real window.

qtbot.keyClicks cannot type a character that is not on a US keyboard (QTest aborts), so
those arrive as the key event an input method sends: no key code, the character as text.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from lic_desktop.gui.main_window import MainWindow
from lic_desktop.gui.pane_view import PaneView
from tests.conftest import SCENARIOS

CTRL = Qt.KeyboardModifier.ControlModifier


def row(pane: PaneView, label: str) -> str:
    model = pane.model
    return next(model.index(r, 1).data() for r in range(model.rowCount())
                if model.index(r, 0).data() == label)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char,
                               Qt.KeyboardModifier.NoModifier)


def retype(qtbot: QtBot, window: QWidget, field: QWidget, text: str) -> None:
    """Go to the field, select all in it, as a user does, and type over it."""
    window.activateWindow()
    field.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (field, *field.findChildren(QWidget)))
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    type_text(qtbot, field, text)


@pytest.fixture
def seed(window: MainWindow) -> MainWindow:
    """The article's upgrade: 10 servers for $19.90 USD, to 16 servers on the 16th."""
    assert window.open_path(SCENARIOS / "seed-upgrade.toml")
    assert row(window.panes[1], "First bill amount") == "$21.23 USD"  # the seed's figure
    return window


def assert_marked(window: MainWindow, name: str, typed: str, says: str) -> None:
    form = window.form
    error = form.errors[name]
    assert error.isVisible(), window.editor.state.errors
    assert says in error.text()
    assert form.fields[name].property("invalid") is True
    assert window.editor.state.stale
    assert all(not pane.isEnabled() for pane in window.panes)  # the quote greyed
    assert window.banner.text().startswith("Stale:")


# What was typed, and the last count read on the way ("3" of "3_0"; none of "１２": the
# file's 16 stays), whose quote stays on screen greyed.
@pytest.mark.parametrize(("typed", "last"), [("3_0", 3), ("１２", 16), ("٣", 16),
                                             ("1 2", 1)])
def test_a_count_that_is_not_plain_digits_marks_the_field(qtbot: QtBot, seed: MainWindow,
                                                          typed: str, last: int) -> None:
    spin = seed.form.to_quantity
    retype(qtbot, seed, spin, typed)
    assert spin.text() == typed  # every keystroke kept: Qt's validator dropped some
    assert_marked(seed, "to_quantity", typed, "is not a whole number")
    assert seed.editor.inputs.to_quantity == last  # never 30 or 12
    assert row(seed.panes[1], "Servers") == str(last)
    # Leaving the field keeps what was typed and the mark (Qt put 16 back, unmarked).
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    assert spin.text() == typed
    assert_marked(seed, "to_quantity", typed, "is not a whole number")


def test_a_count_of_zero_says_it_must_be_at_least_one(qtbot: QtBot, seed: MainWindow) -> None:
    retype(qtbot, seed, seed.form.to_quantity, "0")
    assert_marked(seed, "to_quantity", "0", "must be at least 1")


def test_typing_the_count_again_fixes_the_field(qtbot: QtBot, seed: MainWindow) -> None:
    spin = seed.form.to_quantity
    retype(qtbot, seed, spin, "3_0")
    assert_marked(seed, "to_quantity", "3_0", "is not a whole number")
    retype(qtbot, seed, spin, "30")
    assert not seed.editor.state.stale, seed.editor.state.errors
    assert not seed.form.errors["to_quantity"].isVisible()
    assert seed.editor.inputs.to_quantity == 30
    assert spin.value() == 30
    assert row(seed.panes[1], "Servers") == "30"


def test_the_amount_paid_reads_as_the_command_line_reads_it(qtbot: QtBot,
                                                            seed: MainWindow) -> None:
    retype(qtbot, seed, seed.form.paid, "-0")
    assert not seed.editor.state.stale, seed.editor.state.errors
    assert row(seed.panes[0], "Amount") == "$0.00 USD"  # it showed "-$0.00 USD"
    for typed in ("3_0", "１２"):
        retype(qtbot, seed, seed.form.paid, typed)
        assert seed.form.paid.text() == typed
        assert_marked(seed, "paid", typed, "is not an amount")
